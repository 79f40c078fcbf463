// SPDX-License-Identifier: BSD-3-Clause
// bench_dpop: what a DPoP proof / client assertion costs in oauth4qt beyond the ECDSA signature
// itself. Each row signs N times; the raw rows run OpenSSL EVP_DigestSign (ES256, DER output
// converted to r||s like JWS needs) over a signing input of the same size. Library and raw rows
// run interleaved in rounds (so that load from elsewhere on the machine hits both alike). The
// DPoP rows also run oauth4webapi's DPoP proofs on Node (tests/benchmarks/node/o4w-dpop.mjs,
// through node/run.sh) in the same run. Prints one table; no asserts.
//   bench_dpop [--count N] [--rounds R] [--peer-count N] [--no-node] [--info FILE (ignored)]
#include <oauth4qt/clientconfig.h>
#include <oauth4qt/dpop.h>
#include <oauth4qt/jws.h>

#include "protocol/endpoints_p.h"

#include "benchutil.h"

#include <QtCore/QCommandLineParser>
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
using namespace OAuth4QtBench;

namespace {

struct Row
{
    QString name;
    qint64 n = 0;
    double wall = 0; // seconds
    double cpu = 0;  // seconds
    qint64 bytes = 0;
    QString note;    // why a row has no numbers
    double opsPerSecond() const { return wall > 0 ? n / wall : 0; }
};

void runChunk(Row *r, int n, const std::function<qint64()> &op)
{
    QElapsedTimer t;
    const double c0 = cpuSeconds();
    t.start();
    for (int i = 0; i < n; ++i)
        r->bytes += op();
    r->wall += double(t.nsecsElapsed()) / 1e9;
    r->cpu += cpuSeconds() - c0;
    r->n += n;
}

// The library operation and its raw baseline, n times each, interleaved in \a rounds chunks.
std::pair<Row, Row> runPair(const QString &name, int n, int rounds, const std::function<qint64()> &lib,
                            const std::function<qint64()> &raw)
{
    for (int i = 0; i < qMin(n / 10, 200); ++i) { // warm-up
        lib();
        raw();
    }
    Row a, b;
    a.name = name;
    b.name = QStringLiteral("  raw EVP_DigestSign, same input");
    const int chunk = qMax(1, n / rounds);
    for (int done = 0; done < n; done += chunk) {
        const int k = qMin(chunk, n - done);
        runChunk(&a, k, lib);
        runChunk(&b, k, raw);
    }
    return { a, b };
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

// oauth4webapi's DPoP proofs on Node: sh node/run.sh o4w-dpop.mjs --count N [extra]; one JSON line.
Row runPeer(const QString &name, int count, const QStringList &extra)
{
    Row row;
    row.name = name;
    const QJsonObject result = runNodePeer(QStringLiteral(OAUTH4QT_NODE_BENCH_DIR), QStringLiteral("o4w-dpop.mjs"),
                                           QStringList{ QStringLiteral("--count"), QString::number(count) } + extra, &row.note);
    if (result.isEmpty())
        return row;
    row.n = qint64(result.value(QLatin1String("ops")).toDouble());
    row.wall = result.value(QLatin1String("wall_s")).toDouble();
    row.cpu = result.value(QLatin1String("cpu_user_s")).toDouble() + result.value(QLatin1String("cpu_sys_s")).toDouble();
    return row;
}

// Sanity: a sample the library made parses and verifies (a broken fast path must not look fast).
bool verifies(const QByteArray &compact, const JsonWebKey &key)
{
    QJsonObject claims;
    Error e;
    const JwsCompact jws = Jws::parseJwt(compact, &claims, &e);
    return !e && !claims.isEmpty() && Jws::verify(jws, key.publicKey(), &e);
}

QString ratio(double a, double b)
{
    return a > 0 && b > 0 ? QString::number(a / b, 'f', 2) + QLatin1Char('x') : QStringLiteral("-");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("DPoP proofs and client assertions per second (ES256)"));
    const QCommandLineOption countOpt(QStringLiteral("count"), QStringLiteral("Operations per row."), QStringLiteral("n"), QStringLiteral("5000"));
    const QCommandLineOption roundsOpt(QStringLiteral("rounds"), QStringLiteral("Interleaved rounds per library/raw pair."), QStringLiteral("r"), QStringLiteral("10"));
    const QCommandLineOption peerCountOpt(QStringLiteral("peer-count"), QStringLiteral("Proofs on Node (default: --count)."), QStringLiteral("n"));
    const QCommandLineOption noNodeOpt(QStringLiteral("no-node"), QStringLiteral("Skip the oauth4webapi peer."));
    const QCommandLineOption infoOpt(QStringLiteral("info"), QStringLiteral("Peer info file (not needed; ignored)."), QStringLiteral("file"));
    parser.addOptions({ countOpt, roundsOpt, peerCountOpt, noNodeOpt, infoOpt });
    parser.addHelpOption();
    parser.process(app);
    const int n = qMax(1, parser.value(countOpt).toInt());
    const int rounds = qBound(1, parser.value(roundsOpt).toInt(), n);
    const int peerCount = parser.isSet(peerCountOpt) ? qMax(1, parser.value(peerCountOpt).toInt()) : n;

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
    if (!verifies(proofSample, key.key()) || !verifies(athSample, key.key()) || !verifies(assertionSample, clientKey)) {
        std::fprintf(stderr, "bench_dpop: a sample proof or assertion does not verify\n");
        return 1;
    }

    struct Group
    {
        Row lib, raw, peer;
        bool hasPeer = false;
    };
    QList<Group> groups;
    auto addPair = [&](const std::pair<Row, Row> &p) {
        groups.append(Group{ p.first, p.second, Row{}, false });
    };
    addPair(runPair(QStringLiteral("DPoPKey::proof (token request)"), n, rounds,
                    [&] { return qint64(key.proof("POST", tokenUrl).size()); },
                    [&] { return rawEs256(pkey, proofInput); }));
    addPair(runPair(QStringLiteral("DPoPKey::proof (resource, ath+nonce)"), n, rounds,
                    [&] { return qint64(key.proof("GET", apiUrl, QByteArrayLiteral("server-nonce-123"), accessToken).size()); },
                    [&] { return rawEs256(pkey, athInput); }));
    addPair(runPair(QStringLiteral("buildClientAssertion (private_key_jwt)"), n, rounds,
                    [&] { return qint64(buildClientAssertion(context).size()); },
                    [&] { return rawEs256(clientPkey, assertionInput); }));
    // The peer runs after the C++ rows, alone on its CPU like them.
    if (!parser.isSet(noNodeOpt)) {
        groups[0].peer = runPeer(QStringLiteral("  oauth4webapi DPoP proof (Node)"), peerCount, {});
        groups[0].hasPeer = true;
        groups[1].peer = runPeer(QStringLiteral("  oauth4webapi DPoP proof, ath (Node)"), peerCount,
                                 { QStringLiteral("--with-ath") });
        groups[1].hasPeer = true;
    }

    QTextStream out(stdout);
    out << "bench_dpop: ES256, " << n << " operations per row (" << rounds << " interleaved rounds lib/raw)";
    if (!parser.isSet(noNodeOpt))
        out << ", Node peer " << peerCount << " proofs";
    out << "\n";
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg(QStringLiteral("operation"), -42)
               .arg(QStringLiteral("ops/s (wall)"), 13)
               .arg(QStringLiteral("us/op (cpu)"), 12)
               .arg(QStringLiteral("vs raw"), 7)
               .arg(QStringLiteral("vs peer"), 8)
               .arg(QStringLiteral("bytes/op"), 9);
    auto line = [&](const Row &row, const QString &vsRaw, const QString &vsPeer) {
        if (row.n <= 0) {
            out << QStringLiteral("%1 %2\n").arg(row.name, -42).arg(row.note);
            return;
        }
        out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
                   .arg(row.name, -42)
                   .arg(row.opsPerSecond(), 13, 'f', 0)
                   .arg(row.cpu * 1e6 / double(row.n), 12, 'f', 1)
                   .arg(vsRaw, 7)
                   .arg(vsPeer, 8)
                   .arg(row.bytes > 0 ? QString::number(row.bytes / row.n) : QStringLiteral("-"), 9);
    };
    for (const Group &g : std::as_const(groups)) {
        line(g.lib, ratio(g.lib.opsPerSecond(), g.raw.opsPerSecond()),
             g.hasPeer ? ratio(g.lib.opsPerSecond(), g.peer.opsPerSecond()) : QStringLiteral("-"));
        line(g.raw, QStringLiteral("-"), QStringLiteral("-"));
        if (g.hasPeer)
            line(g.peer, QStringLiteral("-"), QStringLiteral("-"));
    }
    out << "(vs raw / vs peer: ops/s of the oauth4qt row divided by ops/s of the raw OpenSSL row /\n"
           " the oauth4webapi row of its group; the ath peer row has no nonce)\n";
    return 0;
}
