// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target: JWK and JWK Set import (JsonWebKey::fromJson, JsonWebKeySet::fromJson), the
// key queries a verifier makes, and the export round trip. Input: a JSON document.
#include <oauth4qt/error.h>
#include <oauth4qt/json.h>
#include <oauth4qt/jsonwebkey.h>

#include <QtCore/QStringList>

#include <cstddef>
#include <cstdint>

using namespace OAuth4Qt;

namespace {

const QStringList &algorithms()
{
    static const QStringList algs = {
        QStringLiteral("RS256"), QStringLiteral("PS256"), QStringLiteral("ES256"), QStringLiteral("ES384"),
        QStringLiteral("ES512"), QStringLiteral("EdDSA"), QStringLiteral("HS256"), QStringLiteral("none"),
        QStringLiteral("ML-DSA-44"), QStringLiteral("ML-DSA-65"), QStringLiteral("ML-DSA-87"),
    };
    return algs;
}

void exercise(const JsonWebKey &key, const QByteArray &input)
{
    (void)key.keyTypeName();
    (void)key.curve();
    (void)key.keySizeBits();
    (void)key.keyId();
    (void)key.use();
    (void)key.keyOperations();
    (void)key.defaultAlgorithm();
    (void)key.thumbprintBase64Url();
    for (const QString &alg : algorithms()) {
        if (key.supportsAlgorithm(alg) && !key.fitsAlgorithm(alg))
            __builtin_trap(); // the JWK's restrictions only narrow what the key fits
        (void)key.allowsOperation(alg, QStringLiteral("verify"));
    }
    const QString alg = key.defaultAlgorithm();
    if (!alg.isEmpty() && key.keyType() != JsonWebKey::KeyType::Oct)
        (void)key.verify(alg, input.left(32), input.right(64));
    // Export and import again: the same key, public and (when kept) private.
    const JsonWebKey publicKey = key.publicKey();
    if (!publicKey.isNull()) {
        Error error;
        const JsonWebKey again = JsonWebKey::fromJson(publicKey.toJson(), JsonWebKey::PrivatePart::DropPrivate, &error);
        if (again.isNull() || again != publicKey)
            __builtin_trap();
    }
    (void)key.toJson(true);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    Error parseError;
    const QJsonObject json = Json::parseObject(input, &parseError);
    if (parseError)
        return 0;

    for (const auto part : { JsonWebKey::PrivatePart::DropPrivate, JsonWebKey::PrivatePart::KeepPrivate }) {
        Error error;
        const JsonWebKey key = JsonWebKey::fromJson(json, part, &error);
        // Exactly one of a key and an error.
        if (key.isNull() != error.isError())
            __builtin_trap();
        (void)error.errorString();
        if (key.isNull())
            continue;
        if (part == JsonWebKey::PrivatePart::DropPrivate && key.hasPrivateKey()
            && key.keyType() != JsonWebKey::KeyType::Oct)
            __builtin_trap(); // never more trust than asked for
        exercise(key, input);
    }

    Error setError;
    const JsonWebKeySet set = JsonWebKeySet::fromJson(json, &setError);
    (void)setError.errorString();
    for (const JsonWebKey &key : set.keys()) {
        if (key.isNull() || (key.hasPrivateKey() && key.keyType() != JsonWebKey::KeyType::Oct))
            __builtin_trap(); // a set imports public parts only
    }
    for (const QString &alg : algorithms()) {
        (void)set.candidates(alg);
        const QList<JsonWebKey> withKid = set.candidates(alg, QStringLiteral("k1"));
        for (const JsonWebKey &key : withKid) {
            if (key.keyId() != QLatin1String("k1"))
                __builtin_trap();
        }
    }
    (void)set.toJson();
    return 0;
}
