// SPDX-License-Identifier: BSD-3-Clause
// bench_dpop: what a DPoP proof / client assertion costs in oauth4qt beyond the ECDSA signature
// itself. Each row signs N times; the raw rows run OpenSSL EVP_DigestSign (ES256, DER output
// converted to r||s like JWS needs) over a signing input of the same size. Prints a table.
#include <oauth4qt/clientconfig.h>
#include <oauth4qt/dpop.h>
#include <oauth4qt/jws.h>

#include "protocol/endpoints_p.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QTextStream>

#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace OAuth4Qt;

namespace {

double cpuSeconds()
{
    return double(std::clock()) / CLOCKS_PER_SEC;
}

struct Row
{
    QString name;
    int n = 0;
    double wall = 0;
    double cpu = 0;
    qint64 bytes = 0;
};

Row run(const QString &name, int n, const std::function<qint64()> &op)
{
    for (int i = 0; i < qMin(n / 10, 200); ++i)
        op(); // warm-up
    Row r{ name, n, 0, 0, 0 };
    QElapsedTimer t;
    const double c0 = cpuSeconds();
    t.start();
    for (int i = 0; i < n; ++i)
        r.bytes += op();
    r.wall = double(t.nsecsElapsed()) / 1e9;
    r.cpu = cpuSeconds() - c0;
    return r;
}

// Raw ES256 over \a input: EVP_DigestSign (SHA-256, P-256) + DER -> r||s.
qint64 rawEs256(EVP_PKEY *pkey, const QByteArray &input)
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t len = 0;
    unsigned char der[80];
    qint64 out = 0;
    if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, pkey) == 1) {
        len = sizeof der;
        if (EVP_DigestSign(ctx, der, &len, reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size())) == 1) {
            const unsigned char *p = der;
            ECDSA_SIG *sig = d2i_ECDSA_SIG(nullptr, &p, long(len));
            if (sig) {
                unsigned char rs[64];
                const BIGNUM *r = nullptr, *s = nullptr;
                ECDSA_SIG_get0(sig, &r, &s);
                BN_bn2binpad(r, rs, 32);
                BN_bn2binpad(s, rs + 32, 32);
                out = 64;
                ECDSA_SIG_free(sig);
            }
        }
    }
    EVP_MD_CTX_free(ctx);
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int n = 5000;
    const QStringList args = app.arguments();
    const int i = int(args.indexOf(QStringLiteral("--count")));
    if (i > 0 && i + 1 < args.size())
        n = qMax(1, args.at(i + 1).toInt());

    const DPoPKey key = DPoPKey::generate(QStringLiteral("ES256"));
    auto *pkey = static_cast<EVP_PKEY *>(key.key().nativeHandle());
    const QUrl tokenUrl(QStringLiteral("https://as.example.com/oauth2/token?tenant=1"));
    const QUrl apiUrl(QStringLiteral("https://api.example.com/v1/items"));
    const QString accessToken = QString(64, QLatin1Char('a'));

    // Signing inputs of the same shape and size as the library's.
    const QByteArray proofSample = key.proof("POST", tokenUrl);
    const QByteArray proofInput = proofSample.left(proofSample.lastIndexOf('.'));
    const QByteArray athSample = key.proof("GET", apiUrl, QByteArrayLiteral("server-nonce-123"), accessToken);
    const QByteArray athInput = athSample.left(athSample.lastIndexOf('.'));

    EndpointContext context;
    ClientConfig config(QStringLiteral("bench-client"));
    config.setAuthMethod(ClientConfig::AuthMethod::PrivateKeyJwt);
    JsonWebKey clientKey = JsonWebKey::generate(QStringLiteral("ES256"));
    clientKey.setKeyId(QStringLiteral("k1"));
    config.setPrivateKey(clientKey);
    config.setSigningAlgorithm(QStringLiteral("ES256"));
    context.client = config;
    QJsonObject md{ { QStringLiteral("issuer"), QStringLiteral("https://as.example.com") },
                    { QStringLiteral("token_endpoint"), QStringLiteral("https://as.example.com/token") } };
    context.metadata = ServerMetadata::fromJson(md);
    const QByteArray assertionSample = buildClientAssertion(context);
    const QByteArray assertionInput = assertionSample.left(assertionSample.lastIndexOf('.'));
    auto *clientPkey = static_cast<EVP_PKEY *>(clientKey.nativeHandle());

    QList<Row> rows;
    rows << run(QStringLiteral("DPoPKey::proof (token request)"), n, [&] { return qint64(key.proof("POST", tokenUrl).size()); });
    rows << run(QStringLiteral("  raw EVP_DigestSign, same input"), n, [&] { return rawEs256(pkey, proofInput); });
    rows << run(QStringLiteral("DPoPKey::proof (resource, ath+nonce)"), n,
                [&] { return qint64(key.proof("GET", apiUrl, QByteArrayLiteral("server-nonce-123"), accessToken).size()); });
    rows << run(QStringLiteral("  raw EVP_DigestSign, same input"), n, [&] { return rawEs256(pkey, athInput); });
    rows << run(QStringLiteral("buildClientAssertion (private_key_jwt)"), n, [&] { return qint64(buildClientAssertion(context).size()); });
    rows << run(QStringLiteral("  raw EVP_DigestSign, same input"), n, [&] { return rawEs256(clientPkey, assertionInput); });

    QTextStream out(stdout);
    out << "bench_dpop: ES256, " << n << " operations per row\n";
    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("operation"), -42)
               .arg(QStringLiteral("ops/s (wall)"), 14)
               .arg(QStringLiteral("us/op (cpu)"), 12)
               .arg(QStringLiteral("vs raw"), 8)
               .arg(QStringLiteral("bytes/op"), 9);
    for (int r = 0; r < rows.size(); ++r) {
        const Row &row = rows.at(r);
        const double opsPerSecond = row.wall > 0 ? row.n / row.wall : 0;
        const double cpuUs = row.cpu * 1e6 / row.n;
        QString ratio = QStringLiteral("-");
        if (r % 2 == 0 && r + 1 < rows.size() && rows.at(r + 1).wall > 0)
            ratio = QString::number(row.wall / rows.at(r + 1).wall, 'f', 2) + QLatin1Char('x');
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(row.name, -42)
                   .arg(opsPerSecond, 14, 'f', 0)
                   .arg(cpuUs, 12, 'f', 1)
                   .arg(ratio, 8)
                   .arg(row.bytes / row.n, 9);
    }
    out << "(vs raw: wall time of the library row divided by the raw OpenSSL row below it)\n";
    return 0;
}
