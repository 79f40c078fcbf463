// SPDX-License-Identifier: BSD-3-Clause
// ML-DSA-44/65/87 vectors made by jose 6 on Node 24 (data/mldsa-vectors.json, written by
// data/generate-mldsa-vectors.mjs), and whether the OpenSSL in use implements ML-DSA: asked
// here directly (not through the library), so a test decides which behaviour to assert without
// trusting the code under test.
#pragma once

#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

namespace MlDsaVectors {

inline bool openSslHasMlDsa()
{
    bool all = true;
    for (const char *name : { "ML-DSA-44", "ML-DSA-65", "ML-DSA-87" }) {
        EVP_KEYMGMT *km = EVP_KEYMGMT_fetch(nullptr, name, nullptr);
        EVP_SIGNATURE *sig = EVP_SIGNATURE_fetch(nullptr, name, nullptr);
        all = all && km && sig;
        EVP_SIGNATURE_free(sig);
        EVP_KEYMGMT_free(km);
    }
    ERR_clear_error();
    return all;
}

inline const char *openSslVersion()
{
    return OpenSSL_version(OPENSSL_VERSION);
}

#ifdef OAUTH4QT_MLDSA_VECTORS
// The vectors: objects with alg, jwk (private), publicJwk, thumbprint, pkcs8, spki, jwt, jws.
inline QJsonArray vectors()
{
    QFile file(QStringLiteral(OAUTH4QT_MLDSA_VECTORS));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", OAUTH4QT_MLDSA_VECTORS);
    const QJsonArray v = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("vectors")).toArray();
    if (v.size() != 3)
        qFatal("%s: expected 3 vectors", OAUTH4QT_MLDSA_VECTORS);
    return v;
}
#endif

} // namespace MlDsaVectors
