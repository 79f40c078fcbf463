// SPDX-License-Identifier: BSD-3-Clause
// oauth4qt-cli: command-line parsing (see /docs/cli-contract.md, a contract: extend, never break).
#pragma once

#include <oauth4qt/client.h>
#include <oauth4qt/clientconfig.h>
#include <oauth4qt/jsonwebkey.h>

#include "secrets.h"

#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <QtCore/QUrl>

namespace Cli {

//! A usage error: detected before any request, exit status 2.
struct UsageError
{
    QString code;    //!< stable snake_case code ("unknown_option", "missing_option", ...)
    QString message; //!< never contains a secret
    bool isError() const { return !code.isEmpty(); }
};

struct OptionSpec
{
    QLatin1String name;   //!< without the leading "--"
    bool takesValue = true;
    bool repeatable = false;
};

class Session;
using CommandFunction = void (*)(Session &session);

struct CommandSpec
{
    QLatin1String name;
    const char *summary;
    QList<OptionSpec> options;       //!< options only this command accepts
    QList<QLatin1String> required;   //!< of those, the ones it needs
    bool needsClientId = true;
    CommandFunction run = nullptr;   //!< nullptr: not implemented yet (usage error not_implemented)
};

//! What the command line asked for, validated.
struct Options
{
    bool help = false;
    bool version = false;
    const CommandSpec *command = nullptr;

    QUrl issuer;
    OAuth4Qt::Client::DiscoveryMode discoveryMode = OAuth4Qt::Client::DiscoveryMode::OpenIdConnect;
    OAuth4Qt::ClientConfig clientConfig;
    QString scope;
    QStringList resources;
    OAuth4Qt::Parameters params; //!< --param NAME=VALUE, in order
    bool dpop = false;
    QString dpopAlg = QStringLiteral("ES256");
    OAuth4Qt::JsonWebKey dpopKey; //!< --dpop-key (null: a fresh key per run)
    bool allowInsecureHttp = false;
    OAuth4Qt::Client::Profile profile = OAuth4Qt::Client::Profile::None; //!< --profile
    int timeoutMsecs = 30000;
    int clockTolerance = 30;

    QHash<QString, QString> commandValues; //!< command-specific options with a value
    QSet<QString> commandFlags;            //!< command-specific options without a value

    QString value(const QString &option) const { return commandValues.value(option); }
    bool flag(const QString &option) const { return commandFlags.contains(option); }

    //! The extra parameters of a token request: resource (repeated) then --param, in order.
    OAuth4Qt::Parameters extraParameters() const;
};

//! Parses and validates \a arguments (argv[1..]). Returns a UsageError when they are not usable;
//! reads the --private-key file and the secret files (--client-secret-file, --token-file, ...;
//! "-" is standard input) and OAUTH4QT_CLIENT_SECRET through \a input. Never prints anything,
//! never exits; a UsageError names options, never a secret.
UsageError parseArguments(const QStringList &arguments, const QList<CommandSpec> &commands,
                          Options *options, const InputSource &input = InputSource::system());

//! --id-token-alg / --jarm-alg: a JWS algorithm the library verifies, never none; HS* only with a
//! client secret.
UsageError checkResponseAlgorithm(const QString &option, const QString &alg, bool hasClientSecret);

//! The --help text.
QString helpText(const QList<CommandSpec> &commands);

} // namespace Cli
