// SPDX-License-Identifier: BSD-3-Clause
// ML-DSA-44/65/87 (JWS "ML-DSA-44/65/87") with oauth4qt beside raw OpenSSL, the same key and
// message: signatures per second (JsonWebKey::sign vs EVP_DigestSign) and verifications per
// second (Jws::verify of a parsed JWS vs EVP_DigestVerify). Prints a table; never asserts on time.
// With an OpenSSL without ML-DSA (before 3.5) it prints "ML-DSA: not available in OpenSSL x.y.z".
//
//   bench_mldsa [--seconds 0.4]   (CPU seconds per measurement)
#include <oauth4qt/jsonwebkey.h>
#include <oauth4qt/jws.h>

#include "benchutil.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QStringList>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>

using namespace OAuth4Qt;
using namespace OAuth4QtBench;

namespace {

// Operations per CPU second of op over about `seconds` (after one warm-up call); 0 when op fails.
double opsPerSecond(double seconds, const std::function<bool()> &op)
{
    if (!op())
        return 0;
    int ops = 0;
    const double start = cpuSeconds();
    double elapsed = 0;
    do {
        for (int i = 0; i < 10; ++i) {
            if (!op())
                return 0;
        }
        ops += 10;
        elapsed = cpuSeconds() - start;
    } while (elapsed < seconds);
    return ops / elapsed;
}

bool openSslHasMlDsa()
{
    EVP_SIGNATURE *sig = EVP_SIGNATURE_fetch(nullptr, "ML-DSA-65", nullptr);
    EVP_SIGNATURE_free(sig);
    ERR_clear_error();
    return sig != nullptr;
}

bool rawSign(EVP_PKEY *pkey, const QByteArray &data, QByteArray *sig)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t len = size_t(EVP_PKEY_get_size(pkey));
    sig->resize(qsizetype(len));
    const bool ok = ctx && EVP_DigestSignInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pkey, nullptr) == 1
            && EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig->data()), &len,
                              reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size())) == 1;
    EVP_MD_CTX_free(ctx);
    sig->resize(qsizetype(len));
    return ok;
}

bool rawVerify(EVP_PKEY *pkey, const QByteArray &data, const QByteArray &sig)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    const bool ok = ctx && EVP_DigestVerifyInit_ex(ctx, nullptr, nullptr, nullptr, nullptr, pkey, nullptr) == 1
            && EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
                                reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size())) == 1;
    EVP_MD_CTX_free(ctx);
    return ok;
}

void row(const char *what, const QString &alg, double lib, double raw)
{
    std::printf("| %-9s | %-6s | %12.0f | %12.0f | %7.2fx |\n", qPrintable(alg), what, lib, raw, raw > 0 ? lib / raw : 0.0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    double seconds = 0.4;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0)
            seconds = std::atof(argv[i + 1]);
    }
    if (!openSslHasMlDsa()) {
        std::printf("ML-DSA: not available in OpenSSL %s (needs 3.5 or later)\n", OpenSSL_version_num() ? OpenSSL_version(OPENSSL_VERSION_STRING) : "?");
        return Jws::supportedAlgorithms().contains(QStringLiteral("ML-DSA-65")) ? 1 : 0;
    }
    std::printf("\nML-DSA JWS with %s: operations per CPU second, oauth4qt beside raw OpenSSL (same key)\n",
                OpenSSL_version(OPENSSL_VERSION));
    std::printf("| %-9s | %-6s | %12s | %12s | %8s |\n", "alg", "op", "oauth4qt/s", "raw/s", "vs raw");
    std::printf("|-----------|--------|--------------|--------------|----------|\n");
    int failures = 0;
    for (const char *name : { "ML-DSA-44", "ML-DSA-65", "ML-DSA-87" }) {
        const QString alg = QLatin1String(name);
        Error error;
        const JsonWebKey key = JsonWebKey::generate(alg, &error);
        if (key.isNull()) {
            std::fprintf(stderr, "bench_mldsa: %s: %s\n", name, qPrintable(error.detail()));
            ++failures;
            continue;
        }
        const JsonWebKey publicKey = key.publicKey();
        // A typical signed response: a JWT of a few hundred bytes.
        const QByteArray claims = R"({"iss":"https://op.example","sub":"248289761001","aud":"s6BhdRkqt3","nonce":"n-0S6_WzA2Mj","exp":4102444800,"iat":1767225600,"name":"Jane Doe","email":"janedoe@example.com"})";
        const QByteArray compact = Jws::sign(alg, { { QStringLiteral("typ"), QStringLiteral("JWT") } }, claims, key);
        const JwsCompact jws = Jws::parse(compact);
        auto *pkey = static_cast<EVP_PKEY *>(key.nativeHandle());
        auto *pub = static_cast<EVP_PKEY *>(publicKey.nativeHandle());
        const double libSign = opsPerSecond(seconds, [&] { return !key.sign(alg, jws.signingInput).isEmpty(); });
        QByteArray sig;
        const double rawSignRate = opsPerSecond(seconds, [&] { return rawSign(pkey, jws.signingInput, &sig); });
        const double libVerify = opsPerSecond(seconds, [&] { return Jws::verify(jws, publicKey); });
        const double rawVerifyRate = opsPerSecond(seconds, [&] { return rawVerify(pub, jws.signingInput, jws.signature); });
        if (libSign == 0 || rawSignRate == 0 || libVerify == 0 || rawVerifyRate == 0)
            ++failures;
        row("sign", alg, libSign, rawSignRate);
        row("verify", alg, libVerify, rawVerifyRate);
    }
    std::printf("(goal: oauth4qt at least 0.8x raw OpenSSL)\n");
    return failures ? 1 : 0;
}
