// SPDX-License-Identifier: BSD-3-Clause
#pragma once

#include <QtCore/QByteArray>
#include <QtCore/QObject>

#include <functional>

namespace Cli {

/*!
    Keeps the process from ending by a signal (the CLI contract): SIGPIPE is ignored, and every
    signal whose default action ends the process (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, ...)
    becomes a call of the handler in the event loop (self-pipe). A second signal while the
    event loop does not answer writes \a emergencyOutput (a JSON error) unless output has
    begun, and exits with \a emergencyExitCode. Faults the process raises itself (a real
    SIGSEGV, abort()) keep their default action: bugs must stay visible.
*/
class SignalGuard : public QObject
{
public:
    using Handler = std::function<void(int signalNumber)>;

    SignalGuard(const QByteArray &emergencyOutput, int emergencyExitCode, Handler handler,
                QObject *parent = nullptr);
    ~SignalGuard() override;

    //! Call right before writing the final output: from then on signals are ignored.
    static void beginOutput();
    static QString signalName(int signalNumber);

private:
    Handler m_handler;
};

} // namespace Cli
