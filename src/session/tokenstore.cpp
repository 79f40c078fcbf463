// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/tokenstore.h>

#include <QtCore/QMetaObject>
#include <QtCore/QPointer>

#ifdef OAUTH4QT_HAS_KEYCHAIN
#include <qt6keychain/keychain.h>
#endif

namespace OAuth4Qt {

TokenStore::TokenStore(QObject *parent) : QObject(parent) {}
TokenStore::~TokenStore() = default;

// ---- MemoryTokenStore -----------------------------------------------------------------------

MemoryTokenStore::MemoryTokenStore(QObject *parent) : TokenStore(parent) {}
MemoryTokenStore::~MemoryTokenStore() = default;

void MemoryTokenStore::save(const QString &key, const QByteArray &data, Done done)
{
    m_data.insert(key, data);
    QMetaObject::invokeMethod(this, [done] { if (done) done(Error()); }, Qt::QueuedConnection);
}

void MemoryTokenStore::load(const QString &key, Loaded done)
{
    const QByteArray data = m_data.value(key);
    QMetaObject::invokeMethod(this, [done, data] { if (done) done(data, Error()); }, Qt::QueuedConnection);
}

void MemoryTokenStore::remove(const QString &key, Done done)
{
    m_data.remove(key);
    QMetaObject::invokeMethod(this, [done] { if (done) done(Error()); }, Qt::QueuedConnection);
}

// ---- KeychainTokenStore ---------------------------------------------------------------------

KeychainTokenStore::KeychainTokenStore(QObject *parent) : KeychainTokenStore(QStringLiteral("oauth4qt"), parent) {}
KeychainTokenStore::KeychainTokenStore(const QString &service, QObject *parent) : TokenStore(parent), m_service(service) {}
KeychainTokenStore::~KeychainTokenStore() = default;

bool KeychainTokenStore::isCompiledIn()
{
#ifdef OAUTH4QT_HAS_KEYCHAIN
    return true;
#else
    return false;
#endif
}

QString KeychainTokenStore::service() const { return m_service; }

void KeychainTokenStore::setService(const QString &service)
{
    if (m_service == service)
        return;
    m_service = service;
    Q_EMIT serviceChanged();
}

bool KeychainTokenStore::isAvailable() const { return isCompiledIn(); }

#ifdef OAUTH4QT_HAS_KEYCHAIN
namespace {

Error keychainError(const QKeychain::Job *job, const char *what)
{
    // errorString() comes from the keychain backend and never contains the secret.
    return Error(ErrorCode::StorageFailed, QStringLiteral("keychain %1 failed (%2): %3")
                     .arg(QLatin1String(what)).arg(int(job->error())).arg(job->errorString().left(200)));
}

// A job that deletes itself when done and never falls back to plain text on disk.
template <typename Job>
Job *keychainJob(const QString &service, const QString &key, QObject *parent)
{
    auto *job = new Job(service, parent);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

void KeychainTokenStore::save(const QString &key, const QByteArray &data, Done done)
{
    auto *job = keychainJob<QKeychain::WritePasswordJob>(m_service, key, this);
    job->setBinaryData(data);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        if (done)
            done(j->error() == QKeychain::NoError ? Error() : keychainError(j, "write"));
    });
    job->start();
}

void KeychainTokenStore::load(const QString &key, Loaded done)
{
    auto *job = keychainJob<QKeychain::ReadPasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        if (!done)
            return;
        if (j->error() == QKeychain::EntryNotFound)
            done(QByteArray(), Error());
        else if (j->error() != QKeychain::NoError)
            done(QByteArray(), keychainError(j, "read"));
        else
            done(static_cast<QKeychain::ReadPasswordJob *>(j)->binaryData(), Error());
    });
    job->start();
}

void KeychainTokenStore::remove(const QString &key, Done done)
{
    auto *job = keychainJob<QKeychain::DeletePasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job *j) {
        if (!done)
            return;
        done(j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound ? Error() : keychainError(j, "delete"));
    });
    job->start();
}
#else
namespace {
Error notAvailable()
{
    return Error(ErrorCode::InvalidConfiguration, QStringLiteral("oauth4qt was built without QtKeychain"));
}
} // namespace

void KeychainTokenStore::save(const QString &, const QByteArray &, Done done)
{
    QMetaObject::invokeMethod(this, [done] { if (done) done(notAvailable()); }, Qt::QueuedConnection);
}

void KeychainTokenStore::load(const QString &, Loaded done)
{
    QMetaObject::invokeMethod(this, [done] { if (done) done(QByteArray(), notAvailable()); }, Qt::QueuedConnection);
}

void KeychainTokenStore::remove(const QString &, Done done)
{
    QMetaObject::invokeMethod(this, [done] { if (done) done(notAvailable()); }, Qt::QueuedConnection);
}
#endif

} // namespace OAuth4Qt
