// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/json.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonParseError>
#include <QtCore/QVarLengthArray>

#include <string_view>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace OAuth4Qt {
namespace Json {

namespace {

constexpr int MaxDepth = 64;
constexpr int SmallObject = 16;

/*
    A strict RFC 8259 validator run before QJsonDocument, for what Qt accepts silently:
    duplicate member names (at any depth; names compared after unescaping), invalid UTF-8,
    lone surrogate escapes, trailing data. Recursion is bounded by MaxDepth.
*/
class Validator
{
public:
    Validator(const char *begin, const char *end) : m_p(begin), m_end(end) { }

    bool run()
    {
        skipWhitespace();
        if (m_p == m_end || *m_p != '{')
            return fail("top level is not an object");
        if (!parseValue(0))
            return false;
        skipWhitespace();
        if (m_p != m_end)
            return fail("trailing data after the JSON value");
        return true;
    }

    const char *error() const { return m_error; }

private:
    bool fail(const char *why)
    {
        if (!m_error)
            m_error = why;
        return false;
    }

    void skipWhitespace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\t' || *m_p == '\n' || *m_p == '\r'))
            ++m_p;
    }

    bool parseValue(int depth)
    {
        if (m_p == m_end)
            return fail("unexpected end of input");
        switch (*m_p) {
        case '{':
            return parseObject(depth + 1);
        case '[':
            return parseArray(depth + 1);
        case '"':
            return parseString(nullptr);
        case 't':
            return parseLiteral("true");
        case 'f':
            return parseLiteral("false");
        case 'n':
            return parseLiteral("null");
        default:
            return parseNumber();
        }
    }

    bool parseObject(int depth)
    {
        if (depth > MaxDepth)
            return fail("nesting too deep");
        ++m_p; // '{'
        skipWhitespace();
        if (m_p != m_end && *m_p == '}') {
            ++m_p;
            return true;
        }
        // Member names seen so far, as byte ranges: into the input when the name has no escape
        // (its UTF-8 bytes are its value), else into a decoded copy. A linear scan for small
        // objects, a hash set past SmallObject names (no quadratic blow-up on huge objects).
        QVarLengthArray<std::string_view, SmallObject> names;
        std::unordered_set<std::string_view> bigNames;
        QList<QByteArray> decodedNames; // their buffers stay put when the list grows
        while (true) {
            skipWhitespace();
            if (m_p == m_end || *m_p != '"')
                return fail("expected a member name");
            const char *nameStart = m_p + 1;
            if (!parseString(nullptr))
                return false;
            std::string_view name(nameStart, size_t(m_p - 1 - nameStart));
            if (name.find('\\') != std::string_view::npos) {
                const char *after = m_p;
                m_p = nameStart - 1;
                QByteArray decoded;
                parseString(&decoded); // validated above
                m_p = after;
                decodedNames.append(decoded);
                name = std::string_view(decoded.constData(), size_t(decoded.size())); // shares the list's buffer
            }
            if (bigNames.empty()) {
                for (const std::string_view &seen : names) {
                    if (seen == name)
                        return fail("duplicate member name");
                }
                if (names.size() < SmallObject) {
                    names.append(name);
                } else {
                    bigNames.insert(names.cbegin(), names.cend());
                    bigNames.insert(name);
                }
            } else if (!bigNames.insert(name).second) {
                return fail("duplicate member name");
            }
            skipWhitespace();
            if (m_p == m_end || *m_p != ':')
                return fail("expected ':'");
            ++m_p;
            skipWhitespace();
            if (!parseValue(depth))
                return false;
            skipWhitespace();
            if (m_p == m_end)
                return fail("unexpected end of input");
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == '}') {
                ++m_p;
                return true;
            }
            return fail("expected ',' or '}'");
        }
    }

    bool parseArray(int depth)
    {
        if (depth > MaxDepth)
            return fail("nesting too deep");
        ++m_p; // '['
        skipWhitespace();
        if (m_p != m_end && *m_p == ']') {
            ++m_p;
            return true;
        }
        while (true) {
            skipWhitespace();
            if (!parseValue(depth))
                return false;
            skipWhitespace();
            if (m_p == m_end)
                return fail("unexpected end of input");
            if (*m_p == ',') {
                ++m_p;
                continue;
            }
            if (*m_p == ']') {
                ++m_p;
                return true;
            }
            return fail("expected ',' or ']'");
        }
    }

    bool parseLiteral(const char *literal)
    {
        for (const char *l = literal; *l; ++l, ++m_p) {
            if (m_p == m_end || *m_p != *l)
                return fail("invalid literal");
        }
        return true;
    }

    static bool isDigit(char c) { return c >= '0' && c <= '9'; }

    bool parseNumber()
    {
        if (m_p != m_end && *m_p == '-')
            ++m_p;
        if (m_p == m_end || !isDigit(*m_p))
            return fail("invalid value");
        if (*m_p == '0') {
            ++m_p;
        } else {
            while (m_p != m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p != m_end && *m_p == '.') {
            ++m_p;
            if (m_p == m_end || !isDigit(*m_p))
                return fail("invalid number");
            while (m_p != m_end && isDigit(*m_p))
                ++m_p;
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (m_p == m_end || !isDigit(*m_p))
                return fail("invalid number");
            while (m_p != m_end && isDigit(*m_p))
                ++m_p;
        }
        return true;
    }

    static int hexValue(char c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool parseHex4(uint *out)
    {
        if (m_end - m_p < 4)
            return fail("invalid escape");
        uint v = 0;
        for (int i = 0; i < 4; ++i) {
            const int h = hexValue(m_p[i]);
            if (h < 0)
                return fail("invalid escape");
            v = (v << 4) | uint(h);
        }
        m_p += 4;
        *out = v;
        return true;
    }

    static void appendUtf8(QByteArray *out, uint cp)
    {
        if (cp < 0x80) {
            out->append(char(cp));
        } else if (cp < 0x800) {
            out->append(char(0xC0 | (cp >> 6)));
            out->append(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out->append(char(0xE0 | (cp >> 12)));
            out->append(char(0x80 | ((cp >> 6) & 0x3F)));
            out->append(char(0x80 | (cp & 0x3F)));
        } else {
            out->append(char(0xF0 | (cp >> 18)));
            out->append(char(0x80 | ((cp >> 12) & 0x3F)));
            out->append(char(0x80 | ((cp >> 6) & 0x3F)));
            out->append(char(0x80 | (cp & 0x3F)));
        }
    }

    // Validates one UTF-8 sequence starting at m_p (a lead byte >= 0x80).
    bool parseUtf8(QByteArray *out)
    {
        const auto lead = uchar(*m_p);
        int length;
        uint cp;
        uint min;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2; cp = lead & 0x1F; min = 0x80;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3; cp = lead & 0x0F; min = 0x800;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4; cp = lead & 0x07; min = 0x10000;
        } else {
            return fail("invalid UTF-8");
        }
        if (m_end - m_p < length)
            return fail("invalid UTF-8");
        for (int i = 1; i < length; ++i) {
            const auto c = uchar(m_p[i]);
            if ((c & 0xC0) != 0x80)
                return fail("invalid UTF-8");
            cp = (cp << 6) | (c & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return fail("invalid UTF-8");
        if (out)
            out->append(m_p, length);
        m_p += length;
        return true;
    }

    // The first byte at or after p that a string cannot take as it is: '"', '\\', a control
    // character or a byte >= 0x80 (checked one by one below). Strings are mostly plain ASCII
    // (tokens, URLs), and an access token can be kilobytes long: 16 bytes at a time where the
    // CPU allows (SSE2 is part of x86-64).
    static const char *skipPlain(const char *p, const char *end)
    {
#if defined(__SSE2__)
        const __m128i quote = _mm_set1_epi8('"');
        const __m128i backslash = _mm_set1_epi8('\\');
        const __m128i space = _mm_set1_epi8(0x20);
        while (end - p >= 16) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            // Signed: bytes >= 0x80 are negative, so "less than 0x20" takes them too.
            const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
                                                 _mm_cmplt_epi8(v, space));
            const int mask = _mm_movemask_epi8(special);
            if (mask)
                return p + __builtin_ctz(unsigned(mask));
            p += 16;
        }
#endif
        while (p != end) {
            const auto c = uchar(*p);
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
            ++p;
        }
        return p;
    }

    // Parses a string; when out is set, stores its unescaped UTF-8 value.
    bool parseString(QByteArray *out)
    {
        ++m_p; // '"'
        while (true) {
            const char *plainEnd = skipPlain(m_p, m_end);
            if (out)
                out->append(m_p, plainEnd - m_p);
            m_p = plainEnd;
            if (m_p == m_end)
                return fail("unterminated string");
            const auto c = uchar(*m_p);
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c < 0x20)
                return fail("control character in string");
            if (c >= 0x80) {
                if (!parseUtf8(out))
                    return false;
                continue;
            }
            if (c != '\\') {
                if (out)
                    out->append(char(c));
                ++m_p;
                continue;
            }
            ++m_p;
            if (m_p == m_end)
                return fail("unterminated string");
            const char e = *m_p++;
            char plain = 0;
            switch (e) {
            case '"': plain = '"'; break;
            case '\\': plain = '\\'; break;
            case '/': plain = '/'; break;
            case 'b': plain = '\b'; break;
            case 'f': plain = '\f'; break;
            case 'n': plain = '\n'; break;
            case 'r': plain = '\r'; break;
            case 't': plain = '\t'; break;
            case 'u': {
                uint cp;
                if (!parseHex4(&cp))
                    return false;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail("unpaired surrogate escape");
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    uint low;
                    if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                        return fail("unpaired surrogate escape");
                    m_p += 2;
                    if (!parseHex4(&low))
                        return false;
                    if (low < 0xDC00 || low > 0xDFFF)
                        return fail("unpaired surrogate escape");
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                }
                if (out)
                    appendUtf8(out, cp);
                continue;
            }
            default:
                return fail("invalid escape");
            }
            if (out)
                out->append(plain);
        }
    }

    const char *m_p;
    const char *m_end;
    const char *m_error = nullptr;
};

} // namespace

QJsonObject parseObject(const QByteArray &data, Error *error)
{
    auto fail = [error](const QString &detail) {
        if (error)
            *error = Error(ErrorCode::InvalidJson, detail);
        return QJsonObject();
    };
    if (data.startsWith("\xEF\xBB\xBF"))
        return fail(QStringLiteral("byte order mark"));
    Validator validator(data.constData(), data.constData() + data.size());
    if (!validator.run())
        return fail(QString::fromLatin1(validator.error()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return fail(QStringLiteral("not a valid JSON object: ") + parseError.errorString());
    if (error)
        *error = Error();
    return doc.object();
}

} // namespace Json
} // namespace OAuth4Qt
