// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/redirecthandler.h>

namespace OAuth4Qt {

class UriSchemeHandlerPrivate;

/*!
    \class OAuth4Qt::UriSchemeHandler
    Receives the authorization response through a private-use URI scheme
    (com.example.app:/oauth2redirect, RFC 8252 section 7.1) or a claimed https URL
    (section 7.2). The application sets redirectUri() and delivers every URL the system opens
    the app with to handleUrl(); with Qt GUI the inline helper
    OAuth4Qt::registerUrlHandler() in <oauth4qt/desktopservices.h> does that through
    QDesktopServices::setUrlHandler() (the core library itself never links QtGui).

    A URL is a callback when its scheme, host, port and path equal redirectUri()'s; it is then
    checked like a loopback callback (strict query decoding, no repeated parameter, state,
    callback filter). A fragment is ignored.
*/
class OAUTH4QT_EXPORT UriSchemeHandler : public OAuth4Qt::RedirectHandler
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(QUrl redirectUri READ redirectUri WRITE setRedirectUri NOTIFY redirectUriChanged FINAL)

public:
    explicit UriSchemeHandler(QObject *parent = nullptr);
    explicit UriSchemeHandler(const QUrl &redirectUri, QObject *parent = nullptr);
    ~UriSchemeHandler() override;

    /*!
        The redirect URI: a private-use scheme (lower-case, preferably a reverse domain name)
        or https. http, a query, a fragment or user info make start() fail with InvalidArgument.
        Ignored (with a warning) while active.
    */
    void setRedirectUri(const QUrl &uri);

    bool start(Error *error = nullptr) override;

public Q_SLOTS:
    void close() override;

    /*!
        Offers \a url. Returns true when it was accepted as the callback (callbackReceived() is
        emitted and the handler closes). Returns false when the handler is not active, when
        \a url is not for redirectUri() (callbackRejected() with InvalidArgument while active),
        or when a check refused it (callbackRejected()).
    */
    bool handleUrl(const QUrl &url);

private:
    std::unique_ptr<UriSchemeHandlerPrivate> const d;
};

} // namespace OAuth4Qt
