// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/clientconfig.h>
#include <oauth4qt/reply.h>

namespace OAuth4Qt {

/*!
    \class OAuth4Qt::RegistrationReply
    Dynamic client registration (RFC 7591): result() is the server's registration response
    (client_id, client_secret, registration_access_token, ... : secrets, never log it) and
    clientConfig() a ready ClientConfig (client_id, client_secret, token_endpoint_auth_method,
    the *_signed_response_alg members; everything in extraMetadata()).
*/
class OAUTH4QT_EXPORT RegistrationReply : public OAuth4Qt::JsonReply
{
    Q_OBJECT
    // QML: enum values only scoped (Status.Cancelled vs OAuth.ErrorCode.Cancelled).
    Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")
    Q_PROPERTY(OAuth4Qt::ClientConfig clientConfig READ clientConfig NOTIFY finished FINAL)
public:
    explicit RegistrationReply(QObject *parent = nullptr);
    ClientConfig clientConfig() const;
    void setClientConfig(const ClientConfig &config); //!< used by the library

    /*!
        Maps a registration response onto a ClientConfig: client_id required; client_secret,
        token_endpoint_auth_method (a known method name), id_token / userinfo / introspection /
        authorization _signed_response_alg, _encrypted_response_alg and _encrypted_response_enc, and
        token_endpoint_auth_signing_alg type-checked
        ("none" refused). Returns a null config and sets \a error otherwise.
    */
    static ClientConfig clientConfigFromRegistration(const QJsonObject &registration, Error *error = nullptr);

private:
    ClientConfig m_config;
};

} // namespace OAuth4Qt
