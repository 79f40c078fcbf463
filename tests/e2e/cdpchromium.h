// SPDX-License-Identifier: BSD-3-Clause
// The real headless Chromium driven through the Chrome DevTools Protocol over a pipe
// (--remote-debugging-pipe: Chromium reads commands from fd 3 and writes answers and events to
// fd 4, each JSON message ended by a NUL byte). The end-to-end tests of mobile redirects use it
// as the system browser: it follows the provider's redirects through the login, and when the
// provider redirects to the application's redirect URI (a private-use scheme or a claimed https
// link, which a phone hands to the app instead of loading it), the redirect is taken out of the
// browser (Fetch domain, response stage) and reported with handedOff(), as the URL the system
// would open the application with.
#pragma once

#include "processgroup.h"
#include <QtCore/QDeadlineTimer>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QHash>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QObject>
#include <QtCore/QProcess>
#include <QtCore/QSocketNotifier>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <QtCore/QUrl>
#include <QtTest/QTest>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

class CdpChromium : public QObject
{
    Q_OBJECT
public:
    explicit CdpChromium(QObject *parent = nullptr) : QObject(parent) {}
    ~CdpChromium() override { stop(); }

    static QString program()
    {
        const QString fromEnv = qEnvironmentVariable("OAUTH4QT_CHROMIUM");
        return fromEnv.isEmpty() ? QStringLiteral("/usr/bin/chromium") : fromEnv;
    }

    //! The redirect URI the application has claimed with the system: a redirect from the
    //! provider to it (same scheme, host, port and path) is handed off, never loaded.
    void setAppRedirectUri(const QUrl &uri) { m_appRedirectUri = uri; }

    //! Launches Chromium on about:blank and arms the interception. False (with \a why) on failure.
    bool start(QString *why)
    {
        stop();
        auto failure = [why](const QString &text) {
            *why = text;
            return false;
        };
        const QFileInfo shm(QStringLiteral("/dev/shm"));
        m_profile = shm.isDir() && shm.isWritable()
            ? std::make_unique<QTemporaryDir>(QStringLiteral("/dev/shm/oauth4qt-e2e-XXXXXX"))
            : std::make_unique<QTemporaryDir>();
        if (!m_profile->isValid())
            return failure(QStringLiteral("no temporary profile directory"));
        int toChromium[2] = { -1, -1 };
        int fromChromium[2] = { -1, -1 };
        if (::pipe2(toChromium, O_CLOEXEC) != 0 || ::pipe2(fromChromium, O_CLOEXEC) != 0)
            return failure(QStringLiteral("pipe2 failed"));
        m_writeFd = toChromium[1];
        m_readFd = fromChromium[0];
        ::fcntl(m_readFd, F_SETFL, ::fcntl(m_readFd, F_GETFL) | O_NONBLOCK);
        const int childRead = toChromium[0];
        const int childWrite = fromChromium[1];

        m_process = std::make_unique<QProcess>();
        m_process->setProgram(program());
        // The flags of chromium-browser.sh, plus the DevTools pipe.
        m_process->setArguments({ QStringLiteral("--headless"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
                                  QStringLiteral("--disable-dev-shm-usage"), QStringLiteral("--disable-extensions"),
                                  QStringLiteral("--disable-background-networking"), QStringLiteral("--disable-component-update"),
                                  QStringLiteral("--disable-sync"), QStringLiteral("--disable-breakpad"),
                                  QStringLiteral("--no-first-run"), QStringLiteral("--no-default-browser-check"),
                                  QStringLiteral("--password-store=basic"), QStringLiteral("--use-mock-keychain"),
                                  QStringLiteral("--disable-quic"), QStringLiteral("--remote-debugging-pipe"),
                                  QStringLiteral("--user-data-dir=") + m_profile->path(), QStringLiteral("about:blank") });
        m_process->setStandardOutputFile(QProcess::nullDevice());
        m_logPath = m_profile->path() + QStringLiteral(".log");
        m_process->setStandardErrorFile(m_logPath);
        m_process->setChildProcessModifier([childRead, childWrite] {
            // Copies above the standard descriptors first (the pipe ends may be 3 or 4
            // themselves), then fds 3 and 4 without close-on-exec.
            const int r = ::fcntl(childRead, F_DUPFD, 10);
            const int w = ::fcntl(childWrite, F_DUPFD, 10);
            ::dup2(r, 3);
            ::dup2(w, 4);
            ::close(r);
            ::close(w);
            ::setsid(); // its own process group: killed as a whole
        });
        m_process->start();
        const bool started = m_process->waitForStarted(10000);
        ::close(childRead);
        ::close(childWrite);
        if (!started)
            return failure(QStringLiteral("Chromium did not start: ") + m_process->errorString());
        m_group = pid_t(m_process->processId());
        m_notifier = std::make_unique<QSocketNotifier>(m_readFd, QSocketNotifier::Read);
        connect(m_notifier.get(), &QSocketNotifier::activated, this, &CdpChromium::readMessages);

        const QJsonObject targets = call(QStringLiteral("Target.getTargets"), {});
        QString targetId;
        const QJsonArray infos = targets.value(QLatin1String("targetInfos")).toArray();
        for (const QJsonValue &t : infos) {
            if (t.toObject().value(QLatin1String("type")).toString() == QLatin1String("page"))
                targetId = t.toObject().value(QLatin1String("targetId")).toString();
        }
        if (targetId.isEmpty())
            return failure(QStringLiteral("no page target: ") + m_lastError);
        const QJsonObject attached = call(QStringLiteral("Target.attachToTarget"),
                                          { { QStringLiteral("targetId"), targetId }, { QStringLiteral("flatten"), true } });
        m_session = attached.value(QLatin1String("sessionId")).toString();
        if (m_session.isEmpty())
            return failure(QStringLiteral("Target.attachToTarget failed: ") + m_lastError);
        // Every response of the page's requests is paused once, before Chromium acts on it.
        const QJsonArray patterns{ QJsonObject{ { QStringLiteral("urlPattern"), QStringLiteral("*") },
                                                { QStringLiteral("requestStage"), QStringLiteral("Response") } } };
        call(QStringLiteral("Fetch.enable"), { { QStringLiteral("patterns"), patterns } }, m_session);
        if (!m_lastError.isEmpty())
            return failure(QStringLiteral("Fetch.enable failed: ") + m_lastError);
        return true;
    }

    //! The browser opener: navigates the page to \a url (answers arrive later).
    bool navigate(const QUrl &url)
    {
        if (!m_process || m_session.isEmpty())
            return false;
        ++m_navigations;
        send(QStringLiteral("Page.navigate"), { { QStringLiteral("url"), url.toString(QUrl::FullyEncoded) } }, m_session);
        return true;
    }

    int navigations() const { return m_navigations; }
    //! The redirects to the application's redirect URI, in order.
    QList<QUrl> handedOffUrls() const { return m_handedOff; }

    //! Kills the whole process group and reaps what this process may reap.
    void stop()
    {
        m_notifier.reset();
        if (m_writeFd >= 0)
            ::close(m_writeFd);
        if (m_readFd >= 0)
            ::close(m_readFd);
        m_writeFd = m_readFd = -1;
        m_session.clear();
        m_buffer.clear();
        m_results.clear();
        if (!m_process)
            return;
        if (m_group > 0)
            m_lastGroupGone = OAuth4Qt::Test::killProcessGroup(m_group, m_process.get());
        m_process.reset();
        m_profile.reset();
        if (!m_logPath.isEmpty()) {
            QFile log(m_logPath);
            if (log.open(QIODevice::ReadOnly)) {
                log.seek(qMax<qint64>(0, log.size() - 4000));
                m_log = QString::fromUtf8(log.readAll());
            }
            log.close();
            QFile::remove(m_logPath);
            m_logPath.clear();
        }
        m_group = 0;
    }

    bool lastGroupGone() const { return m_lastGroupGone; }
    QString logTail() const { return m_log; }

Q_SIGNALS:
    //! The provider redirected the browser to the application's redirect URI: \a url is what
    //! the system hands to the application.
    void handedOff(const QUrl &url);

private:
    int send(const QString &method, const QJsonObject &params, const QString &session = {})
    {
        const int id = ++m_lastId;
        QJsonObject message{ { QStringLiteral("id"), id }, { QStringLiteral("method"), method },
                             { QStringLiteral("params"), params } };
        if (!session.isEmpty())
            message.insert(QStringLiteral("sessionId"), session);
        QByteArray data = QJsonDocument(message).toJson(QJsonDocument::Compact);
        data.append('\0');
        qsizetype written = 0;
        while (m_writeFd >= 0 && written < data.size()) {
            const ssize_t n = ::write(m_writeFd, data.constData() + written, size_t(data.size() - written));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            written += n;
        }
        return id;
    }

    //! Sends a command and waits for its answer (events are handled meanwhile).
    QJsonObject call(const QString &method, const QJsonObject &params, const QString &session = {})
    {
        m_lastError.clear();
        const int id = send(method, params, session);
        if (!QTest::qWaitFor([this, id] { return m_results.contains(id); }, 30000)) {
            m_lastError = method + QStringLiteral(": no answer");
            return {};
        }
        const QJsonObject answer = m_results.take(id);
        if (answer.contains(QLatin1String("error")))
            m_lastError = QString::fromUtf8(QJsonDocument(answer.value(QLatin1String("error")).toObject()).toJson(QJsonDocument::Compact));
        return answer.value(QLatin1String("result")).toObject();
    }

    void readMessages()
    {
        char chunk[65536];
        for (;;) {
            const ssize_t n = ::read(m_readFd, chunk, sizeof chunk);
            if (n > 0) {
                m_buffer.append(chunk, n);
                continue;
            }
            if (n < 0 && errno == EINTR)
                continue;
            if (n == 0) // Chromium closed its end
                m_notifier->setEnabled(false);
            break;
        }
        qsizetype end;
        while ((end = m_buffer.indexOf('\0')) >= 0) {
            const QJsonObject message = QJsonDocument::fromJson(m_buffer.left(end)).object();
            m_buffer.remove(0, end + 1);
            if (message.contains(QLatin1String("id")))
                m_results.insert(message.value(QLatin1String("id")).toInt(), message);
            else if (message.value(QLatin1String("method")).toString() == QLatin1String("Fetch.requestPaused"))
                onRequestPaused(message.value(QLatin1String("params")).toObject());
        }
    }

    void onRequestPaused(const QJsonObject &params)
    {
        const QString requestId = params.value(QLatin1String("requestId")).toString();
        const int status = params.value(QLatin1String("responseStatusCode")).toInt();
        QString location;
        const QJsonArray headers = params.value(QLatin1String("responseHeaders")).toArray();
        for (const QJsonValue &h : headers) {
            if (h.toObject().value(QLatin1String("name")).toString().compare(QLatin1String("location"), Qt::CaseInsensitive) == 0)
                location = h.toObject().value(QLatin1String("value")).toString();
        }
        if (status >= 300 && status < 400 && !location.isEmpty()) {
            const QUrl base(params.value(QLatin1String("request")).toObject().value(QLatin1String("url")).toString());
            const QUrl target = base.resolved(QUrl(location, QUrl::StrictMode));
            if (isAppRedirect(target)) {
                // The system takes this URL away from the browser and opens the application.
                m_handedOff.append(target);
                send(QStringLiteral("Fetch.failRequest"),
                     { { QStringLiteral("requestId"), requestId }, { QStringLiteral("errorReason"), QStringLiteral("Aborted") } },
                     m_session);
                Q_EMIT handedOff(target);
                return;
            }
        }
        send(QStringLiteral("Fetch.continueRequest"), { { QStringLiteral("requestId"), requestId } }, m_session);
    }

    bool isAppRedirect(const QUrl &url) const
    {
        return m_appRedirectUri.isValid() && url.isValid()
            && url.scheme().compare(m_appRedirectUri.scheme(), Qt::CaseInsensitive) == 0
            && url.host().compare(m_appRedirectUri.host(), Qt::CaseInsensitive) == 0
            && url.port() == m_appRedirectUri.port() && url.path() == m_appRedirectUri.path();
    }

    std::unique_ptr<QTemporaryDir> m_profile;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QUrl m_appRedirectUri;
    QString m_session;
    QString m_lastError;
    QString m_logPath;
    QString m_log;
    QByteArray m_buffer;
    QHash<int, QJsonObject> m_results;
    QList<QUrl> m_handedOff;
    int m_writeFd = -1;
    int m_readFd = -1;
    int m_lastId = 0;
    int m_navigations = 0;
    pid_t m_group = 0;
    bool m_lastGroupGone = false;
};
