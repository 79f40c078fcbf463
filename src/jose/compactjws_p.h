// SPDX-License-Identifier: BSD-3-Clause
//
//  W A R N I N G
//  -------------
// Internal API of oauth4qt. Not part of the public API.
//
// Building blocks for the JWTs the library signs itself many times (DPoP proofs, client
// assertions): JSON written straight into bytes instead of QJsonObject + QJsonDocument, and the
// compact serialization assembled around JsonWebKey::sign.
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/jsonwebkey.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qrandom.h>
#include <QtCore/qstring.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#ifdef Q_OS_UNIX
#include <pthread.h>
#endif

#include <atomic>
#include <cstring>

namespace OAuth4Qt {
namespace Internal {

// Appends \a utf8 as a JSON string (RFC 8259 section 7): quotes, backslash and control
// characters escaped, everything else (valid UTF-8) verbatim.
inline void appendJsonStringUtf8(QByteArray &out, const char *utf8, qsizetype size)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    qsizetype run = 0; // start of the pending unescaped run
    for (qsizetype i = 0; i < size; ++i) {
        const uchar c = uchar(utf8[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(utf8 + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default: {
            const char esc[] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf] };
            out.append(esc, sizeof esc);
        }
        }
    }
    out.append(utf8 + run, size - run);
    out += '"';
}

inline void appendJsonString(QByteArray &out, const QString &s)
{
    const QByteArray utf8 = s.toUtf8();
    appendJsonStringUtf8(out, utf8.constData(), utf8.size());
}

// \a latin1 read as Latin-1 (what QString::fromLatin1 makes of it).
inline void appendJsonLatin1(QByteArray &out, const QByteArray &latin1)
{
    for (const char c : latin1) {
        if (uchar(c) >= 0x80)
            return appendJsonString(out, QString::fromLatin1(latin1));
    }
    appendJsonStringUtf8(out, latin1.constData(), latin1.size());
}

inline void appendBase64Url(QByteArray &out, const QByteArray &data)
{
    out += data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Bumped in a forked child so that it never hands out random bytes its parent also holds.
inline std::atomic<unsigned> &randomForkGeneration()
{
    static std::atomic<unsigned> generation{ 0 };
#ifdef Q_OS_UNIX
    static const int registered = pthread_atfork(nullptr, nullptr, [] { ++randomForkGeneration(); });
    Q_UNUSED(registered);
#endif
    return generation;
}

// Appends base64url(\a bytes fresh CSPRNG bytes) for jti values. Every call into a CSPRNG has a
// fixed cost of microseconds (OpenSSL's DRBG reseed checks, RDRAND), larger than the bytes: this
// draws them from OpenSSL's RAND_bytes 1 KiB at a time into a per-thread buffer, hands each byte
// out once and wipes it as it goes. A forked child discards what it inherited.
inline void appendRandomBase64Url(QByteArray &out, int bytes)
{
    struct Pool
    {
        unsigned char data[1024];
        int used = int(sizeof data);
        unsigned generation = 0;
        ~Pool() { OPENSSL_cleanse(data, sizeof data); }
    };
    static thread_local Pool pool;
    Q_ASSERT(bytes > 0 && bytes <= 64);
    unsigned char chunk[64];
    const unsigned generation = randomForkGeneration().load(std::memory_order_relaxed);
    if (pool.generation != generation || pool.used + bytes > int(sizeof pool.data)) {
        if (RAND_bytes(pool.data, int(sizeof pool.data)) != 1) {
            // No OpenSSL randomness: straight from the system generator, unbuffered.
            QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(pool.data), sizeof pool.data / 4);
        }
        pool.used = 0;
        pool.generation = generation;
    }
    memcpy(chunk, pool.data + pool.used, size_t(bytes));
    OPENSSL_cleanse(pool.data + pool.used, size_t(bytes));
    pool.used += bytes;
    appendBase64Url(out, QByteArray::fromRawData(reinterpret_cast<const char *>(chunk), bytes));
}

// "<headerPrefix><base64url(payload)>.<base64url(signature)>" where \a headerPrefix is the
// base64url header followed by '.'. Empty and \a error when signing fails.
inline QByteArray signCompact(const QByteArray &headerPrefix, const QByteArray &payload, const QString &alg,
                              const JsonWebKey &key, Error *error)
{
    QByteArray jws;
    jws.reserve(headerPrefix.size() + (payload.size() + 2) / 3 * 4 + 2 + (2 * 132 + 2) / 3 * 4);
    jws += headerPrefix;
    appendBase64Url(jws, payload);
    const QByteArray signature = key.sign(alg, jws, error);
    if (signature.isEmpty())
        return {};
    jws += '.';
    appendBase64Url(jws, signature);
    return jws;
}

} // namespace Internal
} // namespace OAuth4Qt
