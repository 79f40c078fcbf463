// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/reply.h>

#include <QtCore/qbytearray.h>
#include <QtCore/qjsonvalue.h>
#include <QtCore/qlist.h>

#include <utility>

namespace OAuth4Qt {

/*!
    \class OAuth4Qt::ResourceReply
    A request of the application to a protected resource (its own API) sent with an access token
    (Client::resourceRequest()). Any 2xx status is success. Otherwise error() is typed: a 401 with
    WWW-Authenticate is an AuthenticationChallenge error (Error::challengeScheme(), oauthError()
    such as "invalid_token" or "insufficient_scope"), a JSON error body an OAuthError, 429/503
    RateLimited (retryAfter()), anything else UnexpectedStatus. The status, headers and body of
    the response are available in every case where a response arrived.
*/
class OAUTH4QT_EXPORT ResourceReply : public OAuth4Qt::Reply
{
    Q_OBJECT
    Q_PROPERTY(int status READ status NOTIFY finished FINAL)
    Q_PROPERTY(QByteArray body READ body NOTIFY finished FINAL)
    // For QML (body is an ArrayBuffer there): the body as UTF-8 text and as parsed JSON.
    Q_PROPERTY(QString text READ text NOTIFY finished FINAL)
    Q_PROPERTY(QJsonValue json READ json NOTIFY finished FINAL)
public:
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    explicit ResourceReply(QObject *parent = nullptr);

    //! HTTP status, 0 when no response arrived.
    int status() const;
    Headers headers() const;
    //! The first value of header \a name (case-insensitive), a null QByteArray when absent.
    Q_INVOKABLE QByteArray header(const QByteArray &name) const;
    QByteArray body() const;
    //! body() decoded as UTF-8.
    QString text() const;
    //! body() parsed as JSON (an object or an array); undefined when it is not JSON.
    QJsonValue json() const;
    //! header() as a string (for QML): the first value of \a name, empty when absent.
    Q_INVOKABLE QString headerValue(const QString &name) const;

    void setResponse(int status, const Headers &headers, const QByteArray &body); //!< used by the library

private:
    int m_status = 0;
    Headers m_headers;
    QByteArray m_body;
};

} // namespace OAuth4Qt
