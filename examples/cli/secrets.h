// SPDX-License-Identifier: BSD-3-Clause
// oauth4qt-cli: reading secrets (client secret, tokens) from files, standard input and the
// environment instead of the command line, which any local user can read (/proc/PID/cmdline).
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QString>

#include <functional>

namespace Cli {

/*!
    Where the CLI reads files, standard input and environment variables from. The default reads
    the real ones; tests and the fuzz target replace it, so that parsing never blocks on a
    terminal or reads a device.
*/
struct InputSource
{
    //! Reads at most \a maxBytes + 1 bytes of \a path ("-": standard input). False and
    //! \a errorText set (never the content) when it cannot be read.
    std::function<bool(const QString &path, qint64 maxBytes, QByteArray *data, QString *errorText)> readFile;
    //! The value of the environment variable \a name; a null QByteArray when it is not set.
    std::function<QByteArray(const char *name)> environment;

    //! The process's own files, standard input and environment.
    static InputSource system();
};

//! The largest secret file (or standard input) the CLI reads: a token or a secret, not a disk.
constexpr qint64 maxSecretFileBytes = 1024 * 1024;

//! \a data without one trailing newline ("\n" or "\r\n").
QByteArray stripOneTrailingNewline(QByteArray data);

//! The options whose value is a secret; each has a file twin "<name>-file".
bool isSecretOption(const QString &name);
//! The value options whose value may be repeated in a message (not a secret, not --param).
bool mayEchoValue(const QString &name);

} // namespace Cli
