// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target for ID Token validation (IdTokenValidator, section D).
//
// Input: "<header JSON>\n<payload JSON>\n<signature bytes>". Each part is base64url-encoded and
// joined with '.', so the fuzzer reaches the claim checks instead of dying in base64. The whole
// input is also validated as a compact token as it is. Keys: one static RSA key (kid "k1"), one
// EC key (kid "e1") and a client secret for HS256.
#include <oauth4qt/idtokenvalidator.h>
#include <oauth4qt/jws.h>

#include <cstddef>
#include <cstdint>

using namespace OAuth4Qt;

namespace {
IdTokenValidator makeValidator(const QString &alg)
{
    static const JsonWebKeySet keys = [] {
        JsonWebKey rsa = JsonWebKey::generate(QStringLiteral("RS256"));
        rsa.setKeyId(QStringLiteral("k1"));
        JsonWebKey ec = JsonWebKey::generate(QStringLiteral("ES256"));
        ec.setKeyId(QStringLiteral("e1"));
        return JsonWebKeySet({ rsa.publicKey(), ec.publicKey() });
    }();
    IdTokenValidator v;
    v.setIssuer(QStringLiteral("https://op.example.test"));
    v.setClientId(QStringLiteral("client-1"));
    v.setClientSecret(QStringLiteral("fuzz-secret-fuzz-secret-fuzz-secret"));
    v.setAlgorithm(alg);
    v.setKeys(keys);
    v.setNonce(QStringLiteral("n-1"));
    v.setMaxAge(600);
    v.setAccessToken(QStringLiteral("at"));
    v.setClock([] { return QDateTime::fromSecsSinceEpoch(1700000000).toUTC(); });
    return v;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    static const IdTokenValidator validators[] = {
        makeValidator(QStringLiteral("RS256")), makeValidator(QStringLiteral("ES256")), makeValidator(QStringLiteral("HS256"))
    };
    const QList<QByteArray> parts = input.split('\n');
    QByteArray token = input;
    if (parts.size() >= 3) {
        token = Base64Url::encode(parts[0]) + '.' + Base64Url::encode(parts[1]) + '.' + Base64Url::encode(parts[2]);
    }
    for (const IdTokenValidator &v : validators) {
        Error error;
        const QJsonObject claims = v.validate(token, &error);
        if (error.isError() == !claims.isEmpty())
            __builtin_trap(); // claims exactly when valid
        v.validate(input, &error);
    }
    return 0;
}
