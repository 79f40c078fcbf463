// SPDX-License-Identifier: BSD-3-Clause
// libFuzzer target: the command-line parser of oauth4qt-cli (examples/cli/options.cpp and the
// command checks of main.cpp): everything it validates before any request. Input: the arguments,
// separated by NUL bytes. Files, standard input and the environment are simulated (nothing is
// read from disk), and no usage message may repeat a secret given in the arguments or a file.
#include "options.h"

#include <QtCore/QList>
#include <QtCore/QStringList>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace Cli {
// Defined in examples/cli/main.cpp (built here without its main()).
const QList<CommandSpec> &commands();
UsageError checkCommandOptions(const Options &o);
} // namespace Cli

namespace {

// Throw-away keys for this fuzz target only: they exercise --private-key, nothing trusts them.
const char p256Pem[] = "-----BEGIN PRIVATE KEY-----\n"
                       "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg2yDD/dF6oOMipjbh\n"
                       "mG4vALW/1lsO6cIGh6G6jEYbMS2hRANCAARmEc2HIMlFvWxxYevbOMdzkJ+ag06e\n"
                       "2eGdeK6nuuUgtWIFt1FTVB/JH+NZ2LxM8hlezbAvvwEciXoUcBUz/0cr\n"
                       "-----END PRIVATE KEY-----\n";
const char ed25519Pem[] = "-----BEGIN PRIVATE KEY-----\n"
                          "MC4CAQAwBQYDK2VwBCIEIBIlSKXhPYKcsOUcM3xKooO8g2+NkoKmmZ2fMMxS7XDH\n"
                          "-----END PRIVATE KEY-----\n";

// The simulated files: "ec.pem" and "ed.pem" are keys, "missing*" cannot be read, "-" is
// standard input holding "Stdin-Secret-7\r\n", and any other file holds "File-Secret:<name>\n".
const QByteArray stdinContent = QByteArrayLiteral("Stdin-Secret-7\r\n");
QByteArray fileContent(const QString &path)
{
    if (path == QLatin1String("-"))
        return stdinContent;
    if (path == QLatin1String("ec.pem"))
        return QByteArray(p256Pem);
    if (path == QLatin1String("ed.pem"))
        return QByteArray(ed25519Pem);
    return QByteArrayLiteral("File-Secret:") + path.toUtf8() + '\n';
}

Cli::InputSource fakeInput(bool secretInEnvironment)
{
    Cli::InputSource input;
    input.readFile = [](const QString &path, qint64 maxBytes, QByteArray *data, QString *errorText) {
        if (path.startsWith(QLatin1String("missing"))) {
            *errorText = QStringLiteral("No such file or directory");
            return false;
        }
        *data = fileContent(path).left(maxBytes + 1);
        return true;
    };
    input.environment = [secretInEnvironment](const char *name) {
        if (secretInEnvironment && qstrcmp(name, "OAUTH4QT_CLIENT_SECRET") == 0)
            return QByteArrayLiteral("Env-Secret-9");
        return QByteArray();
    };
    return input;
}

bool isSecretName(const QString &name)
{
    return name == QLatin1String("client-secret") || name == QLatin1String("refresh-token")
        || name == QLatin1String("access-token") || name == QLatin1String("token");
}

} // namespace

// Options that read files through the simulated InputSource never touch the disk; should one
// read a file directly, standard input is empty and device or proc files are never named.
extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    if (!std::freopen("/dev/null", "r", stdin))
        std::abort();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 4096)
        return 0;
    const bool secretInEnvironment = data[0] & 1;
    const QByteArray input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    QStringList arguments;
    for (const QByteArray &part : input.split('\0'))
        arguments.append(QString::fromUtf8(part));
    if (arguments.size() > 64)
        return 0;
    for (const QString &arg : std::as_const(arguments)) {
        if (arg.contains(QLatin1String("/dev")) || arg.contains(QLatin1String("/proc"))
            || arg.contains(QLatin1String("/sys")))
            return 0;
    }

    // The secrets this command line gives: values of secret options (also "--name=value"), the
    // VALUE of --param NAME=VALUE, and what a file or standard input holds.
    QStringList secrets = { QStringLiteral("Stdin-Secret-7"), QStringLiteral("Env-Secret-9") };
    QStringList others; // every argument that is not a secret (it may legitimately be repeated)
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        QString name = arg.startsWith(QLatin1String("--")) ? arg.mid(2) : QString();
        QString value;
        bool hasValue = false;
        if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq >= 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
            hasValue = true;
        } else if (!name.isEmpty() && i + 1 < arguments.size()) {
            value = arguments.at(i + 1);
            hasValue = isSecretName(name) || name == QLatin1String("param") || name.endsWith(QLatin1String("-file"));
            if (hasValue)
                ++i;
        }
        others.append(QStringLiteral("--") + name);
        if (!hasValue) {
            if (name.isEmpty())
                others.append(arg);
            continue;
        }
        if (isSecretName(name)) {
            secrets.append(value);
        } else if (name == QLatin1String("param")) {
            const qsizetype eq = value.indexOf(QLatin1Char('='));
            if (eq > 0) {
                others.append(value.left(eq));
                secrets.append(value.mid(eq + 1));
            } else {
                secrets.append(value);
            }
        } else if (name.endsWith(QLatin1String("-file"))) {
            others.append(value); // a file name may be named
            if (!value.startsWith(QLatin1String("missing")) && value != QLatin1String("ec.pem")
                && value != QLatin1String("ed.pem"))
                secrets.append(QString::fromUtf8(fileContent(value)).trimmed());
        } else {
            others.append(value);
        }
    }

    Cli::Options options;
    Cli::UsageError usage = Cli::parseArguments(arguments, Cli::commands(), &options, fakeInput(secretInEnvironment));
    if (!usage.isError() && !options.help && !options.version)
        usage = Cli::checkCommandOptions(options);
    if (!usage.isError())
        return 0;
    if (usage.code.isEmpty() || usage.message.isEmpty())
        __builtin_trap();

    // No secret in the message. Short or common strings cannot be told apart from the message's
    // own words, and a string also given as a non-secret argument may be repeated as that.
    // The messages' own vocabulary: the help text, and the command list as the unknown-command
    // message joins it ("... refresh, grant, ..." holds the "secret" "efresh,").
    static const QString help = []() -> QString {
        QStringList names;
        for (const Cli::CommandSpec &command : Cli::commands())
            names.append(QString(command.name));
        return Cli::helpText(Cli::commands()) + QLatin1Char('\n') + names.join(QLatin1String(", "));
    }();
    for (const QString &secret : std::as_const(secrets)) {
        if (secret.size() < 6 || !usage.message.contains(secret) || help.contains(secret))
            continue;
        bool alsoGivenOtherwise = false;
        for (const QString &other : std::as_const(others)) {
            if (other.contains(secret))
                alsoGivenOtherwise = true;
        }
        if (!alsoGivenOtherwise)
            __builtin_trap();
    }
    return 0;
}
