// SPDX-License-Identifier: BSD-3-Clause
#include "httprequestparser_p.h"

#include <QtCore/QSet>
#include <QtCore/QStringDecoder>

namespace OAuth4Qt {
namespace Internal {

namespace {

using Status = HttpRequestHead::Status;

// RFC 9110 5.6.2 tchar
bool isTchar(uchar c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isVisibleAscii(uchar c)
{
    return c >= 0x21 && c <= 0x7e;
}

// field-value characters: VCHAR, SP, HTAB, obs-text
bool isFieldValueChar(uchar c)
{
    return c == ' ' || c == '\t' || isVisibleAscii(c) || c >= 0x80;
}

HttpRequestHead fail(Status status, const char *reason)
{
    HttpRequestHead head;
    head.status = status;
    head.reason = reason;
    return head;
}

// Checks a request line that has not been terminated yet, so that non-HTTP bytes are refused
// without waiting for a line end that may never come.
HttpRequestHead checkPartialRequestLine(const char *p, qsizetype n, const HttpRequestLimits &limits)
{
    if (n > limits.maxRequestLineLength + 1) // + 1: a CR that waits for its LF
        return fail(Status::UriTooLong, "request line too long");
    int spaces = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const uchar c = uchar(p[i]);
        if (c == '\r') {
            if (i != n - 1)
                return fail(Status::BadRequest, "bare CR in request line");
            continue;
        }
        if (c == ' ') {
            if (i == 0 || uchar(p[i - 1]) == ' ' || ++spaces > 2)
                return fail(Status::BadRequest, "malformed request line");
            continue;
        }
        if (spaces == 0 ? !isTchar(c) : !isVisibleAscii(c))
            return fail(Status::BadRequest, "invalid character in request line");
    }
    return fail(Status::Incomplete, "");
}

} // namespace

QList<QByteArray> HttpRequestHead::headerValues(const QByteArray &lowerCaseName) const
{
    QList<QByteArray> values;
    for (const auto &header : headers) {
        if (header.first == lowerCaseName)
            values.append(header.second);
    }
    return values;
}

HttpRequestHead parseHttpRequestHead(const QByteArray &data, const HttpRequestLimits &limits)
{
    const char *const begin = data.constData();
    const qsizetype size = data.size();

    // --- request line
    const qsizetype lineEnd = data.indexOf('\n');
    if (lineEnd < 0)
        return checkPartialRequestLine(begin, size, limits);
    if (lineEnd == 0 || begin[lineEnd - 1] != '\r')
        return fail(Status::BadRequest, "request line not terminated by CRLF");
    const qsizetype lineLength = lineEnd - 1;
    if (lineLength > limits.maxRequestLineLength)
        return fail(Status::UriTooLong, "request line too long");
    {
        const HttpRequestHead partial = checkPartialRequestLine(begin, lineLength, limits);
        if (partial.status != Status::Incomplete)
            return partial;
    }
    const QByteArray line = QByteArray::fromRawData(begin, lineLength);
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || sp2 == lineLength - 1)
        return fail(Status::BadRequest, "malformed request line");

    HttpRequestHead head;
    head.method = line.left(sp1);
    head.target = line.mid(sp1 + 1, sp2 - sp1 - 1);
    head.version = line.mid(sp2 + 1);
    head.method.detach();
    head.target.detach();
    head.version.detach();
    if (head.version != "HTTP/1.1" && head.version != "HTTP/1.0")
        return fail(Status::BadRequest, "not HTTP/1.x");

    // --- header fields
    qsizetype pos = lineEnd + 1;
    const qsizetype headerStart = pos;
    for (;;) {
        const qsizetype end = data.indexOf('\n', pos);
        const qsizetype headerBytes = (end < 0 ? size : end + 1) - headerStart;
        if (headerBytes > limits.maxHeaderBytes)
            return fail(Status::HeaderFieldsTooLarge, "header section too large");
        if (end < 0) {
            // Refuse control characters early; the rest waits for the line end.
            for (qsizetype i = pos; i < size; ++i) {
                const uchar c = uchar(begin[i]);
                if (!isFieldValueChar(c) && !(c == '\r' && i == size - 1))
                    return fail(Status::BadRequest, "invalid character in header section");
            }
            head.status = Status::Incomplete;
            head.headers.clear();
            return head;
        }
        if (end == pos || begin[end - 1] != '\r')
            return fail(Status::BadRequest, "header line not terminated by CRLF");
        const qsizetype fieldLength = end - 1 - pos;
        if (fieldLength == 0) {
            head.status = Status::Complete;
            head.headLength = end + 1;
            return head;
        }
        const char *field = begin + pos;
        if (field[0] == ' ' || field[0] == '\t')
            return fail(Status::BadRequest, "obsolete line folding");
        qsizetype colon = 0;
        while (colon < fieldLength && isTchar(uchar(field[colon])))
            ++colon;
        if (colon == 0 || colon == fieldLength || field[colon] != ':')
            return fail(Status::BadRequest, "malformed header field");
        qsizetype valueBegin = colon + 1;
        qsizetype valueEnd = fieldLength;
        for (qsizetype i = valueBegin; i < valueEnd; ++i) {
            if (!isFieldValueChar(uchar(field[i])))
                return fail(Status::BadRequest, "invalid character in header value");
        }
        while (valueBegin < valueEnd && (field[valueBegin] == ' ' || field[valueBegin] == '\t'))
            ++valueBegin;
        while (valueEnd > valueBegin && (field[valueEnd - 1] == ' ' || field[valueEnd - 1] == '\t'))
            --valueEnd;
        if (head.headers.size() >= limits.maxHeaderCount)
            return fail(Status::HeaderFieldsTooLarge, "too many header fields");
        head.headers.append({ QByteArray(field, colon).toLower(),
                              QByteArray(field + valueBegin, valueEnd - valueBegin) });
        pos = end + 1;
    }
}

RequestTarget splitRequestTarget(const QByteArray &target)
{
    RequestTarget result;
    result.valid = !target.contains('#');
    result.originForm = target.startsWith('/');
    const qsizetype question = target.indexOf('?');
    if (question < 0) {
        result.path = target;
    } else {
        result.path = target.left(question);
        result.query = target.mid(question + 1);
        result.hasQuery = true;
    }
    return result;
}

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool formDecode(const char *p, qsizetype n, QString *out)
{
    QByteArray bytes;
    bytes.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        const char c = p[i];
        if (c == '+') {
            bytes.append(' ');
        } else if (c == '%') {
            if (i + 2 >= n)
                return false;
            const int hi = hexValue(p[i + 1]);
            const int lo = hexValue(p[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            bytes.append(char(hi * 16 + lo));
            i += 2;
        } else if (isVisibleAscii(uchar(c))) {
            bytes.append(c);
        } else {
            return false; // spaces, controls and raw non-ASCII are not part of an encoded query
        }
    }
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    *out = decoder.decode(bytes);
    return !decoder.hasError();
}

} // namespace

CallbackQuery parseCallbackQuery(const QByteArray &encodedQuery)
{
    CallbackQuery result;
    QSet<QString> seen;
    const char *p = encodedQuery.constData();
    const qsizetype size = encodedQuery.size();
    qsizetype start = 0;
    while (start <= size) {
        qsizetype end = encodedQuery.indexOf('&', start);
        if (end < 0)
            end = size;
        if (end > start) {
            const qsizetype eq = encodedQuery.indexOf('=', start);
            const qsizetype nameEnd = (eq >= 0 && eq < end) ? eq : end;
            QString name;
            QString value;
            if (nameEnd == start) {
                result = {};
                result.status = CallbackQuery::Status::InvalidEncoding;
                result.reason = "empty parameter name";
                return result;
            }
            if (!formDecode(p + start, nameEnd - start, &name)
                || (nameEnd < end && !formDecode(p + nameEnd + 1, end - nameEnd - 1, &value))) {
                result = {};
                result.status = CallbackQuery::Status::InvalidEncoding;
                result.reason = "invalid percent-encoding or UTF-8";
                return result;
            }
            if (seen.contains(name)) {
                result = {};
                result.status = CallbackQuery::Status::DuplicateParameter;
                result.reason = "repeated parameter";
                return result;
            }
            seen.insert(name);
            result.parameters.append({ name, value });
        }
        start = end + 1;
    }
    return result;
}

} // namespace Internal
} // namespace OAuth4Qt
