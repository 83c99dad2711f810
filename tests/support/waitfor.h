#pragma once

// Waiting for a state without sleeping between looks.

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEvent>
#include <QEventLoop>
#include <QTest>
#include <QTimer>

namespace signup::test {

// Runs the event loop until `predicate` holds or `timeoutMs` pass. Like QTest::qWaitFor, but it
// blocks in the event loop instead of sleeping 10 ms between looks, so every step of a request
// (an HTTPS answer takes several) is handled as soon as it arrives. A short timer also wakes it for
// states that change on another thread (the sandbox's) without an event on this one. A state
// read by starting a program (secret-tool) is better polled less often: QTRY_*.
template <typename Predicate> bool waitFor(Predicate predicate, int timeoutMs = 5000) {
    if (predicate())
        return true;
    const QDeadlineTimer deadline(timeoutMs, Qt::PreciseTimer);
    QTimer wake;
    wake.start(5);
    do {
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        if (predicate())
            return true;
    } while (!deadline.hasExpired());
    return predicate();
}

} // namespace signup::test

// QTRY_VERIFY_WITH_TIMEOUT, QTRY_VERIFY2_WITH_TIMEOUT and QTRY_COMPARE_WITH_TIMEOUT on waitFor():
// the state is looked at after every event instead of every 50 ms.
#define WAIT_VERIFY(expr, timeoutMs)                                                                         \
    do {                                                                                                     \
        (void)signup::test::waitFor([&] { return bool(expr); }, timeoutMs);                                  \
        QVERIFY(expr);                                                                                       \
    } while (false)

#define WAIT_VERIFY2(expr, message, timeoutMs)                                                               \
    do {                                                                                                     \
        (void)signup::test::waitFor([&] { return bool(expr); }, timeoutMs);                                  \
        QVERIFY2(expr, message);                                                                             \
    } while (false)

#define WAIT_COMPARE(actual, expected, timeoutMs)                                                            \
    do {                                                                                                     \
        (void)signup::test::waitFor([&] { return (actual) == (expected); }, timeoutMs);                      \
        QCOMPARE(actual, expected);                                                                          \
    } while (false)
