// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target: the authorization response (callback). The query decoder, the plain response
// checks (state, iss, error, code), and a JARM response: the outer parameters, the unverified
// state read by the callback filter, and the claims once verified. The first byte picks the
// expectations; the rest is the callback's query string.
#include "flows/authorizationrequest_p.h"
#include "flows/httprequestparser_p.h"

#include <oauth4qt/json.h>
#include <oauth4qt/jws.h>

#include <cstddef>
#include <cstdint>

using namespace OAuth4Qt;
using namespace OAuth4Qt::Internal;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t selector = data[0];
    const QByteArray query(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    CallbackExpectations expectations;
    expectations.state = QStringLiteral("st4te");
    expectations.issuer = QStringLiteral("https://as.example");
    expectations.issRequired = selector & 1;
    expectations.jarm = selector & 2;

    const CallbackQuery parsed = parseCallbackQuery(query);
    if (parsed.status != CallbackQuery::Status::Ok)
        return 0;
    const Parameters params = parsed.parameters;

    Error error;
    const QString code = checkAuthorizationResponse(params, expectations, &error);
    // Exactly one of a code and an error; an accepted response carries the expected state.
    if (code.isEmpty() != error.isError())
        __builtin_trap();
    (void)error.errorString();

    Error jarmError;
    const QByteArray jwt = jarmResponseJwt(params, &jarmError);
    if (jwt.isEmpty() != jarmError.isError())
        __builtin_trap();
    if (jwt.isEmpty())
        return 0;
    (void)unverifiedJarmState(jwt);
    // The claims as if the signature had verified: the payload of the JWT, decoded.
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return 0;
    bool decoded = false;
    const QByteArray payload = Base64Url::decode(parts.at(1), &decoded);
    if (!decoded)
        return 0;
    Error parseError;
    const QJsonObject claims = Json::parseObject(payload, &parseError);
    if (parseError)
        return 0;
    Error claimsError;
    const QString jarmCode = checkJarmClaims(claims, expectations, &claimsError);
    if (jarmCode.isEmpty() != claimsError.isError())
        __builtin_trap();
    return 0;
}
