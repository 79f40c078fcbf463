// SPDX-License-Identifier: BSD-3-Clause
// oauth4qt-cli: a command-line OAuth 2.0 / OpenID Connect client on top of oauth4qt.
// Its interface is a contract (docs/cli-contract.md): option and command names, exactly one
// JSON object on stdout, the error object, exit statuses 0/2/3/4/5, never dying by a signal.

#include "options.h"
#include "signalguard.h"

#include <oauth4qt/authorizationcodeflow.h>
#include <oauth4qt/backchannelauthenticationflow.h>
#include <oauth4qt/client.h>
#include <oauth4qt/deviceauthorizationflow.h>
#include <oauth4qt/dpop.h>
#include <oauth4qt/error.h>
#include <oauth4qt/reply.h>
#include <oauth4qt/version.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QLoggingCategory>
#include <QtCore/QPointer>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtNetwork/QTcpServer>

#include <cstdio>
#include <exception>
#include <limits>

#ifdef Q_OS_UNIX
#  include <unistd.h>
#endif

using namespace OAuth4Qt;

namespace Cli {

enum ExitStatus { ExitSuccess = 0, ExitUsage = 2, ExitTransport = 3, ExitServer = 4, ExitInvalidResponse = 5 };

// ---- output ---------------------------------------------------------------------------------

//! Writes the one JSON object of this run to stdout. Returns false when it could not be written.
bool writeJson(const QJsonObject &object)
{
    // Exactly one JSON object per run, whatever happens after the first one.
    static bool done = false;
    if (done)
        return true;
    done = true;
    SignalGuard::beginOutput();
#ifdef Q_OS_UNIX
    const bool pretty = ::isatty(STDOUT_FILENO);
#else
    const bool pretty = false;
#endif
    QByteArray data = QJsonDocument(object).toJson(pretty ? QJsonDocument::Indented : QJsonDocument::Compact);
    if (!data.endsWith('\n'))
        data.append('\n');
    const size_t written = std::fwrite(data.constData(), 1, size_t(data.size()), stdout);
    const bool flushed = std::fflush(stdout) == 0;
    return written == size_t(data.size()) && flushed;
}

QJsonObject errorObject(const QString &kind, const QString &code, const QString &message, int status = 0,
                        const QString &oauthError = {}, const QString &oauthErrorDescription = {})
{
    QJsonObject error{
        { QStringLiteral("kind"), kind },
        { QStringLiteral("code"), code },
        { QStringLiteral("message"), message },
    };
    if (status > 0)
        error.insert(QStringLiteral("status"), status);
    if (!oauthError.isEmpty())
        error.insert(QStringLiteral("oauth_error"), oauthError);
    if (!oauthErrorDescription.isEmpty())
        error.insert(QStringLiteral("oauth_error_description"), oauthErrorDescription);
    return QJsonObject{ { QStringLiteral("error"), error } };
}

int exitStatusOf(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::Usage: return ExitUsage;
    case ErrorCategory::Transport: return ExitTransport;
    case ErrorCategory::Cancelled: return ExitTransport;
    case ErrorCategory::Server: return ExitServer;
    case ErrorCategory::InvalidResponse: return ExitInvalidResponse;
    case ErrorCategory::NoError: break;
    }
    return ExitInvalidResponse;
}

//! Cancelled is reported as a transport failure (the contract has no exit status of its own for it).
QString kindOf(ErrorCategory category)
{
    if (category == ErrorCategory::Cancelled)
        return errorCategoryName(ErrorCategory::Transport);
    return errorCategoryName(category);
}

// errorString() is the end-user sentence; a command-line tool also shows the detail.
QString messageOf(const Error &error)
{
    return error.detail().isEmpty() ? error.errorString()
                                    : error.errorString() + QStringLiteral(" [") + error.detail() + QLatin1Char(']');
}

int printError(const Error &error)
{
    writeJson(errorObject(kindOf(error.category()), error.codeName(), messageOf(error), error.httpStatus(),
                          error.oauthError(), error.oauthErrorDescription()));
    return exitStatusOf(error.category());
}

int printUsageError(const UsageError &error)
{
    writeJson(errorObject(errorCategoryName(ErrorCategory::Usage), error.code, error.message));
    return ExitUsage;
}

// Not an OAuth failure and none of the contract's kinds fits exactly: an internal error (out of
// memory, a bug) is reported as a transport-kind failure so that scripts retry or give up.
int printInternalError(const QString &what)
{
    writeJson(errorObject(errorCategoryName(ErrorCategory::Transport), QStringLiteral("internal_error"),
                          QStringLiteral("Internal error: %1").arg(what)));
    return ExitTransport;
}

// ---- a run ----------------------------------------------------------------------------------

/*!
    One invocation: configures the Client, discovers (always first, as the contract says), runs
    the command and prints its outcome. The process exits when the outcome is printed.
*/
class Session
{
public:
    explicit Session(const Options &options) : m_options(options)
    {
        m_client.setIssuer(options.issuer);
        m_client.setDiscoveryMode(options.discoveryMode);
        m_client.setAllowInsecureHttp(options.allowInsecureHttp);
        m_client.setRequestTimeout(options.timeoutMsecs);
        m_client.setClockTolerance(options.clockTolerance);
        m_client.setClientConfig(options.clientConfig);
        m_client.setUserAgent(QByteArrayLiteral("oauth4qt-cli/" OAUTH4QT_VERSION_STRING));
    }

    const Options &options() const { return m_options; }
    Client &client() { return m_client; }

    void start()
    {
        DiscoveryReply *reply = m_client.discover();
        watch(reply, [this, reply] {
            if (reply->error()) {
                finish(reply->error());
                return;
            }
            m_options.command->run(*this);
        });
    }

    //! A signal asked the process to end: cancel what runs; the reply reports the cancellation.
    void cancel(int signalNumber)
    {
        if (m_finished)
            return;
        m_cancelledBy = signalNumber;
        if (m_flow) // fails the flow with Cancelled, which finishes the run
            QMetaObject::invokeMethod(m_flow, "cancel", Qt::DirectConnection);
        if (m_current && !m_current->isFinished())
            m_current->abort(); // finishes the reply at once, with a Cancelled error
        if (!m_finished)
            finish(Error::cancelled());
    }

    //! Prints the token response when \a reply succeeds.
    void finishWithTokens(TokenReply *reply)
    {
        watch(reply, [this, reply] {
            if (reply->error()) {
                finish(reply->error());
                return;
            }
            succeedWithTokens(reply->tokens());
        });
    }

    void succeedWithTokens(const TokenResponse &tokens)
    {
        QJsonObject result = tokens.toJson();
        const QJsonObject claims = tokens.idTokenClaims();
        if (!claims.isEmpty())
            result.insert(QStringLiteral("id_token_claims"), claims);
        succeed(result);
    }

    //! Runs \a flow (an AuthorizationCodeFlow, DeviceAuthorizationFlow or
    //! BackchannelAuthenticationFlow owned by the session) and prints its outcome.
    template <typename Flow>
    void finishWithFlow(Flow *flow)
    {
        m_flow = flow;
        QObject::connect(flow, &Flow::granted, &m_client, [this](const TokenResponse &tokens) {
            try {
                succeedWithTokens(tokens);
            } catch (...) {
                failInternal(QStringLiteral("unknown exception"));
            }
        });
        QObject::connect(flow, &Flow::failed, &m_client, [this](const Error &error) { finish(error); });
        flow->start();
    }

    //! Prints the JSON result when \a reply succeeds.
    void finishWithJson(JsonReply *reply)
    {
        watch(reply, [this, reply] {
            if (reply->error())
                finish(reply->error());
            else
                succeed(reply->result());
        });
    }

    //! Prints \a result when \a reply (an operation without a result of its own) succeeds.
    void finishWithObject(Reply *reply, const QJsonObject &result)
    {
        watch(reply, [this, reply, result] {
            if (reply->error())
                finish(reply->error());
            else
                succeed(result);
        });
    }

    void succeed(const QJsonObject &result)
    {
        if (m_finished)
            return;
        m_finished = true;
        exit(writeJson(result) ? ExitSuccess : ExitTransport);
    }

    void finish(const Error &error)
    {
        if (m_finished)
            return;
        m_finished = true;
        if (m_cancelledBy && error.category() == ErrorCategory::Cancelled) {
            exit(printError(Error::cancelled(QStringLiteral("interrupted by %1")
                                                 .arg(SignalGuard::signalName(m_cancelledBy)))));
            return;
        }
        exit(printError(error));
    }

    void failInternal(const QString &what)
    {
        if (m_finished)
            return;
        m_finished = true;
        exit(printInternalError(what));
    }

private:
    template <typename Function>
    void watch(Reply *reply, Function onFinished)
    {
        m_current = reply;
        QObject::connect(reply, &Reply::finished, &m_client, [this, reply, onFinished] {
            reply->deleteLater();
            // An exception must not unwind through Qt's event loop.
            try {
                onFinished();
            } catch (const std::exception &e) {
                failInternal(QString::fromLocal8Bit(e.what()));
            } catch (...) {
                failInternal(QStringLiteral("unknown exception"));
            }
        });
    }

    static void exit(int status) { QCoreApplication::exit(status); }

    Options m_options;
    Client m_client;
    QPointer<Reply> m_current;
    QPointer<QObject> m_flow;
    int m_cancelledBy = 0;
    bool m_finished = false;
};

// ---- commands -------------------------------------------------------------------------------

void runDiscover(Session &session)
{
    // Discovery already ran (first, for every command): print what it validated.
    session.succeed(session.client().metadata().toJson());
}

void runClientCredentials(Session &session)
{
    const Options &o = session.options();
    session.finishWithTokens(session.client().requestClientCredentials(o.scope, o.extraParameters()));
}

void runRefresh(Session &session)
{
    const Options &o = session.options();
    session.finishWithTokens(session.client().refreshToken(o.value(QStringLiteral("refresh-token")), o.scope,
                                                           o.extraParameters()));
}

void runGrant(Session &session)
{
    const Options &o = session.options();
    Parameters parameters;
    if (!o.scope.isEmpty())
        parameters.append({ QStringLiteral("scope"), o.scope });
    parameters += o.extraParameters();
    session.finishWithTokens(session.client().requestToken(o.value(QStringLiteral("grant-type")), parameters));
}

//! \a text quoted for /bin/sh: in single quotes, each ' written as '\''.
QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

//! The words of --response-type, sorted (OAuth 2.0 response types are unordered sets).
QStringList responseTypeWords(const Options &o)
{
    QStringList words = o.value(QStringLiteral("response-type")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    words.sort();
    return words;
}

bool isHybridResponseType(const Options &o)
{
    return responseTypeWords(o) == QStringList{ QStringLiteral("code"), QStringLiteral("id_token") };
}

void runAuthorizationCode(Session &session)
{
    const Options &o = session.options();
    auto *flow = new AuthorizationCodeFlow(&session.client());
    flow->setClient(&session.client());
    flow->setScope(o.scope);
    flow->setResources(o.resources);
    QVariantMap extra;
    for (const auto &[name, value] : o.params) {
        if (!extra.contains(name)) {
            extra.insert(name, value);
        } else {
            QStringList values = extra.value(name).toStringList();
            values.append(value);
            extra.insert(name, values);
        }
    }
    flow->setExtraParameters(extra);
    flow->setPushedAuthorizationRequest(o.flag(QStringLiteral("par")));
    flow->setSignedRequestObject(o.flag(QStringLiteral("jar")));
    flow->setJarm(o.value(QStringLiteral("response-mode")) == QLatin1String("jwt"));
    if (isHybridResponseType(o))
        flow->setResponseType(AuthorizationCodeFlow::ResponseType::CodeIdToken);
    if (o.commandValues.contains(QStringLiteral("jarm-alg"))) {
        ClientConfig config = session.client().clientConfig();
        config.setAuthorizationSignedResponseAlg(o.value(QStringLiteral("jarm-alg")));
        session.client().setClientConfig(config);
    }
    if (o.commandValues.contains(QStringLiteral("redirect-port")))
        flow->setRedirectPort(o.value(QStringLiteral("redirect-port")).trimmed().toInt());
    if (o.commandValues.contains(QStringLiteral("redirect-path")))
        flow->setRedirectPath(o.value(QStringLiteral("redirect-path")));
    if (o.commandValues.contains(QStringLiteral("max-age")))
        flow->setMaxAge(o.value(QStringLiteral("max-age")).trimmed().toInt());
    if (o.commandValues.contains(QStringLiteral("prompt")))
        flow->setPrompt(o.value(QStringLiteral("prompt")));
    const int flowTimeout = o.commandValues.contains(QStringLiteral("flow-timeout"))
        ? o.value(QStringLiteral("flow-timeout")).trimmed().toInt()
        : 300;
    flow->setTimeout(flowTimeout * 1000);
    QObject::connect(flow, &AuthorizationCodeFlow::authorizeWithBrowser, flow, [flow](const QUrl &url) {
        std::fprintf(stderr, "Waiting for the authorization response on %s\nIf no browser opens, visit:\n%s\n",
                     flow->redirectUri().toString().toLocal8Bit().constData(),
                     url.toString(QUrl::FullyEncoded).toLocal8Bit().constData());
        std::fflush(stderr);
    });
    if (o.commandValues.contains(QStringLiteral("browser"))) {
        // COMMAND runs through /bin/sh -c with the URL appended, quoted, as its last argument;
        // the CLI does not wait for it.
        const QString command = o.value(QStringLiteral("browser"));
        flow->setBrowserOpener([command](const QUrl &url) {
            return QProcess::startDetached(QStringLiteral("/bin/sh"),
                                           { QStringLiteral("-c"),
                                             command + QLatin1Char(' ') + shellQuote(url.toString(QUrl::FullyEncoded)) });
        });
    }
    session.finishWithFlow(flow);
}

void runDevice(Session &session)
{
    const Options &o = session.options();
    auto *flow = new DeviceAuthorizationFlow(&session.client(), &session.client());
    flow->setScope(o.scope);
    Parameters extra = o.params;
    for (const QString &resource : o.resources)
        extra.append({ QStringLiteral("resource"), resource });
    flow->setExtraParameters(extra);
    // The prompt goes to stderr; stdout carries only the final JSON object.
    // Once the flow awaits the user, every member of the device authorization response is set.
    QObject::connect(flow, &DeviceAuthorizationFlow::statusChanged, flow, [flow] {
        if (flow->status() != DeviceAuthorizationFlow::Status::AwaitingUser || flow->userCode().isEmpty())
            return;
        std::fprintf(stderr, "To sign in, visit %s and enter the code %s\n",
                     flow->verificationUri().toString(QUrl::FullyEncoded).toLocal8Bit().constData(),
                     flow->userCode().toLocal8Bit().constData());
        if (flow->verificationUriComplete().isValid())
            std::fprintf(stderr, "or open %s\n",
                         flow->verificationUriComplete().toString(QUrl::FullyEncoded).toLocal8Bit().constData());
        std::fprintf(stderr, "The code expires in %d s. Waiting...\n", flow->expiresIn());
        std::fflush(stderr);
    });
    session.finishWithFlow(flow);
}

void runCiba(Session &session)
{
    const Options &o = session.options();
    auto *flow = new BackchannelAuthenticationFlow(&session.client(), &session.client());
    flow->setMode(BackchannelAuthenticationFlow::Mode::Poll);
    if (!o.scope.isEmpty())
        flow->setScope(o.scope);
    flow->setLoginHint(o.value(QStringLiteral("login-hint")));
    if (o.commandValues.contains(QStringLiteral("binding-message")))
        flow->setBindingMessage(o.value(QStringLiteral("binding-message")));
    Parameters extra = o.params;
    for (const QString &resource : o.resources)
        extra.append({ QStringLiteral("resource"), resource });
    flow->setExtraParameters(extra);
    std::fprintf(stderr, "Waiting for the user to approve the request on their device...\n");
    std::fflush(stderr);
    session.finishWithFlow(flow);
}

void runUserInfo(Session &session)
{
    const Options &o = session.options();
    // With --dpop / --dpop-key the token is DPoP-bound: the DPoP scheme and a proof, never Bearer.
    TokenResponse tokens;
    tokens.setAccessToken(o.value(QStringLiteral("access-token")));
    tokens.setTokenType(o.dpop ? QStringLiteral("DPoP") : QStringLiteral("Bearer"));
    session.finishWithJson(session.client().userInfo(tokens, o.value(QStringLiteral("expected-subject"))));
}

void runIntrospect(Session &session)
{
    const Options &o = session.options();
    session.finishWithJson(session.client().introspect(o.value(QStringLiteral("token")),
                                                       o.value(QStringLiteral("token-type-hint"))));
}

void runRevoke(Session &session)
{
    const Options &o = session.options();
    // RFC 7009 answers 200 for a revoked and an unknown token alike: "revoked" means the server
    // accepted the request.
    session.finishWithObject(session.client().revoke(o.value(QStringLiteral("token")),
                                                     o.value(QStringLiteral("token-type-hint"))),
                             QJsonObject{ { QStringLiteral("revoked"), true } });
}

using L = QLatin1String;

//! Every command: one row each. A row without a function is parsed and validated, then refused
//! with the usage error not_implemented until its feature lands in the library.
const QList<CommandSpec> &commands()
{
    static const QList<CommandSpec> table = {
        { L("discover"), "print the validated authorization server metadata", {}, {}, false, runDiscover },
        { L("client-credentials"), "client credentials grant", {}, {}, true, runClientCredentials },
        { L("refresh"), "refresh token grant", { { L("refresh-token") } }, { L("refresh-token") }, true, runRefresh },
        { L("grant"), "any grant at the token endpoint; its parameters come from --param",
          { { L("grant-type") } }, { L("grant-type") }, true, runGrant },
        { L("authorization-code"), "authorization code grant with PKCE through a browser and a loopback redirect",
          { { L("browser") }, { L("redirect-port") }, { L("redirect-path") }, { L("par"), false }, { L("jar"), false },
            { L("response-mode") }, { L("response-type") }, { L("jarm-alg") }, { L("max-age") }, { L("prompt") }, { L("flow-timeout") } },
          {}, true, runAuthorizationCode },
        { L("device"), "device authorization grant (RFC 8628)", {}, {}, true, runDevice },
        { L("ciba"), "client-initiated backchannel authentication, poll mode",
          { { L("login-hint") }, { L("binding-message") } }, { L("login-hint") }, true, runCiba },
        { L("userinfo"), "UserInfo request", { { L("access-token") }, { L("expected-subject") } },
          { L("access-token") }, false, runUserInfo },
        { L("introspect"), "token introspection (RFC 7662)", { { L("token") }, { L("token-type-hint") } },
          { L("token") }, true, runIntrospect },
        { L("revoke"), "token revocation (RFC 7009)", { { L("token") }, { L("token-type-hint") } },
          { L("token") }, true, runRevoke },
    };
    return table;
}

//! Checks of command-specific values that the generic parser cannot know; before any request.
UsageError checkCommandOptions(const Options &o)
{
    auto integer = [&o](const char *name, int min, int max) -> UsageError {
        const QString key = QLatin1String(name);
        if (!o.commandValues.contains(key))
            return {};
        bool ok = false;
        const int n = o.value(key).trimmed().toInt(&ok, 10);
        if (!ok || n < min || n > max)
            return { QStringLiteral("invalid_argument"),
                     QStringLiteral("--%1 needs an integer from %2 to %3, not \"%4\"")
                         .arg(key).arg(min).arg(max).arg(o.value(key)) };
        return {};
    };
    if (UsageError e = integer("redirect-port", 0, 65535); e.isError())
        return e;
    if (UsageError e = integer("max-age", 0, std::numeric_limits<int>::max()); e.isError())
        return e;
    if (UsageError e = integer("flow-timeout", 1, 2147483); e.isError())
        return e;
    if (o.commandValues.contains(QStringLiteral("redirect-path"))) {
        // What the loopback listener accepts: '/' then unreserved characters and '/'.
        static const QRegularExpression path(QStringLiteral("^/[A-Za-z0-9._~/-]*$"));
        if (!path.match(o.value(QStringLiteral("redirect-path"))).hasMatch())
            return { QStringLiteral("invalid_argument"),
                     QStringLiteral("--redirect-path must start with '/' and hold only letters, digits, '-', '.', '_', '~' and '/'") };
    }
    if (o.flag(QStringLiteral("jar"))) {
        // The request object is signed with the client's private key, by an asymmetric alg.
        if (o.clientConfig.privateKey().isNull())
            return { QStringLiteral("missing_option"), QStringLiteral("--jar needs --private-key (the request object is signed with it)") };
        if (o.clientConfig.signingAlgorithm().startsWith(QLatin1String("HS")))
            return { errorCodeName(ErrorCode::UnsupportedAlgorithm),
                     QStringLiteral("--jar signs with --private-key: --signing-alg %1 cannot sign the request object")
                         .arg(o.clientConfig.signingAlgorithm()) };
    }
    {
        // Parameters a command sets itself: --param would send them twice.
        static const QHash<QString, QStringList> commandParameters = {
            { QStringLiteral("authorization-code"),
              { QStringLiteral("response_type"), QStringLiteral("redirect_uri"), QStringLiteral("state"),
                QStringLiteral("nonce"), QStringLiteral("code_challenge"), QStringLiteral("code_challenge_method"),
                QStringLiteral("response_mode"), QStringLiteral("request"), QStringLiteral("request_uri"),
                QStringLiteral("dpop_jkt"), QStringLiteral("code"), QStringLiteral("code_verifier") } },
            { QStringLiteral("refresh"), { QStringLiteral("refresh_token") } },
            { QStringLiteral("device"), { QStringLiteral("device_code") } },
            { QStringLiteral("ciba"), { QStringLiteral("auth_req_id"), QStringLiteral("login_hint") } },
        };
        const QStringList reserved = commandParameters.value(QString(o.command->name));
        for (const auto &[name, value] : o.params) {
            Q_UNUSED(value)
            if (reserved.contains(name)
                || (name == QLatin1String("prompt") && o.commandValues.contains(QStringLiteral("prompt")))
                || (name == QLatin1String("max_age") && o.commandValues.contains(QStringLiteral("max-age")))
                || (name == QLatin1String("binding_message") && o.commandValues.contains(QStringLiteral("binding-message"))))
                return { QStringLiteral("invalid_argument"),
                         QStringLiteral("--param cannot set %1: the command %2 sets it").arg(name, QString(o.command->name)) };
        }
    }
    if (o.commandValues.contains(QStringLiteral("response-mode"))
        && o.value(QStringLiteral("response-mode")) != QLatin1String("jwt"))
        return { QStringLiteral("invalid_argument"), QStringLiteral("--response-mode accepts only jwt") };
    if (o.commandValues.contains(QStringLiteral("response-type"))) {
        const QStringList words = responseTypeWords(o);
        const bool hybrid = words == QStringList{ QStringLiteral("code"), QStringLiteral("id_token") };
        // Like every usage error: the option, never its value.
        if (!hybrid && words != QStringList{ QStringLiteral("code") })
            return { QStringLiteral("invalid_argument"), QStringLiteral("--response-type accepts only code or \"code id_token\"") };
        if (hybrid && o.profile != Client::Profile::None)
            return { errorCodeName(ErrorCode::ProfileViolation),
                     QStringLiteral("FAPI 2.0: only the response type code is allowed (--response-type)") };
        if (hybrid && o.commandValues.contains(QStringLiteral("response-mode")))
            return { QStringLiteral("invalid_argument"),
                     QStringLiteral("--response-type \"code id_token\" is answered with a form POST: it cannot be combined with --response-mode") };
        if (hybrid && !o.scope.split(QLatin1Char(' '), Qt::SkipEmptyParts).contains(QStringLiteral("openid")))
            return { QStringLiteral("invalid_argument"), QStringLiteral("--response-type \"code id_token\" needs openid in --scope") };
    }
    if (o.commandValues.contains(QStringLiteral("jarm-alg"))) {
        if (o.value(QStringLiteral("response-mode")) != QLatin1String("jwt"))
            return { QStringLiteral("invalid_argument"), QStringLiteral("--jarm-alg needs --response-mode jwt") };
        if (UsageError e = checkResponseAlgorithm(QStringLiteral("jarm-alg"), o.value(QStringLiteral("jarm-alg")),
                                                  !o.clientConfig.clientSecret().isEmpty());
            e.isError())
            return e;
    }
    return {};
}

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("oauth4qt-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OAUTH4QT_VERSION_STRING));
    // The library's debug output stays off unless QT_LOGGING_RULES asks for it (it never holds secrets).
    QLoggingCategory::setFilterRules(QStringLiteral("oauth4qt.*.debug=false"));

    const QByteArray emergency = QJsonDocument(errorObject(
        errorCategoryName(ErrorCategory::Transport), errorCodeName(ErrorCode::Cancelled),
        messageOf(Error::cancelled(QStringLiteral("interrupted by a signal"))))).toJson(QJsonDocument::Compact) + '\n';
    Session *session = nullptr;
    SignalGuard guard(emergency, ExitTransport, [&session](int sig) {
        if (session) {
            session->cancel(sig);
        } else {
            writeJson(errorObject(errorCategoryName(ErrorCategory::Transport), errorCodeName(ErrorCode::Cancelled),
                                  messageOf(Error::cancelled(QStringLiteral("interrupted by %1").arg(SignalGuard::signalName(sig))))));
            QCoreApplication::exit(ExitTransport);
        }
    });

    Options options;
    const UsageError usage = parseArguments(QCoreApplication::arguments().mid(1), commands(), &options);
    if (usage.isError())
        return printUsageError(usage);
    if (options.help) {
        std::fputs(helpText(commands()).toLocal8Bit().constData(), stderr);
        QJsonArray names;
        for (const CommandSpec &command : commands())
            names.append(QString(command.name));
        writeJson(QJsonObject{ { QStringLiteral("version"), QStringLiteral(OAUTH4QT_VERSION_STRING) },
                               { QStringLiteral("commands"), names } });
        return ExitSuccess;
    }
    if (options.version) {
        writeJson(QJsonObject{ { QStringLiteral("version"), QStringLiteral(OAUTH4QT_VERSION_STRING) } });
        return ExitSuccess;
    }
    if (const UsageError e = checkCommandOptions(options); e.isError())
        return printUsageError(e);
    if (!options.command->run)
        return printUsageError({ QStringLiteral("not_implemented"),
                                 QStringLiteral("the command %1 is not implemented yet in this version of oauth4qt-cli")
                                     .arg(QString(options.command->name)) });
    if (options.commandValues.contains(QStringLiteral("redirect-port"))) {
        // A fixed redirect port that is taken fails the flow only after discovery: try it first.
        const quint16 port = quint16(options.value(QStringLiteral("redirect-port")).trimmed().toUInt());
        QTcpServer probe;
        if (port != 0 && !probe.listen(QHostAddress::LocalHost, port))
            return printUsageError({ QStringLiteral("invalid_argument"),
                                     QStringLiteral("--redirect-port %1 cannot be used: %2").arg(port).arg(probe.errorString()) });
    }
    DPoPKey dpopKey;
    if (options.dpop) {
        // --dpop-key: the given key (tokens bound in one run work in the next); else a fresh key
        // per run (the contract); tokens come back bound to it.
        Error keyError;
        dpopKey = options.dpopKey.isNull() ? DPoPKey::generate(options.dpopAlg, &keyError)
                                           : DPoPKey::fromJsonWebKey(options.dpopKey, options.dpopAlg, &keyError);
        if (keyError)
            return printUsageError({ QStringLiteral("invalid_argument"),
                                     QStringLiteral("--dpop-alg %1: %2").arg(options.dpopAlg, keyError.errorString()) });
    }

    Session s(options);
    if (!dpopKey.isNull())
        s.client().setDPoPKey(dpopKey);
    // --profile: what the profile forbids is a usage error before any request, discovery included.
    if (options.profile != Client::Profile::None) {
        s.client().setProfile(options.profile);
        if (options.command->needsClientId) {
            if (const Error e = s.client().profileViolation())
                return printError(e);
        }
    }
    session = &s;
    s.start(); // never finishes inside this call: replies finish from the event loop
    const int status = app.exec();
    session = nullptr;
    return status;
}

} // namespace Cli

#ifndef OAUTH4QT_CLI_NO_MAIN // the fuzz target links this file and has a main of its own
int main(int argc, char **argv)
{
    // Last resort: nothing may end the process with an uncaught exception.
    std::set_terminate([] {
        Cli::printInternalError(QStringLiteral("unexpected termination"));
        std::_Exit(Cli::ExitTransport);
    });
    try {
        return Cli::run(argc, argv);
    } catch (const std::exception &e) {
        return Cli::printInternalError(QString::fromLocal8Bit(e.what()));
    } catch (...) {
        return Cli::printInternalError(QStringLiteral("unknown exception"));
    }
}
#endif
