// SPDX-License-Identifier: BSD-3-Clause
// Ends a browser started in its own process group: SIGTERM, then SIGKILL to the whole group
// (helpers that outlived the main process too), and reaps the orphans this process inherits as
// child subreaper. Returns whether the group is gone.
#pragma once

#include <QtCore/QDeadlineTimer>
#include <QtCore/QProcess>
#include <QtCore/QThread>

#include <cerrno>
#include <csignal>
#include <sys/types.h>
#include <sys/wait.h>

namespace OAuth4Qt::Test {

inline bool killProcessGroup(pid_t group, QProcess *process)
{
    ::kill(-group, SIGTERM);
    if (!process->waitForFinished(3000)) {
        ::kill(-group, SIGKILL);
        process->waitForFinished(3000);
    }
    ::kill(-group, SIGKILL); // helpers that outlived the main process
    QDeadlineTimer deadline(10000);
    // Orphaned helpers are reparented to this process (child subreaper): reap them.
    while (!deadline.hasExpired()) {
        while (::waitpid(-group, nullptr, WNOHANG) > 0) {
        }
        if (::kill(-group, 0) == -1 && errno == ESRCH)
            break;
        QThread::msleep(50);
    }
    return ::kill(-group, 0) == -1 && errno == ESRCH;
}

} // namespace OAuth4Qt::Test
