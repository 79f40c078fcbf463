// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target for the JOSE layer: strict JSON, JWS/JWT parsing, JWK Set import and
// signature verification with whatever key the input provides.
//
// Input: "<compact JWS>\n--jwks--\n<JWKS JSON>" (the separator is optional; without it the
// whole input is tried both as a JWS and as JSON).
#include <oauth4qt/json.h>
#include <oauth4qt/jsonwebkey.h>
#include <oauth4qt/jws.h>

#include <cstddef>
#include <cstdint>

using namespace OAuth4Qt;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    static const QByteArray marker = QByteArrayLiteral("\n--jwks--\n");
    const qsizetype at = input.indexOf(marker);
    const QByteArray jwsText = at < 0 ? input : input.left(at);
    const QByteArray jwksText = at < 0 ? input : input.mid(at + marker.size());

    Error error;
    Json::parseObject(input, &error);

    bool ok = false;
    Base64Url::decode(jwsText, &ok);

    QJsonObject claims;
    const JwsCompact jws = Jws::parseJwt(jwsText, &claims, &error);

    const QJsonObject jwksJson = Json::parseObject(jwksText, &error);
    const JsonWebKeySet jwks = JsonWebKeySet::fromJson(jwksJson, &error);
    // Single keys too, with private members kept (exercises the private import paths).
    const JsonWebKey single = JsonWebKey::fromJson(jwksJson, JsonWebKey::PrivatePart::KeepPrivate, &error);
    if (!single.isNull()) {
        single.thumbprint();
        single.toJson(true);
        single.toPem(false);
        Jws::verify(jws, single, &error);
    }
    if (!jws.signingInput.isEmpty()) {
        const QList<JsonWebKey> keys = jwks.candidates(jws.algorithm(), jws.keyId());
        for (const JsonWebKey &key : keys) {
            key.thumbprint();
            Jws::verify(jws, key, &error);
        }
    }
    return 0;
}
