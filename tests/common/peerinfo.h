// SPDX-License-Identifier: BSD-3-Clause
// Test support for the integration suites against the oidc-provider fixture (tests/peer):
// the info file the fixture writes, ClientConfigs for its registered clients, and an
// authorization request driven over plain HTTP through the fixture's auto-completing login.
#pragma once

#include <oauth4qt/clientconfig.h>

#include <QtCore/QJsonObject>
#include <QtCore/QString>
#include <QtCore/QUrl>

namespace OAuth4Qt {
class Client;
}

namespace OAuth4Qt::Test {

//! POSTs to the fixture's test-control endpoint test_base_url + \a pathAndQuery (waiting at most
//! 10 s, event loop running); returns the HTTP status (0 when there was none).
int testControl(const QJsonObject &info, const QString &pathAndQuery);

/*!
    The fixture's info file (tests/peer/README.md, "Info file"), read from the path in the
    environment variable OAUTH4QT_PEER_INFO_FILE (or \a envVar).
*/
class PeerInfo
{
public:
    //! Loads the info file; isValid() is false and \a error says why when it cannot be read.
    static PeerInfo load(QString *error = nullptr, const char *envVar = "OAUTH4QT_PEER_INFO_FILE");

    bool isValid() const { return !m_json.isEmpty(); }
    QJsonObject json() const { return m_json; }

    QUrl issuer() const;
    QString issuerString() const;
    QUrl jwksUri() const;
    //! test_base_url + \a path, e.g. testUrl("/rotate-keys").
    QUrl testUrl(const QString &path) const;
    QString resource() const;        //!< JWT access tokens (aud = this)
    QString opaqueResource() const;  //!< opaque, introspectable access tokens
    QString initialAccessToken() const;
    QString keysDir() const;

    //! The registered client of \a role ("basic", "post", "secret_jwt", "private_key_jwt",
    //! "signed", "eddsa", "public").
    QJsonObject client(const QString &role) const;
    QString clientId(const QString &role) const;
    QString clientSecret(const QString &role) const;
    /*!
        A ClientConfig for \a role: id, secret, auth method and the registered *_signed_response_alg
        values. For private_key_jwt, \a privateKeyAlg picks the key of keys/ ("ES256", "RS256",
        "PS256" (the RSA key) or "EdDSA"); the key's kid is set and the signing alg is \a privateKeyAlg.
    */
    ClientConfig clientConfig(const QString &role, const QString &privateKeyAlg = {}) const;
    //! The private key of the private_key_jwt client for \a alg (see clientConfig()), with its kid.
    JsonWebKey privateKey(const QString &alg) const;

private:
    QJsonObject m_json;
};

//! What the authorization endpoint sent back to the redirect URI (and what the request used).
struct AuthorizationResult
{
    QString error;          //!< why the helper failed (empty on success); not the OAuth error
    QUrl callback;          //!< the full redirect to the callback
    QString code;
    QString state;
    QString iss;
    QString oauthError;     //!< "error" of the redirect, if any
    // What the request carried:
    QString expectedState;
    QString nonce;
    QString codeVerifier;
    QUrl redirectUri;
    QString scope;

    bool ok() const { return error.isEmpty() && oauthError.isEmpty() && !code.isEmpty(); }
};

/*!
    Runs an authorization request for \a client (its metadata must be discovered) without a
    browser: builds the authorization URL (response_type=code, client_id, redirect_uri
    http://127.0.0.1/callback unless \a parameters has one, PKCE S256, a fresh state and nonce,
    then \a parameters, e.g. scope, prompt, login_hint, resource, claims), follows the fixture's
    auto-completing login with its own QNetworkAccessManager and cookie jar, redirects followed
    by hand, and stops at the redirect to the redirect URI (no listener: the Location is the
    answer). Blocks (an event loop) for at most \a timeoutMs.
*/
AuthorizationResult authorizeOverHttp(Client *client, const Parameters &parameters, int timeoutMs = 20000);

} // namespace OAuth4Qt::Test
