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
/*
    The block decoders classify each character by its two nibbles (W. Mula and D. Lemire,
    "Faster Base64 Encoding and Decoding Using AVX2 Instructions", with tables for the base64url
    alphabet). Each high nibble has one bit (HighBits); LowBits gives, per low nibble, the bits
    of the high nibbles with which that low nibble is NOT in the alphabet. A character is in the
    alphabet exactly when the two lookups share no bit:

      high  in the alphabet          bit     value = character + Shift[high]
      2     '-' (low D)              0x01    +17 (62)
      3     '0'-'9' (low 0-9)        0x02    +4  (52-61)
      4     'A'-'O' (low 1-F)        0x04    -65 (0-14)
      5     'P'-'Z' (low 0-A), '_'   0x08    -65 (15-25); '_' -32 (63)
      6     'a'-'o' (low 1-F)        0x04    -71 (26-40)
      7     'p'-'z' (low 0-A)        0x10    -71 (41-51)
      other none                     0x80    (every LowBits entry has 0x80)

    Then a*64 + b per 16 bits, (a*64 + b)*4096 + (c*64 + d) per 32 bits, and the three bytes of
    each 24-bit group in big-endian order.
*/
#define OAUTH4QT_B64_LOW_BITS \
    char(0x85), char(0x81), char(0x81), char(0x81), char(0x81), char(0x81), char(0x81), char(0x81), \
    char(0x81), char(0x81), char(0x83), char(0x9B), char(0x9B), char(0x9A), char(0x9B), char(0x93)
#define OAUTH4QT_B64_HIGH_BITS \
    char(0x80), char(0x80), 0x01, 0x02, 0x04, 0x08, 0x04, 0x10, \
    char(0x80), char(0x80), char(0x80), char(0x80), char(0x80), char(0x80), char(0x80), char(0x80)
#define OAUTH4QT_B64_SHIFT 0, 0, 17, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0
#define OAUTH4QT_B64_ORDER 2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1

// Decodes 16 characters at a time while at least \a n - 8 remain (so the 16-byte store, of which
// 12 bytes count, never passes the end of the output). Returns the characters consumed, or -1
// at the first block with a character outside the alphabet (the whole input is then refused).
__attribute__((target("ssse3"))) qsizetype decodeBlocksSsse3(const uchar *in, qsizetype n, uchar *out)
{
    const __m128i lowBits = _mm_setr_epi8(OAUTH4QT_B64_LOW_BITS);
    const __m128i highBits = _mm_setr_epi8(OAUTH4QT_B64_HIGH_BITS);
    const __m128i shift = _mm_setr_epi8(OAUTH4QT_B64_SHIFT);
    const __m128i order = _mm_setr_epi8(OAUTH4QT_B64_ORDER);
    const __m128i nibble = _mm_set1_epi8(0x0F), underscore = _mm_set1_epi8('_');
    const __m128i underscoreFix = _mm_set1_epi8(33), zero = _mm_setzero_si128();
    const __m128i mergePairs = _mm_set1_epi32(0x01400140), mergeQuads = _mm_set1_epi32(0x00011000);
    qsizetype i = 0;
    for (; i + 24 <= n; i += 16, out += 12) {
        const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i *>(in + i));
        const __m128i high = _mm_and_si128(_mm_srli_epi32(c, 4), nibble);
        const __m128i outside = _mm_and_si128(_mm_shuffle_epi8(lowBits, _mm_and_si128(c, nibble)),
                                              _mm_shuffle_epi8(highBits, high));
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(outside, zero)) != 0xFFFF)
            return -1;
        const __m128i offset = _mm_add_epi8(_mm_shuffle_epi8(shift, high),
                                            _mm_and_si128(_mm_cmpeq_epi8(c, underscore), underscoreFix));
        const __m128i values = _mm_add_epi8(c, offset);
        const __m128i quads = _mm_madd_epi16(_mm_maddubs_epi16(values, mergePairs), mergeQuads);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(out), _mm_shuffle_epi8(quads, order));
    }
    return i;
}

// The same with 32 characters at a time while at least \a n - 16 remain (the 32-byte store, of
// which 24 bytes count, stays inside the output). Each 128-bit lane packs its 12 bytes like the
// SSSE3 path; a cross-lane permute then joins the two halves.
__attribute__((target("avx2"))) qsizetype decodeBlocksAvx2(const uchar *in, qsizetype n, uchar *out)
{
    const __m256i lowBits = _mm256_setr_epi8(OAUTH4QT_B64_LOW_BITS, OAUTH4QT_B64_LOW_BITS);
    const __m256i highBits = _mm256_setr_epi8(OAUTH4QT_B64_HIGH_BITS, OAUTH4QT_B64_HIGH_BITS);
    const __m256i shift = _mm256_setr_epi8(OAUTH4QT_B64_SHIFT, OAUTH4QT_B64_SHIFT);
    const __m256i order = _mm256_setr_epi8(OAUTH4QT_B64_ORDER, OAUTH4QT_B64_ORDER);
    const __m256i nibble = _mm256_set1_epi8(0x0F), underscore = _mm256_set1_epi8('_');
    const __m256i underscoreFix = _mm256_set1_epi8(33);
    const __m256i mergePairs = _mm256_set1_epi32(0x01400140), mergeQuads = _mm256_set1_epi32(0x00011000);
    const __m256i join = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
    qsizetype i = 0;
    for (; i + 48 <= n; i += 32, out += 24) {
        const __m256i c = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(in + i));
        const __m256i high = _mm256_and_si256(_mm256_srli_epi32(c, 4), nibble);
        const __m256i outside = _mm256_and_si256(_mm256_shuffle_epi8(lowBits, _mm256_and_si256(c, nibble)),
                                                 _mm256_shuffle_epi8(highBits, high));
        if (!_mm256_testz_si256(outside, outside))
            return -1;
        const __m256i offset = _mm256_add_epi8(_mm256_shuffle_epi8(shift, high),
                                               _mm256_and_si256(_mm256_cmpeq_epi8(c, underscore), underscoreFix));
        const __m256i values = _mm256_add_epi8(c, offset);
        const __m256i quads = _mm256_madd_epi16(_mm256_maddubs_epi16(values, mergePairs), mergeQuads);
        const __m256i packed = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(quads, order), join);
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(out), packed);
    }
    return i;
}
#undef OAUTH4QT_B64_LOW_BITS
#undef OAUTH4QT_B64_HIGH_BITS
#undef OAUTH4QT_B64_SHIFT
#undef OAUTH4QT_B64_ORDER

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
