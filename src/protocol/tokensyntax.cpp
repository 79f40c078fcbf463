// SPDX-License-Identifier: BSD-3-Clause
#include "tokensyntax_p.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace OAuth4Qt {

namespace {

// RFC 6750 2.1 b64token characters (before any '=' padding): ALPHA / DIGIT / "-" / "." / "_" /
// "~" / "+" / "/". An access token can be kilobytes long (a JWT) and is checked on every token
// response: eight characters at a time where the CPU allows (SSE2 is part of x86-64), then one
// lookup per character.
struct B64TokenTable
{
    bool allowed[128] = {};
    constexpr B64TokenTable()
    {
        for (int c = 'A'; c <= 'Z'; ++c)
            allowed[c] = true;
        for (int c = 'a'; c <= 'z'; ++c)
            allowed[c] = true;
        for (int c = '0'; c <= '9'; ++c)
            allowed[c] = true;
        for (const char c : { '-', '.', '_', '~', '+', '/' })
            allowed[int(c)] = true;
    }
};
constexpr B64TokenTable b64TokenTable;

#if defined(__SSE2__)
// Eight UTF-16 code units at a time: a lane is a token character when it lies in "-"..."9"
// (- . / 0-9), "A"..."Z" or "a"..."z", or is "+", "_" or "~". Signed 16-bit compares: a code
// unit >= 0x8000 is negative and lies in no range.
inline int b64TokenMask(__m128i v)
{
    auto inRange = [v](short lo, short hi) {
        return _mm_and_si128(_mm_cmpgt_epi16(v, _mm_set1_epi16(short(lo - 1))),
                             _mm_cmplt_epi16(v, _mm_set1_epi16(short(hi + 1))));
    };
    const __m128i ok = _mm_or_si128(
        _mm_or_si128(_mm_or_si128(inRange('-', '9'), inRange('A', 'Z')), inRange('a', 'z')),
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi16(v, _mm_set1_epi16('+')), _mm_cmpeq_epi16(v, _mm_set1_epi16('_'))),
                     _mm_cmpeq_epi16(v, _mm_set1_epi16('~'))));
    return _mm_movemask_epi8(ok); // two bits per lane
}
#endif

} // namespace

bool isB64Token(QStringView value)
{
    const char16_t *p = value.utf16();
    const char16_t *const end = p + value.size();
#if defined(__SSE2__)
    while (end - p >= 8) {
        const int mask = b64TokenMask(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
        if (mask != 0xFFFF) {
            p += __builtin_ctz(unsigned(~mask)) / 2; // the first lane that is not a token character
            break;
        }
        p += 8;
    }
#endif
    while (p != end && *p < 128 && b64TokenTable.allowed[*p])
        ++p;
    if (p == value.utf16())
        return false; // at least one token character before any padding
    for (; p != end; ++p) {
        if (*p != u'=')
            return false;
    }
    return true;
}

bool isVsCharString(QStringView value)
{
    if (value.isEmpty())
        return false;
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

Error checkAccessTokenForHeader(const QString &accessToken)
{
    if (accessToken.isEmpty())
        return Error(ErrorCode::InvalidArgument, QStringLiteral("the access token is empty"));
    if (!isB64Token(accessToken))
        return Error(ErrorCode::InvalidArgument,
                     QStringLiteral("the access token has characters an Authorization header cannot carry (RFC 6750 b64token)"));
    return {};
}

} // namespace OAuth4Qt
