// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target: token endpoint and discovery response processing (sections A and C).
// The first byte picks the status code, content type and expectations; the rest is the body.
#include "protocol/endpoints_p.h"

#include <cstddef>
#include <cstdint>

using namespace OAuth4Qt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t selector = data[0];
    HttpResponse response;
    static const int statuses[] = { 200, 200, 200, 400, 401, 429, 503, 201 };
    response.status = statuses[selector & 7];
    response.headers.append({ QByteArrayLiteral("Content-Type"),
                              (selector & 8) ? QByteArrayLiteral("application/json; charset=utf-8")
                                             : QByteArrayLiteral("application/x+json") });
    if (selector & 16)
        response.headers.append({ QByteArrayLiteral("WWW-Authenticate"),
                                  QByteArrayLiteral("Bearer error=\"invalid_token\", DPoP algs=\"ES256\"") });
    response.headers.append({ QByteArrayLiteral("Retry-After"), QByteArrayLiteral("5") });
    response.body = QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    TokenExpectations expectations;
    expectations.grantType = (selector & 32) ? GrantType::tokenExchange() : GrantType::clientCredentials();
    expectations.idTokenRequired = selector & 64;
    expectations.dpopProofSent = selector & 128;
    Error error;
    const TokenResponse tokens = processTokenResponse(response, expectations, &error);
    // Invariants: either an error or a usable access token, never both.
    if (error.isError() == !tokens.isNull())
        __builtin_trap();
    (void)error.errorString();

    Error discoveryError;
    const ServerMetadata md = processDiscoveryResponse(response, QUrl(QStringLiteral("https://as.example")),
                                                       selector & 1, &discoveryError);
    if (discoveryError.isError() == !md.isNull())
        __builtin_trap();
    return 0;
}
