// SPDX-License-Identifier: BSD-3-Clause
#include "base64url_p.h"

#include <oauth4qt/jws.h>

#include <array>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#  define OAUTH4QT_BASE64URL_SSSE3 1
#  include <immintrin.h>
#endif

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
#ifdef OAUTH4QT_BASE64URL_SSSE3
// Decodes 16 characters at a time while at least \a n - 8 remain (so the 16-byte store, of which
// 12 bytes count, never passes the end of the output). Returns the characters consumed, or -1
// at the first block with a character outside the alphabet (the whole input is then refused).
// Ranges by signed compares: bytes 0x80 and above are negative and match no range.
__attribute__((target("ssse3"))) qsizetype decodeBlocksSsse3(const uchar *in, qsizetype n, uchar *out)
{
    const __m128i upperLo = _mm_set1_epi8('A' - 1), upperHi = _mm_set1_epi8('Z' + 1);
    const __m128i lowerLo = _mm_set1_epi8('a' - 1), lowerHi = _mm_set1_epi8('z' + 1);
    const __m128i digitLo = _mm_set1_epi8('0' - 1), digitHi = _mm_set1_epi8('9' + 1);
    const __m128i dash = _mm_set1_epi8('-'), underscore = _mm_set1_epi8('_');
    const __m128i upperOff = _mm_set1_epi8(char(-'A')), lowerOff = _mm_set1_epi8(char(26 - 'a'));
    const __m128i digitOff = _mm_set1_epi8(char(52 - '0')), dashOff = _mm_set1_epi8(char(62 - '-'));
    const __m128i underscoreOff = _mm_set1_epi8(char(63 - '_'));
    const __m128i mergePairs = _mm_set1_epi32(0x01400140);
    const __m128i mergeQuads = _mm_set1_epi32(0x00011000);
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    qsizetype i = 0;
    for (; i + 24 <= n; i += 16, out += 12) {
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(in + i));
        const __m128i up = _mm_and_si128(_mm_cmpgt_epi8(c, upperLo), _mm_cmplt_epi8(c, upperHi));
        const __m128i lo = _mm_and_si128(_mm_cmpgt_epi8(c, lowerLo), _mm_cmplt_epi8(c, lowerHi));
        const __m128i dg = _mm_and_si128(_mm_cmpgt_epi8(c, digitLo), _mm_cmplt_epi8(c, digitHi));
        const __m128i da = _mm_cmpeq_epi8(c, dash);
        const __m128i us = _mm_cmpeq_epi8(c, underscore);
        const __m128i valid = _mm_or_si128(_mm_or_si128(_mm_or_si128(up, lo), _mm_or_si128(dg, da)), us);
        if (_mm_movemask_epi8(valid) != 0xFFFF)
            return -1;
        const __m128i offset = _mm_or_si128(
                _mm_or_si128(_mm_and_si128(up, upperOff), _mm_and_si128(lo, lowerOff)),
                _mm_or_si128(_mm_or_si128(_mm_and_si128(dg, digitOff), _mm_and_si128(da, dashOff)),
                             _mm_and_si128(us, underscoreOff)));
        const __m128i values = _mm_add_epi8(c, offset);
        // a*64 + b per 16 bits, then (a*64 + b)*4096 + (c*64 + d) per 32 bits, then the three
        // bytes of each 24-bit group in big-endian order.
        const __m128i pairs = _mm_maddubs_epi16(values, mergePairs);
        const __m128i quads = _mm_madd_epi16(pairs, mergeQuads);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out), _mm_shuffle_epi8(quads, order));
    }
    return i;
}

// The same with 32 characters at a time while at least \a n - 16 remain (the 32-byte store, of
// which 24 bytes count, stays inside the output). Each 128-bit lane packs its 12 bytes like the
// SSSE3 path; a cross-lane permute then joins the two halves.
__attribute__((target("avx2"))) qsizetype decodeBlocksAvx2(const uchar *in, qsizetype n, uchar *out)
{
    const __m256i upperLo = _mm256_set1_epi8('A' - 1), upperHi = _mm256_set1_epi8('Z' + 1);
    const __m256i lowerLo = _mm256_set1_epi8('a' - 1), lowerHi = _mm256_set1_epi8('z' + 1);
    const __m256i digitLo = _mm256_set1_epi8('0' - 1), digitHi = _mm256_set1_epi8('9' + 1);
    const __m256i dash = _mm256_set1_epi8('-'), underscore = _mm256_set1_epi8('_');
    const __m256i upperOff = _mm256_set1_epi8(char(-'A')), lowerOff = _mm256_set1_epi8(char(26 - 'a'));
    const __m256i digitOff = _mm256_set1_epi8(char(52 - '0')), dashOff = _mm256_set1_epi8(char(62 - '-'));
    const __m256i underscoreOff = _mm256_set1_epi8(char(63 - '_'));
    const __m256i mergePairs = _mm256_set1_epi32(0x01400140);
    const __m256i mergeQuads = _mm256_set1_epi32(0x00011000);
    const __m256i order = _mm256_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
                                           2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    const __m256i join = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
    qsizetype i = 0;
    for (; i + 48 <= n; i += 32, out += 24) {
        const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(in + i));
        const __m256i up = _mm256_and_si256(_mm256_cmpgt_epi8(c, upperLo), _mm256_cmpgt_epi8(upperHi, c));
        const __m256i lo = _mm256_and_si256(_mm256_cmpgt_epi8(c, lowerLo), _mm256_cmpgt_epi8(lowerHi, c));
        const __m256i dg = _mm256_and_si256(_mm256_cmpgt_epi8(c, digitLo), _mm256_cmpgt_epi8(digitHi, c));
        const __m256i da = _mm256_cmpeq_epi8(c, dash);
        const __m256i us = _mm256_cmpeq_epi8(c, underscore);
        const __m256i valid = _mm256_or_si256(_mm256_or_si256(_mm256_or_si256(up, lo), _mm256_or_si256(dg, da)), us);
        if (_mm256_movemask_epi8(valid) != -1)
            return -1;
        const __m256i offset = _mm256_or_si256(
                _mm256_or_si256(_mm256_and_si256(up, upperOff), _mm256_and_si256(lo, lowerOff)),
                _mm256_or_si256(_mm256_or_si256(_mm256_and_si256(dg, digitOff), _mm256_and_si256(da, dashOff)),
                                _mm256_and_si256(us, underscoreOff)));
        const __m256i values = _mm256_add_epi8(c, offset);
        const __m256i pairs = _mm256_maddubs_epi16(values, mergePairs);
        const __m256i quads = _mm256_madd_epi16(pairs, mergeQuads);
        const __m256i packed = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(quads, order), join);
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(out), packed);
    }
    return i;
}

enum class Simd { None, Ssse3, Avx2 };

Simd simdLevel()
{
    static const Simd level = [] {
        __builtin_cpu_init(); // in case the first decode runs from a static initializer
        return __builtin_cpu_supports("avx2") ? Simd::Avx2 : __builtin_cpu_supports("ssse3") ? Simd::Ssse3 : Simd::None;
    }();
    return level;
}
#endif

} // namespace

QByteArray encode(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

qsizetype decodedSize(qsizetype textSize)
{
    const qsizetype rem = textSize % 4;
    return rem == 1 ? -1 : textSize / 4 * 3 + (rem ? rem - 1 : 0);
}

qsizetype decodeInto(const char *text, qsizetype n, uchar *o)
{
    // One strict pass (Qt's decoder accepts padding, a lone trailing character and non-zero
    // trailing bits): only the alphabet, no padding, canonical trailing bits.
    static const auto table = [] {
        std::array<signed char, 256> t{};
        t.fill(-1);
        for (int c = 0; c < 256; ++c)
            t[size_t(c)] = static_cast<signed char>(alphabetValue(char(c)));
        return t;
    }();
    const qsizetype rem = n % 4;
    if (rem == 1)
        return -1;
    const auto *in = reinterpret_cast<const uchar *>(text);
    uchar *const begin = o;
    qsizetype i = 0;
#ifdef OAUTH4QT_BASE64URL_SSSE3
    if (n >= 24) {
        const Simd level = simdLevel();
        if (level == Simd::Avx2) {
            i = decodeBlocksAvx2(in, n, o);
            if (i < 0)
                return -1;
            o += i / 4 * 3;
        }
        if (level != Simd::None) {
            const qsizetype more = decodeBlocksSsse3(in + i, n - i, o);
            if (more < 0)
                return -1;
            i += more;
            o += more / 4 * 3;
        }
    }
#endif
    for (; i + 4 <= n; i += 4) {
        const int a = table[in[i]], b = table[in[i + 1]], c = table[in[i + 2]], d = table[in[i + 3]];
        if ((a | b | c | d) < 0)
            return -1;
        const uint v = (uint(a) << 18) | (uint(b) << 12) | (uint(c) << 6) | uint(d);
        *o++ = uchar(v >> 16);
        *o++ = uchar(v >> 8);
        *o++ = uchar(v);
    }
    if (rem == 2) {
        const int a = table[in[i]], b = table[in[i + 1]];
        if ((a | b) < 0 || (b & 0x0F) != 0)
            return -1;
        *o++ = uchar((a << 2) | (b >> 4));
    } else if (rem == 3) {
        const int a = table[in[i]], b = table[in[i + 1]], c = table[in[i + 2]];
        if ((a | b | c) < 0 || (c & 0x03) != 0)
            return -1;
        *o++ = uchar((a << 2) | (b >> 4));
        *o++ = uchar(((b & 0x0F) << 4) | (c >> 2));
    }
    return o - begin;
}

QByteArray decode(const QByteArray &text, bool *ok)
{
    if (ok)
        *ok = false;
    const qsizetype size = decodedSize(text.size());
    if (size < 0)
        return {};
    QByteArray out(size, Qt::Uninitialized);
    if (decodeInto(text.constData(), text.size(), reinterpret_cast<uchar *>(out.data())) != size)
        return {};
    if (ok)
        *ok = true;
    return out;
}

} // namespace Base64Url
} // namespace OAuth4Qt
