// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <oauth4qt/oauth4qt_export.h>

#include <QtCore/qmetatype.h>
#include <QtCore/qobjectdefs.h>
#include <QtCore/qshareddata.h>
#include <QtCore/qstring.h>
#include <QtCore/qurl.h>

namespace OAuth4Qt {
Q_NAMESPACE_EXPORT(OAUTH4QT_EXPORT)
// ErrorCode and ErrorCategory share names (NoError, Cancelled): keep them scoped in QML.
Q_CLASSINFO("RegisterEnumClassesUnscoped", "false")

/*!
    What kind of failure an Error is. The CLI maps these onto its exit codes
    (Usage 2, Transport 3, Server 4, InvalidResponse 5; Cancelled is reported as Transport).
*/
enum class ErrorCategory {
    NoError,
    Usage,           //!< bad arguments or configuration, detected before any request
    Transport,       //!< network/TLS failure, timeout, redirect refused, response too large
    Server,          //!< the server answered with an OAuth error or a WWW-Authenticate challenge
    InvalidResponse, //!< the client rejected what it received
    Cancelled,       //!< the application (or a flow timeout) cancelled the operation
};
Q_ENUM_NS(ErrorCategory)

/*!
    Every check in the library fails with exactly one of these codes. The names returned by
    errorCodeName() (snake_case) are stable: scripts, tests and the CLI rely on them.
    New codes are only ever appended.
*/
enum class ErrorCode {
    NoError = 0,

    // --- Usage -------------------------------------------------------------------------------
    InvalidArgument,        //!< invalid_argument: an argument is missing or malformed
    InvalidConfiguration,   //!< invalid_configuration: the client/server configuration is incomplete or inconsistent
    InsecureUrl,            //!< insecure_url: http:// without allowInsecureHttp, or to a host that is not loopback
    UnsupportedUrlScheme,   //!< unsupported_url_scheme: neither https nor http
    MissingEndpoint,        //!< missing_endpoint: the metadata has no endpoint for this operation
    UnsupportedAlgorithm,   //!< unsupported_algorithm: a JOSE algorithm is not supported or not allowed for this key
    InvalidKey,             //!< invalid_key: a key could not be imported, is too weak or does not fit
    InvalidState,           //!< invalid_state: the operation is not possible in the object's current state
    KeyGenerationFailed,    //!< key_generation_failed
    SigningFailed,          //!< signing_failed
    StorageFailed,          //!< storage_failed: a TokenStore could not save, load or remove (keychain locked, denied, unavailable)
    BrowserOpenFailed,      //!< browser_open_failed: the browser opener could not open the authorization URL
    ProfileViolation,       //!< profile_violation: the configuration breaks the security profile set with Client::setProfile()

    // --- Transport ---------------------------------------------------------------------------
    NetworkError = 100,     //!< network_error: connection refused, reset, DNS failure, ...
    TlsError,               //!< tls_error
    Timeout,                //!< timeout: the absolute per-request (or per-flow) deadline passed
    RedirectRefused,        //!< redirect_refused: the server answered 3xx; redirects are never followed
    ResponseTooLarge,       //!< response_too_large: the body exceeded the configured cap
    RateLimited,            //!< rate_limited: 429/503 (see Error::retryAfter())

    // --- Server (OAuth errors) ---------------------------------------------------------------
    OAuthError = 200,       //!< oauth_error: the server returned `error` (see Error::oauthError())
    AuthenticationChallenge,//!< authentication_challenge: 401 with a WWW-Authenticate challenge
    AuthorizationDenied,    //!< authorization_denied: the authorization response carried `error`

    // --- InvalidResponse ---------------------------------------------------------------------
    UnexpectedStatus = 300, //!< unexpected_status: an HTTP status the operation does not accept
    InvalidContentType,     //!< invalid_content_type
    InvalidJson,            //!< invalid_json: not JSON, or not a JSON object where one is required
    MissingMember,          //!< missing_member: a required member/claim/parameter is absent
    InvalidMember,          //!< invalid_member: a member has the wrong type or an invalid value
    IssuerMismatch,         //!< issuer_mismatch
    StateMismatch,          //!< state_mismatch: state missing, unexpected or different
    NonceMismatch,          //!< nonce_mismatch
    AudienceMismatch,       //!< audience_mismatch (aud/azp)
    SubjectMismatch,        //!< subject_mismatch
    InvalidSignature,       //!< invalid_signature
    AlgorithmNotAllowed,    //!< algorithm_not_allowed: alg none, or not in the allow-list
    KeyNotFound,            //!< key_not_found: no usable key in the JWKS
    AmbiguousKey,           //!< ambiguous_key: more than one key matches
    MalformedJwt,           //!< malformed_jwt
    UnexpectedJwtType,      //!< unexpected_jwt_type: `typ` of another kind of JWT
    UnsupportedCriticalHeader, //!< unsupported_critical_header: `crit`
    TokenExpired,           //!< token_expired: exp in the past (beyond tolerance)
    TokenNotYetValid,       //!< token_not_yet_valid: nbf/iat in the future (beyond tolerance)
    TokenTooOld,            //!< token_too_old: iat too far in the past
    AuthTimeTooOld,         //!< auth_time_too_old: auth_time + max_age passed
    HashMismatch,           //!< hash_mismatch: at_hash / c_hash / s_hash
    UnsupportedTokenType,   //!< unsupported_token_type
    DuplicateParameter,     //!< duplicate_parameter
    UnexpectedParameter,    //!< unexpected_parameter
    DPoPBindingMismatch,    //!< dpop_binding_mismatch
    EncryptedJwtUnsupported,//!< encrypted_jwt_unsupported
    InactiveToken,          //!< inactive_token (introspection said active=false where an active token was required)
    JweDecryptionFailed,    //!< jwe_decryption_failed: an encrypted response (JWE) does not decrypt with the configured keys
    EncryptionRequired,     //!< encryption_required: a response that the client registered as encrypted is not a JWE

    // --- Cancelled ---------------------------------------------------------------------------
    Cancelled = 400,        //!< cancelled: abort()/cancel() was called
};
Q_ENUM_NS(ErrorCode)

//! The stable snake_case name of \a code ("issuer_mismatch"), as listed beside each enumerator.
OAUTH4QT_EXPORT QString errorCodeName(ErrorCode code);
//! The category \a code belongs to.
OAUTH4QT_EXPORT ErrorCategory errorCategoryOf(ErrorCode code);
//! The stable name of \a category ("usage", "transport", "server_error", "invalid_response", "cancelled").
OAUTH4QT_EXPORT QString errorCategoryName(ErrorCategory category);

class ErrorData;

/*!
    \class OAuth4Qt::Error
    A typed failure: category, stable code, HTTP status, the server's OAuth error members and a
    translatable message. A default-constructed Error means "no error" and converts to false.

    detail() is technical context in English for logs and bug reports (for example the expected
    and the received issuer). It never contains a token, secret, code, verifier or assertion.
*/
class OAUTH4QT_EXPORT Error
{
    Q_GADGET
    Q_PROPERTY(bool isError READ isError CONSTANT FINAL)
    Q_PROPERTY(OAuth4Qt::ErrorCategory category READ category CONSTANT FINAL)
    Q_PROPERTY(OAuth4Qt::ErrorCode code READ code CONSTANT FINAL)
    Q_PROPERTY(QString codeName READ codeName CONSTANT FINAL)
    Q_PROPERTY(QString categoryName READ categoryName CONSTANT FINAL)
    Q_PROPERTY(int httpStatus READ httpStatus CONSTANT FINAL)
    Q_PROPERTY(QString oauthError READ oauthError CONSTANT FINAL)
    Q_PROPERTY(QString oauthErrorDescription READ oauthErrorDescription CONSTANT FINAL)
    Q_PROPERTY(QUrl oauthErrorUri READ oauthErrorUri CONSTANT FINAL)
    Q_PROPERTY(QString detail READ detail CONSTANT FINAL)
    Q_PROPERTY(QString errorString READ errorString CONSTANT FINAL)
    Q_PROPERTY(QString technicalDetails READ technicalDetails CONSTANT FINAL)
    Q_PROPERTY(int retryAfter READ retryAfter CONSTANT FINAL)

public:
    Error();
    explicit Error(ErrorCode code, const QString &detail = {});
    Error(const Error &other);
    Error(Error &&other) noexcept;
    Error &operator=(const Error &other);
    Error &operator=(Error &&other) noexcept;
    ~Error();

    //! A Server error carrying the OAuth `error`, `error_description` and `error_uri` members.
    static Error cancelled(const QString &detail = {});
    static Error oauth(const QString &error, const QString &description = {}, const QUrl &uri = {},
                       int httpStatus = 0, ErrorCode code = ErrorCode::OAuthError);

    bool isError() const;
    explicit operator bool() const { return isError(); }

    ErrorCategory category() const;
    ErrorCode code() const;
    QString codeName() const;
    QString categoryName() const;

    //! HTTP status of the response that caused the error, 0 when there was none.
    int httpStatus() const;
    Error &setHttpStatus(int status);

    //! The server's `error` (or WWW-Authenticate `error`) member; empty when not a Server error.
    QString oauthError() const;
    QString oauthErrorDescription() const;
    //! The server's `error_uri`. Never opened by the library.
    QUrl oauthErrorUri() const;

    //! The WWW-Authenticate challenge scheme ("Bearer", "DPoP", "Basic") for AuthenticationChallenge.
    QString challengeScheme() const;
    Error &setChallengeScheme(const QString &scheme);

    //! Seconds from a Retry-After header (delta-seconds or HTTP-date), clamped to 0..86400
    //! (one day); -1 when absent or unparsable.
    int retryAfter() const;
    Error &setRetryAfter(int seconds);

    //! English technical context; never contains a secret.
    QString detail() const;
    Error &setDetail(const QString &detail);

    /*!
        A translated sentence for the end user: the message for the server's OAuth error when it
        is one a user can act on (invalid_grant: sign in again, ...), otherwise the message for
        code(). No technical detail: that is technicalDetails() (for logs and developer builds).
    */
    QString errorString() const;
    /*!
        English technical context for logs, bug reports and developer builds: the code name, the
        server's error and error_description, the HTTP status and detail(), separated by "; ".
        Empty without an error. Never contains a token, secret, code, verifier or assertion.
    */
    QString technicalDetails() const;

    bool operator==(const Error &other) const;
    bool operator!=(const Error &other) const { return !(*this == other); }

private:
    QSharedDataPointer<ErrorData> d;
};

//! A value or an Error: what every request builder / response processor returns.
template <typename T>
struct Result
{
    T value{};
    Error error;

    Result() = default;
    Result(const T &v) : value(v) {}
    Result(T &&v) : value(std::move(v)) {}
    Result(const Error &e) : error(e) {}
    Result(Error &&e) : error(std::move(e)) {}

    bool ok() const { return !error.isError(); }
    explicit operator bool() const { return ok(); }
};

} // namespace OAuth4Qt

OAUTH4QT_EXPORT QDebug operator<<(QDebug debug, const OAuth4Qt::Error &error);

Q_DECLARE_METATYPE(OAuth4Qt::Error)
