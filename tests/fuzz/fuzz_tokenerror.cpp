// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target: error responses of the token endpoint (and of every JSON endpoint): the OAuth
// error body, the WWW-Authenticate challenge, Retry-After, and the status handling around them.
// Input: a selector byte, then optional header lines (WWW-Authenticate, Retry-After, each up to
// the first '\n', as the selector says), then the body.
#include "protocol/endpoints_p.h"
#include "protocol/jsonmembers_p.h"

#include <cstddef>
#include <cstdint>

using namespace OAuth4Qt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t selector = data[0];
    QByteArray rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    auto takeLine = [&rest] {
        const qsizetype nl = rest.indexOf('\n');
        const QByteArray line = nl < 0 ? rest : rest.left(nl);
        rest = nl < 0 ? QByteArray() : rest.mid(nl + 1);
        return line;
    };

    HttpResponse response;
    static const int statuses[] = { 400, 401, 403, 429, 500, 503, 400, 200 };
    response.status = statuses[selector & 7];
    static const char *const types[] = { "application/json", "application/json;charset=UTF-8",
                                         "text/plain", "application/problem+json" };
    response.headers.append({ QByteArrayLiteral("Content-Type"), QByteArray(types[(selector >> 3) & 3]) });
    if (selector & 32)
        response.headers.append({ QByteArrayLiteral("WWW-Authenticate"), takeLine() });
    if (selector & 64)
        response.headers.append({ QByteArrayLiteral("Retry-After"), takeLine() });
    response.body = rest;

    const Error error = errorFromResponse(response);
    if (response.status >= 400 && !error.isError())
        __builtin_trap(); // an error status is never success
    if (error.code() == ErrorCode::OAuthError && error.oauthError().isEmpty())
        __builtin_trap();
    (void)error.errorString();
    (void)error.oauthErrorDescription();
    (void)error.retryAfter();

    Error jsonError;
    (void)processJsonResponse(response, &jsonError);
    if (response.status >= 400 && !jsonError.isError())
        __builtin_trap();

    TokenExpectations expectations;
    expectations.grantType = (selector & 128) ? GrantType::refreshToken() : GrantType::authorizationCode();
    expectations.dpopProofSent = selector & 128;
    Error tokenError;
    const TokenResponse tokens = processTokenResponse(response, expectations, &tokenError);
    if (tokenError.isError() == !tokens.isNull())
        __builtin_trap();
    if (response.status >= 400 && !tokenError.isError())
        __builtin_trap();
    return 0;
}
