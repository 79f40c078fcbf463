// SPDX-License-Identifier: BSD-3-Clause
#include "jwe_p.h"
#include "base64url_p.h"
#include "openssl_p.h"

#include <oauth4qt/json.h>
#include <oauth4qt/jws.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QScopeGuard>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <cstring>
#include <iterator>

namespace OAuth4Qt {
namespace Jwe {

using namespace OpenSsl;

namespace {

using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, Deleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX, EVP_MAC_CTX_free>>;

enum class Mgmt { RsaOaep, RsaOaep256, EcdhEs, EcdhEsKw, AesKw, Dir };

struct AlgInfo
{
    const char *name;
    Mgmt mgmt;
    int kwBytes; // AES key wrap key size (A*KW, ECDH-ES+A*KW)
};

const AlgInfo algTable[] = {
    { "RSA-OAEP", Mgmt::RsaOaep, 0 },
    { "RSA-OAEP-256", Mgmt::RsaOaep256, 0 },
    { "ECDH-ES", Mgmt::EcdhEs, 0 },
    { "ECDH-ES+A128KW", Mgmt::EcdhEsKw, 16 },
    { "ECDH-ES+A192KW", Mgmt::EcdhEsKw, 24 },
    { "ECDH-ES+A256KW", Mgmt::EcdhEsKw, 32 },
    { "A128KW", Mgmt::AesKw, 16 },
    { "A192KW", Mgmt::AesKw, 24 },
    { "A256KW", Mgmt::AesKw, 32 },
    { "dir", Mgmt::Dir, 0 },
};

struct EncInfo
{
    const char *name;
    bool gcm;
    int keyBytes; // the whole CEK (CBC-HS: MAC key + encryption key)
    int tagBytes;
    int ivBytes;
};

const EncInfo encTable[] = {
    { "A128GCM", true, 16, 16, 12 },
    { "A192GCM", true, 24, 16, 12 },
    { "A256GCM", true, 32, 16, 12 },
    { "A128CBC-HS256", false, 32, 16, 16 },
    { "A192CBC-HS384", false, 48, 24, 16 },
    { "A256CBC-HS512", false, 64, 32, 16 },
};

const AlgInfo *algInfo(const QString &name)
{
    for (const AlgInfo &a : algTable) {
        if (name == QLatin1String(a.name))
            return &a;
    }
    return nullptr;
}

const EncInfo *encInfo(const QString &name)
{
    for (const EncInfo &e : encTable) {
        if (name == QLatin1String(e.name))
            return &e;
    }
    return nullptr;
}

// Ciphers and digests fetched once (an implicit fetch on every use costs more than a small
// decryption). Never freed: they live as long as the process, like OpenSSL's own tables.
const EVP_CIPHER *gcmCipher(int keyBytes)
{
    static EVP_CIPHER *c128 = EVP_CIPHER_fetch(nullptr, "AES-128-GCM", nullptr);
    static EVP_CIPHER *c192 = EVP_CIPHER_fetch(nullptr, "AES-192-GCM", nullptr);
    static EVP_CIPHER *c256 = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
    return keyBytes == 16 ? c128 : keyBytes == 24 ? c192 : c256;
}

const EVP_CIPHER *cbcCipher(int keyBytes)
{
    static EVP_CIPHER *c128 = EVP_CIPHER_fetch(nullptr, "AES-128-CBC", nullptr);
    static EVP_CIPHER *c192 = EVP_CIPHER_fetch(nullptr, "AES-192-CBC", nullptr);
    static EVP_CIPHER *c256 = EVP_CIPHER_fetch(nullptr, "AES-256-CBC", nullptr);
    return keyBytes == 16 ? c128 : keyBytes == 24 ? c192 : c256;
}

const EVP_CIPHER *wrapCipher(int keyBytes)
{
    static EVP_CIPHER *c128 = EVP_CIPHER_fetch(nullptr, "AES-128-WRAP", nullptr);
    static EVP_CIPHER *c192 = EVP_CIPHER_fetch(nullptr, "AES-192-WRAP", nullptr);
    static EVP_CIPHER *c256 = EVP_CIPHER_fetch(nullptr, "AES-256-WRAP", nullptr);
    return keyBytes == 16 ? c128 : keyBytes == 24 ? c192 : c256;
}

const EVP_MD *digest(int bytes)
{
    static EVP_MD *sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
    static EVP_MD *sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    static EVP_MD *sha384 = EVP_MD_fetch(nullptr, "SHA384", nullptr);
    static EVP_MD *sha512 = EVP_MD_fetch(nullptr, "SHA512", nullptr);
    switch (bytes) {
    case 20: return sha1;
    case 32: return sha256;
    case 48: return sha384;
    default: return sha512;
    }
}

EVP_MAC *hmac()
{
    static EVP_MAC *mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    return mac;
}

const uchar *u(const QByteArray &b)
{
    return reinterpret_cast<const uchar *>(b.constData());
}

uchar *u(QByteArray &b)
{
    return reinterpret_cast<uchar *>(b.data());
}

void appendBe32(QByteArray &out, quint32 v)
{
    const char bytes[4] = { char(v >> 24), char(v >> 16), char(v >> 8), char(v) };
    out.append(bytes, 4);
}

QByteArray randomBytes(int n)
{
    QByteArray out(n, Qt::Uninitialized);
    if (n > 0 && RAND_bytes(u(out), n) != 1)
        out.fill('\0'); // never used as a secret: only as a substitute CEK that must not decrypt
    return out;
}

bool setError(Error *error, ErrorCode code, const QString &detail)
{
    if (error)
        *error = Error(code, detail);
    return false;
}

// The one error for everything the cryptography decides.
Error decryptionFailed()
{
    return Error(ErrorCode::JweDecryptionFailed, QStringLiteral("the JWE does not decrypt"));
}

// ---- content encryption ---------------------------------------------------------------------

bool gcmDecrypt(const EncInfo &enc, const QByteArray &cek, const QByteArray &iv, const QByteArray &aad,
                const QByteArray &ciphertext, const QByteArray &tag, QByteArray *plaintext)
{
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int len = 0, finalLen = 0;
    plaintext->resize(ciphertext.size());
    unsigned char dummy = 0;
    unsigned char *out = ciphertext.isEmpty() ? &dummy : u(*plaintext);
    const bool ok = ctx
            && EVP_DecryptInit_ex2(ctx.get(), gcmCipher(enc.keyBytes), u(cek), u(iv), nullptr) == 1
            && EVP_DecryptUpdate(ctx.get(), nullptr, &len, u(aad), int(aad.size())) == 1
            && EVP_DecryptUpdate(ctx.get(), out, &len, u(ciphertext), int(ciphertext.size())) == 1
            && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, int(tag.size()),
                                   const_cast<char *>(tag.constData())) == 1
            && EVP_DecryptFinal_ex(ctx.get(), out + len, &finalLen) == 1;
    if (!ok) {
        OPENSSL_cleanse(plaintext->data(), size_t(plaintext->size()));
        plaintext->clear();
        return false;
    }
    plaintext->resize(len + finalLen);
    return true;
}

bool gcmEncrypt(const EncInfo &enc, const QByteArray &cek, const QByteArray &iv, const QByteArray &aad,
                const QByteArray &plaintext, QByteArray *ciphertext, QByteArray *tag)
{
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int len = 0, finalLen = 0;
    ciphertext->resize(plaintext.size() + 16);
    tag->resize(enc.tagBytes);
    const bool ok = ctx
            && EVP_EncryptInit_ex2(ctx.get(), gcmCipher(enc.keyBytes), u(cek), u(iv), nullptr) == 1
            && EVP_EncryptUpdate(ctx.get(), nullptr, &len, u(aad), int(aad.size())) == 1
            && EVP_EncryptUpdate(ctx.get(), u(*ciphertext), &len, u(plaintext), int(plaintext.size())) == 1
            && EVP_EncryptFinal_ex(ctx.get(), u(*ciphertext) + len, &finalLen) == 1
            && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_GET_TAG, enc.tagBytes, tag->data()) == 1;
    ciphertext->resize(ok ? len + finalLen : 0);
    return ok;
}

// HMAC(macKey, aad || iv || ciphertext || AL) truncated to the tag length (RFC 7518 5.2.2.1).
bool cbcHsTag(const EncInfo &enc, const QByteArray &macKey, const QByteArray &aad, const QByteArray &iv,
              const QByteArray &ciphertext, unsigned char *tag)
{
    MacCtxPtr ctx(EVP_MAC_CTX_new(hmac()));
    if (!ctx)
        return false;
    const EVP_MD *md = digest(enc.tagBytes * 2);
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char *>(EVP_MD_get0_name(md)), 0),
        OSSL_PARAM_construct_end(),
    };
    const quint64 al = quint64(aad.size()) * 8;
    unsigned char alBytes[8];
    for (int i = 0; i < 8; ++i)
        alBytes[i] = uchar(al >> (56 - 8 * i));
    unsigned char mac[EVP_MAX_MD_SIZE];
    size_t macLen = 0;
    const bool ok = EVP_MAC_init(ctx.get(), u(macKey), size_t(macKey.size()), params) == 1
            && EVP_MAC_update(ctx.get(), u(aad), size_t(aad.size())) == 1
            && EVP_MAC_update(ctx.get(), u(iv), size_t(iv.size())) == 1
            && EVP_MAC_update(ctx.get(), u(ciphertext), size_t(ciphertext.size())) == 1
            && EVP_MAC_update(ctx.get(), alBytes, sizeof alBytes) == 1
            && EVP_MAC_final(ctx.get(), mac, &macLen, sizeof mac) == 1
            && macLen >= size_t(enc.tagBytes);
    if (ok)
        memcpy(tag, mac, size_t(enc.tagBytes));
    OPENSSL_cleanse(mac, sizeof mac);
    return ok;
}

bool cbcHsDecrypt(const EncInfo &enc, const QByteArray &cek, const QByteArray &iv, const QByteArray &aad,
                  const QByteArray &ciphertext, const QByteArray &tag, QByteArray *plaintext)
{
    const int half = enc.keyBytes / 2;
    const QByteArray macKey = QByteArray::fromRawData(cek.constData(), half);
    const QByteArray encKey = QByteArray::fromRawData(cek.constData() + half, half);
    unsigned char expected[32];
    // Encrypt-then-MAC: the tag first, compared in constant time; the padding is looked at only
    // for an authentic ciphertext, so it can never serve as an oracle.
    if (!cbcHsTag(enc, macKey, aad, iv, ciphertext, expected)
        || CRYPTO_memcmp(expected, tag.constData(), size_t(enc.tagBytes)) != 0)
        return false;
    if (ciphertext.isEmpty() || ciphertext.size() % 16 != 0)
        return false;
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int len = 0, finalLen = 0;
    plaintext->resize(ciphertext.size());
    const bool ok = ctx
            && EVP_DecryptInit_ex2(ctx.get(), cbcCipher(half), u(encKey), u(iv), nullptr) == 1
            && EVP_DecryptUpdate(ctx.get(), u(*plaintext), &len, u(ciphertext), int(ciphertext.size())) == 1
            && EVP_DecryptFinal_ex(ctx.get(), u(*plaintext) + len, &finalLen) == 1;
    if (!ok) {
        OPENSSL_cleanse(plaintext->data(), size_t(plaintext->size()));
        plaintext->clear();
        return false;
    }
    plaintext->resize(len + finalLen);
    return true;
}

bool cbcHsEncrypt(const EncInfo &enc, const QByteArray &cek, const QByteArray &iv, const QByteArray &aad,
                  const QByteArray &plaintext, QByteArray *ciphertext, QByteArray *tag)
{
    const int half = enc.keyBytes / 2;
    const QByteArray macKey = QByteArray::fromRawData(cek.constData(), half);
    const QByteArray encKey = QByteArray::fromRawData(cek.constData() + half, half);
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    int len = 0, finalLen = 0;
    ciphertext->resize(plaintext.size() + 16);
    bool ok = ctx
            && EVP_EncryptInit_ex2(ctx.get(), cbcCipher(half), u(encKey), u(iv), nullptr) == 1
            && EVP_EncryptUpdate(ctx.get(), u(*ciphertext), &len, u(plaintext), int(plaintext.size())) == 1
            && EVP_EncryptFinal_ex(ctx.get(), u(*ciphertext) + len, &finalLen) == 1;
    ciphertext->resize(ok ? len + finalLen : 0);
    unsigned char t[32];
    ok = ok && cbcHsTag(enc, macKey, aad, iv, *ciphertext, t);
    *tag = ok ? QByteArray(reinterpret_cast<const char *>(t), enc.tagBytes) : QByteArray();
    return ok;
}

// ---- key management -------------------------------------------------------------------------

bool aesKw(bool unwrap, const QByteArray &kek, const QByteArray &in, QByteArray *out)
{
    if (unwrap && (in.size() < 24 || in.size() % 8 != 0))
        return false;
    if (!unwrap && (in.size() < 16 || in.size() % 8 != 0))
        return false;
    CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        return false;
    EVP_CIPHER_CTX_set_flags(ctx.get(), EVP_CIPHER_CTX_FLAG_WRAP_ALLOW);
    out->resize(unwrap ? in.size() - 8 : in.size() + 8);
    int len = 0, finalLen = 0;
    const bool ok = (unwrap ? EVP_DecryptInit_ex2(ctx.get(), wrapCipher(int(kek.size())), u(kek), nullptr, nullptr)
                            : EVP_EncryptInit_ex2(ctx.get(), wrapCipher(int(kek.size())), u(kek), nullptr, nullptr)) == 1
            && EVP_CipherUpdate(ctx.get(), u(*out), &len, u(in), int(in.size())) == 1
            && EVP_CipherFinal_ex(ctx.get(), u(*out) + len, &finalLen) == 1
            && len + finalLen == out->size();
    if (!ok) {
        OPENSSL_cleanse(out->data(), size_t(out->size()));
        out->clear();
    }
    return ok;
}

bool rsaOaep(bool decrypt, EVP_PKEY *pkey, bool sha256, const QByteArray &in, QByteArray *out)
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!ctx)
        return false;
    const EVP_MD *md = digest(sha256 ? 32 : 20);
    if ((decrypt ? EVP_PKEY_decrypt_init(ctx.get()) : EVP_PKEY_encrypt_init(ctx.get())) != 1
        || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) != 1
        || EVP_PKEY_CTX_set_rsa_oaep_md(ctx.get(), md) != 1
        || EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), md) != 1)
        return false;
    size_t len = 0;
    if ((decrypt ? EVP_PKEY_decrypt(ctx.get(), nullptr, &len, u(in), in.size())
                 : EVP_PKEY_encrypt(ctx.get(), nullptr, &len, u(in), in.size())) != 1)
        return false;
    out->resize(qsizetype(len));
    if ((decrypt ? EVP_PKEY_decrypt(ctx.get(), u(*out), &len, u(in), in.size())
                 : EVP_PKEY_encrypt(ctx.get(), u(*out), &len, u(in), in.size())) != 1) {
        OPENSSL_cleanse(out->data(), size_t(out->size()));
        out->clear();
        return false;
    }
    out->resize(qsizetype(len));
    return true;
}

// Concat KDF (NIST SP 800-56A, RFC 7518 4.6.2) with SHA-256.
QByteArray concatKdf(const QByteArray &z, int keyBytes, const QByteArray &algorithmId, const QByteArray &apu,
                     const QByteArray &apv)
{
    QByteArray otherInfo;
    otherInfo.reserve(16 + algorithmId.size() + apu.size() + apv.size());
    appendBe32(otherInfo, quint32(algorithmId.size()));
    otherInfo += algorithmId;
    appendBe32(otherInfo, quint32(apu.size()));
    otherInfo += apu;
    appendBe32(otherInfo, quint32(apv.size()));
    otherInfo += apv;
    appendBe32(otherInfo, quint32(keyBytes) * 8);
    QByteArray out;
    MdCtxPtr ctx(EVP_MD_CTX_new());
    for (quint32 counter = 1; out.size() < keyBytes; ++counter) {
        unsigned char c[4] = { uchar(counter >> 24), uchar(counter >> 16), uchar(counter >> 8), uchar(counter) };
        unsigned char block[32];
        unsigned int len = 0;
        if (!ctx || EVP_DigestInit_ex2(ctx.get(), digest(32), nullptr) != 1
            || EVP_DigestUpdate(ctx.get(), c, 4) != 1
            || EVP_DigestUpdate(ctx.get(), z.constData(), size_t(z.size())) != 1
            || EVP_DigestUpdate(ctx.get(), otherInfo.constData(), size_t(otherInfo.size())) != 1
            || EVP_DigestFinal_ex(ctx.get(), block, &len) != 1)
            return {};
        out.append(reinterpret_cast<const char *>(block), int(len));
        OPENSSL_cleanse(block, sizeof block);
    }
    out.truncate(keyBytes);
    return out;
}

QByteArray ecdhDerive(EVP_PKEY *priv, EVP_PKEY *peer)
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, priv, nullptr));
    size_t len = 0;
    // validate_peer = 0: the peer's key was checked when it was imported (importEpk).
    if (!ctx || EVP_PKEY_derive_init(ctx.get()) != 1 || EVP_PKEY_derive_set_peer_ex(ctx.get(), peer, 0) != 1
        || EVP_PKEY_derive(ctx.get(), nullptr, &len) != 1)
        return {};
    QByteArray z(qsizetype(len), Qt::Uninitialized);
    if (EVP_PKEY_derive(ctx.get(), u(z), &len) != 1)
        return {};
    z.resize(qsizetype(len));
    return z;
}

// The ephemeral public key of ECDH-ES ("epk"): EC P-256/P-384/P-521 (x and y of the exact
// length, the point on the curve) or X25519; never a private member. Imported straight into
// OpenSSL: the curves have cofactor 1, so the on-curve check (EVP_PKEY_public_check_quick) is the
// whole point validation, and no scalar multiplication beyond the key agreement is spent.
PkeyPtr importEpk(const QJsonObject &epk, QString *curve)
{
    if (epk.contains(QLatin1String("d")))
        return {};
    const QString kty = epk.value(QLatin1String("kty")).toString();
    const QString crv = epk.value(QLatin1String("crv")).toString();
    bool okX = false, okY = false;
    const QByteArray x = Base64Url::decode(epk.value(QLatin1String("x")).toString().toLatin1(), &okX);
    if (!okX || !epk.value(QLatin1String("x")).isString())
        return {};
    if (kty == QLatin1String("OKP") && crv == QLatin1String("X25519")) {
        if (x.size() != 32 || epk.contains(QLatin1String("y")))
            return {};
        *curve = crv;
        return PkeyPtr(EVP_PKEY_new_raw_public_key_ex(nullptr, "X25519", nullptr, u(x), 32));
    }
    if (kty != QLatin1String("EC") || !epk.value(QLatin1String("y")).isString())
        return {};
    const int fieldBytes = crv == QLatin1String("P-256") ? 32 : crv == QLatin1String("P-384") ? 48 : crv == QLatin1String("P-521") ? 66 : 0;
    const QByteArray y = Base64Url::decode(epk.value(QLatin1String("y")).toString().toLatin1(), &okY);
    if (!fieldBytes || !okY || x.size() != fieldBytes || y.size() != fieldBytes)
        return {};
    const QByteArray group = crv.toLatin1();
    const QByteArray point = '\x04' + x + y;
    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    if (!bld || OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, group.constData(), 0) != 1
        || OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(), size_t(point.size())) != 1)
        return {};
    ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
        || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return {};
    PkeyPtr pkey(raw);
    PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
    if (!check || EVP_PKEY_public_check_quick(check.get()) != 1)
        return {};
    *curve = crv;
    return pkey;
}

bool isEcdhKey(const JsonWebKey &key)
{
    return key.keyType() == JsonWebKey::KeyType::EC
            || (key.keyType() == JsonWebKey::KeyType::OKP && key.curve() == QLatin1String("X25519"));
}

// The JWK's own restrictions: "alg" equal when present, "use" "enc" when present, "key_ops"
// with a decrypting operation when present.
bool keyAllows(const JsonWebKey &key, const QString &alg)
{
    if (!key.algorithm().isEmpty() && key.algorithm() != alg)
        return false;
    if (!key.use().isEmpty() && key.use() != QLatin1String("enc"))
        return false;
    const QStringList ops = key.keyOperations();
    if (!ops.isEmpty() && !ops.contains(QLatin1String("decrypt")) && !ops.contains(QLatin1String("unwrapKey"))
        && !ops.contains(QLatin1String("deriveKey")) && !ops.contains(QLatin1String("deriveBits")))
        return false;
    return true;
}

struct Segments
{
    QByteArray protectedB64; // the AAD, a view into the compact JWE
    QByteArray encryptedKey, iv, ciphertext, tag; // views into storage
    QByteArray storage; // the four decoded segments, one allocation
};

// Splits the compact JWE and decodes all but the header (parsed, and cached, separately).
bool splitCompact(const QByteArray &compact, Segments *s)
{
    qsizetype dots[4];
    qsizetype from = 0;
    for (qsizetype &dot : dots) {
        dot = compact.indexOf('.', from);
        if (dot < 0)
            return false;
        from = dot + 1;
    }
    if (compact.indexOf('.', from) >= 0 || dots[0] == 0)
        return false;
    const char *data = compact.constData();
    qsizetype sizes[4];
    qsizetype total = 0;
    for (int i = 0; i < 4; ++i) {
        const qsizetype end = i == 3 ? compact.size() : dots[i + 1];
        sizes[i] = Base64Url::decodedSize(end - dots[i] - 1);
        if (sizes[i] < 0)
            return false;
        total += sizes[i];
    }
    s->storage = QByteArray(total, Qt::Uninitialized);
    uchar *out = reinterpret_cast<uchar *>(s->storage.data());
    QByteArray *views[4] = { &s->encryptedKey, &s->iv, &s->ciphertext, &s->tag };
    for (int i = 0; i < 4; ++i) {
        const qsizetype start = dots[i] + 1;
        const qsizetype end = i == 3 ? compact.size() : dots[i + 1];
        if (Base64Url::decodeInto(data + start, end - start, out) != sizes[i])
            return false;
        *views[i] = QByteArray::fromRawData(reinterpret_cast<const char *>(out), sizes[i]);
        out += sizes[i];
    }
    s->protectedB64 = QByteArray::fromRawData(compact.constData(), dots[0]); // compact outlives s
    return true;
}

// The protected header as far as decrypt() reads it.
struct Header
{
    QByteArray protectedB64; // the key of the cache below (a deep copy)
    QJsonObject object;      // empty when the header is not a valid JSON object
    QString alg, enc, kid;
    const AlgInfo *algInfo = nullptr; // of alg, when the library has it
    const EncInfo *encInfo = nullptr;
    bool algEncStrings = false, kidValid = false, zip = false, crit = false;
};

// The largest protected header (base64url) kept in the cache below.
constexpr qsizetype MaxCachedHeader = 1024;

// Parses the protected header into \a out; false when it is not base64url. The last small header
// parsed on this thread is kept: a provider sends the same header (no "epk") with every response
// for one alg/enc and key, and its parse is a large part of a symmetric decryption. The cache is
// keyed by the exact bytes, so a hit gives the answer a parse would give.
bool parseHeader(const QByteArray &protectedB64, Header *out)
{
    thread_local Header cached;
    if (!cached.protectedB64.isNull() && cached.protectedB64 == protectedB64) {
        *out = cached;
        return true;
    }
    bool decoded = false;
    const QByteArray json = Base64Url::decode(protectedB64, &decoded);
    if (!decoded)
        return false;
    Header h;
    // Strict JSON (no duplicate members); an invalid header is an empty object, refused by the
    // caller for its missing "alg" (the parser's detail is not needed for that).
    h.object = Json::parseObject(json, nullptr);
    const QJsonValue algValue = h.object.value(QLatin1String("alg"));
    const QJsonValue encValue = h.object.value(QLatin1String("enc"));
    h.algEncStrings = algValue.isString() && encValue.isString();
    h.alg = algValue.toString();
    h.enc = encValue.toString();
    h.algInfo = algInfo(h.alg);
    h.encInfo = encInfo(h.enc);
    const QJsonValue kidValue = h.object.value(QLatin1String("kid"));
    h.kidValid = kidValue.isUndefined() || kidValue.isString();
    h.kid = kidValue.toString();
    h.zip = h.object.contains(QLatin1String("zip"));
    h.crit = h.object.contains(QLatin1String("crit"));
    if (protectedB64.size() <= MaxCachedHeader) {
        h.protectedB64 = QByteArray(protectedB64.constData(), protectedB64.size());
        cached = h;
    }
    *out = std::move(h);
    return true;
}

// The content decryption with one CEK; false for any failure.
bool decryptContent(const EncInfo &enc, const QByteArray &cek, const Segments &s, QByteArray *plaintext)
{
    if (cek.size() != enc.keyBytes)
        return false;
    return enc.gcm ? gcmDecrypt(enc, cek, s.iv, s.protectedB64, s.ciphertext, s.tag, plaintext)
                   : cbcHsDecrypt(enc, cek, s.iv, s.protectedB64, s.ciphertext, s.tag, plaintext);
}

} // namespace

QStringList supportedAlgorithms()
{
    QStringList out;
    for (const AlgInfo &a : algTable)
        out.append(QLatin1String(a.name));
    return out;
}

QStringList supportedEncryptions()
{
    QStringList out;
    for (const EncInfo &e : encTable)
        out.append(QLatin1String(e.name));
    return out;
}

namespace {
bool decryptsWithRsa(const JsonWebKey &key)
{
    return key.hasPrivateKey() && key.keyType() == JsonWebKey::KeyType::RSA;
}
bool decryptsWithEcdh(const JsonWebKey &key)
{
    return key.hasPrivateKey() && (key.keyType() == JsonWebKey::KeyType::EC || key.curve() == QLatin1String("X25519"));
}
} // namespace

bool canDecrypt(const QList<JsonWebKey> &keys, const QString &alg)
{
    return !alg.isEmpty()
            || std::any_of(keys.cbegin(), keys.cend(), [](const JsonWebKey &k) { return decryptsWithRsa(k) || decryptsWithEcdh(k); });
}

DecryptOptions optionsFor(const QList<JsonWebKey> &keys, const QString &alg, const QString &enc,
                          const QByteArray &clientSecret)
{
    DecryptOptions options;
    if (alg.isEmpty()) {
        // Keys only: what the keys can decrypt, never a secret-derived key, never required.
        QStringList algorithms;
        for (const JsonWebKey &key : keys) {
            if (decryptsWithRsa(key)) {
                algorithms << QStringLiteral("RSA-OAEP") << QStringLiteral("RSA-OAEP-256");
            } else if (decryptsWithEcdh(key)) {
                algorithms << QStringLiteral("ECDH-ES") << QStringLiteral("ECDH-ES+A128KW")
                           << QStringLiteral("ECDH-ES+A192KW") << QStringLiteral("ECDH-ES+A256KW");
            }
        }
        algorithms.removeDuplicates();
        if (algorithms.isEmpty())
            return options;
        options.keys = keys;
        options.algorithms = algorithms;
        options.encryptions = enc.isEmpty() ? supportedEncryptions() : QStringList{ enc };
        options.required = false;
        return options;
    }
    options.keys = keys;
    options.algorithms = QStringList{ alg };
    options.encryptions = QStringList{ enc.isEmpty() ? QStringLiteral("A128CBC-HS256") : enc };
    options.clientSecret = clientSecret;
    return options;
}

bool isCompactJwe(const QByteArray &compact)
{
    return compact.count('.') == 4;
}

QByteArray deriveSecretKey(const QByteArray &clientSecret, const QString &alg, const QString &enc)
{
    const AlgInfo *a = algInfo(alg);
    if (!a || clientSecret.isEmpty())
        return {};
    int bytes = 0;
    if (a->mgmt == Mgmt::AesKw) {
        bytes = a->kwBytes;
    } else if (a->mgmt == Mgmt::Dir) {
        const EncInfo *e = encInfo(enc);
        if (!e)
            return {};
        bytes = e->keyBytes;
    } else {
        return {};
    }
    // OpenID Connect Core 10.2: the leftmost bits of SHA-256 for keys up to 256 bits, of SHA-384
    // for 384 bits, of SHA-512 for 512 bits.
    const int hashBytes = bytes <= 32 ? 32 : bytes <= 48 ? 48 : 64;
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(clientSecret.constData(), size_t(clientSecret.size()), md, &len, digest(hashBytes), nullptr) != 1)
        return {};
    const QByteArray key(reinterpret_cast<const char *>(md), bytes);
    OPENSSL_cleanse(md, sizeof md);
    return key;
}

QByteArray decrypt(const QByteArray &compact, const DecryptOptions &options, QJsonObject *headerOut, Error *error)
{
    auto fail = [error](const Error &e) {
        if (error)
            *error = e;
        return QByteArray();
    };
    if (!options.isConfigured())
        return fail(Error(ErrorCode::EncryptedJwtUnsupported, QStringLiteral("the token is a JWE and decryption is not configured")));
    if (compact.size() > MaxCompactSize)
        return fail(Error(ErrorCode::MalformedJwt, QStringLiteral("the JWE is larger than %1 bytes").arg(MaxCompactSize)));
    Segments s;
    if (!splitCompact(compact, &s))
        return fail(Error(ErrorCode::MalformedJwt, QStringLiteral("a JWE has five strict base64url segments")));
    Header parsed;
    if (!parseHeader(s.protectedB64, &parsed))
        return fail(Error(ErrorCode::MalformedJwt, QStringLiteral("a JWE has five strict base64url segments")));
    const QJsonObject &header = parsed.object;
    if (headerOut)
        *headerOut = header;
    if (!parsed.algEncStrings)
        return fail(Error(ErrorCode::MalformedJwt, QStringLiteral("JWE header \"alg\" or \"enc\" missing or not a string")));
    const QString &alg = parsed.alg;
    const QString &encName = parsed.enc;
    if (alg == QLatin1String("RSA1_5"))
        return fail(Error(ErrorCode::AlgorithmNotAllowed, QStringLiteral("RSA1_5 is never accepted")));
    if (parsed.zip)
        return fail(Error(ErrorCode::AlgorithmNotAllowed, QStringLiteral("compressed (\"zip\") JWEs are refused")));
    if (parsed.crit)
        return fail(Error(ErrorCode::UnsupportedCriticalHeader, QStringLiteral("the JWE has a \"crit\" header")));
    const AlgInfo *a = parsed.algInfo;
    if (!a || !options.algorithms.contains(alg))
        return fail(Error(ErrorCode::AlgorithmNotAllowed, QStringLiteral("JWE alg \"%1\" is not configured (configured: %2)")
                                                                  .arg(alg.left(32), options.algorithms.join(QLatin1String(", ")))));
    const EncInfo *enc = parsed.encInfo;
    if (!enc || !options.encryptions.contains(encName))
        return fail(Error(ErrorCode::AlgorithmNotAllowed, QStringLiteral("JWE enc \"%1\" is not configured (configured: %2)")
                                                                  .arg(encName.left(32), options.encryptions.join(QLatin1String(", ")))));
    if (!parsed.kidValid)
        return fail(Error(ErrorCode::MalformedJwt, QStringLiteral("the \"kid\" header must be a string")));
    const QString &kid = parsed.kid;

    // Candidate keys: type and size fit alg, the JWK allows it, and the kid (when both have one).
    QList<QByteArray> secrets; // A*KW KEKs or dir CEKs
    QList<JsonWebKey> keys;
    for (const JsonWebKey &key : options.keys) {
        if (!key.hasPrivateKey() || !keyAllows(key, alg))
            continue;
        if (!kid.isEmpty() && !key.keyId().isEmpty() && key.keyId() != kid)
            continue;
        switch (a->mgmt) {
        case Mgmt::RsaOaep:
        case Mgmt::RsaOaep256:
            if (key.keyType() == JsonWebKey::KeyType::RSA)
                keys.append(key);
            break;
        case Mgmt::EcdhEs:
        case Mgmt::EcdhEsKw:
            if (isEcdhKey(key))
                keys.append(key);
            break;
        case Mgmt::AesKw:
        case Mgmt::Dir:
            if (key.keyType() == JsonWebKey::KeyType::Oct) {
                const QByteArray k = key.symmetricSecret();
                if (k.size() == (a->mgmt == Mgmt::AesKw ? a->kwBytes : enc->keyBytes))
                    secrets.append(k);
            }
            break;
        }
    }
    // The key derived from the client secret is this function's own copy, wiped at the end (the
    // JWKs' secrets are shared with the keys, which own them).
    QByteArray derived;
    if (a->mgmt == Mgmt::AesKw || a->mgmt == Mgmt::Dir) {
        derived = deriveSecretKey(options.clientSecret, alg, encName);
        if (!derived.isEmpty())
            secrets.append(derived);
    }
    const auto wipeDerived = qScopeGuard([&] {
        secrets.clear();
        OPENSSL_cleanse(derived.data(), size_t(derived.size()));
    });
    if (keys.isEmpty() && secrets.isEmpty())
        return fail(Error(ErrorCode::KeyNotFound, QStringLiteral("no decryption key fits JWE alg %1").arg(alg)));

    // From here on every failure is the same error.
    if (s.iv.size() != enc->ivBytes || s.tag.size() != enc->tagBytes)
        return fail(decryptionFailed());
    const bool directKey = a->mgmt == Mgmt::Dir || a->mgmt == Mgmt::EcdhEs;
    if (directKey != s.encryptedKey.isEmpty())
        return fail(decryptionFailed());

    QByteArray plaintext;
    bool decrypted = false;
    switch (a->mgmt) {
    case Mgmt::RsaOaep:
    case Mgmt::RsaOaep256:
        for (const JsonWebKey &key : std::as_const(keys)) {
            QByteArray cek;
            // A failed unwrap continues with a random CEK (RFC 7516 11.5): the content
            // decryption then fails like any wrong tag, on the same path.
            if (!rsaOaep(true, static_cast<EVP_PKEY *>(key.nativeHandle()), a->mgmt == Mgmt::RsaOaep256,
                         s.encryptedKey, &cek)
                || cek.size() != enc->keyBytes)
                cek = randomBytes(enc->keyBytes);
            const bool ok = decryptContent(*enc, cek, s, &plaintext);
            OPENSSL_cleanse(cek.data(), size_t(cek.size()));
            if ((decrypted = ok))
                break;
        }
        break;
    case Mgmt::EcdhEs:
    case Mgmt::EcdhEsKw: {
        const QJsonValue epkValue = header.value(QLatin1String("epk"));
        if (!epkValue.isObject())
            return fail(decryptionFailed());
        QString epkCurve;
        const PkeyPtr epk = importEpk(epkValue.toObject(), &epkCurve);
        if (!epk)
            return fail(decryptionFailed());
        QByteArray apu, apv;
        for (const auto &[name, out] : { std::pair<const char *, QByteArray *>{ "apu", &apu }, { "apv", &apv } }) {
            const QJsonValue v = header.value(QLatin1String(name));
            if (v.isUndefined())
                continue;
            bool ok = false;
            *out = v.isString() ? Base64Url::decode(v.toString().toLatin1(), &ok) : QByteArray();
            if (!ok)
                return fail(decryptionFailed());
        }
        const int keyBytes = a->mgmt == Mgmt::EcdhEs ? enc->keyBytes : a->kwBytes;
        const QByteArray algorithmId = (a->mgmt == Mgmt::EcdhEs ? encName : alg).toLatin1();
        for (const JsonWebKey &key : std::as_const(keys)) {
            if (key.curve() != epkCurve)
                continue;
            QByteArray z = ecdhDerive(static_cast<EVP_PKEY *>(key.nativeHandle()), epk.get());
            if (z.isEmpty())
                continue;
            QByteArray derived = concatKdf(z, keyBytes, algorithmId, apu, apv);
            OPENSSL_cleanse(z.data(), size_t(z.size()));
            QByteArray cek;
            if (a->mgmt == Mgmt::EcdhEs)
                cek = derived;
            else if (!aesKw(true, derived, s.encryptedKey, &cek))
                cek.clear();
            OPENSSL_cleanse(derived.data(), size_t(derived.size()));
            const bool ok = decryptContent(*enc, cek, s, &plaintext);
            OPENSSL_cleanse(cek.data(), size_t(cek.size()));
            if ((decrypted = ok))
                break;
        }
        break;
    }
    case Mgmt::AesKw:
    case Mgmt::Dir:
        for (const QByteArray &secret : std::as_const(secrets)) {
            if (a->mgmt == Mgmt::Dir) {
                decrypted = decryptContent(*enc, secret, s, &plaintext);
            } else {
                QByteArray cek;
                if (!aesKw(true, secret, s.encryptedKey, &cek))
                    cek.clear();
                decrypted = decryptContent(*enc, cek, s, &plaintext);
                OPENSSL_cleanse(cek.data(), size_t(cek.size()));
            }
            if (decrypted)
                break;
        }
        break;
    }
    if (ERR_peek_error() != 0)
        ERR_clear_error();
    if (!decrypted)
        return fail(decryptionFailed());
    if (error && error->isError())
        *error = Error();
    return plaintext;
}

// ---- encryption (tests, benchmarks, fuzz seeds) ----------------------------------------------

namespace {

// A fresh key pair on the curve of \a recipient (EC or X25519).
PkeyPtr generateEphemeral(const JsonWebKey &recipient)
{
    const QString crv = recipient.curve();
    if (recipient.keyType() == JsonWebKey::KeyType::OKP)
        return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "X25519"));
    const char *group = crv == QLatin1String("P-256") ? "P-256" : crv == QLatin1String("P-384") ? "P-384" : "P-521";
    return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group));
}

QJsonObject publicJwk(EVP_PKEY *pkey)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), pkey) != 1)
        return {};
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return JsonWebKey::fromPem(QByteArray(data, int(len))).toJson();
}

} // namespace

QByteArray encrypt(const QByteArray &plaintext, const JsonWebKey &recipient, const QString &alg, const QString &encName,
                   const QJsonObject &extraHeader, Error *error)
{
    const AlgInfo *a = algInfo(alg);
    const EncInfo *enc = encInfo(encName);
    if (!a || !enc)
        return setError(error, ErrorCode::UnsupportedAlgorithm, QStringLiteral("unsupported JWE alg or enc")), QByteArray();
    QJsonObject header = extraHeader;
    header.insert(QLatin1String("alg"), alg);
    header.insert(QLatin1String("enc"), encName);
    QByteArray cek, encryptedKey;
    bool ok = true;
    switch (a->mgmt) {
    case Mgmt::RsaOaep:
    case Mgmt::RsaOaep256:
        cek = randomBytes(enc->keyBytes);
        ok = recipient.keyType() == JsonWebKey::KeyType::RSA
                && rsaOaep(false, static_cast<EVP_PKEY *>(recipient.nativeHandle()), a->mgmt == Mgmt::RsaOaep256, cek, &encryptedKey);
        break;
    case Mgmt::EcdhEs:
    case Mgmt::EcdhEsKw: {
        if (!isEcdhKey(recipient)) {
            ok = false;
            break;
        }
        PkeyPtr eph = generateEphemeral(recipient);
        const QByteArray z = eph ? ecdhDerive(eph.get(), static_cast<EVP_PKEY *>(recipient.nativeHandle())) : QByteArray();
        if (z.isEmpty()) {
            ok = false;
            break;
        }
        header.insert(QLatin1String("epk"), publicJwk(eph.get()));
        bool okApu = true, okApv = true;
        const QByteArray apu = Base64Url::decode(header.value(QLatin1String("apu")).toString().toLatin1(), &okApu);
        const QByteArray apv = Base64Url::decode(header.value(QLatin1String("apv")).toString().toLatin1(), &okApv);
        const int keyBytes = a->mgmt == Mgmt::EcdhEs ? enc->keyBytes : a->kwBytes;
        const QByteArray derived = concatKdf(z, keyBytes, (a->mgmt == Mgmt::EcdhEs ? encName : alg).toLatin1(), apu, apv);
        if (a->mgmt == Mgmt::EcdhEs) {
            cek = derived;
        } else {
            cek = randomBytes(enc->keyBytes);
            ok = aesKw(false, derived, cek, &encryptedKey);
        }
        break;
    }
    case Mgmt::AesKw:
    case Mgmt::Dir: {
        const QByteArray secret = recipient.symmetricSecret();
        if (a->mgmt == Mgmt::Dir) {
            cek = secret;
            ok = cek.size() == enc->keyBytes;
        } else {
            cek = randomBytes(enc->keyBytes);
            ok = secret.size() == a->kwBytes && aesKw(false, secret, cek, &encryptedKey);
        }
        break;
    }
    }
    if (!ok || cek.size() != enc->keyBytes) {
        ERR_clear_error();
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("the key does not fit the JWE alg/enc")), QByteArray();
    }
    const QByteArray protectedB64 = Base64Url::encode(QJsonDocument(header).toJson(QJsonDocument::Compact));
    const QByteArray iv = randomBytes(enc->ivBytes);
    QByteArray ciphertext, tag;
    ok = enc->gcm ? gcmEncrypt(*enc, cek, iv, protectedB64, plaintext, &ciphertext, &tag)
                  : cbcHsEncrypt(*enc, cek, iv, protectedB64, plaintext, &ciphertext, &tag);
    OPENSSL_cleanse(cek.data(), size_t(cek.size()));
    if (!ok) {
        ERR_clear_error();
        return setError(error, ErrorCode::InvalidKey, QStringLiteral("encryption failed")), QByteArray();
    }
    if (error)
        *error = Error();
    return protectedB64 + '.' + Base64Url::encode(encryptedKey) + '.' + Base64Url::encode(iv) + '.'
            + Base64Url::encode(ciphertext) + '.' + Base64Url::encode(tag);
}

} // namespace Jwe
} // namespace OAuth4Qt
