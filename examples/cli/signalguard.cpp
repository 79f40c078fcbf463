// SPDX-License-Identifier: BSD-3-Clause
#include "signalguard.h"

#include <QtCore/QSocketNotifier>
#include <QtCore/QString>

#include <atomic>
#include <csignal>
#include <cstring>

#ifdef Q_OS_UNIX
#  include <fcntl.h>
#  include <unistd.h>
#endif

namespace Cli {

namespace {

std::atomic<bool> g_outputStarted{ false };
std::atomic<int> g_pendingSignals{ 0 };
int g_pipe[2] = { -1, -1 };
// Pre-rendered for the handler: no allocation is allowed there.
char g_emergency[1024];
size_t g_emergencySize = 0;
int g_emergencyExit = 3;

#ifdef Q_OS_UNIX
void writeAll(int fd, const char *data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return;
        }
        data += n;
        size -= size_t(n);
    }
}

bool isSynchronousFault(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP
        || sig == SIGABRT || sig == SIGSYS;
}

void onSignal(int sig, siginfo_t *info, void *)
{
    const int savedErrno = errno;
    // A fault of our own (or abort()): keep the default action so the bug is visible.
    const bool sentByOther = info && info->si_code <= 0 && info->si_pid != ::getpid();
    if (isSynchronousFault(sig) && !sentByOther) {
        ::signal(sig, SIG_DFL);
        if (sig == SIGABRT || (info && info->si_code <= 0))
            ::raise(sig);
        errno = savedErrno;
        return; // a real fault re-executes the faulting instruction under the default action
    }
    if (g_outputStarted.load()) {
        errno = savedErrno;
        return; // the result is being written; the process exits right after
    }
    if (g_pendingSignals.fetch_add(1) == 0) {
        const unsigned char byte = static_cast<unsigned char>(sig);
        const ssize_t n = ::write(g_pipe[1], &byte, 1);
        Q_UNUSED(n);
        errno = savedErrno;
        return;
    }
    // The event loop did not answer the first signal: give up now, still with a JSON error.
    if (!g_outputStarted.exchange(true))
        writeAll(STDOUT_FILENO, g_emergency, g_emergencySize);
    ::_exit(g_emergencyExit);
}
#endif

} // namespace

SignalGuard::SignalGuard(const QByteArray &emergencyOutput, int emergencyExitCode, Handler handler, QObject *parent)
    : QObject(parent), m_handler(std::move(handler))
{
    g_emergencySize = size_t(qMin<qsizetype>(emergencyOutput.size(), qsizetype(sizeof g_emergency)));
    std::memcpy(g_emergency, emergencyOutput.constData(), g_emergencySize);
    g_emergencyExit = emergencyExitCode;
#ifdef Q_OS_UNIX
    if (::pipe(g_pipe) != 0)
        return;
    for (int fd : g_pipe) {
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    auto *notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, this);
    QObject::connect(notifier, &QSocketNotifier::activated, this, [this] {
        unsigned char byte = 0;
        int sig = 0;
        while (::read(g_pipe[0], &byte, 1) == 1)
            sig = byte;
        if (sig && m_handler)
            m_handler(sig);
    });

    struct sigaction ignore;
    std::memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, nullptr);

    struct sigaction action;
    std::memset(&action, 0, sizeof action);
    action.sa_sigaction = onSignal;
    action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int sig = 1; sig < NSIG; ++sig) {
        switch (sig) {
        // Cannot be caught, or their default action does not end the process (stop,
        // continue, ignore), or Qt needs them (SIGCHLD for QProcess).
        case SIGKILL: case SIGSTOP: case SIGCONT: case SIGTSTP: case SIGTTIN: case SIGTTOU:
        case SIGCHLD: case SIGWINCH: case SIGURG: case SIGPIPE:
            continue;
        default:
            break;
        }
        ::sigaction(sig, &action, nullptr); // fails harmlessly for the C library's reserved ones
    }
#endif
}

SignalGuard::~SignalGuard() = default;

void SignalGuard::beginOutput() { g_outputStarted.store(true); }

QString SignalGuard::signalName(int sig)
{
#ifdef Q_OS_UNIX
    switch (sig) {
    case SIGINT: return QStringLiteral("SIGINT");
    case SIGTERM: return QStringLiteral("SIGTERM");
    case SIGHUP: return QStringLiteral("SIGHUP");
    case SIGQUIT: return QStringLiteral("SIGQUIT");
    case SIGUSR1: return QStringLiteral("SIGUSR1");
    case SIGUSR2: return QStringLiteral("SIGUSR2");
    case SIGALRM: return QStringLiteral("SIGALRM");
    case SIGSEGV: return QStringLiteral("SIGSEGV");
    case SIGBUS: return QStringLiteral("SIGBUS");
    case SIGFPE: return QStringLiteral("SIGFPE");
    case SIGILL: return QStringLiteral("SIGILL");
    case SIGABRT: return QStringLiteral("SIGABRT");
    case SIGTRAP: return QStringLiteral("SIGTRAP");
    case SIGSYS: return QStringLiteral("SIGSYS");
    case SIGXCPU: return QStringLiteral("SIGXCPU");
    case SIGXFSZ: return QStringLiteral("SIGXFSZ");
    case SIGVTALRM: return QStringLiteral("SIGVTALRM");
    case SIGPROF: return QStringLiteral("SIGPROF");
    default: break;
    }
#endif
    return QStringLiteral("signal %1").arg(sig);
}

} // namespace Cli
