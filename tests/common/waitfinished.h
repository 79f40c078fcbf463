// SPDX-License-Identifier: BSD-3-Clause
// Test support: waiting (bounded) for an oauth4qt reply while the event loop runs.
#pragma once

#include <QtCore/QElapsedTimer>
#include <QtTest/QTest>

namespace OAuth4Qt::Test {

//! Runs the event loop until \a reply is finished or \a timeoutMs passed; true when finished.
//! A bound, never a timing assertion.
template <typename R>
bool waitFinished(R *reply, int timeoutMs = 30000)
{
    QElapsedTimer t;
    t.start();
    while (!reply->isFinished() && t.elapsed() < timeoutMs)
        QTest::qWait(10);
    return reply->isFinished();
}

} // namespace OAuth4Qt::Test
