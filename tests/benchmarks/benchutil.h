// SPDX-License-Identifier: BSD-3-Clause
// What the benchmark programs share: process CPU time, a CPU-time-bounded measuring loop, and
// running a Node peer benchmark (tests/benchmarks/node) that prints one JSON line.
#pragma once

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <ctime>

namespace OAuth4QtBench {

//! CPU time of this process (user + system, every thread), in seconds.
inline double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

//! Operations and the CPU time they took, summed over measuring rounds.
struct Tally
{
    qint64 ops = 0;
    double cpu = 0;
    double opsPerSecond() const { return cpu > 0 ? double(ops) / cpu : 0; }
};

//! Runs \a op (returning false on failure, counted in \a failures) in batches of \a batch for
//! about \a seconds of CPU time; adds the operations and their CPU time to \a tally.
template <typename F>
void measure(double seconds, F &&op, Tally *tally, qint64 *failures, int batch = 8)
{
    const double start = cpuSeconds();
    double now = start;
    qint64 count = 0;
    while (now - start < seconds) {
        for (int i = 0; i < batch; ++i) {
            if (!op())
                ++*failures;
        }
        count += batch;
        now = cpuSeconds();
    }
    tally->ops += count;
    tally->cpu += now - start;
}

/*!
    Runs the Node peer benchmark \a script (sh NODE_DIR/run.sh SCRIPT ARGS...) to its end and
    returns the JSON object of its last output line ("ops", "wall_s", "cpu_user_s",
    "cpu_sys_s"). On failure: an empty object and \a why. The first run may install the peers'
    node_modules (npm ci), so it may take minutes.
*/
inline QJsonObject runNodePeer(const QString &nodeDir, const QString &script, const QStringList &arguments, QString *why)
{
    QProcess node;
    node.setProcessChannelMode(QProcess::SeparateChannels);
    node.start(QStringLiteral("sh"), QStringList{ nodeDir + QStringLiteral("/run.sh"), script } + arguments);
    if (!node.waitForStarted(10000) || !node.waitForFinished(600000)) {
        node.kill();
        node.waitForFinished(5000);
        *why = script + QStringLiteral(" did not run or finish");
        return {};
    }
    const QList<QByteArray> lines = node.readAllStandardOutput().trimmed().split('\n');
    const QJsonObject result = QJsonDocument::fromJson(lines.constLast()).object();
    if (node.exitCode() != 0 || !result.value(QLatin1String("ops")).isDouble()) {
        *why = QStringLiteral("%1 failed: %2").arg(script, QString::fromLocal8Bit(node.readAllStandardError().trimmed().right(300)));
        return {};
    }
    return result;
}

//! Operations per CPU second (user + system) of a runNodePeer() result; -1 without one.
inline double opsPerCpuSecond(const QJsonObject &result)
{
    const double cpu = result.value(QLatin1String("cpu_user_s")).toDouble() + result.value(QLatin1String("cpu_sys_s")).toDouble();
    return cpu > 0 ? result.value(QLatin1String("ops")).toDouble() / cpu : -1;
}

} // namespace OAuth4QtBench
