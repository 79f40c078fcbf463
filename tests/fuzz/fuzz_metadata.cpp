// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target: authorization server metadata (ServerMetadata::fromJson, the discovery
// response, the mTLS aliases and every getter). The first byte picks the options; the rest is the
// document.
#include "protocol/endpoints_p.h"

#include <oauth4qt/json.h>
#include <oauth4qt/servermetadata.h>

#include <cstddef>
#include <cstdint>

using namespace OAuth4Qt;

namespace {

void exercise(const ServerMetadata &md, bool allowInsecureHttp)
{
    static const QStringList members = {
        QStringLiteral("authorization_endpoint"), QStringLiteral("token_endpoint"), QStringLiteral("userinfo_endpoint"),
        QStringLiteral("jwks_uri"), QStringLiteral("revocation_endpoint"), QStringLiteral("introspection_endpoint"),
        QStringLiteral("device_authorization_endpoint"), QStringLiteral("pushed_authorization_request_endpoint"),
        QStringLiteral("backchannel_authentication_endpoint"), QStringLiteral("end_session_endpoint"),
        QStringLiteral("registration_endpoint"), QStringLiteral("no_such_endpoint"),
    };
    for (const QString &member : members) {
        for (const bool mtls : { false, true }) {
            const QUrl url = md.endpoint(member, mtls);
            // Every endpoint the library will call is an absolute https URL (http only when allowed).
            if (!url.isEmpty() && (url.isRelative() || (url.scheme() != QLatin1String("https")
                                                        && !(allowInsecureHttp && url.scheme() == QLatin1String("http")))))
                __builtin_trap();
        }
    }
    (void)md.scopesSupported();
    (void)md.responseTypesSupported();
    (void)md.responseModesSupported();
    (void)md.grantTypesSupported();
    (void)md.codeChallengeMethodsSupported();
    (void)md.tokenEndpointAuthMethodsSupported();
    (void)md.tokenEndpointAuthSigningAlgValuesSupported();
    (void)md.idTokenSigningAlgValuesSupported();
    (void)md.userinfoSigningAlgValuesSupported();
    (void)md.requestObjectSigningAlgValuesSupported();
    (void)md.authorizationSigningAlgValuesSupported();
    (void)md.introspectionSigningAlgValuesSupported();
    (void)md.dpopSigningAlgValuesSupported();
    (void)md.backchannelTokenDeliveryModesSupported();
    (void)md.requirePushedAuthorizationRequests();
    (void)md.authorizationResponseIssParameterSupported();
    (void)md.requestParameterSupported();
    (void)md.requestUriParameterSupported();
    (void)md.withMutualTlsAliases().tokenEndpoint();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t selector = data[0];
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const bool allowInsecureHttp = selector & 1;
    const QUrl expectedIssuer = (selector & 2) ? QUrl(QStringLiteral("https://as.example"))
                              : (selector & 4) ? QUrl(QStringLiteral("http://127.0.0.1:8080/tenant/"))
                                               : QUrl();

    Error parseError;
    const QJsonObject json = Json::parseObject(body, &parseError);
    if (!parseError) {
        Error error;
        const ServerMetadata md = ServerMetadata::fromJson(json, expectedIssuer, allowInsecureHttp, &error);
        if (md.isNull() != error.isError())
            __builtin_trap();
        (void)error.errorString();
        if (!md.isNull()) {
            if (expectedIssuer.isValid() && md.issuer() != expectedIssuer)
                __builtin_trap();
            exercise(md, allowInsecureHttp);
            // What was accepted and exported is accepted again. (Against the same expected issuer:
            // the issuer is compared as the string sent, which a QUrl may normalise.)
            Error again;
            const ServerMetadata copy = ServerMetadata::fromJson(md.toJson(), expectedIssuer, allowInsecureHttp, &again);
            if (copy.isNull() || copy.tokenEndpoint() != md.tokenEndpoint())
                __builtin_trap();
        }
    }

    // The discovery response as it comes off the wire.
    HttpResponse response;
    response.status = (selector & 8) ? 200 : ((selector & 16) ? 404 : 200);
    response.headers.append({ QByteArrayLiteral("Content-Type"),
                              (selector & 32) ? QByteArrayLiteral("text/html") : QByteArrayLiteral("application/json") });
    response.body = body;
    const QUrl issuer = expectedIssuer.isValid() ? expectedIssuer : QUrl(QStringLiteral("https://as.example"));
    Error discoveryError;
    const ServerMetadata discovered = processDiscoveryResponse(response, issuer, allowInsecureHttp, &discoveryError);
    if (discovered.isNull() != discoveryError.isError())
        __builtin_trap();
    return 0;
}
