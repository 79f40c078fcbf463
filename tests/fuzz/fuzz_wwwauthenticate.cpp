// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target: WWW-Authenticate parsing, DPoP-Nonce validation and Retry-After parsing.
// Input: header values separated by '\n' (each becomes one WWW-Authenticate value).
#include "transport/httptransport_p.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const QList<QByteArray> values = input.split('\n');
    const QList<OAuth4Qt::AuthChallenge> challenges = OAuth4Qt::parseWwwAuthenticate(values);
    for (const OAuth4Qt::AuthChallenge &c : challenges) {
        // Invariants: a challenge always has a non-empty scheme; parameter names are lower-case.
        if (c.scheme.isEmpty())
            __builtin_trap();
        for (auto it = c.params.cbegin(); it != c.params.cend(); ++it) {
            if (it.key().isEmpty() || it.key() != it.key().toLower())
                __builtin_trap();
        }
    }
    (void)OAuth4Qt::isValidDpopNonce(input);
    OAuth4Qt::HttpResponse response;
    response.headers.append({QByteArrayLiteral("Retry-After"), values.value(0)});
    if (response.retryAfterSeconds() < -1)
        __builtin_trap();
    return 0;
}
