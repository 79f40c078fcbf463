// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qhash.h>
#include <QtCore/qobject.h>
#include <QtCore/qstring.h>

#include <functional>

namespace OAuth4Qt {

/*!
    \class OAuth4Qt::TokenStore
    Where a TokenSession keeps its session blob (refresh token, access token, DPoP key, ...):
    an opaque secret byte array per key. Operations are asynchronous: the callback runs exactly
    once, never inside the call. load() of a key with nothing stored gives an empty array and no
    error. Deleting the store drops the callbacks of operations still under way: they are never
    called (whether an abandoned keychain write reached the keychain is then unknown).
    Implementations must keep that rule (e.g. queue callbacks with the store as context).

    Backends: MemoryTokenStore (process lifetime only), KeychainTokenStore (the OS keychain
    through QtKeychain, when oauth4qt was built with it). There is deliberately no file backend:
    an application that wants tokens in a file implements this interface itself and owns that
    decision.
*/
class OAUTH4QT_EXPORT TokenStore : public QObject
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(bool available READ isAvailable CONSTANT FINAL)
public:
    using Done = std::function<void(const OAuth4Qt::Error &error)>;
    using Loaded = std::function<void(const QByteArray &data, const OAuth4Qt::Error &error)>;

    explicit TokenStore(QObject *parent = nullptr);
    ~TokenStore() override;

    //! False when the backend cannot work here (e.g. built without QtKeychain).
    virtual bool isAvailable() const { return true; }
    virtual void save(const QString &key, const QByteArray &data, Done done) = 0;
    virtual void load(const QString &key, Loaded done) = 0;
    virtual void remove(const QString &key, Done done) = 0;
};

//! Keeps blobs in memory for the lifetime of the object (tests, or "don't remember me").
class OAUTH4QT_EXPORT MemoryTokenStore : public OAuth4Qt::TokenStore
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
public:
    explicit MemoryTokenStore(QObject *parent = nullptr);
    ~MemoryTokenStore() override;
    void save(const QString &key, const QByteArray &data, Done done) override;
    void load(const QString &key, Loaded done) override;
    void remove(const QString &key, Done done) override;
    //! Number of keys stored.
    int count() const { return int(m_data.size()); }

private:
    QHash<QString, QByteArray> m_data;
};

/*!
    \class OAuth4Qt::KeychainTokenStore
    The OS keychain (Secret Service/KWallet on Linux, Keychain on macOS, Credential Manager on
    Windows) through QtKeychain. \a service names the application's entry group
    (e.g. "org.example.MyApp"). When oauth4qt was built without QtKeychain, isAvailable() is
    false and every operation fails with InvalidConfiguration.
*/
class OAUTH4QT_EXPORT KeychainTokenStore : public OAuth4Qt::TokenStore
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(QString service READ service WRITE setService NOTIFY serviceChanged FINAL)
public:
    explicit KeychainTokenStore(QObject *parent = nullptr);
    explicit KeychainTokenStore(const QString &service, QObject *parent = nullptr);
    ~KeychainTokenStore() override;

    //! True when oauth4qt was built with QtKeychain.
    static bool isCompiledIn();

    QString service() const;
    void setService(const QString &service);

    bool isAvailable() const override;
    void save(const QString &key, const QByteArray &data, Done done) override;
    void load(const QString &key, Loaded done) override;
    void remove(const QString &key, Done done) override;

Q_SIGNALS:
    void serviceChanged();

private:
    QString m_service;
};

} // namespace OAuth4Qt
