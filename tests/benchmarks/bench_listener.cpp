// SPDX-License-Identifier: BSD-3-Clause
// Latency of the loopback redirect listener: from the moment a client starts sending the callback
// request to the moment LoopbackListener emits callbackReceived. N repetitions, each with a
// fresh listener, (a) idle and (b) with 16 silent sockets held open and a stream of garbage
// connections (connect, send junk, close) against the same listener. The load comes from its own
// thread with its own event loop (as a browser or another program on the machine would: it does
// not run on the listener's event loop); (c) generates the same load on the listener's thread,
// which measures the load generator as much as the listener. Prints a table; no assertions on time.
//   bench_listener [--count N | N] [--no-same-thread] [--info FILE (ignored)]
#include <oauth4qt/loopbacklistener.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QRandomGenerator>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpSocket>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

using namespace OAuth4Qt;

namespace {

struct Load
{
    std::vector<std::unique_ptr<QTcpSocket>> silent;
    std::vector<std::unique_ptr<QTcpSocket>> garbage;
    QTimer timer;
    quint16 port = 0;

    void start(quint16 p)
    {
        port = p;
        for (int i = 0; i < 16; ++i) {
            silent.push_back(std::make_unique<QTcpSocket>());
            silent.back()->connectToHost(QHostAddress::LocalHost, port);
        }
        timer.setInterval(1);
        QObject::connect(&timer, &QTimer::timeout, [this] {
            auto socket = std::make_unique<QTcpSocket>();
            QTcpSocket *s = socket.get();
            QObject::connect(s, &QTcpSocket::connected, s, [s] {
                QByteArray junk(256, Qt::Uninitialized);
                QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(junk.data()), junk.size() / 4);
                s->write(junk);
                s->disconnectFromHost();
            });
            s->connectToHost(QHostAddress::LocalHost, port);
            garbage.push_back(std::move(socket));
            if (garbage.size() > 64)
                garbage.erase(garbage.begin()); // closes the oldest
        });
        timer.start();
    }
};

// The same load on a thread of its own, with its own event loop.
class LoadThread : public QThread
{
public:
    explicit LoadThread(quint16 port) : m_port(port) {}

protected:
    void run() override
    {
        Load load;
        load.start(m_port);
        exec();
        load.timer.stop();
    } // the sockets close here, in their thread

private:
    quint16 m_port;
};

enum class Scenario { Idle, LoadThread, LoadSameThread };

// Returns microseconds, or -1 on failure.
double measureOnce(Scenario scenario)
{
    // Whatever the previous measurement left (deferred deletes, closing sockets) is done with
    // before this one starts, so that it is not charged to the next scenario.
    // (Without sleeping: an idle pause lets the CPU drop into a sleep state whose wake-up would
    // be charged to the idle scenario.)
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    LoopbackListener listener;
    listener.setExpectedState(QStringLiteral("bench-state"));
    listener.setTimeout(10000);
    if (!listener.start())
        return -1;
    const quint16 port = quint16(listener.redirectUri().port());

    Load load;
    std::unique_ptr<LoadThread> loadThread;
    if (scenario == Scenario::LoadSameThread)
        load.start(port);
    if (scenario == Scenario::LoadThread) {
        loadThread = std::make_unique<LoadThread>(port);
        loadThread->start();
    }
    if (scenario != Scenario::Idle) {
        QEventLoop settle; // let the silent sockets connect and garbage start flowing
        QTimer::singleShot(20, &settle, &QEventLoop::quit);
        settle.exec();
    }

    QTcpSocket client;
    QEventLoop loop;
    QElapsedTimer clock;
    double micros = -1;
    QObject::connect(&listener, &RedirectHandler::callbackReceived, &loop, [&] {
        micros = clock.nsecsElapsed() / 1000.0;
        loop.quit();
    });
    QObject::connect(&listener, &RedirectHandler::timedOut, &loop, &QEventLoop::quit);
    QObject::connect(&client, &QTcpSocket::connected, &loop, [&] {
        const QByteArray request = "GET /callback?code=bench&state=bench-state HTTP/1.1\r\nHost: 127.0.0.1:"
            + QByteArray::number(port) + "\r\nUser-Agent: bench\r\n\r\n";
        clock.start();
        client.write(request);
    });
    client.connectToHost(QHostAddress::LocalHost, port);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    load.timer.stop();
    if (loadThread) {
        loadThread->quit();
        loadThread->wait();
    }
    return micros;
}

struct Stats
{
    double median = 0;
    double p95 = 0;
    int failures = 0;
};

Stats summarize(std::vector<double> samples, int failures)
{
    Stats stats;
    stats.failures = failures;
    if (samples.empty())
        return stats;
    std::sort(samples.begin(), samples.end());
    stats.median = samples[samples.size() / 2];
    stats.p95 = samples[std::min(samples.size() - 1, size_t(samples.size() * 0.95))];
    return stats;
}

// n measurements of each scenario, interleaved (idle, loaded, ...) so that load from elsewhere on
// the machine hits all scenarios alike.
std::vector<Stats> run(const std::vector<Scenario> &scenarios, int n)
{
    std::vector<std::vector<double>> samples(scenarios.size());
    std::vector<int> failures(scenarios.size(), 0);
    for (int i = 0; i < n; ++i) {
        for (size_t s = 0; s < scenarios.size(); ++s) {
            const double us = measureOnce(scenarios[s]);
            if (us < 0)
                ++failures[s];
            else
                samples[s].push_back(us);
        }
    }
    std::vector<Stats> stats;
    for (size_t s = 0; s < scenarios.size(); ++s)
        stats.push_back(summarize(samples[s], failures[s]));
    return stats;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int n = 200;
    bool sameThread = true;
    // --count N (or a bare N); --info FILE is what run-benchmarks.sh passes every program: ignored,
    // like any other unknown option (with a note).
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        bool ok = false;
        const int value = a.toInt(&ok);
        if (ok) {
            n = std::max(1, value);
        } else if (a == QLatin1String("--count") && i + 1 < args.size()) {
            n = std::max(1, args.at(++i).toInt());
        } else if (a == QLatin1String("--no-same-thread")) {
            sameThread = false;
        } else if (a == QLatin1String("--info") && i + 1 < args.size()) {
            ++i; // the peer's info file: this benchmark needs no peer
        } else {
            std::fprintf(stderr, "bench_listener: ignoring unknown argument %s\n", qPrintable(a));
        }
    }
    std::vector<Scenario> scenarios{ Scenario::Idle, Scenario::LoadThread };
    if (sameThread)
        scenarios.push_back(Scenario::LoadSameThread);
    const std::vector<Stats> stats = run(scenarios, n);
    const Stats idle = stats[0];
    const Stats loaded = stats[1];
    const Stats same = sameThread ? stats[2] : Stats{};
    std::printf("bench_listener: callback request -> callbackReceived, N=%d per scenario (interleaved), fresh listener each\n", n);
    std::printf("%-46s %12s %12s %9s\n", "scenario", "median us", "p95 us", "failures");
    std::printf("%-46s %12.1f %12.1f %9d\n", "(a) idle", idle.median, idle.p95, idle.failures);
    std::printf("%-46s %12.1f %12.1f %9d\n", "(b) 16 silent + garbage stream (own thread)", loaded.median,
                loaded.p95, loaded.failures);
    std::printf("%-46s %12.2f %12.2f\n", "ratio b/a", idle.median > 0 ? loaded.median / idle.median : 0.0,
                idle.p95 > 0 ? loaded.p95 / idle.p95 : 0.0);
    if (sameThread) {
        std::printf("%-46s %12.1f %12.1f %9d\n", "(c) same load, generated on the listener thread",
                    same.median, same.p95, same.failures);
        std::printf("%-46s %12.2f %12.2f\n", "ratio c/a", idle.median > 0 ? same.median / idle.median : 0.0,
                    idle.p95 > 0 ? same.p95 / idle.p95 : 0.0);
    }
    return 0;
}
