// SPDX-License-Identifier: BSD-3-Clause
// Helpers for the validation tests: JSON literals and signed test JWTs.
#pragma once

#include <oauth4qt/jws.h>

#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <initializer_list>
#include <utility>

namespace JwtTest {

struct V
{
    QJsonValue v;
    V(const char *s) : v(QString::fromUtf8(s)) {}
    V(const QString &s) : v(s) {}
    V(int i) : v(i) {}
    V(qint64 i) : v(double(i)) {}
    V(double d) : v(d) {}
    V(bool b) : v(b) {}
    V(std::nullptr_t) : v(QJsonValue::Null) {}
    V(const QJsonArray &a) : v(a) {}
    V(const QJsonObject &o) : v(o) {}
};
using O = std::initializer_list<std::pair<const char *, V>>;

inline QJsonObject obj(O members)
{
    QJsonObject o;
    for (const auto &m : members)
        o.insert(QString::fromUtf8(m.first), m.second.v);
    return o;
}

inline QJsonArray A(std::initializer_list<V> values)
{
    QJsonArray a;
    for (const V &x : values)
        a.append(x.v);
    return a;
}

//! \a base with \a patch applied (null values remove the member).
inline QJsonObject patched(QJsonObject base, const QJsonObject &patch)
{
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it->isNull())
            base.remove(it.key());
        else
            base.insert(it.key(), *it);
    }
    return base;
}

inline QByteArray sign(const QString &alg, const QJsonObject &header, const QJsonObject &claims,
                       const OAuth4Qt::JsonWebKey &key)
{
    QJsonObject h = header;
    if (!h.contains(QLatin1String("kid")) && !key.keyId().isEmpty() && !alg.startsWith(QLatin1String("HS")))
        h.insert(QStringLiteral("kid"), key.keyId());
    h.remove(QStringLiteral("alg"));
    OAuth4Qt::Error e;
    const QByteArray token = OAuth4Qt::Jws::sign(alg, h, QJsonDocument(claims).toJson(QJsonDocument::Compact), key, &e);
    if (e)
        qWarning() << "signing failed" << e;
    return token;
}

} // namespace JwtTest
