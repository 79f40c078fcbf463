// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target for JWE decryption: the compact parser, the header checks, every key
// management and content encryption algorithm with fixed keys (so that seeds made with them
// decrypt and mutations reach the cryptography), then the nested JWT through JwtValidator.
//
// Input: a compact JWE. The seeds (corpus/jwe) are JWEs made by jose for the keys below.
#include <oauth4qt/json.h>
#include <oauth4qt/jsonwebkey.h>
#include <oauth4qt/jwtvalidator.h>

#include "jose/jwe_p.h"

#include "../auto/jose/tst_jwe/jwevectors.h"

#include <cstddef>
#include <cstdint>

using namespace OAuth4Qt;

namespace {

JsonWebKey key(const char *json)
{
    return JsonWebKey::fromJson(Json::parseObject(QByteArray(json)), JsonWebKey::PrivatePart::KeepPrivate);
}

const QList<JsonWebKey> &keys()
{
    static const QList<JsonWebKey> k = [] {
        QList<JsonWebKey> list;
        for (const char *json : { rfc7516_a3_jwk, rfc7520_5_2_jwk, rfc7520_5_6_jwk, rfc7520_5_8_jwk,
                                  x25519_jwk_1, p256_jwk_1 }) {
            JsonWebKey k = key(json);
            k.setAlgorithm(QString()); // any alg: let the fuzzer combine them freely
            list.append(k);
        }
        return list;
    }();
    return k;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    Jwe::DecryptOptions options;
    options.keys = keys();
    options.algorithms = Jwe::supportedAlgorithms() + QStringList{ QStringLiteral("RSA1_5") };
    options.encryptions = Jwe::supportedEncryptions();
    options.clientSecret = QByteArrayLiteral("fuzz-client-secret");
    Error error;
    QJsonObject header;
    const QByteArray plaintext = Jwe::decrypt(input, options, &header, &error);
    // A failure is one of the documented codes, and every decryption failure looks the same.
    if (error) {
        switch (error.code()) {
        case ErrorCode::MalformedJwt:
        case ErrorCode::AlgorithmNotAllowed:
        case ErrorCode::UnsupportedCriticalHeader:
        case ErrorCode::KeyNotFound:
            break;
        case ErrorCode::JweDecryptionFailed:
            if (error.detail() != QLatin1String("the JWE does not decrypt"))
                __builtin_trap();
            break;
        default:
            __builtin_trap();
        }
    }

    // The same through JwtValidator (nested JWT, or JSON claims when no signature is required).
    if (!header.isEmpty()) {
        JwtValidator v;
        v.setDecryptionKeys(keys());
        v.setEncryptionAlgorithm(header.value(QLatin1String("alg")).toString());
        v.setContentEncryptionAlgorithm(header.value(QLatin1String("enc")).toString());
        v.setSecret(options.clientSecret);
        v.setRequireExpiration(false);
        v.setRequireNestedSignature(!plaintext.startsWith('{'));
        v.validate(input, &error);
    }
    return 0;
}
