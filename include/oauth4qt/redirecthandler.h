// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/error.h>
#include <oauth4qt/oauth4qt_export.h>

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>
#include <QtCore/QUrl>

#include <functional>
#include <memory>
#include <utility>

namespace OAuth4Qt {

class RedirectHandlerPrivate;

/*!
    \class OAuth4Qt::RedirectHandler
    Receives the authorization response of the authorization code flow for a native app
    (RFC 8252): LoopbackListener (http://127.0.0.1:PORT/PATH) or UriSchemeHandler (a private-use
    URI scheme or a claimed https URL). Usable on its own, without AuthorizationCodeFlow.

    A handler is one-shot per start(): the first callback that passes every check is handed over
    with callbackReceived() exactly once, then the handler is closed (isActive() becomes false).
    A callback that fails a check (repeated parameter, bad encoding, wrong or missing state, the
    callback filter) is refused with callbackRejected() and NOT consumed: the handler keeps waiting
    for the right one until timeout() or close().

    The handler only checks transport-level properties and the state; the flow turns the
    parameters into a typed result (error=access_denied, iss, code, JARM response, ...).
    The handler may be deleted at any time, also from a slot connected to its own signals
    (delete or deleteLater()): it closes, open connections are dropped, and no signal follows.
    A flow using a handler it does not own fails (InvalidState) when the handler is deleted
    while the flow waits for the callback.
*/
class OAUTH4QT_EXPORT RedirectHandler : public QObject
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(QUrl redirectUri READ redirectUri NOTIFY redirectUriChanged)
    Q_PROPERTY(bool active READ isActive NOTIFY activeChanged FINAL)
    Q_PROPERTY(QString expectedState READ expectedState WRITE setExpectedState NOTIFY expectedStateChanged FINAL)
    Q_PROPERTY(int timeout READ timeout WRITE setTimeout NOTIFY timeoutChanged FINAL)

public:
    using Parameters = QList<std::pair<QString, QString>>;
    /*!
        An extra check on a callback that passed the state check (for example verifying a JARM
        `response` JWT). Return an Error to refuse the callback (callbackRejected(), keep waiting),
        a default-constructed Error to accept it.
    */
    using CallbackFilter = std::function<Error(const QList<std::pair<QString, QString>> &params)>;

    ~RedirectHandler() override;

    //! The redirect URI to send in the authorization request. For LoopbackListener it is
    //! known only after a successful start() (it contains the bound port).
    QUrl redirectUri() const;

    //! True between a successful start() and the first accepted callback, close() or the timeout.
    bool isActive() const;

    /*!
        The `state` a valid callback must carry (compared exactly, in constant time). A callback
        with another or no state is refused and not consumed. Empty (the default): any callback
        passes this check (use it when the state is inside a JARM response; check it in the
        callback filter or in the flow).
    */
    QString expectedState() const;
    void setExpectedState(const QString &state);

    CallbackFilter callbackFilter() const;
    void setCallbackFilter(CallbackFilter filter);

    /*!
        How long start() waits for a valid callback, in milliseconds (default 300000 = 5 min);
        0 waits without limit. When it passes, the handler closes and emits timedOut().
        A change takes effect at the next start().
    */
    int timeout() const;
    void setTimeout(int msecs);

    /*!
        Begins accepting callbacks (binds the listener / arms the URL handler). Returns false and
        sets \a error (when not null) if that is not possible; InvalidState if already active.
        A closed handler can be started again for a new authorization request.
    */
    virtual bool start(Error *error = nullptr) = 0;

public Q_SLOTS:
    //! Stops accepting callbacks (cancel). Does nothing when not active. Emits no callback signal.
    virtual void close() = 0;

Q_SIGNALS:
    void redirectUriChanged(); // no argument: UriSchemeHandler redeclares the property (moc limitation)
    void activeChanged(bool active);
    void expectedStateChanged(const QString &expectedState);
    void timeoutChanged(int timeout);

    //! The one valid callback: its URL and its decoded query parameters in order (each name
    //! appears once). Emitted after the handler has closed.
    void callbackReceived(const QUrl &url, const QList<std::pair<QString, QString>> &params);
    //! A callback was refused (DuplicateParameter, InvalidMember for bad encoding, StateMismatch,
    //! or the filter's error); the handler keeps waiting.
    void callbackRejected(const OAuth4Qt::Error &error);
    //! No valid callback arrived within timeout(); the handler has closed.
    void timedOut();

protected:
    explicit RedirectHandler(QObject *parent = nullptr);

    //! \internal For implementations: set the redirect URI (emits redirectUriChanged on change).
    void setEffectiveRedirectUri(const QUrl &uri);
    //! \internal Sets isActive(), arms/stops the timeout, emits activeChanged on change.
    void setActive(bool active);
    /*!
        \internal Decodes \a encodedQuery strictly and applies the duplicate, state and filter
        checks. Returns the error to refuse with (and emits callbackRejected), or NoError and the
        parameters in \a params.
    */
    Error checkCallback(const QByteArray &encodedQuery, QList<std::pair<QString, QString>> *params);

private:
    std::unique_ptr<RedirectHandlerPrivate> const d;
};

} // namespace OAuth4Qt
