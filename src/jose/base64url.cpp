// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/jws.h>

#include <array>

namespace OAuth4Qt {
namespace Base64Url {

namespace {
// Value of a base64url alphabet character, -1 outside the alphabet.
int alphabetValue(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}
} // namespace

QByteArray encode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray decode(const QByteArray &text, bool *ok)
{
    if (ok)
        *ok = false;
    // One strict pass (Qt's decoder accepts padding, a lone trailing character and non-zero
    // trailing bits): only the alphabet, no padding, canonical trailing bits.
    static const auto table = [] {
        std::array<signed char, 256> t{};
        t.fill(-1);
        for (int c = 0; c < 256; ++c)
            t[size_t(c)] = static_cast<signed char>(alphabetValue(char(c)));
        return t;
    }();
    const qsizetype n = text.size();
    const qsizetype rem = n % 4;
    if (rem == 1)
        return {};
    const auto *in = reinterpret_cast<const uchar *>(text.constData());
    QByteArray out(n / 4 * 3 + (rem ? rem - 1 : 0), Qt::Uninitialized);
    auto *o = reinterpret_cast<uchar *>(out.data());
    qsizetype i = 0;
    for (; i + 4 <= n; i += 4) {
        const int a = table[in[i]], b = table[in[i + 1]], c = table[in[i + 2]], d = table[in[i + 3]];
        if ((a | b | c | d) < 0)
            return {};
        const uint v = (uint(a) << 18) | (uint(b) << 12) | (uint(c) << 6) | uint(d);
        *o++ = uchar(v >> 16);
        *o++ = uchar(v >> 8);
        *o++ = uchar(v);
    }
    if (rem == 2) {
        const int a = table[in[i]], b = table[in[i + 1]];
        if ((a | b) < 0 || (b & 0x0F) != 0)
            return {};
        *o++ = uchar((a << 2) | (b >> 4));
    } else if (rem == 3) {
        const int a = table[in[i]], b = table[in[i + 1]], c = table[in[i + 2]];
        if ((a | b | c) < 0 || (c & 0x03) != 0)
            return {};
        *o++ = uchar((a << 2) | (b >> 4));
        *o++ = uchar(((b & 0x0F) << 4) | (c >> 2));
    }
    if (ok)
        *ok = true;
    return out;
}

} // namespace Base64Url
} // namespace OAuth4Qt
