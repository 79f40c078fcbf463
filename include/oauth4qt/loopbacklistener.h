// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/redirecthandler.h>

namespace OAuth4Qt {

class LoopbackListenerPrivate;

/*!
    \class OAuth4Qt::LoopbackListener
    The loopback interface redirect of RFC 8252 section 7.3: a minimal, hardened HTTP/1.1 server
    on 127.0.0.1 (never 0.0.0.0 or ::) that accepts exactly one authorization response.

    \list
    \li Binds 127.0.0.1 on port() (0, the default: an ephemeral port chosen by the system, so
        concurrent listeners never share a port); with AddressFamily::Automatic it falls back
        to [::1] only when 127.0.0.1 cannot be bound. redirectUri() is then
        http://127.0.0.1:PORT/PATH (or http://[::1]:PORT/PATH).
    \li Answers only loopback peers whose Host header is exactly 127.0.0.1:PORT / [::1]:PORT
        (DNS rebinding). Only GET on exactly path() consumes (a form POST with isFormPost());
        other paths get 404, other methods 405, neither is consumed.
    \li The query is decoded strictly ('+' is a space; bad %XX or invalid UTF-8: 400); repeated
        parameters, a wrong or missing state and the callback filter's refusal get 400 and are
        not consumed.
    \li Silent or slow connections cannot block the real callback: each connection must send its
        request head within headerTimeout(), at most maxConnections() are kept (the oldest
        waiting one is dropped), oversized request lines get 414 and header sections 431,
        non-HTTP bytes get 400. Every answer closes its connection; pipelined requests are ignored.
    \li Pages are static, translated HTML (nothing from the request is echoed; a callback
        carrying an error gets an error page without the provider's error description) with an
        inline style sheet and no external resources, served with
        Content-Security-Policy: default-src 'none' (plus the style sheet's hash), Cache-Control: no-store,
        Referrer-Policy: no-referrer and X-Content-Type-Options: nosniff.
    \endlist

    Logging category: oauth4qt.listener (never logs codes or state values).
*/
class OAUTH4QT_EXPORT LoopbackListener : public OAuth4Qt::RedirectHandler
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(QString path READ path WRITE setPath NOTIFY pathChanged FINAL)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY portChanged FINAL)
    Q_PROPERTY(OAuth4Qt::LoopbackListener::AddressFamily addressFamily READ addressFamily WRITE setAddressFamily NOTIFY addressFamilyChanged FINAL)
    Q_PROPERTY(int headerTimeout READ headerTimeout WRITE setHeaderTimeout NOTIFY headerTimeoutChanged FINAL)
    Q_PROPERTY(int maxConnections READ maxConnections WRITE setMaxConnections NOTIFY maxConnectionsChanged FINAL)
    Q_PROPERTY(int maxRequestLineLength READ maxRequestLineLength WRITE setMaxRequestLineLength NOTIFY maxRequestLineLengthChanged FINAL)
    Q_PROPERTY(int maxHeaderSize READ maxHeaderSize WRITE setMaxHeaderSize NOTIFY maxHeaderSizeChanged FINAL)
    Q_PROPERTY(bool formPost READ isFormPost WRITE setFormPost NOTIFY formPostChanged FINAL)
    Q_PROPERTY(QString successMessage READ successMessage WRITE setSuccessMessage NOTIFY successMessageChanged FINAL)
    Q_PROPERTY(QString failureMessage READ failureMessage WRITE setFailureMessage NOTIFY failureMessageChanged FINAL)

public:
    enum class AddressFamily {
        Automatic, //!< 127.0.0.1, or [::1] when 127.0.0.1 cannot be bound (default)
        IPv4,      //!< 127.0.0.1 only
        IPv6,      //!< [::1] only
    };
    Q_ENUM(AddressFamily)

    explicit LoopbackListener(QObject *parent = nullptr);
    ~LoopbackListener() override;

    //! The exact path of the redirect URI (default "/callback"). It must start with '/' and
    //! contain only unreserved characters (A-Z a-z 0-9 - . _ ~) and '/'; start() refuses
    //! anything else with InvalidArgument. Changes take effect at the next start().
    QString path() const;
    void setPath(const QString &path);

    //! The port to bind (default 0: ephemeral). Use a fixed port only if the authorization
    //! server cannot accept any port for loopback redirect URIs.
    int port() const;
    void setPort(int port);

    AddressFamily addressFamily() const;
    void setAddressFamily(AddressFamily family);

    //! Milliseconds a connection may take to send its request head (default 10000).
    int headerTimeout() const;
    void setHeaderTimeout(int msecs);

    //! Connections kept open at the same time (default 32); beyond it the oldest waiting
    //! connection is dropped.
    int maxConnections() const;
    void setMaxConnections(int count);

    //! Longest accepted request line in bytes (default 32768, at least 16384): 414 beyond.
    int maxRequestLineLength() const;
    void setMaxRequestLineLength(int bytes);

    //! Largest accepted header section in bytes (default 32768): 431 beyond.
    int maxHeaderSize() const;
    void setMaxHeaderSize(int bytes);

    /*!
        The response mode form_post (OAuth 2.0 Form Post Response Mode): the authorization
        response comes as one POST to path() whose body is application/x-www-form-urlencoded,
        decoded and checked like a query. The body must have a Content-Length (411 without one),
        no transfer coding (400), that media type (415) and at most maxRequestLineLength() bytes
        (413); it must arrive within headerTimeout() of the connection. GET and HEAD on path()
        then get 405. Off by default; AuthorizationCodeFlow turns it on for a hybrid response
        type. Changes take effect at the next start().
    */
    bool isFormPost() const;
    void setFormPost(bool formPost);

    //! Plain text shown after a callback has been accepted; empty (default) for the built-in,
    //! translated text. It is HTML-escaped.
    QString successMessage() const;
    void setSuccessMessage(const QString &message);

    //! Plain text shown when the accepted callback carries an `error` parameter; empty
    //! (default) for the built-in text. It is HTML-escaped.
    QString failureMessage() const;
    void setFailureMessage(const QString &message);

    bool start(Error *error = nullptr) override;

public Q_SLOTS:
    void close() override;

Q_SIGNALS:
    void pathChanged(const QString &path);
    void portChanged(int port);
    void addressFamilyChanged(OAuth4Qt::LoopbackListener::AddressFamily addressFamily);
    void headerTimeoutChanged(int headerTimeout);
    void maxConnectionsChanged(int maxConnections);
    void maxRequestLineLengthChanged(int maxRequestLineLength);
    void maxHeaderSizeChanged(int maxHeaderSize);
    void formPostChanged(bool formPost);
    void successMessageChanged(const QString &successMessage);
    void failureMessageChanged(const QString &failureMessage);

private:
    friend class LoopbackListenerPrivate;
    std::unique_ptr<LoopbackListenerPrivate> const d;
};

} // namespace OAuth4Qt
