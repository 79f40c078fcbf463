// SPDX-License-Identifier: BSD-3-Clause
#include "options.h"

#include <oauth4qt/jws.h>

#include <QtCore/QFile>
#include <QtCore/QRegularExpression>
#include <QtCore/QtMath>

#include <cmath>

using namespace OAuth4Qt;

namespace Cli {

namespace {

// Global options: accepted before or after the command, by every command.
const QList<OptionSpec> &globalOptions()
{
    static const QList<OptionSpec> options = {
        { QLatin1String("issuer") },
        { QLatin1String("discovery") },
        { QLatin1String("client-id") },
        { QLatin1String("client-secret") },
        { QLatin1String("client-secret-file") },
        { QLatin1String("auth-method") },
        { QLatin1String("private-key") },
        { QLatin1String("signing-alg") },
        { QLatin1String("id-token-alg") },
        { QLatin1String("scope") },
        { QLatin1String("resource"), true, true },
        { QLatin1String("param"), true, true },
        { QLatin1String("dpop"), false },
        { QLatin1String("dpop-alg") },
        { QLatin1String("dpop-key") },
        { QLatin1String("decryption-key"), true, true },
        { QLatin1String("decryption-alg") },
        { QLatin1String("decryption-enc") },
        { QLatin1String("allow-insecure-http"), false },
        { QLatin1String("profile") },
        { QLatin1String("timeout") },
        { QLatin1String("clock-tolerance") },
        { QLatin1String("help"), false },
        { QLatin1String("version"), false },
    };
    return options;
}

const OptionSpec *findIn(const QList<OptionSpec> &list, const QString &name)
{
    for (const OptionSpec &spec : list) {
        if (spec.name == name)
            return &spec;
    }
    return nullptr;
}

UsageError usage(const QString &code, const QString &message) { return UsageError{ code, message }; }

QString dashed(const QString &name) { return QStringLiteral("--") + name; }

//! \a text when it looks like a command or option name, to repeat in a message; a placeholder
//! otherwise (a misplaced argument may be a secret: "--token= SECRET" makes SECRET positional).
QString quotedName(const QString &text)
{
    bool looksLikeName = !text.isEmpty() && text.size() <= 40;
    for (const QChar c : text) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('-') && c != QLatin1Char('_'))
            looksLikeName = false;
    }
    return looksLikeName ? QLatin1Char('"') + text + QLatin1Char('"') : QStringLiteral("(not shown)");
}

QString commandNames(const QList<CommandSpec> &commands)
{
    QStringList names;
    for (const CommandSpec &command : commands)
        names.append(QString(command.name));
    return names.join(QStringLiteral(", "));
}

//! "--token-file" -> "token" when "token" is a secret option (one with a file twin); else empty.
QString twinBase(const QString &name)
{
    if (!name.endsWith(QLatin1String("-file")))
        return {};
    const QString base = name.chopped(5);
    return isSecretOption(base) ? base : QString();
}

//! Control characters (a CR/LF, a NUL, ...) never belong in a token: refused before any request.
bool hasControlCharacter(const QString &value)
{
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return true;
    }
    return false;
}

// Options that select how the client authenticates, or that the library sets: --param must not
// set them (the server would see them twice, or the client's authentication would be bypassed).
bool isReservedParameter(const QString &name)
{
    static const QStringList reserved = {
        QStringLiteral("grant_type"), QStringLiteral("client_id"), QStringLiteral("client_secret"),
        QStringLiteral("client_assertion"), QStringLiteral("client_assertion_type"),
    };
    return reserved.contains(name);
}

} // namespace

UsageError checkResponseAlgorithm(const QString &option, const QString &alg, bool hasClientSecret)
{
    if (alg == QLatin1String("none") || !Jws::supportedAlgorithms().contains(alg))
        return usage(errorCodeName(ErrorCode::UnsupportedAlgorithm),
                     QStringLiteral("--%1 must be one of %2, not \"%3\"")
                         .arg(option, Jws::supportedAlgorithms().join(QStringLiteral(", ")), alg));
    if (alg.startsWith(QLatin1String("HS")) && !hasClientSecret)
        return usage(errorCodeName(ErrorCode::UnsupportedAlgorithm),
                     QStringLiteral("--%1 %2 needs --client-secret (the HMAC key)").arg(option, alg));
    return {};
}

namespace {

UsageError parseSeconds(const QString &option, const QString &text, int *msecs)
{
    bool ok = false;
    const double seconds = text.trimmed().toDouble(&ok);
    // The deadline is an int of milliseconds in the library.
    if (!ok || !std::isfinite(seconds) || seconds <= 0 || seconds > 2147483.0)
        return usage(QStringLiteral("invalid_argument"),
                     QStringLiteral("%1 needs a positive number of seconds (at most 2147483), not \"%2\"")
                         .arg(dashed(option), text));
    *msecs = qMax(1, int(std::ceil(seconds * 1000.0)));
    return {};
}

UsageError parseInteger(const QString &option, const QString &text, int min, int max, int *value)
{
    bool ok = false;
    const int n = text.trimmed().toInt(&ok, 10);
    if (!ok || n < min || n > max)
        return usage(QStringLiteral("invalid_argument"),
                     QStringLiteral("%1 needs an integer from %2 to %3, not \"%4\"")
                         .arg(dashed(option)).arg(min).arg(max).arg(text));
    *value = n;
    return {};
}

UsageError checkIssuer(const QString &text, bool allowInsecureHttp, QUrl *issuer)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.isRelative())
        return usage(QStringLiteral("invalid_argument"), QStringLiteral("--issuer must be an absolute URL"));
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return usage(errorCodeName(ErrorCode::UnsupportedUrlScheme),
                     QStringLiteral("--issuer must be an https:// URL (the scheme \"%1\" is not supported)").arg(url.scheme()));
    if (url.host().isEmpty())
        return usage(QStringLiteral("invalid_argument"), QStringLiteral("--issuer has no host"));
    if (!url.userInfo().isEmpty())
        return usage(QStringLiteral("invalid_argument"), QStringLiteral("--issuer must not contain user information"));
    if (url.hasQuery() || url.hasFragment())
        return usage(QStringLiteral("invalid_argument"), QStringLiteral("--issuer must not have a query or fragment"));
    if (scheme == QLatin1String("http") && !allowInsecureHttp)
        return usage(errorCodeName(ErrorCode::InsecureUrl),
                     QStringLiteral("--issuer is an http:// URL; pass --allow-insecure-http to permit it (loopback testing only)"));
    *issuer = url;
    return {};
}

UsageError loadPrivateKey(const QString &fileName, const InputSource &input, JsonWebKey *key)
{
    QByteArray pem;
    QString errorText;
    if (!input.readFile || !input.readFile(fileName, 1024 * 1024, &pem, &errorText))
        return usage(errorCodeName(ErrorCode::InvalidKey),
                     QStringLiteral("cannot read the private key file %1: %2").arg(fileName, errorText));
    // A PEM key is a few KiB at most; refuse anything absurd rather than reading it whole.
    if (pem.size() > 1024 * 1024)
        return usage(errorCodeName(ErrorCode::InvalidKey),
                     QStringLiteral("the private key file %1 is too large to be a PEM key").arg(fileName));
    Error error;
    const JsonWebKey k = JsonWebKey::fromPem(pem, &error);
    if (k.isNull())
        // An ML-DSA key where OpenSSL has no ML-DSA (before 3.5) is unsupported_algorithm.
        return usage(errorCodeName(error.code() == ErrorCode::UnsupportedAlgorithm ? ErrorCode::UnsupportedAlgorithm
                                                                                  : ErrorCode::InvalidKey),
                     QStringLiteral("the private key file %1 holds no usable PEM key: %2")
                         .arg(fileName, error ? error.errorString() : QStringLiteral("unknown format")));
    if (!k.hasPrivateKey() || k.keyType() == JsonWebKey::KeyType::Oct)
        return usage(errorCodeName(ErrorCode::InvalidKey),
                     QStringLiteral("the key in %1 is not a private key").arg(fileName));
    *key = k;
    return {};
}

const QStringList &hmacAlgorithms()
{
    static const QStringList algs = { QStringLiteral("HS256"), QStringLiteral("HS384"), QStringLiteral("HS512") };
    return algs;
}

const QStringList &dpopAlgorithms()
{
    static const QStringList algs = {
        QStringLiteral("ES256"), QStringLiteral("ES384"), QStringLiteral("ES512"),
        QStringLiteral("RS256"), QStringLiteral("PS256"), QStringLiteral("EdDSA"),
    };
    return algs;
}

} // namespace

Parameters Options::extraParameters() const
{
    Parameters extra;
    for (const QString &resource : resources)
        extra.append({ QStringLiteral("resource"), resource });
    extra += params;
    return extra;
}

UsageError parseArguments(const QStringList &arguments, const QList<CommandSpec> &commands, Options *out,
                          const InputSource &input)
{
    Options o;
    QHash<QString, QStringList> given; // option name -> values ("" for flags)
    QStringList positional;

    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == QLatin1String("--")) {
            positional += arguments.mid(i + 1);
            break;
        }
        if (arg == QLatin1String("-h")) {
            given[QStringLiteral("help")].append(QString());
            continue;
        }
        if (!arg.startsWith(QLatin1String("--"))) {
            if (arg.startsWith(QLatin1Char('-')) && arg.size() > 1)
                return usage(QStringLiteral("unknown_option"),
                             QStringLiteral("unknown option %1 (options are spelt --name)")
                                 .arg(arg.size() <= 2 ? quotedName(arg) : QStringLiteral("(not shown)")));
            positional.append(arg);
            continue;
        }
        QString name = arg.mid(2);
        QString value;
        bool hasInlineValue = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
            hasInlineValue = true;
        }
        // A secret option's file twin ("--token-file") is accepted wherever the option is.
        const QString twin = twinBase(name);
        const QString lookup = twin.isEmpty() ? name : twin;
        const OptionSpec *spec = findIn(globalOptions(), lookup);
        if (!spec) {
            // A command-specific option: accepted here, checked against the command below.
            for (const CommandSpec &command : commands) {
                if ((spec = findIn(command.options, lookup)))
                    break;
            }
        }
        if (!spec)
            return usage(QStringLiteral("unknown_option"),
                         QStringLiteral("unknown option %1")
                             .arg(quotedName(name).startsWith(QLatin1Char('"')) ? dashed(name) : QStringLiteral("(not shown)")));
        if (spec->takesValue) {
            if (!hasInlineValue) {
                if (i + 1 >= arguments.size())
                    return usage(QStringLiteral("invalid_argument"),
                                 QStringLiteral("the option %1 needs a value").arg(dashed(name)));
                value = arguments.at(++i);
            }
        } else if (hasInlineValue) {
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("the option %1 takes no value").arg(dashed(name)));
        }
        QStringList &values = given[name];
        if (!values.isEmpty() && !spec->repeatable)
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("the option %1 is given more than once").arg(dashed(name)));
        values.append(value);
    }

    auto has = [&given](const char *name) { return given.contains(QLatin1String(name)); };
    auto single = [&given](const char *name) { return given.value(QLatin1String(name)).value(0); };

    if (has("help")) {
        o.help = true;
        *out = o;
        return {};
    }
    if (has("version")) {
        o.version = true;
        *out = o;
        return {};
    }

    // --- the command
    if (positional.isEmpty())
        return usage(QStringLiteral("missing_command"), QStringLiteral("no command given (try --help)"));
    for (const CommandSpec &command : commands) {
        if (command.name == positional.first())
            o.command = &command;
    }
    if (!o.command)
        return usage(QStringLiteral("unknown_command"),
                     QStringLiteral("unknown command (not shown: it may be a misplaced secret); the commands are %1")
                         .arg(commandNames(commands)));
    if (positional.size() > 1)
        return usage(QStringLiteral("invalid_argument"),
                     QStringLiteral("unexpected argument after the command %1 (not shown: it may be a misplaced secret)")
                         .arg(QString(o.command->name)));

    // Secret file twins: an option and its twin together is an error, and so is reading standard
    // input twice; each file's value (one trailing newline stripped) becomes the option's value.
    // Only options that apply to the command are read.
    {
        QString stdinReader;
        const QStringList names = given.keys();
        for (const QString &name : names) {
            const QString base = twinBase(name);
            if (base.isEmpty())
                continue;
            if (!findIn(globalOptions(), base) && !findIn(o.command->options, base))
                return usage(QStringLiteral("unknown_option"),
                             QStringLiteral("the option %1 does not apply to the command %2")
                                 .arg(dashed(name), QString(o.command->name)));
            if (given.contains(base))
                return usage(QStringLiteral("invalid_argument"),
                             QStringLiteral("%1 and %2 are given together; give one of them").arg(dashed(base), dashed(name)));
            const QString path = given.value(name).constFirst();
            if (path.isEmpty())
                return usage(QStringLiteral("invalid_argument"), QStringLiteral("%1 needs a file name or -").arg(dashed(name)));
            if (path == QLatin1String("-")) {
                if (!stdinReader.isEmpty())
                    return usage(QStringLiteral("invalid_argument"),
                                 QStringLiteral("%1 and %2 both read standard input; only one option can")
                                     .arg(dashed(std::min(stdinReader, name)), dashed(std::max(stdinReader, name))));
                stdinReader = name;
            }
        }
        for (const QString &name : names) {
            const QString base = twinBase(name);
            if (base.isEmpty())
                continue;
            const QString path = given.value(name).constFirst();
            const QString source = path == QLatin1String("-") ? QStringLiteral("standard input")
                                                               : QStringLiteral("the file %1").arg(path);
            QByteArray data;
            QString errorText;
            if (!input.readFile || !input.readFile(path, maxSecretFileBytes, &data, &errorText))
                return usage(QStringLiteral("invalid_argument"),
                             QStringLiteral("%1: cannot read %2: %3").arg(dashed(name), source, errorText));
            if (data.size() > maxSecretFileBytes)
                return usage(QStringLiteral("invalid_argument"),
                             QStringLiteral("%1: %2 is larger than %3 bytes").arg(dashed(name), source).arg(maxSecretFileBytes));
            const QString value = QString::fromUtf8(stripOneTrailingNewline(data));
            if (value.isEmpty())
                return usage(QStringLiteral("invalid_argument"), QStringLiteral("%1: %2 is empty").arg(dashed(name), source));
            given.remove(name);
            given.insert(base, { value });
        }
    }

    for (auto it = given.cbegin(); it != given.cend(); ++it) {
        if (findIn(globalOptions(), it.key()))
            continue;
        const OptionSpec *spec = findIn(o.command->options, it.key());
        if (!spec)
            return usage(QStringLiteral("unknown_option"),
                         QStringLiteral("the option %1 does not apply to the command %2")
                             .arg(dashed(it.key()), QString(o.command->name)));
        if (spec->takesValue)
            o.commandValues.insert(it.key(), it.value().constFirst());
        else
            o.commandFlags.insert(it.key());
    }
    for (const QLatin1String &name : o.command->required) {
        if (!given.contains(name))
            return usage(QStringLiteral("missing_option"),
                         QStringLiteral("the command %1 needs %2").arg(QString(o.command->name), dashed(name))
                             + (isSecretOption(name) ? QStringLiteral(" or %1-file").arg(dashed(name)) : QString()));
        if (o.commandValues.value(name).isEmpty())
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("%1 must not be empty").arg(dashed(name)));
    }
    for (auto it = o.commandValues.cbegin(); it != o.commandValues.cend(); ++it) {
        if (it.value().isEmpty())
            return usage(QStringLiteral("invalid_argument"), QStringLiteral("%1 must not be empty").arg(dashed(it.key())));
        if (isSecretOption(it.key()) && hasControlCharacter(it.value()))
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("%1 contains a control character (a line break?); its value is not shown")
                             .arg(dashed(it.key())));
    }
    // The access token goes into an Authorization header: RFC 6750 b64token only.
    if (o.commandValues.contains(QStringLiteral("access-token"))) {
        static const QRegularExpression b64token(QStringLiteral("^[A-Za-z0-9._~+/-]+=*$"));
        if (!b64token.match(o.value(QStringLiteral("access-token"))).hasMatch())
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("--access-token is not a valid bearer token (RFC 6750 b64token); its value is not shown"));
    }

    // --- server
    o.allowInsecureHttp = has("allow-insecure-http");
    if (!has("issuer"))
        return usage(QStringLiteral("missing_option"), QStringLiteral("--issuer is required"));
    if (UsageError e = checkIssuer(single("issuer"), o.allowInsecureHttp, &o.issuer); e.isError())
        return e;
    if (has("discovery")) {
        const QString mode = single("discovery");
        if (mode == QLatin1String("oidc"))
            o.discoveryMode = Client::DiscoveryMode::OpenIdConnect;
        else if (mode == QLatin1String("oauth2"))
            o.discoveryMode = Client::DiscoveryMode::OAuth2;
        else
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("--discovery must be oidc or oauth2, not \"%1\"").arg(mode));
    }
    if (has("timeout")) {
        if (UsageError e = parseSeconds(QStringLiteral("timeout"), single("timeout"), &o.timeoutMsecs); e.isError())
            return e;
    }
    if (has("clock-tolerance")) {
        if (UsageError e = parseInteger(QStringLiteral("clock-tolerance"), single("clock-tolerance"), 0, 86400,
                                        &o.clockTolerance);
            e.isError())
            return e;
    }

    // --- client
    const QString clientId = single("client-id");
    if (has("client-id") && clientId.isEmpty())
        return usage(QStringLiteral("invalid_argument"), QStringLiteral("--client-id must not be empty"));
    if (o.command->needsClientId && clientId.isEmpty())
        return usage(QStringLiteral("missing_option"),
                     QStringLiteral("the command %1 needs --client-id").arg(QString(o.command->name)));
    bool hasSecret = has("client-secret");
    QString secret = single("client-secret");
    if (hasSecret && secret.isEmpty())
        return usage(QStringLiteral("invalid_argument"), QStringLiteral("--client-secret must not be empty"));
    // RFC 6749 appendix A.2: a client secret is VSCHARs; a line break left in a file is a mistake.
    if (hasSecret && hasControlCharacter(secret))
        return usage(QStringLiteral("invalid_argument"),
                     QStringLiteral("the client secret contains a control character (a line break?); its value is not shown"));
    // OAUTH4QT_CLIENT_SECRET when neither --client-secret nor --client-secret-file is given (an
    // empty variable counts as unset). An explicit --auth-method none ignores it: a secret
    // exported for one client must not break the commands of a public one.
    bool secretFromEnvironment = false;
    if (!hasSecret && input.environment
        && !(has("auth-method") && single("auth-method") == QLatin1String("none"))) {
        const QByteArray fromEnvironment = input.environment("OAUTH4QT_CLIENT_SECRET");
        if (!fromEnvironment.isEmpty()) {
            secret = QString::fromUtf8(fromEnvironment);
            hasSecret = true;
            secretFromEnvironment = true;
        }
    }

    ClientConfig::AuthMethod method = hasSecret ? ClientConfig::AuthMethod::ClientSecretBasic
                                                : ClientConfig::AuthMethod::None;
    if (has("auth-method")) {
        const QString name = single("auth-method");
        static const QStringList supported = {
            QStringLiteral("client_secret_basic"), QStringLiteral("client_secret_post"),
            QStringLiteral("client_secret_jwt"), QStringLiteral("private_key_jwt"), QStringLiteral("none"),
        };
        bool ok = false;
        if (supported.contains(name))
            method = ClientConfig::authMethodFromName(name, &ok);
        if (!ok)
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("--auth-method must be one of %1, not \"%2\"")
                             .arg(supported.join(QStringLiteral(", ")), name));
    }
    const bool secretMethod = method == ClientConfig::AuthMethod::ClientSecretBasic
        || method == ClientConfig::AuthMethod::ClientSecretPost
        || method == ClientConfig::AuthMethod::ClientSecretJwt;
    if (secretMethod && !hasSecret)
        return usage(QStringLiteral("missing_option"),
                     QStringLiteral("--auth-method %1 needs --client-secret, --client-secret-file or OAUTH4QT_CLIENT_SECRET")
                         .arg(ClientConfig::authMethodName(method)));
    if (method == ClientConfig::AuthMethod::None && hasSecret && !secretFromEnvironment)
        return usage(QStringLiteral("invalid_argument"),
                     QStringLiteral("a client secret is given but --auth-method is none"));

    JsonWebKey key;
    if (has("private-key")) {
        if (single("private-key") == QLatin1String("-"))
            return usage(QStringLiteral("invalid_argument"), QStringLiteral("--private-key needs a file name"));
        if (UsageError e = loadPrivateKey(single("private-key"), input, &key); e.isError())
            return e;
    } else if (method == ClientConfig::AuthMethod::PrivateKeyJwt) {
        return usage(QStringLiteral("missing_option"), QStringLiteral("--auth-method private_key_jwt needs --private-key"));
    }

    QString signingAlg;
    if (has("signing-alg")) {
        signingAlg = single("signing-alg");
        // The client_secret_jwt assertion is signed with the secret: an HMAC alg, also when a
        // --private-key (for --jar) is given.
        if (method == ClientConfig::AuthMethod::ClientSecretJwt) {
            if (!hmacAlgorithms().contains(signingAlg))
                return usage(errorCodeName(ErrorCode::UnsupportedAlgorithm),
                             QStringLiteral("--signing-alg for client_secret_jwt must be HS256, HS384 or HS512, not \"%1\"")
                                 .arg(signingAlg));
        } else if (!key.isNull()) {
            if (signingAlg == QLatin1String("none") || !key.supportsAlgorithm(signingAlg))
                return usage(errorCodeName(ErrorCode::UnsupportedAlgorithm),
                             QStringLiteral("--signing-alg %1 does not fit the %2 key of --private-key")
                                 .arg(signingAlg, key.keyTypeName()));
        } else {
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("--signing-alg needs --private-key or --auth-method client_secret_jwt"));
        }
    }

    ClientConfig config(clientId, secret);
    if (has("id-token-alg")) {
        const QString alg = single("id-token-alg");
        if (UsageError e = checkResponseAlgorithm(QStringLiteral("id-token-alg"), alg, hasSecret); e.isError())
            return e;
        config.setIdTokenSignedResponseAlg(alg);
    }
    config.setAuthMethod(method);
    if (!key.isNull())
        config.setPrivateKey(key);
    if (!signingAlg.isEmpty())
        config.setSigningAlgorithm(signingAlg);
    o.clientConfig = config;

    // --- request parameters
    if (has("scope"))
        o.scope = single("scope");
    o.resources = given.value(QStringLiteral("resource"));
    for (const QString &resource : std::as_const(o.resources)) {
        const QUrl url(resource, QUrl::StrictMode);
        // RFC 8707 2: an absolute URI without a fragment.
        if (!url.isValid() || url.isRelative() || url.hasFragment())
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("--resource must be an absolute URI without a fragment, not \"%1\"").arg(resource));
    }
    for (const QString &param : given.value(QStringLiteral("param"))) {
        const qsizetype eq = param.indexOf(QLatin1Char('='));
        if (eq <= 0)
            return usage(QStringLiteral("invalid_argument"),
                         eq == 0 ? QStringLiteral("--param needs NAME=VALUE with a non-empty NAME")
                                 : QStringLiteral("--param needs NAME=VALUE (a value without '=' is given; it is not shown)"));
        const QString name = param.left(eq);
        if (isReservedParameter(name))
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("--param cannot set %1: it is set from the client's configuration").arg(name));
        if (name == QLatin1String("scope") && has("scope"))
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("scope is given both by --scope and by --param"));
        o.params.append({ name, param.mid(eq + 1) });
    }

    // --- --profile fapi2 (the FAPI 2.0 Security Profile): tokens are bound with DPoP (the CLI
    // has no TLS client certificate: --profile implies --dpop); the library refuses what the profile forbids.
    if (has("profile")) {
        if (single("profile") != QLatin1String("fapi2"))
            return usage(QStringLiteral("invalid_argument"),
                         QStringLiteral("--profile accepts only fapi2, not \"%1\"").arg(single("profile")));
        o.profile = Client::Profile::Fapi2Security;
    }

    // --- DPoP
    // --dpop-key FILE: a PEM private key kept across runs (implies --dpop); the alg follows the
    // key (P-256 ES256, Ed25519 EdDSA, RSA PS256) unless --dpop-alg says otherwise.
    if (has("dpop-key")) {
        if (UsageError e = loadPrivateKey(single("dpop-key"), input, &o.dpopKey); e.isError())
            return e;
        const QString type = o.dpopKey.keyTypeName();
        o.dpopAlg = type == QLatin1String("RSA") ? QStringLiteral("PS256") : o.dpopKey.defaultAlgorithm();
        if (!dpopAlgorithms().contains(o.dpopAlg))
            return usage(errorCodeName(ErrorCode::UnsupportedAlgorithm),
                         QStringLiteral("--dpop-key: a %1 key cannot sign DPoP proofs").arg(type));
    }
    o.dpop = has("dpop") || has("dpop-key") || o.profile != Client::Profile::None;
    if (has("dpop-alg")) {
        if (!o.dpop)
            return usage(QStringLiteral("invalid_argument"), QStringLiteral("--dpop-alg needs --dpop, --dpop-key or --profile"));
        o.dpopAlg = single("dpop-alg");
        if (!dpopAlgorithms().contains(o.dpopAlg))
            return usage(errorCodeName(ErrorCode::UnsupportedAlgorithm),
                         QStringLiteral("--dpop-alg must be one of %1, not \"%2\"")
                             .arg(dpopAlgorithms().join(QStringLiteral(", ")), o.dpopAlg));
        if (!o.dpopKey.isNull() && !o.dpopKey.supportsAlgorithm(o.dpopAlg))
            return usage(errorCodeName(ErrorCode::UnsupportedAlgorithm),
                         QStringLiteral("--dpop-alg %1 does not fit the %2 key of --dpop-key")
                             .arg(o.dpopAlg, o.dpopKey.keyTypeName()));
    }

    // --- Encrypted responses (JWE): --decryption-key FILE (repeatable), --decryption-alg ALG,
    // --decryption-enc ENC. Keys alone: an encrypted response (ID Token, UserInfo, JARM) is
    // decrypted with an alg one of the keys can do, and an unencrypted one is accepted. With
    // --decryption-alg they become the registered alg/enc of every response that can be
    // encrypted (ID Token, UserInfo, JARM, JWT introspection): a JWE with another alg/enc, or one
    // of these responses unencrypted, is refused. --decryption-enc alone restricts the enc.
    if (has("decryption-key") || has("decryption-alg") || has("decryption-enc")) {
        static const QStringList algs = {
            QStringLiteral("RSA-OAEP"), QStringLiteral("RSA-OAEP-256"), QStringLiteral("ECDH-ES"),
            QStringLiteral("ECDH-ES+A128KW"), QStringLiteral("ECDH-ES+A192KW"), QStringLiteral("ECDH-ES+A256KW"),
            QStringLiteral("A128KW"), QStringLiteral("A192KW"), QStringLiteral("A256KW"), QStringLiteral("dir"),
        };
        static const QStringList encs = {
            QStringLiteral("A128GCM"), QStringLiteral("A192GCM"), QStringLiteral("A256GCM"),
            QStringLiteral("A128CBC-HS256"), QStringLiteral("A192CBC-HS384"), QStringLiteral("A256CBC-HS512"),
        };
        if (!has("decryption-alg") && !has("decryption-key"))
            return usage(QStringLiteral("missing_option"), QStringLiteral("--decryption-enc needs --decryption-key or --decryption-alg"));
        const QString alg = has("decryption-alg") ? single("decryption-alg") : QString();
        const QString enc = has("decryption-enc") ? single("decryption-enc")
                            : alg.isEmpty()       ? QString()
                                                  : QStringLiteral("A128CBC-HS256");
        if (!alg.isEmpty() && !algs.contains(alg))
            return usage(errorCodeName(ErrorCode::UnsupportedAlgorithm),
                         QStringLiteral("--decryption-alg must be one of %1, not \"%2\" (RSA1_5 is never accepted)")
                             .arg(algs.join(QStringLiteral(", ")), alg.left(32)));
        if (!enc.isEmpty() && !encs.contains(enc))
            return usage(errorCodeName(ErrorCode::UnsupportedAlgorithm),
                         QStringLiteral("--decryption-enc must be one of %1, not \"%2\"").arg(encs.join(QStringLiteral(", ")), enc.left(32)));
        QList<JsonWebKey> keys;
        for (const QString &file : given.value(QStringLiteral("decryption-key"))) {
            JsonWebKey k;
            if (UsageError e = loadPrivateKey(file, input, &k); e.isError())
                return e;
            const bool ecdhKey = k.keyType() == JsonWebKey::KeyType::EC || k.curve() == QLatin1String("X25519");
            const bool fits = alg.isEmpty()                          ? k.keyType() == JsonWebKey::KeyType::RSA || ecdhKey
                              : alg.startsWith(QLatin1String("RSA-OAEP")) ? k.keyType() == JsonWebKey::KeyType::RSA
                                                                          : alg.startsWith(QLatin1String("ECDH-ES")) && ecdhKey;
            if (!fits)
                return usage(errorCodeName(ErrorCode::InvalidKey),
                             alg.isEmpty() ? QStringLiteral("the %1 key in %2 cannot decrypt (RSA, EC or X25519 keys can)").arg(k.keyTypeName(), file)
                                           : QStringLiteral("the %1 key in %2 does not fit --decryption-alg %3").arg(k.keyTypeName(), file, alg));
            keys.append(k);
        }
        // A128KW/A192KW/A256KW and dir use the key derived from the client secret.
        const bool secretKey = !alg.isEmpty() && !alg.startsWith(QLatin1String("RSA-OAEP")) && !alg.startsWith(QLatin1String("ECDH-ES"));
        if (!alg.isEmpty() && (secretKey ? o.clientConfig.clientSecret().isEmpty() : keys.isEmpty()))
            return usage(QStringLiteral("missing_option"),
                         secretKey ? QStringLiteral("--decryption-alg %1 needs the client secret").arg(alg)
                                   : QStringLiteral("--decryption-alg %1 needs --decryption-key").arg(alg));
        ClientConfig &c = o.clientConfig;
        c.setDecryptionKeys(keys);
        c.setIdTokenEncryptedResponseAlg(alg);
        c.setIdTokenEncryptedResponseEnc(enc);
        c.setUserinfoEncryptedResponseAlg(alg);
        c.setUserinfoEncryptedResponseEnc(enc);
        c.setAuthorizationEncryptedResponseAlg(alg);
        c.setAuthorizationEncryptedResponseEnc(enc);
        c.setIntrospectionEncryptedResponseAlg(alg);
        c.setIntrospectionEncryptedResponseEnc(enc);
    }

    *out = o;
    return {};
}

QString helpText(const QList<CommandSpec> &commands)
{
    QString text = QStringLiteral(
        "Usage: oauth4qt-cli COMMAND --issuer URL [options]\n"
        "\n"
        "An OAuth 2.0 / OpenID Connect client. Prints one JSON object on stdout; exit status\n"
        "0 success, 2 usage, 3 transport, 4 server error, 5 invalid response.\n"
        "\n"
        "Commands:\n");
    for (const CommandSpec &command : commands) {
        QString line = QStringLiteral("  ") + command.name;
        for (const OptionSpec &option : command.options) {
            const bool required = command.required.contains(option.name);
            line += QLatin1Char(' ') + (required ? QString() : QStringLiteral("[")) + QStringLiteral("--") + option.name
                + (option.takesValue ? QStringLiteral(" V") : QString())
                + (isSecretOption(option.name) ? QStringLiteral("|--%1-file F").arg(option.name) : QString())
                + (required ? QString() : QStringLiteral("]"));
        }
        text += line + QLatin1Char('\n') + QStringLiteral("      ") + QString::fromUtf8(command.summary)
            + (command.run ? QString() : QStringLiteral(" (not implemented yet)")) + QLatin1Char('\n');
    }
    text += QStringLiteral(
        "\n"
        "Options (before or after the command):\n"
        "  --issuer URL              the authorization server (required); discovery runs first\n"
        "  --discovery oidc|oauth2   the well-known document to read (default oidc)\n"
        "  --client-id ID            the client identifier\n"
        "  --client-secret SECRET    the client secret (visible to other local users: prefer\n"
        "  --client-secret-file FILE   this, FILE - is standard input, or OAUTH4QT_CLIENT_SECRET)\n"
        "  --auth-method M           client_secret_basic (default with a secret), client_secret_post,\n"
        "                            client_secret_jwt, private_key_jwt, none (default without a secret)\n"
        "  --private-key FILE        PEM private key for private_key_jwt\n"
        "  --signing-alg ALG         JWS alg for the client assertion (default from the key)\n"
        "  --id-token-alg ALG        the client's registered id_token_signed_response_alg (default: any the\n"
        "                            server advertises that the library verifies, else RS256)\n"
        "  --scope \"a b\"             requested scope\n"
        "  --resource URI            resource indicator (RFC 8707); repeatable\n"
        "  --param NAME=VALUE        extra request parameter; repeatable\n"
        "  --dpop [--dpop-alg ALG]   DPoP-bound tokens (RFC 9449), with a fresh key\n"
        "  --dpop-key FILE           DPoP with this PEM private key (P-256, Ed25519, RSA); implies --dpop\n"
        "  --decryption-key FILE     PEM private key (RSA, EC, X25519) for encrypted responses (JWE);\n"
        "                            repeatable; alone: encrypted responses are decrypted with an alg the\n"
        "                            key can do, unencrypted ones accepted\n"
        "  --decryption-alg ALG      the registered JWE alg (RSA-OAEP, RSA-OAEP-256, ECDH-ES[+A*KW], A*KW, dir):\n"
        "                            ID Token, UserInfo, JARM and JWT introspection responses must be\n"
        "                            encrypted with it; A*KW and dir use a key derived from the client secret\n"
        "  --decryption-enc ENC      the registered JWE enc (default A128CBC-HS256 with --decryption-alg,\n"
        "                            any of the six without)\n"
        "  --profile fapi2           follow the FAPI 2.0 Security Profile (PAR, DPoP, private_key_jwt,\n"
        "                            PS256/ES256/EdDSA); a setting it forbids is a usage error\n"
        "  --allow-insecure-http     permit http:// URLs (loopback testing only)\n"
        "  --timeout SECONDS         deadline per HTTP request (default 30)\n"
        "  --clock-tolerance SECONDS allowed clock skew for JWTs (default 30)\n"
        "  --help, --version\n"
        "\n"
        "Every secret option (--client-secret, --refresh-token, --access-token, --token) has a\n"
        "file twin (--token-file FILE; - is standard input); one trailing newline is dropped.\n");
    return text;
}

} // namespace Cli
