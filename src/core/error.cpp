// SPDX-License-Identifier: BSD-3-Clause
#include <oauth4qt/error.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QDebug>
#include <QtCore/QStringList>

namespace OAuth4Qt {

namespace {

struct CodeInfo
{
    ErrorCode code;
    const char *name;
    const char *message; // translated in context "OAuth4Qt::Error"
};

// One table: stable name and translatable message for every code.
const CodeInfo codeTable[] = {
    { ErrorCode::NoError, "no_error", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "No error") },
    // Usage
    { ErrorCode::InvalidArgument, "invalid_argument", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "An argument is missing or invalid.") },
    { ErrorCode::InvalidConfiguration, "invalid_configuration", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The client configuration is incomplete or invalid.") },
    { ErrorCode::InsecureUrl, "insecure_url", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "Plain http:// URLs are not allowed.") },
    { ErrorCode::UnsupportedUrlScheme, "unsupported_url_scheme", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The URL scheme is not supported.") },
    { ErrorCode::MissingEndpoint, "missing_endpoint", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The authorization server does not provide the endpoint this operation needs.") },
    { ErrorCode::UnsupportedAlgorithm, "unsupported_algorithm", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The algorithm is not supported for this key.") },
    { ErrorCode::InvalidKey, "invalid_key", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The key is invalid or too weak.") },
    { ErrorCode::InvalidState, "invalid_state", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The operation is not possible in the current state.") },
    { ErrorCode::KeyGenerationFailed, "key_generation_failed", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "A key could not be generated.") },
    { ErrorCode::SigningFailed, "signing_failed", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "Signing failed.") },
    { ErrorCode::StorageFailed, "storage_failed", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The secure token storage failed.") },
    { ErrorCode::BrowserOpenFailed, "browser_open_failed", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The web browser could not be opened.") },
    { ErrorCode::ProfileViolation, "profile_violation", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The client configuration does not meet the required security profile.") },
    // Transport
    { ErrorCode::NetworkError, "network_error", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "A network error occurred.") },
    { ErrorCode::TlsError, "tls_error", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The secure connection could not be established.") },
    { ErrorCode::Timeout, "timeout", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The operation timed out.") },
    { ErrorCode::RedirectRefused, "redirect_refused", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server answered with a redirect, which is not followed.") },
    { ErrorCode::ResponseTooLarge, "response_too_large", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server's response is too large.") },
    { ErrorCode::RateLimited, "rate_limited", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server is busy or rate-limiting requests.") },
    // Server
    { ErrorCode::OAuthError, "oauth_error", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server returned an error.") },
    { ErrorCode::AuthenticationChallenge, "authentication_challenge", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server rejected the credentials.") },
    { ErrorCode::AuthorizationDenied, "authorization_denied", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The authorization request was not granted.") },
    // InvalidResponse
    { ErrorCode::UnexpectedStatus, "unexpected_status", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server answered with an unexpected HTTP status.") },
    { ErrorCode::InvalidContentType, "invalid_content_type", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server's response has an unexpected content type.") },
    { ErrorCode::InvalidJson, "invalid_json", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server's response is not a valid JSON object.") },
    { ErrorCode::MissingMember, "missing_member", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server's response lacks a required value.") },
    { ErrorCode::InvalidMember, "invalid_member", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server's response contains an invalid value.") },
    { ErrorCode::IssuerMismatch, "issuer_mismatch", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The issuer does not match the expected issuer.") },
    { ErrorCode::StateMismatch, "state_mismatch", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The state parameter does not match the request.") },
    { ErrorCode::NonceMismatch, "nonce_mismatch", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The nonce does not match the request.") },
    { ErrorCode::AudienceMismatch, "audience_mismatch", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token was not issued for this client.") },
    { ErrorCode::SubjectMismatch, "subject_mismatch", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The subject does not match the signed-in user.") },
    { ErrorCode::InvalidSignature, "invalid_signature", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The signature is invalid.") },
    { ErrorCode::AlgorithmNotAllowed, "algorithm_not_allowed", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The signing algorithm is not allowed.") },
    { ErrorCode::KeyNotFound, "key_not_found", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "No suitable key was found to verify the signature.") },
    { ErrorCode::AmbiguousKey, "ambiguous_key", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "More than one key matches the signature.") },
    { ErrorCode::MalformedJwt, "malformed_jwt", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token is malformed.") },
    { ErrorCode::UnexpectedJwtType, "unexpected_jwt_type", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token is of an unexpected type.") },
    { ErrorCode::UnsupportedCriticalHeader, "unsupported_critical_header", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token has an unsupported critical header.") },
    { ErrorCode::TokenExpired, "token_expired", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token has expired.") },
    { ErrorCode::TokenNotYetValid, "token_not_yet_valid", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token is not yet valid.") },
    { ErrorCode::TokenTooOld, "token_too_old", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token was issued too long ago.") },
    { ErrorCode::AuthTimeTooOld, "auth_time_too_old", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The user authenticated too long ago.") },
    { ErrorCode::HashMismatch, "hash_mismatch", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "A token hash does not match.") },
    { ErrorCode::UnsupportedTokenType, "unsupported_token_type", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token type is not supported.") },
    { ErrorCode::DuplicateParameter, "duplicate_parameter", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "A parameter appears more than once.") },
    { ErrorCode::UnexpectedParameter, "unexpected_parameter", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The response contains an unexpected parameter.") },
    { ErrorCode::DPoPBindingMismatch, "dpop_binding_mismatch", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token's DPoP binding does not match the request.") },
    { ErrorCode::EncryptedJwtUnsupported, "encrypted_jwt_unsupported", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "Encrypted tokens are not supported.") },
    { ErrorCode::InactiveToken, "inactive_token", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The token is not active.") },
    { ErrorCode::JweDecryptionFailed, "jwe_decryption_failed", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "An encrypted response could not be decrypted.") },
    { ErrorCode::EncryptionRequired, "encryption_required", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server sent an unencrypted response where an encrypted one is required.") },
    // Cancelled
    { ErrorCode::Cancelled, "cancelled", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The operation was cancelled.") },
};

struct OAuthErrorInfo
{
    const char *error;
    const char *message; // translated in context "OAuth4Qt::Error"
};

// User-facing sentences for the OAuth `error` values an end user can meet; others fall back
// to the message of the error code.
const OAuthErrorInfo oauthErrorTable[] = {
    { "invalid_grant", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The sign-in is no longer valid. Please sign in again.") },
    { "invalid_token", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The sign-in is no longer valid. Please sign in again.") },
    { "login_required", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "Please sign in again.") },
    { "interaction_required", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "Please sign in again.") },
    { "consent_required", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "Please sign in again.") },
    { "account_selection_required", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "Please sign in again.") },
    { "invalid_client", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server does not accept this application's credentials.") },
    { "unauthorized_client", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "This application is not allowed to make this request.") },
    { "access_denied", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "Access was denied.") },
    { "invalid_scope", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The requested permissions are not available.") },
    { "insufficient_scope", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "You do not have permission for this action.") },
    { "expired_token", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The request has expired. Please start again.") },
    { "server_error", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server had a problem. Please try again later.") },
    { "temporarily_unavailable", QT_TRANSLATE_NOOP("OAuth4Qt::Error", "The server is temporarily unavailable. Please try again later.") },
};

const CodeInfo *infoFor(ErrorCode code)
{
    for (const CodeInfo &info : codeTable) {
        if (info.code == code)
            return &info;
    }
    return nullptr;
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    const CodeInfo *info = infoFor(code);
    return info ? QString::fromLatin1(info->name) : QStringLiteral("unknown");
}

ErrorCategory errorCategoryOf(ErrorCode code)
{
    const int v = int(code);
    if (v == 0)
        return ErrorCategory::NoError;
    if (v < 100)
        return ErrorCategory::Usage;
    if (v < 200)
        return ErrorCategory::Transport;
    if (v < 300)
        return ErrorCategory::Server;
    if (v < 400)
        return ErrorCategory::InvalidResponse;
    return ErrorCategory::Cancelled;
}

QString errorCategoryName(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::NoError: return QStringLiteral("no_error");
    case ErrorCategory::Usage: return QStringLiteral("usage");
    case ErrorCategory::Transport: return QStringLiteral("transport");
    case ErrorCategory::Server: return QStringLiteral("server_error");
    case ErrorCategory::InvalidResponse: return QStringLiteral("invalid_response");
    case ErrorCategory::Cancelled: return QStringLiteral("cancelled");
    }
    return QStringLiteral("unknown");
}

class ErrorData : public QSharedData
{
public:
    ErrorCode code = ErrorCode::NoError;
    int httpStatus = 0;
    int retryAfter = -1;
    QString oauthError;
    QString oauthErrorDescription;
    QUrl oauthErrorUri;
    QString challengeScheme;
    QString detail;
};

namespace {
// What a default-constructed Error (no error) reads: it allocates nothing, since an Error is
// made, copied and checked many times on every successful request.
const ErrorData &noError()
{
    static const ErrorData data;
    return data;
}
} // namespace

#define OAUTH4QT_ERROR_DATA (d ? *d.constData() : noError())

Error::Error() = default;

Error::Error(ErrorCode code, const QString &detail) : d(new ErrorData)
{
    d->code = code;
    d->detail = detail;
}

Error::Error(const Error &other) = default;
Error::Error(Error &&other) noexcept = default;
Error &Error::operator=(const Error &other) = default;
Error &Error::operator=(Error &&other) noexcept = default;
Error::~Error() = default;

Error Error::oauth(const QString &error, const QString &description, const QUrl &uri, int httpStatus,
                   ErrorCode code)
{
    Error e(code);
    e.d->oauthError = error;
    e.d->oauthErrorDescription = description;
    e.d->oauthErrorUri = uri;
    e.d->httpStatus = httpStatus;
    return e;
}

Error Error::cancelled(const QString &detail)
{
    Error e(ErrorCode::Cancelled, detail);
    return e;
}

bool Error::isError() const { return d && d->code != ErrorCode::NoError; }

ErrorCategory Error::category() const
{
    return errorCategoryOf(code());
}

ErrorCode Error::code() const { return OAUTH4QT_ERROR_DATA.code; }
QString Error::codeName() const { return errorCodeName(code()); }
QString Error::categoryName() const { return errorCategoryName(category()); }
int Error::httpStatus() const { return OAUTH4QT_ERROR_DATA.httpStatus; }

Error &Error::setHttpStatus(int status)
{
    if (!d)
        d = new ErrorData;
    d->httpStatus = status;
    return *this;
}

QString Error::oauthError() const { return OAUTH4QT_ERROR_DATA.oauthError; }
QString Error::oauthErrorDescription() const { return OAUTH4QT_ERROR_DATA.oauthErrorDescription; }
QUrl Error::oauthErrorUri() const { return OAUTH4QT_ERROR_DATA.oauthErrorUri; }
QString Error::challengeScheme() const { return OAUTH4QT_ERROR_DATA.challengeScheme; }

Error &Error::setChallengeScheme(const QString &scheme)
{
    if (!d)
        d = new ErrorData;
    d->challengeScheme = scheme;
    return *this;
}

int Error::retryAfter() const { return OAUTH4QT_ERROR_DATA.retryAfter; }

Error &Error::setRetryAfter(int seconds)
{
    if (!d)
        d = new ErrorData;
    d->retryAfter = seconds;
    return *this;
}

QString Error::detail() const { return OAUTH4QT_ERROR_DATA.detail; }

Error &Error::setDetail(const QString &detail)
{
    if (!d)
        d = new ErrorData;
    d->detail = detail;
    return *this;
}

QString Error::errorString() const
{
    const ErrorData &data = OAUTH4QT_ERROR_DATA;
    for (const OAuthErrorInfo &info : oauthErrorTable) {
        if (!data.oauthError.isEmpty() && data.oauthError == QLatin1String(info.error))
            return QCoreApplication::translate("OAuth4Qt::Error", info.message);
    }
    const CodeInfo *info = infoFor(data.code);
    return info ? QCoreApplication::translate("OAuth4Qt::Error", info->message)
                : QCoreApplication::translate("OAuth4Qt::Error", "Unknown error.");
}

QString Error::technicalDetails() const
{
    if (!isError())
        return {};
    const ErrorData &data = *d;
    QStringList parts{ codeName() };
    if (!data.oauthError.isEmpty()) {
        QString server = QStringLiteral("server error ") + data.oauthError;
        if (!data.oauthErrorDescription.isEmpty())
            server += QStringLiteral(": ") + data.oauthErrorDescription;
        parts.append(server);
    }
    if (data.httpStatus > 0)
        parts.append(QStringLiteral("HTTP status %1").arg(data.httpStatus));
    if (!data.detail.isEmpty())
        parts.append(data.detail);
    return parts.join(QStringLiteral("; "));
}

bool Error::operator==(const Error &other) const
{
    const ErrorData &a = OAUTH4QT_ERROR_DATA;
    const ErrorData &b = other.d ? *other.d.constData() : noError();
    return a.code == b.code && a.httpStatus == b.httpStatus && a.oauthError == b.oauthError
        && a.oauthErrorDescription == b.oauthErrorDescription && a.oauthErrorUri == b.oauthErrorUri
        && a.detail == b.detail;
}

} // namespace OAuth4Qt

QDebug operator<<(QDebug debug, const OAuth4Qt::Error &error)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "OAuth4Qt::Error(" << error.categoryName() << ", " << error.codeName();
    if (error.httpStatus())
        debug << ", status " << error.httpStatus();
    if (!error.oauthError().isEmpty())
        debug << ", " << error.oauthError();
    if (!error.detail().isEmpty())
        debug << ", " << error.detail();
    debug << ')';
    return debug;
}
