// SPDX-License-Identifier: BSD-3-Clause
// Fuzzes what a local process can send to the loopback redirect listener: the HTTP/1.x request
// head parser, the request-target split and the strict callback query decoder.
#include "flows/httprequestparser_p.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace OAuth4Qt::Internal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));

    HttpRequestLimits limits;
    limits.maxRequestLineLength = 16 * 1024;
    limits.maxHeaderBytes = 8 * 1024;
    limits.maxHeaderCount = 50;
    const HttpRequestHead head = parseHttpRequestHead(input, limits);

    // Parsing a prefix must never report a complete head "sooner" than the whole input would.
    const HttpRequestHead prefix = parseHttpRequestHead(input.left(input.size() / 2), limits);
    if (prefix.status == HttpRequestHead::Status::Complete
        && (head.status != HttpRequestHead::Status::Complete || head.headLength != prefix.headLength))
        abort();

    if (head.status == HttpRequestHead::Status::Complete) {
        if (head.headLength <= 0 || head.headLength > input.size())
            abort();
        if (head.headers.size() > limits.maxHeaderCount)
            abort();
        const RequestTarget target = splitRequestTarget(head.target);
        const CallbackQuery query = parseCallbackQuery(target.query);
        if (query.status != CallbackQuery::Status::Ok && !query.parameters.isEmpty())
            abort();
        for (const auto &param : query.parameters) {
            if (param.first.isEmpty())
                abort();
        }
        (void)head.headerValues(QByteArrayLiteral("host"));
    }

    // The query decoder on the raw bytes too.
    const CallbackQuery raw = parseCallbackQuery(input);
    (void)raw;
    return 0;
}
