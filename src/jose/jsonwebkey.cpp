// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/jsonwebkey.h>
#include <oauth4qt/jws.h>

#include "openssl_p.h"

#include <QtCore/QCryptographicHash>
#include <QtCore/QJsonArray>
#include <QtCore/QMessageAuthenticationCode>
#include <QtCore/QMutex>

#include <algorithm>
#include <atomic>
#include <iterator>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstring>

namespace OAuth4Qt {

using namespace OpenSsl;

namespace {

constexpr int MinRsaBits = 2048;
constexpr int MaxRsaBits = 16384;

enum class Family { RS, PS, ES, EdDSA, HS, MLDSA };

struct AlgInfo
{
    const char *name;
    Family family;
    QCryptographicHash::Algorithm hash;
    const char *curve; // ES: the JWK crv; ML-DSA: the OpenSSL key type (the parameter set)
};

const AlgInfo algTable[] = {
    { "RS256", Family::RS, QCryptographicHash::Sha256, nullptr },
    { "RS384", Family::RS, QCryptographicHash::Sha384, nullptr },
    { "RS512", Family::RS, QCryptographicHash::Sha512, nullptr },
    { "PS256", Family::PS, QCryptographicHash::Sha256, nullptr },
    { "PS384", Family::PS, QCryptographicHash::Sha384, nullptr },
    { "PS512", Family::PS, QCryptographicHash::Sha512, nullptr },
    { "ES256", Family::ES, QCryptographicHash::Sha256, "P-256" },
    { "ES384", Family::ES, QCryptographicHash::Sha384, "P-384" },
    { "ES512", Family::ES, QCryptographicHash::Sha512, "P-521" },
    { "EdDSA", Family::EdDSA, QCryptographicHash::Sha512, nullptr },
    { "HS256", Family::HS, QCryptographicHash::Sha256, nullptr },
    { "HS384", Family::HS, QCryptographicHash::Sha384, nullptr },
    { "HS512", Family::HS, QCryptographicHash::Sha512, nullptr },
    // Pure ML-DSA (FIPS 204) with an empty context; the hash member is unused.
    { "ML-DSA-44", Family::MLDSA, QCryptographicHash::Sha256, "ML-DSA-44" },
    { "ML-DSA-65", Family::MLDSA, QCryptographicHash::Sha256, "ML-DSA-65" },
    { "ML-DSA-87", Family::MLDSA, QCryptographicHash::Sha256, "ML-DSA-87" },
};

constexpr int AlgCount = int(std::size(algTable));

// ML-DSA sizes (FIPS 204): public key and signature bytes by parameter set.
struct MlDsaInfo
{
    const char *name;
    int publicKeyBytes;
    int signatureBytes;
};

const MlDsaInfo mlDsaTable[] = {
    { "ML-DSA-44", 1312, 2420 },
    { "ML-DSA-65", 1952, 3309 },
    { "ML-DSA-87", 2592, 4627 },
};

constexpr int MlDsaSeedBytes = 32;

const MlDsaInfo *mlDsaByName(const QString &name)
{
    for (const MlDsaInfo &m : mlDsaTable) {
        if (name == QLatin1String(m.name))
            return &m;
    }
    return nullptr;
}

const AlgInfo *algInfo(const QString &alg)
{
    // Every classic name is 5 ASCII characters: compare them without building anything.
    const QChar *c = alg.constData();
    if (alg.size() == 5) {
        for (const AlgInfo &info : algTable) {
            if (info.family != Family::MLDSA && c[0] == QLatin1Char(info.name[0]) && c[1] == QLatin1Char(info.name[1])
                && c[2] == QLatin1Char(info.name[2]) && c[3] == QLatin1Char(info.name[3])
                && c[4] == QLatin1Char(info.name[4]))
                return &info;
        }
        return nullptr;
    }
    // "ML-DSA-44/65/87": known only where the OpenSSL in use implements ML-DSA.
    if (alg.size() == 9 && alg.startsWith(QLatin1String("ML-DSA-"))) {
        for (const AlgInfo &info : algTable) {
            if (info.family == Family::MLDSA && alg == QLatin1String(info.name))
                return mlDsaAvailable() ? &info : nullptr;
        }
    }
    return nullptr;
}

const EVP_MD *evpMd(QCryptographicHash::Algorithm hash)
{
    switch (hash) {
    case QCryptographicHash::Sha256:
        return EVP_sha256();
    case QCryptographicHash::Sha384:
        return EVP_sha384();
    case QCryptographicHash::Sha512:
        return EVP_sha512();
    default:
        return nullptr;
    }
}

struct CurveInfo
{
    const char *jwkName;
    const char *opensslName;
    int fieldBytes;
};

const CurveInfo curveTable[] = {
    { "P-256", "prime256v1", 32 },
    { "P-384", "secp384r1", 48 },
    { "P-521", "secp521r1", 66 },
};

const CurveInfo *curveByJwkName(const QString &name)
{
    for (const CurveInfo &c : curveTable) {
        if (name == QLatin1String(c.jwkName))
            return &c;
    }
    return nullptr;
}

const CurveInfo *curveByOpenSslName(const char *name)
{
    for (const CurveInfo &c : curveTable) {
        if (qstrcmp(name, c.opensslName) == 0 || qstrcmp(name, c.jwkName) == 0)
            return &c;
    }
    return nullptr;
}

bool setError(Error *error, ErrorCode code, const QString &detail)
{
    ERR_clear_error();
    if (error)
        *error = Error(code, detail);
    return false;
}

void clearError(Error *error)
{
    if (error)
        *error = Error();
}

QByteArray bnToBytes(const BIGNUM *bn, int padTo = 0)
{
    const int len = qMax(BN_num_bytes(bn), padTo);
    QByteArray out(len, '\0');
    if (BN_bn2binpad(bn, reinterpret_cast<unsigned char *>(out.data()), len) != len)
        return {};
    return out;
}

BignumPtr bytesToBn(const QByteArray &bytes)
{
    return BignumPtr(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()),
                               int(bytes.size()), nullptr));
}

QByteArray bnParam(EVP_PKEY *pkey, const char *name, int padTo = 0)
{
    BIGNUM *bn = nullptr;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) != 1 || !bn) {
        ERR_clear_error();
        return {};
    }
    BignumPtr owner(bn);
    return bnToBytes(bn, padTo);
}

QByteArray octetParam(EVP_PKEY *pkey, const char *name)
{
    size_t len = 0;
    if (EVP_PKEY_get_octet_string_param(pkey, name, nullptr, 0, &len) != 1) {
        ERR_clear_error();
        return {};
    }
    QByteArray out(qsizetype(len), '\0');
    if (EVP_PKEY_get_octet_string_param(pkey, name, reinterpret_cast<unsigned char *>(out.data()),
                                        len, &len) != 1) {
        ERR_clear_error();
        return {};
    }
    out.resize(qsizetype(len));
    return out;
}

QString b64(const QByteArray &bytes)
{
    return QString::fromLatin1(Base64Url::encode(bytes));
}

int passwordRefused(char *, int, int, void *)
{
    return -1; // never prompt; encrypted PEM is not supported
}

// The ML-DSA parameter set of \a k, or nullptr for any other key.
const char *mlDsaKeyType(EVP_PKEY *k)
{
    if (!mlDsaAvailable())
        return nullptr;
    for (const MlDsaInfo &m : mlDsaTable) {
        if (EVP_PKEY_is_a(k, m.name))
            return m.name;
    }
    return nullptr;
}

bool mlDsaRefused(Error *error)
{
    return setError(error, ErrorCode::UnsupportedAlgorithm,
                    QStringLiteral("ML-DSA needs OpenSSL 3.5 or later"));
}

} // namespace

bool OpenSsl::mlDsaAvailable()
{
    // The key management of the default library context: present from OpenSSL 3.5 on (or with
    // a provider that implements ML-DSA).
    static const bool available = [] {
        EVP_KEYMGMT *km = EVP_KEYMGMT_fetch(nullptr, "ML-DSA-65", nullptr);
        EVP_SIGNATURE *sig = km ? EVP_SIGNATURE_fetch(nullptr, "ML-DSA-65", nullptr) : nullptr;
        const bool ok = km && sig;
        EVP_SIGNATURE_free(sig);
        EVP_KEYMGMT_free(km);
        ERR_clear_error();
        return ok;
    }();
    return available;
}

class JsonWebKeyData : public QSharedData
{
public:
    JsonWebKeyData() = default;
    JsonWebKeyData(const JsonWebKeyData &other)
        : QSharedData(other),
          type(other.type),
          pkey(other.pkey),
          secret(other.secret),
          hasPrivate(other.hasPrivate),
          curve(other.curve),
          parameterSet(other.parameterSet),
          bits(other.bits),
          kid(other.kid),
          alg(other.alg),
          use(other.use),
          keyOps(other.keyOps),
          required(other.required)
    {
        if (pkey)
            EVP_PKEY_up_ref(pkey);
    }
    ~JsonWebKeyData()
    {
        for (std::atomic<EVP_MD_CTX *> &t : verifyTemplates)
            EVP_MD_CTX_free(t.load(std::memory_order_acquire));
        EVP_PKEY_free(pkey);
    }
    JsonWebKeyData &operator=(const JsonWebKeyData &) = delete;

    /*
        Verification contexts already through EVP_DigestVerifyInit (and the padding set) for this
        key, one per algorithm of algTable, created on first use: a verification copies one
        (EVP_MD_CTX_copy_ex) instead of initialising from scratch (a provider fetch, a new
        EVP_PKEY_CTX, parameter round trips). Never used directly, only copied; thread-safe
        (set once by compare-and-swap, read-only afterwards). Not copied with the data.
    */
    std::atomic<EVP_MD_CTX *> verifyTemplates[AlgCount] = {};

    // Takes ownership of key; checks it is a supported type and size; fills type/curve/bits/required.
    bool adopt(PkeyPtr key, bool isPrivate, Error *error);

    JsonWebKey::KeyType type = JsonWebKey::KeyType::None;
    EVP_PKEY *pkey = nullptr;
    QByteArray secret;
    bool hasPrivate = false;
    QString curve;
    QString parameterSet; // AKP: "ML-DSA-44", "ML-DSA-65" or "ML-DSA-87"
    int bits = 0;
    QString kid;
    QString alg;
    QString use;
    QStringList keyOps;
    QJsonObject required; // RFC 7638 required members (public key or "k")

    // Signing: a context initialised once for one algorithm and copied for every signature
    // (EVP_DigestSignInit costs several times a copy). Not copied with the data.
    QMutex signMutex;
    MdCtxPtr signTemplate;
    const void *signTemplateAlg = nullptr;
};

bool JsonWebKeyData::adopt(PkeyPtr key, bool isPrivate, Error *error)
{
    if (!key)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("no key"));
    EVP_PKEY *k = key.get();
    if (EVP_PKEY_is_a(k, "RSA")) {
        bits = EVP_PKEY_get_bits(k);
        if (bits < MinRsaBits)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("RSA key smaller than 2048 bits"));
        if (bits > MaxRsaBits)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("RSA key larger than 16384 bits"));
        const QByteArray n = bnParam(k, OSSL_PKEY_PARAM_RSA_N);
        const QByteArray e = bnParam(k, OSSL_PKEY_PARAM_RSA_E);
        if (n.isEmpty() || e.isEmpty())
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("incomplete RSA key"));
        type = JsonWebKey::KeyType::RSA;
        required = { { QStringLiteral("kty"), QStringLiteral("RSA") },
                     { QStringLiteral("n"), b64(n) },
                     { QStringLiteral("e"), b64(e) } };
    } else if (EVP_PKEY_is_a(k, "EC")) {
        char group[64] = {};
        size_t groupLen = 0;
        if (EVP_PKEY_get_utf8_string_param(k, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &groupLen) != 1)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("EC key without a named curve"));
        const CurveInfo *c = curveByOpenSslName(group);
        if (!c)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("unsupported EC curve"));
        const QByteArray x = bnParam(k, OSSL_PKEY_PARAM_EC_PUB_X, c->fieldBytes);
        const QByteArray y = bnParam(k, OSSL_PKEY_PARAM_EC_PUB_Y, c->fieldBytes);
        if (x.size() != c->fieldBytes || y.size() != c->fieldBytes)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("incomplete EC key"));
        type = JsonWebKey::KeyType::EC;
        curve = QLatin1String(c->jwkName);
        bits = EVP_PKEY_get_bits(k);
        required = { { QStringLiteral("kty"), QStringLiteral("EC") },
                     { QStringLiteral("crv"), curve },
                     { QStringLiteral("x"), b64(x) },
                     { QStringLiteral("y"), b64(y) } };
    } else if (EVP_PKEY_is_a(k, "ED25519") || EVP_PKEY_is_a(k, "X25519")) {
        // X25519: ECDH-ES key agreement (JWE decryption) only, never a signing key.
        const bool x25519 = EVP_PKEY_is_a(k, "X25519");
        const QByteArray x = octetParam(k, OSSL_PKEY_PARAM_PUB_KEY);
        if (x.size() != 32)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("incomplete OKP key"));
        type = JsonWebKey::KeyType::OKP;
        curve = x25519 ? QStringLiteral("X25519") : QStringLiteral("Ed25519");
        bits = 256;
        required = { { QStringLiteral("kty"), QStringLiteral("OKP") },
                     { QStringLiteral("crv"), curve },
                     { QStringLiteral("x"), b64(x) } };
    } else if (const char *set = mlDsaKeyType(k)) {
        const QByteArray pub = octetParam(k, OSSL_PKEY_PARAM_PUB_KEY);
        const MlDsaInfo *m = mlDsaByName(QLatin1String(set));
        if (!m || pub.size() != m->publicKeyBytes)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("incomplete ML-DSA key"));
        type = JsonWebKey::KeyType::AKP;
        parameterSet = QLatin1String(set);
        bits = int(pub.size() * 8);
        // The draft's RFC 7638 members of an AKP key: alg, kty, pub.
        required = { { QStringLiteral("kty"), QStringLiteral("AKP") },
                     { QStringLiteral("alg"), parameterSet },
                     { QStringLiteral("pub"), b64(pub) } };
    } else {
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("unsupported key type"));
    }
    hasPrivate = isPrivate;
    pkey = key.release();
    return true;
}

// ---------------------------------------------------------------------------------------------

JsonWebKey::JsonWebKey() = default;
JsonWebKey::JsonWebKey(const JsonWebKey &other) = default;
JsonWebKey::JsonWebKey(JsonWebKey &&other) noexcept = default;
JsonWebKey &JsonWebKey::operator=(const JsonWebKey &other) = default;
JsonWebKey &JsonWebKey::operator=(JsonWebKey &&other) noexcept = default;
JsonWebKey::~JsonWebKey() = default;

namespace {

// Reads an optional string member; false when present with another type.
bool optionalString(const QJsonObject &jwk, QLatin1String name, QString *out)
{
    const QJsonValue v = jwk.value(name);
    if (v.isUndefined())
        return true;
    if (!v.isString())
        return false;
    *out = v.toString();
    return true;
}

// Reads a base64url member. Returns false (with error) when absent (if required) or malformed.
bool binaryMember(const QJsonObject &jwk, QLatin1String name, bool required, QByteArray *out,
                  Error *error)
{
    const QJsonValue v = jwk.value(name);
    if (v.isUndefined()) {
        if (required)
            return setError(error, ErrorCode::InvalidKey,
                            QStringLiteral("JWK member \"") + name + QStringLiteral("\" missing"));
        return true;
    }
    bool ok = false;
    const QString text = v.toString();
    // toLatin1() would turn other characters into '?': only ASCII can be base64url.
    const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
    if (v.isString() && ascii)
        *out = Base64Url::decode(text.toLatin1(), &ok);
    if (!ok || out->isEmpty())
        return setError(error, ErrorCode::InvalidKey,
                        QStringLiteral("JWK member \"") + name + QStringLiteral("\" is not base64url"));
    return true;
}

bool hasAny(const QJsonObject &jwk, std::initializer_list<const char *> names)
{
    for (const char *n : names) {
        if (jwk.contains(QLatin1String(n)))
            return true;
    }
    return false;
}

PkeyPtr fromParams(const char *type, int selection, OSSL_PARAM_BLD *bld)
{
    ParamPtr params(OSSL_PARAM_BLD_to_param(bld));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1)
        return {};
    EVP_PKEY *raw = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &raw, selection, params.get()) != 1)
        return {};
    return PkeyPtr(raw);
}

PkeyPtr importRsa(const QJsonObject &jwk, bool keepPrivate, bool *isPrivate, Error *error)
{
    QByteArray n, e;
    if (!binaryMember(jwk, QLatin1String("n"), true, &n, error)
        || !binaryMember(jwk, QLatin1String("e"), true, &e, error))
        return {};
    BignumPtr bnN = bytesToBn(n), bnE = bytesToBn(e);
    if (!bnN || !bnE)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("invalid RSA key")), PkeyPtr();
    if (BN_num_bits(bnN.get()) < MinRsaBits)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("RSA key smaller than 2048 bits")), PkeyPtr();
    if (BN_num_bits(bnN.get()) > MaxRsaBits)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("RSA key larger than 16384 bits")), PkeyPtr();
    if (BN_num_bits(bnE.get()) > 64 || !BN_is_odd(bnE.get()) || BN_is_one(bnE.get()))
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("invalid RSA public exponent")), PkeyPtr();
    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    if (!bld || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bnN.get())
        || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bnE.get()))
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("out of memory")), PkeyPtr();

    std::vector<BignumPtr> keep;
    *isPrivate = keepPrivate && jwk.contains(QLatin1String("d"));
    if (*isPrivate) {
        if (jwk.contains(QLatin1String("oth")))
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("multi-prime RSA keys are not supported")), PkeyPtr();
        struct Member { const char *jwk; const char *param; };
        static const Member crt[] = {
            { "p", OSSL_PKEY_PARAM_RSA_FACTOR1 }, { "q", OSSL_PKEY_PARAM_RSA_FACTOR2 },
            { "dp", OSSL_PKEY_PARAM_RSA_EXPONENT1 }, { "dq", OSSL_PKEY_PARAM_RSA_EXPONENT2 },
            { "qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1 },
        };
        QByteArray d;
        if (!binaryMember(jwk, QLatin1String("d"), true, &d, error))
            return {};
        keep.push_back(bytesToBn(d));
        if (!keep.back() || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, keep.back().get()))
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("invalid RSA key")), PkeyPtr();
        const bool withCrt = hasAny(jwk, { "p", "q", "dp", "dq", "qi" });
        if (withCrt) {
            for (const Member &m : crt) {
                QByteArray v;
                if (!binaryMember(jwk, QLatin1String(m.jwk), true, &v, error))
                    return {};
                keep.push_back(bytesToBn(v));
                if (!keep.back() || !OSSL_PARAM_BLD_push_BN(bld.get(), m.param, keep.back().get()))
                    return setError(error, ErrorCode::InvalidKey, QStringLiteral("invalid RSA key")), PkeyPtr();
            }
        }
    }
    PkeyPtr pkey = fromParams("RSA", *isPrivate ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld.get());
    if (!pkey)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("invalid RSA key")), PkeyPtr();
    if (*isPrivate && jwk.contains(QLatin1String("p"))) {
        // p * q == n, d and the CRT values consistent with e
        PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
        if (!check || EVP_PKEY_pairwise_check(check.get()) != 1)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("RSA private key does not match the public key")), PkeyPtr();
    }
    return pkey;
}

PkeyPtr importEc(const QJsonObject &jwk, bool keepPrivate, bool *isPrivate, Error *error)
{
    QString crv;
    if (!optionalString(jwk, QLatin1String("crv"), &crv))
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("JWK member \"crv\" is not a string")), PkeyPtr();
    const CurveInfo *c = curveByJwkName(crv);
    if (!c)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("unsupported or missing EC curve")), PkeyPtr();
    QByteArray x, y;
    if (!binaryMember(jwk, QLatin1String("x"), true, &x, error)
        || !binaryMember(jwk, QLatin1String("y"), true, &y, error))
        return {};
    if (x.size() != c->fieldBytes || y.size() != c->fieldBytes)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("EC coordinates have the wrong length")), PkeyPtr();
    const QByteArray point = QByteArray(1, '\x04') + x + y;
    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    if (!bld
        || !OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, c->opensslName, 0)
        || !OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                             size_t(point.size())))
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("out of memory")), PkeyPtr();
    BignumPtr bnD;
    *isPrivate = keepPrivate && jwk.contains(QLatin1String("d"));
    if (*isPrivate) {
        QByteArray d;
        if (!binaryMember(jwk, QLatin1String("d"), true, &d, error))
            return {};
        if (d.size() != c->fieldBytes)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("EC private key has the wrong length")), PkeyPtr();
        bnD = bytesToBn(d);
        if (!bnD || !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, bnD.get()))
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("invalid EC key")), PkeyPtr();
    }
    PkeyPtr pkey = fromParams("EC", *isPrivate ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld.get());
    if (!pkey)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("EC point is not on the curve")), PkeyPtr();
    PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
    if (!check || EVP_PKEY_public_check(check.get()) != 1)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("EC point is not on the curve")), PkeyPtr();
    if (*isPrivate && EVP_PKEY_pairwise_check(check.get()) != 1)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("EC private key does not match the public key")), PkeyPtr();
    return pkey;
}

PkeyPtr importOkp(const QJsonObject &jwk, bool keepPrivate, bool *isPrivate, Error *error)
{
    QString crv;
    if (!optionalString(jwk, QLatin1String("crv"), &crv)
        || (crv != QLatin1String("Ed25519") && crv != QLatin1String("X25519")))
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("unsupported or missing OKP curve")), PkeyPtr();
    const char *const okpType = crv == QLatin1String("X25519") ? "X25519" : "ED25519";
    QByteArray x;
    if (!binaryMember(jwk, QLatin1String("x"), true, &x, error))
        return {};
    if (x.size() != 32)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("Ed25519 public key has the wrong length")), PkeyPtr();
    *isPrivate = keepPrivate && jwk.contains(QLatin1String("d"));
    PkeyPtr pkey;
    if (*isPrivate) {
        QByteArray d;
        if (!binaryMember(jwk, QLatin1String("d"), true, &d, error))
            return {};
        if (d.size() != 32)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("Ed25519 private key has the wrong length")), PkeyPtr();
        pkey.reset(EVP_PKEY_new_raw_private_key_ex(nullptr, okpType, nullptr,
                                                   reinterpret_cast<const unsigned char *>(d.constData()), 32));
        if (!pkey || octetParam(pkey.get(), OSSL_PKEY_PARAM_PUB_KEY) != x)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("Ed25519 private key does not match the public key")), PkeyPtr();
    } else {
        pkey.reset(EVP_PKEY_new_raw_public_key_ex(nullptr, okpType, nullptr,
                                                  reinterpret_cast<const unsigned char *>(x.constData()), 32));
        if (!pkey)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("invalid Ed25519 key")), PkeyPtr();
    }
    return pkey;
}

// An AKP key ("ML-DSA for JOSE and COSE"): "alg" names the parameter set, "pub" is the encoded
// public key, "priv" the 32-byte seed the key pair is derived from (FIPS 204 ML-DSA.KeyGen_internal).
PkeyPtr importAkp(const QJsonObject &jwk, bool keepPrivate, bool *isPrivate, Error *error)
{
    QString alg;
    if (!optionalString(jwk, QLatin1String("alg"), &alg) || alg.isEmpty())
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("AKP JWK member \"alg\" missing or not a string")), PkeyPtr();
    const MlDsaInfo *m = mlDsaByName(alg);
    if (!m)
        return setError(error, ErrorCode::UnsupportedAlgorithm, QStringLiteral("unsupported AKP algorithm")), PkeyPtr();
    if (!mlDsaAvailable())
        return mlDsaRefused(error), PkeyPtr();
    QByteArray pub;
    if (!binaryMember(jwk, QLatin1String("pub"), true, &pub, error))
        return {};
    if (pub.size() != m->publicKeyBytes)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("ML-DSA public key has the wrong length")), PkeyPtr();
    *isPrivate = keepPrivate && jwk.contains(QLatin1String("priv"));
    QByteArray seed;
    if (*isPrivate) {
        if (!binaryMember(jwk, QLatin1String("priv"), true, &seed, error))
            return {};
        if (seed.size() != MlDsaSeedBytes)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("ML-DSA private key (seed) has the wrong length")), PkeyPtr();
    }
    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    // String names ("pub", "seed"): the OSSL_PKEY_PARAM_ML_DSA_* macros are missing before 3.5.
    const bool pushed = bld
            && (*isPrivate ? OSSL_PARAM_BLD_push_octet_string(bld.get(), "seed", seed.constData(), size_t(seed.size()))
                           : OSSL_PARAM_BLD_push_octet_string(bld.get(), "pub", pub.constData(), size_t(pub.size())));
    if (!pushed)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("out of memory")), PkeyPtr();
    PkeyPtr pkey = fromParams(m->name, *isPrivate ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, bld.get());
    if (!pkey)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("invalid ML-DSA key")), PkeyPtr();
    // The key pair derived from the seed must have the public key the JWK states.
    if (*isPrivate && octetParam(pkey.get(), OSSL_PKEY_PARAM_PUB_KEY) != pub)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("ML-DSA private key does not match the public key")), PkeyPtr();
    return pkey;
}

// True when \a pem holds a key with an ML-DSA algorithm identifier (2.16.840.1.101.3.4.3.17-19):
// tells an OpenSSL without ML-DSA apart from a broken file.
bool isMlDsaPem(const QByteArray &pem)
{
    const qsizetype begin = pem.indexOf("-----BEGIN ");
    const qsizetype body = begin < 0 ? -1 : pem.indexOf('\n', begin);
    const qsizetype end = body < 0 ? -1 : pem.indexOf("-----END ", body);
    if (end < 0)
        return false;
    const QByteArray der = QByteArray::fromBase64(pem.mid(body + 1, end - body - 1));
    static const char oid[] = "\x06\x09\x60\x86\x48\x01\x65\x03\x04\x03";
    const qsizetype at = der.indexOf(QByteArray::fromRawData(oid, sizeof oid - 1));
    return at >= 0 && at + 10 < der.size() && der.at(at + 10) >= 0x11 && der.at(at + 10) <= 0x13;
}

} // namespace

JsonWebKey JsonWebKey::fromJson(const QJsonObject &jwk, PrivatePart privatePart, Error *error)
{
    QExplicitlySharedDataPointer<JsonWebKeyData> data(new JsonWebKeyData);
    QString kty;
    if (!jwk.value(QLatin1String("kty")).isString())
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("JWK member \"kty\" missing or not a string")), JsonWebKey();
    kty = jwk.value(QLatin1String("kty")).toString();
    if (!optionalString(jwk, QLatin1String("kid"), &data->kid)
        || !optionalString(jwk, QLatin1String("alg"), &data->alg)
        || !optionalString(jwk, QLatin1String("use"), &data->use))
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("JWK member \"kid\", \"alg\" or \"use\" is not a string")), JsonWebKey();
    const QJsonValue ops = jwk.value(QLatin1String("key_ops"));
    if (!ops.isUndefined()) {
        if (!ops.isArray())
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("JWK member \"key_ops\" is not an array")), JsonWebKey();
        const QJsonArray array = ops.toArray();
        for (const QJsonValue &op : array) {
            if (!op.isString() || data->keyOps.contains(op.toString()))
                return setError(error, ErrorCode::InvalidKey, QStringLiteral("JWK member \"key_ops\" is invalid")), JsonWebKey();
            data->keyOps.append(op.toString());
        }
    }
    const bool keepPrivate = privatePart == PrivatePart::KeepPrivate;
    if (kty == QLatin1String("oct")) {
        if (!keepPrivate)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("a symmetric JWK is a secret: import it with KeepPrivate")), JsonWebKey();
        QByteArray k;
        if (!binaryMember(jwk, QLatin1String("k"), true, &k, error))
            return {};
        data->type = KeyType::Oct;
        data->secret = k;
        data->hasPrivate = true;
        data->bits = int(k.size() * 8);
        data->required = { { QStringLiteral("k"), b64(k) }, { QStringLiteral("kty"), QStringLiteral("oct") } };
    } else {
        bool isPrivate = false;
        PkeyPtr pkey;
        if (kty == QLatin1String("RSA"))
            pkey = importRsa(jwk, keepPrivate, &isPrivate, error);
        else if (kty == QLatin1String("EC"))
            pkey = importEc(jwk, keepPrivate, &isPrivate, error);
        else if (kty == QLatin1String("OKP"))
            pkey = importOkp(jwk, keepPrivate, &isPrivate, error);
        else if (kty == QLatin1String("AKP"))
            pkey = importAkp(jwk, keepPrivate, &isPrivate, error);
        else
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("unsupported kty")), JsonWebKey();
        if (!pkey)
            return {};
        if (!data->adopt(std::move(pkey), isPrivate, error))
            return {};
    }
    ERR_clear_error();
    clearError(error);
    JsonWebKey key;
    key.d = data;
    return key;
}

JsonWebKey JsonWebKey::fromPem(const QByteArray &pem, Error *error)
{
    bool isPrivate = true;
    PkeyPtr pkey;
    {
        BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
        if (bio)
            pkey.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, passwordRefused, nullptr));
    }
    if (!pkey) {
        isPrivate = false;
        BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
        if (bio)
            pkey.reset(PEM_read_bio_PUBKEY(bio.get(), nullptr, passwordRefused, nullptr));
    }
    if (!pkey && !mlDsaAvailable() && isMlDsaPem(pem))
        return mlDsaRefused(error), JsonWebKey();
    if (!pkey)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("not a PEM private or public key")), JsonWebKey();
    QExplicitlySharedDataPointer<JsonWebKeyData> data(new JsonWebKeyData);
    if (!data->adopt(std::move(pkey), isPrivate, error))
        return {};
    if (data->type == KeyType::EC) {
        PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, data->pkey, nullptr));
        if (!check || EVP_PKEY_public_check(check.get()) != 1)
            return setError(error, ErrorCode::InvalidKey, QStringLiteral("EC point is not on the curve")), JsonWebKey();
    }
    ERR_clear_error();
    clearError(error);
    JsonWebKey key;
    key.d = data;
    return key;
}

JsonWebKey JsonWebKey::fromSecret(const QByteArray &secret)
{
    JsonWebKey key;
    if (secret.isEmpty())
        return key;
    key.d = new JsonWebKeyData;
    key.d->type = KeyType::Oct;
    key.d->secret = secret;
    key.d->hasPrivate = true;
    key.d->bits = int(secret.size() * 8);
    key.d->required = { { QStringLiteral("k"), b64(secret) }, { QStringLiteral("kty"), QStringLiteral("oct") } };
    return key;
}

JsonWebKey JsonWebKey::generateRsa(int bits, Error *error)
{
    if (bits < MinRsaBits || bits > MaxRsaBits)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("RSA keys must have 2048 to 16384 bits")), JsonWebKey();
    PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits)));
    if (!pkey)
        return setError(error, ErrorCode::KeyGenerationFailed, QStringLiteral("RSA key generation failed")), JsonWebKey();
    QExplicitlySharedDataPointer<JsonWebKeyData> data(new JsonWebKeyData);
    if (!data->adopt(std::move(pkey), true, error))
        return {};
    clearError(error);
    JsonWebKey key;
    key.d = data;
    return key;
}

JsonWebKey JsonWebKey::generate(const QString &algorithm, Error *error)
{
    const AlgInfo *info = algInfo(algorithm);
    if (!info)
        return setError(error, ErrorCode::UnsupportedAlgorithm, QStringLiteral("unsupported algorithm")), JsonWebKey();
    PkeyPtr pkey;
    switch (info->family) {
    case Family::RS:
    case Family::PS:
        return generateRsa(MinRsaBits, error);
    case Family::HS: {
        QByteArray secret(QCryptographicHash::hashLength(info->hash), '\0');
        if (RAND_bytes(reinterpret_cast<unsigned char *>(secret.data()), int(secret.size())) != 1)
            return setError(error, ErrorCode::KeyGenerationFailed, QStringLiteral("no randomness")), JsonWebKey();
        clearError(error);
        return fromSecret(secret);
    }
    case Family::ES:
        pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curveByJwkName(QLatin1String(info->curve))->opensslName));
        break;
    case Family::EdDSA:
        pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
        break;
    case Family::MLDSA:
        pkey.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, info->curve));
        break;
    }
    if (!pkey)
        return setError(error, ErrorCode::KeyGenerationFailed, QStringLiteral("key generation failed")), JsonWebKey();
    QExplicitlySharedDataPointer<JsonWebKeyData> data(new JsonWebKeyData);
    if (!data->adopt(std::move(pkey), true, error))
        return {};
    clearError(error);
    JsonWebKey key;
    key.d = data;
    return key;
}

bool JsonWebKey::isNull() const { return !d; }
JsonWebKey::KeyType JsonWebKey::keyType() const { return d ? d->type : KeyType::None; }

QString JsonWebKey::keyTypeName() const
{
    switch (keyType()) {
    case KeyType::RSA: return QStringLiteral("RSA");
    case KeyType::EC: return QStringLiteral("EC");
    case KeyType::OKP: return QStringLiteral("OKP");
    case KeyType::Oct: return QStringLiteral("oct");
    case KeyType::AKP: return QStringLiteral("AKP");
    case KeyType::None: break;
    }
    return {};
}

bool JsonWebKey::hasPrivateKey() const { return d && d->hasPrivate; }
QString JsonWebKey::curve() const { return d ? d->curve : QString(); }
int JsonWebKey::keySizeBits() const { return d ? d->bits : 0; }
QByteArray JsonWebKey::symmetricSecret() const { return d && d->type == KeyType::Oct ? d->secret : QByteArray(); }
QString JsonWebKey::keyId() const { return d ? d->kid : QString(); }

void JsonWebKey::setKeyId(const QString &kid)
{
    if (!d)
        return;
    d.detach();
    d->kid = kid;
}

QString JsonWebKey::algorithm() const { return d ? d->alg : QString(); }

void JsonWebKey::setAlgorithm(const QString &alg)
{
    if (!d)
        return;
    d.detach();
    d->alg = alg;
}

QString JsonWebKey::use() const { return d ? d->use : QString(); }
QStringList JsonWebKey::keyOperations() const { return d ? d->keyOps : QStringList(); }

bool JsonWebKey::fitsAlgorithm(const QString &alg) const
{
    const AlgInfo *info = algInfo(alg);
    if (!d || !info)
        return false;
    switch (info->family) {
    case Family::RS:
    case Family::PS:
        return d->type == KeyType::RSA && d->bits >= MinRsaBits;
    case Family::ES:
        return d->type == KeyType::EC && d->curve == QLatin1String(info->curve);
    case Family::EdDSA:
        return d->type == KeyType::OKP && d->curve == QLatin1String("Ed25519");
    case Family::HS:
        return d->type == KeyType::Oct && !d->secret.isEmpty();
    case Family::MLDSA:
        return d->type == KeyType::AKP && d->parameterSet == QLatin1String(info->curve);
    }
    return false;
}

bool JsonWebKey::allowsOperation(const QString &alg, const QString &operation) const
{
    if (!d)
        return false;
    if (!d->alg.isEmpty() && d->alg != alg)
        return false;
    if (!d->use.isEmpty() && d->use != QLatin1String("sig"))
        return false;
    if (!d->keyOps.isEmpty() && !operation.isEmpty() && !d->keyOps.contains(operation))
        return false;
    return true;
}

bool JsonWebKey::supportsAlgorithm(const QString &alg) const
{
    if (!fitsAlgorithm(alg) || !allowsOperation(alg, QString()))
        return false;
    if (d->keyOps.isEmpty())
        return true;
    return d->keyOps.contains(QLatin1String("verify")) || d->keyOps.contains(QLatin1String("sign"));
}

QString JsonWebKey::defaultAlgorithm() const
{
    switch (keyType()) {
    case KeyType::RSA: return QStringLiteral("RS256");
    case KeyType::EC:
        if (d->curve == QLatin1String("P-256"))
            return QStringLiteral("ES256");
        if (d->curve == QLatin1String("P-384"))
            return QStringLiteral("ES384");
        return QStringLiteral("ES512");
    case KeyType::OKP: return d->curve == QLatin1String("Ed25519") ? QStringLiteral("EdDSA") : QString();
    case KeyType::Oct: return QStringLiteral("HS256");
    case KeyType::AKP: return d->parameterSet;
    case KeyType::None: break;
    }
    return {};
}

JsonWebKey JsonWebKey::publicKey() const
{
    if (!d || d->type == KeyType::Oct)
        return {};
    if (!d->hasPrivate)
        return *this;
    unsigned char *der = nullptr;
    const int len = i2d_PUBKEY(d->pkey, &der);
    if (len <= 0)
        return ERR_clear_error(), JsonWebKey();
    const unsigned char *p = der;
    PkeyPtr pub(d2i_PUBKEY(nullptr, &p, len));
    OPENSSL_free(der);
    QExplicitlySharedDataPointer<JsonWebKeyData> data(new JsonWebKeyData);
    if (!data->adopt(std::move(pub), false, nullptr))
        return {};
    data->kid = d->kid;
    data->alg = d->alg;
    data->use = d->use;
    data->keyOps = d->keyOps;
    JsonWebKey key;
    key.d = data;
    return key;
}

QJsonObject JsonWebKey::toJson(bool withPrivate) const
{
    if (!d || (d->type == KeyType::Oct && !withPrivate))
        return {};
    QJsonObject out = d->required;
    if (!d->kid.isEmpty())
        out.insert(QLatin1String("kid"), d->kid);
    if (!d->alg.isEmpty() && d->type != KeyType::AKP) // an AKP key's "alg" is its parameter set
        out.insert(QLatin1String("alg"), d->alg);
    if (!d->use.isEmpty())
        out.insert(QLatin1String("use"), d->use);
    if (!d->keyOps.isEmpty())
        out.insert(QLatin1String("key_ops"), QJsonArray::fromStringList(d->keyOps));
    if (!withPrivate || !d->hasPrivate || d->type == KeyType::Oct)
        return out;
    switch (d->type) {
    case KeyType::RSA: {
        struct Member { const char *jwk; const char *param; };
        static const Member members[] = {
            { "d", OSSL_PKEY_PARAM_RSA_D }, { "p", OSSL_PKEY_PARAM_RSA_FACTOR1 },
            { "q", OSSL_PKEY_PARAM_RSA_FACTOR2 }, { "dp", OSSL_PKEY_PARAM_RSA_EXPONENT1 },
            { "dq", OSSL_PKEY_PARAM_RSA_EXPONENT2 }, { "qi", OSSL_PKEY_PARAM_RSA_COEFFICIENT1 },
        };
        for (const Member &m : members) {
            const QByteArray v = bnParam(d->pkey, m.param);
            if (!v.isEmpty())
                out.insert(QLatin1String(m.jwk), b64(v));
        }
        break;
    }
    case KeyType::EC: {
        const CurveInfo *c = curveByJwkName(d->curve);
        out.insert(QLatin1String("d"), b64(bnParam(d->pkey, OSSL_PKEY_PARAM_PRIV_KEY, c ? c->fieldBytes : 0)));
        break;
    }
    case KeyType::OKP:
        out.insert(QLatin1String("d"), b64(octetParam(d->pkey, OSSL_PKEY_PARAM_PRIV_KEY)));
        break;
    case KeyType::AKP: {
        // The seed; a key imported without one (a PEM with the expanded key only) has no JWK form
        // of its private part.
        const QByteArray seed = octetParam(d->pkey, "seed");
        if (seed.size() == MlDsaSeedBytes)
            out.insert(QLatin1String("priv"), b64(seed));
        break;
    }
    case KeyType::Oct:
    case KeyType::None:
        break;
    }
    return out;
}

QByteArray JsonWebKey::thumbprint() const
{
    if (!d)
        return {};
    // RFC 7638: the required members in lexicographic order, no whitespace. The values are
    // base64url strings or curve names: nothing needs escaping.
    QByteArray json("{");
    const QStringList names = d->required.keys(); // QJsonObject keys are sorted
    for (const QString &name : names) {
        if (json.size() > 1)
            json += ',';
        json += '"' + name.toUtf8() + "\":\"" + d->required.value(name).toString().toUtf8() + '"';
    }
    json += '}';
    return QCryptographicHash::hash(json, QCryptographicHash::Sha256);
}

QByteArray JsonWebKey::thumbprintBase64Url() const
{
    return d ? Base64Url::encode(thumbprint()) : QByteArray();
}

QByteArray JsonWebKey::toPem(bool withPrivate) const
{
    if (!d || !d->pkey || (withPrivate && !d->hasPrivate))
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio)
        return {};
    const int ok = withPrivate
            ? PEM_write_bio_PrivateKey(bio.get(), d->pkey, nullptr, nullptr, 0, nullptr, nullptr)
            : PEM_write_bio_PUBKEY(bio.get(), d->pkey);
    if (ok != 1)
        return ERR_clear_error(), QByteArray();
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(len));
}

namespace {

// OpenSSL DER ECDSA signature (SEQUENCE { INTEGER r, INTEGER s }) -> JWS r||s, parsed in place
// (no ASN.1 objects or bignums). Empty when the DER is not such a signature for the field size.
QByteArray derToRaw(const unsigned char *der, size_t size, int fieldBytes)
{
    const unsigned char *p = der;
    const unsigned char *const end = der + size;
    auto readLength = [&](size_t *length) {
        if (p >= end)
            return false;
        const unsigned char b = *p++;
        if (b < 0x80) {
            *length = b;
        } else if (b == 0x81 && p < end && *p >= 0x80) {
            *length = *p++;
        } else {
            return false;
        }
        return *length <= size_t(end - p);
    };
    size_t length = 0;
    if (p >= end || *p++ != 0x30 || !readLength(&length) || p + length != end)
        return {};
    QByteArray out(2 * fieldBytes, '\0');
    auto *o = reinterpret_cast<unsigned char *>(out.data());
    for (int i = 0; i < 2; ++i) {
        if (p >= end || *p++ != 0x02 || !readLength(&length) || length == 0)
            return {};
        const unsigned char *v = p;
        p += length;
        if (*v & 0x80) // negative
            return {};
        while (length > 0 && *v == 0) {
            ++v;
            --length;
        }
        if (length > size_t(fieldBytes))
            return {};
        memcpy(o + (i + 1) * fieldBytes - int(length), v, length);
    }
    if (p != end)
        return {};
    return out;
}

// JWS r||s -> DER; empty when the length is wrong.
QByteArray rawToDer(const QByteArray &raw, int fieldBytes)
{
    if (raw.size() != 2 * fieldBytes)
        return {};
    BignumPtr r(BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()), fieldBytes, nullptr));
    BignumPtr s(BN_bin2bn(reinterpret_cast<const unsigned char *>(raw.constData()) + fieldBytes, fieldBytes, nullptr));
    EcdsaSigPtr sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
        return {};
    r.release();
    s.release();
    unsigned char *der = nullptr;
    const int len = i2d_ECDSA_SIG(sig.get(), &der);
    if (len <= 0)
        return {};
    QByteArray out(reinterpret_cast<const char *>(der), len);
    OPENSSL_free(der);
    return out;
}

bool initDigest(EVP_MD_CTX *ctx, const AlgInfo *info, EVP_PKEY *pkey, bool forSigning)
{
    // EdDSA and ML-DSA sign the message itself (one shot, no digest); ML-DSA with an empty context.
    const EVP_MD *md = info->family == Family::EdDSA || info->family == Family::MLDSA ? nullptr : evpMd(info->hash);
    EVP_PKEY_CTX *pctx = nullptr;
    const int ok = forSigning ? EVP_DigestSignInit(ctx, &pctx, md, nullptr, pkey)
                              : EVP_DigestVerifyInit(ctx, &pctx, md, nullptr, pkey);
    if (ok != 1)
        return false;
    if (info->family == Family::RS)
        return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
    if (info->family == Family::PS) {
        return EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1
                && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) == 1;
    }
    return true;
}

// A fresh verification context for \a key and \a info: a copy of the key's cached template
// (made on first use), or initialised from scratch where copying is not possible (EdDSA: its
// contexts carry no digest). The context is used once: FINALISE lets EVP_DigestVerifyFinal work
// on it directly instead of on a duplicate.
MdCtxPtr verifyContext(JsonWebKeyData *key, const AlgInfo *info)
{
    MdCtxPtr ctx(EVP_MD_CTX_new());
    if (!ctx)
        return {};
    if (info->family != Family::EdDSA && info->family != Family::MLDSA) {
        std::atomic<EVP_MD_CTX *> &slot = key->verifyTemplates[info - algTable];
        EVP_MD_CTX *tmpl = slot.load(std::memory_order_acquire);
        if (!tmpl) {
            MdCtxPtr fresh(EVP_MD_CTX_new());
            if (fresh && initDigest(fresh.get(), info, key->pkey, false)) {
                EVP_MD_CTX *expected = nullptr;
                if (slot.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel))
                    tmpl = fresh.release();
                else
                    tmpl = expected; // another thread was first; ours is freed
            }
        }
        if (tmpl && EVP_MD_CTX_copy_ex(ctx.get(), tmpl) == 1) {
            EVP_MD_CTX_set_flags(ctx.get(), EVP_MD_CTX_FLAG_FINALISE);
            return ctx;
        }
        ERR_clear_error();
        ctx.reset(EVP_MD_CTX_new());
        if (!ctx)
            return {};
    }
    if (!initDigest(ctx.get(), info, key->pkey, false))
        return {};
    EVP_MD_CTX_set_flags(ctx.get(), EVP_MD_CTX_FLAG_FINALISE);
    return ctx;
}

} // namespace

QByteArray JsonWebKey::sign(const QString &alg, const QByteArray &data, Error *error) const
{
    const AlgInfo *info = algInfo(alg);
    if (!d)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("no key")), QByteArray();
    if (!info)
        return setError(error, ErrorCode::UnsupportedAlgorithm, QStringLiteral("unsupported algorithm")), QByteArray();
    if (!fitsAlgorithm(alg) || !allowsOperation(alg, QStringLiteral("sign")))
        return setError(error, ErrorCode::UnsupportedAlgorithm, QStringLiteral("the key does not fit the algorithm")), QByteArray();
    if (!d->hasPrivate)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("no private key")), QByteArray();
    if (info->family == Family::HS) {
        clearError(error);
        return QMessageAuthenticationCode::hash(data, d->secret, info->hash);
    }
    MdCtxPtr ctx(EVP_MD_CTX_new());
    bool ready = false;
    if (ctx && info->family != Family::EdDSA && info->family != Family::MLDSA) {
        JsonWebKeyData *data = d.data(); // only the signing cache changes (under its mutex)
        QMutexLocker lock(&data->signMutex);
        if (data->signTemplateAlg != info) {
            MdCtxPtr t(EVP_MD_CTX_new());
            if (t && initDigest(t.get(), info, data->pkey, true)) {
                data->signTemplate = std::move(t);
                data->signTemplateAlg = info;
            }
        }
        ready = data->signTemplateAlg == info && EVP_MD_CTX_copy_ex(ctx.get(), data->signTemplate.get()) == 1;
    }
    if (!ready && (!ctx || EVP_MD_CTX_reset(ctx.get()) != 1 || !initDigest(ctx.get(), info, d->pkey, true)))
        return setError(error, ErrorCode::SigningFailed, QStringLiteral("signing failed")), QByteArray();
    // One signature per context: lets OpenSSL finalise in place instead of duplicating the context.
    EVP_MD_CTX_set_flags(ctx.get(), EVP_MD_CTX_FLAG_FINALISE);
    const auto *in = reinterpret_cast<const unsigned char *>(data.constData());
    const int maxSize = EVP_PKEY_get_size(d->pkey);
    if (maxSize <= 0)
        return setError(error, ErrorCode::SigningFailed, QStringLiteral("signing failed")), QByteArray();
    size_t len = size_t(maxSize);
    if (info->family == Family::ES) {
        unsigned char der[160]; // a P-521 DER signature is at most 139 bytes
        if (len > sizeof der || EVP_DigestSign(ctx.get(), der, &len, in, size_t(data.size())) != 1)
            return setError(error, ErrorCode::SigningFailed, QStringLiteral("signing failed")), QByteArray();
        const CurveInfo *curve = curveByJwkName(d->curve);
        const QByteArray raw = curve ? derToRaw(der, len, curve->fieldBytes) : QByteArray();
        if (raw.isEmpty())
            return setError(error, ErrorCode::SigningFailed, QStringLiteral("signing failed")), QByteArray();
        clearError(error);
        return raw;
    }
    QByteArray sig(qsizetype(len), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(sig.data()), &len, in, size_t(data.size())) != 1)
        return setError(error, ErrorCode::SigningFailed, QStringLiteral("signing failed")), QByteArray();
    sig.resize(qsizetype(len));
    clearError(error);
    return sig;
}

bool JsonWebKey::verify(const QString &alg, const QByteArray &data, const QByteArray &signature,
                        Error *error) const
{
    if (alg == QLatin1String("none"))
        return setError(error, ErrorCode::AlgorithmNotAllowed, QStringLiteral("alg none"));
    const AlgInfo *info = algInfo(alg);
    if (!d)
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("no key"));
    if (!info)
        return setError(error, ErrorCode::UnsupportedAlgorithm, QStringLiteral("unsupported algorithm"));
    if (!fitsAlgorithm(alg) || !allowsOperation(alg, QStringLiteral("verify")))
        return setError(error, ErrorCode::UnsupportedAlgorithm, QStringLiteral("the key does not fit the algorithm"));
    if (info->family == Family::HS) {
        const QByteArray mac = QMessageAuthenticationCode::hash(data, d->secret, info->hash);
        if (signature.size() != mac.size()
            || CRYPTO_memcmp(mac.constData(), signature.constData(), size_t(mac.size())) != 0)
            return setError(error, ErrorCode::InvalidSignature, QStringLiteral("signature mismatch"));
        clearError(error);
        return true;
    }
    QByteArray sig = signature;
    switch (info->family) {
    case Family::ES:
        sig = rawToDer(signature, curveByJwkName(d->curve)->fieldBytes);
        if (sig.isEmpty())
            return setError(error, ErrorCode::InvalidSignature, QStringLiteral("EC signature has the wrong length"));
        break;
    case Family::RS:
    case Family::PS:
        if (signature.size() != (d->bits + 7) / 8)
            return setError(error, ErrorCode::InvalidSignature, QStringLiteral("RSA signature has the wrong length"));
        break;
    case Family::EdDSA:
        if (signature.size() != 64)
            return setError(error, ErrorCode::InvalidSignature, QStringLiteral("EdDSA signature has the wrong length"));
        break;
    case Family::MLDSA: {
        const MlDsaInfo *m = mlDsaByName(d->parameterSet);
        if (!m || signature.size() != m->signatureBytes)
            return setError(error, ErrorCode::InvalidSignature, QStringLiteral("ML-DSA signature has the wrong length"));
        break;
    }
    case Family::HS:
        break;
    }
    MdCtxPtr ctx = verifyContext(d.data(), info);
    if (!ctx)
        return setError(error, ErrorCode::InvalidSignature, QStringLiteral("verification could not start"));
    if (EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(sig.constData()), size_t(sig.size()),
                         reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size())) != 1)
        return setError(error, ErrorCode::InvalidSignature, QStringLiteral("signature mismatch"));
    clearError(error);
    return true;
}

void *JsonWebKey::nativeHandle() const
{
    return d ? d->pkey : nullptr;
}

bool JsonWebKey::operator==(const JsonWebKey &other) const
{
    if (d == other.d)
        return true;
    if (!d || !other.d || d->type != other.d->type)
        return false;
    if (d->type == KeyType::Oct) {
        return d->secret.size() == other.d->secret.size()
                && CRYPTO_memcmp(d->secret.constData(), other.d->secret.constData(), size_t(d->secret.size())) == 0;
    }
    return d->required == other.d->required;
}

// ---------------------------------------------------------------------------------------------

JsonWebKeySet JsonWebKeySet::fromJson(const QJsonObject &jwks, Error *error)
{
    const QJsonValue keys = jwks.value(QLatin1String("keys"));
    if (keys.isUndefined())
        return setError(error, ErrorCode::MissingMember, QStringLiteral("JWKS has no \"keys\"")), JsonWebKeySet();
    if (!keys.isArray())
        return setError(error, ErrorCode::InvalidMember, QStringLiteral("JWKS \"keys\" is not an array")), JsonWebKeySet();
    const QJsonArray array = keys.toArray();
    JsonWebKeySet set;
    for (const QJsonValue &v : array) {
        if (!v.isObject())
            return setError(error, ErrorCode::InvalidMember, QStringLiteral("JWKS \"keys\" holds a non-object")), JsonWebKeySet();
    }
    for (const QJsonValue &v : array) {
        const JsonWebKey key = JsonWebKey::fromJson(v.toObject(), JsonWebKey::PrivatePart::DropPrivate);
        if (!key.isNull())
            set.addKey(key);
    }
    clearError(error);
    return set;
}

QJsonObject JsonWebKeySet::toJson(bool withPrivate) const
{
    QJsonArray array;
    for (const JsonWebKey &key : m_keys) {
        const QJsonObject jwk = key.toJson(withPrivate);
        if (!jwk.isEmpty())
            array.append(jwk);
    }
    return { { QStringLiteral("keys"), array } };
}

QList<JsonWebKey> JsonWebKeySet::candidates(const QString &alg, const QString &kid) const
{
    QList<JsonWebKey> out;
    for (const JsonWebKey &key : m_keys) {
        if (!kid.isEmpty() && key.keyId() != kid)
            continue;
        if (key.fitsAlgorithm(alg) && key.allowsOperation(alg, QStringLiteral("verify")))
            out.append(key);
    }
    return out;
}

} // namespace OAuth4Qt
