// SPDX-License-Identifier: BSD-3-Clause
// Header parsing helpers of the transport: WWW-Authenticate (RFC 9110 section 11.6.1),
// DPoP-Nonce syntax (RFC 9449 section 8), origins, and the HttpRequest/HttpResponse helpers.

#include "httptransport_p.h"

#include <QtCore/QDateTime>
#include <QtCore/QLocale>
#include <QtCore/QTimeZone>

#include <climits>

namespace OAuth4Qt {

namespace {

// tchar (RFC 9110 section 5.6.2)
bool isTchar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+': case '-':
    case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

// token68 characters except the trailing "=" padding (RFC 9110 section 11.2)
bool isToken68Char(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9'))
        return true;
    return c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

bool isWs(char c) { return c == ' ' || c == '\t'; }

class ChallengeParser
{
public:
    explicit ChallengeParser(const QByteArray &input) : s(input) {}

    // Appends the challenges of s to out; returns false when it stopped at a malformed part.
    bool parse(QList<AuthChallenge> &out)
    {
        skipListSeparators();
        while (pos < s.size()) {
            AuthChallenge challenge;
            challenge.scheme = readToken();
            if (challenge.scheme.isEmpty())
                return false;
            // The scheme must be followed by whitespace, a comma or the end.
            if (pos < s.size() && !isWs(s.at(pos)) && s.at(pos) != ',')
                return false;
            skipWs();
            if (atEnd() || s.at(pos) == ',') {
                out.append(challenge);
                skipListSeparators();
                continue;
            }
            // token68 or the first auth-param.
            if (!looksLikeAuthParam()) {
                const qsizetype start = pos;
                while (pos < s.size() && isToken68Char(s.at(pos)))
                    ++pos;
                if (pos == start)
                    return false;
                while (pos < s.size() && s.at(pos) == '=')
                    ++pos;
                challenge.token68 = s.mid(start, pos - start);
                skipWs();
                if (!atEnd() && s.at(pos) != ',')
                    return false;
                out.append(challenge);
                skipListSeparators();
                continue;
            }
            out.append(challenge);
            AuthChallenge &current = out.last();
            for (;;) {
                if (!readAuthParam(current))
                    return false;
                skipWs();
                if (atEnd())
                    return true;
                if (s.at(pos) != ',')
                    return false;
                skipListSeparators();
                if (atEnd())
                    return true;
                if (!looksLikeAuthParam())
                    break; // the next challenge starts here
            }
        }
        return true;
    }

private:
    bool atEnd() const { return pos >= s.size(); }
    void skipWs()
    {
        while (pos < s.size() && isWs(s.at(pos)))
            ++pos;
    }
    void skipListSeparators()
    {
        while (pos < s.size() && (isWs(s.at(pos)) || s.at(pos) == ','))
            ++pos;
    }
    QByteArray readToken()
    {
        const qsizetype start = pos;
        while (pos < s.size() && isTchar(s.at(pos)))
            ++pos;
        return s.mid(start, pos - start);
    }
    // token BWS "=" BWS (token / quoted-string) ahead, without consuming.
    bool looksLikeAuthParam() const
    {
        qsizetype p = pos;
        const qsizetype start = p;
        while (p < s.size() && isTchar(s.at(p)))
            ++p;
        if (p == start)
            return false;
        while (p < s.size() && isWs(s.at(p)))
            ++p;
        if (p >= s.size() || s.at(p) != '=')
            return false;
        ++p;
        while (p < s.size() && isWs(s.at(p)))
            ++p;
        return p < s.size() && (s.at(p) == '"' || isTchar(s.at(p)));
    }
    bool readAuthParam(AuthChallenge &challenge)
    {
        const QByteArray name = readToken().toLower();
        if (name.isEmpty())
            return false;
        skipWs();
        if (atEnd() || s.at(pos) != '=')
            return false;
        ++pos;
        skipWs();
        if (atEnd())
            return false;
        QByteArray value;
        if (s.at(pos) == '"') {
            ++pos;
            bool closed = false;
            while (pos < s.size()) {
                const char c = s.at(pos);
                const auto u = static_cast<unsigned char>(c);
                if (c == '"') {
                    ++pos;
                    closed = true;
                    break;
                }
                if (c == '\\') {
                    if (pos + 1 >= s.size())
                        return false;
                    const auto e = static_cast<unsigned char>(s.at(pos + 1));
                    if (!(e == '\t' || e >= 0x20) || e == 0x7f)
                        return false;
                    value.append(s.at(pos + 1));
                    pos += 2;
                    continue;
                }
                if (!(u == '\t' || u >= 0x20) || u == 0x7f)
                    return false;
                value.append(c);
                ++pos;
            }
            if (!closed)
                return false;
        } else {
            value = readToken();
            if (value.isEmpty())
                return false;
        }
        // RFC 9110: each parameter name MUST only occur once per challenge.
        if (challenge.params.contains(name))
            return false;
        challenge.params.insert(name, value);
        return true;
    }

    const QByteArray &s;
    qsizetype pos = 0;
};

} // namespace

QList<AuthChallenge> parseWwwAuthenticate(const QList<QByteArray> &values)
{
    QList<AuthChallenge> result;
    for (const QByteArray &value : values) {
        ChallengeParser parser(value);
        if (!parser.parse(result))
            break;
    }
    return result;
}

bool isValidDpopNonce(const QByteArray &value)
{
    if (value.isEmpty())
        return false;
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (!(u == 0x21 || (u >= 0x23 && u <= 0x5b) || (u >= 0x5d && u <= 0x7e)))
            return false;
    }
    return true;
}

QString originOf(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    int defaultPort = -1;
    if (scheme == QLatin1String("https"))
        defaultPort = 443;
    else if (scheme == QLatin1String("http"))
        defaultPort = 80;
    const int port = url.port(defaultPort);
    return scheme + QLatin1String("://") + url.host(QUrl::FullyEncoded).toLower() + QLatin1Char(':')
        + QString::number(port);
}

void HttpRequest::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto it = headers.begin(); it != headers.end();) {
        if (it->first.compare(name, Qt::CaseInsensitive) == 0)
            it = headers.erase(it);
        else
            ++it;
    }
    headers.append({name, value});
}

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QList<QByteArray> HttpResponse::headerValues(const QByteArray &name) const
{
    QList<QByteArray> values;
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            values.append(h.second);
    }
    return values;
}

QByteArray HttpResponse::mimeType() const
{
    QByteArray type = header(QByteArrayLiteral("Content-Type"));
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

qint64 parseRetryAfter(const QByteArray &headerValue, const QDateTime &now)
{
    const QByteArray value = headerValue.trimmed();
    if (value.isEmpty())
        return -1;
    bool allDigits = true;
    for (const char c : value) {
        if (c < '0' || c > '9') {
            allDigits = false;
            break;
        }
    }
    if (allDigits) {
        // delta-seconds: any number of digits; saturates instead of overflowing.
        qint64 seconds = 0;
        for (const char c : value) {
            seconds = seconds * 10 + (c - '0');
            if (seconds > MaxRetryAfterSeconds)
                return MaxRetryAfterSeconds;
        }
        return seconds;
    }
    // HTTP-date, IMF-fixdate form: "Sun, 06 Nov 1994 08:49:37 GMT".
    const QString text = QString::fromLatin1(value);
    QDateTime date = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!date.isValid())
        return -1;
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    date = QDateTime(date.date(), date.time(), QTimeZone::UTC);
#else
    date = QDateTime(date.date(), date.time(), Qt::UTC);
#endif
    const qint64 delta = now.secsTo(date); // 64-bit: years apart do not overflow
    return qBound<qint64>(0, delta, MaxRetryAfterSeconds);
}

int HttpResponse::retryAfterSeconds() const
{
    const QList<QByteArray> values = headerValues(QByteArrayLiteral("Retry-After"));
    if (values.size() != 1)
        return -1;
    return int(parseRetryAfter(values.first(), QDateTime::currentDateTimeUtc()));
}

} // namespace OAuth4Qt
