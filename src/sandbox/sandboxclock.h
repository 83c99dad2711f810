#pragma once

#include <QDateTime>
#include <QObject>
#include <chrono>
#include <functional>

namespace signup {

// The sandbox's idea of the time: the system's time plus an offset that only moves forward. Every
// rule of the domain that depends on the time (expiry of sessions, links, invitations, pending
// phone numbers and support codes; cooldowns and rate limits) reads it here, so a test can let
// hours pass in an instant with advance(). Lives on the server's thread, like everything that reads
// it.
class SandboxClock : public QObject {
    Q_OBJECT
public:
    explicit SandboxClock(QObject *parent = nullptr);

    QDateTime now() const; // UTC
    qint64 nowMs() const;  // milliseconds since the epoch

    // Moves the time forward (a negative or zero amount changes nothing). Whatever falls due is
    // handled by the listeners of advanced(), as if the time had passed.
    void advance(std::chrono::milliseconds by);
    void advance(qint64 ms) { advance(std::chrono::milliseconds(ms)); }
    qint64 offsetMs() const { return m_offsetMs; }

    // Runs `work` once, `delay` from now on this clock: when that much real time has passed, or at
    // once when advance() moves the clock past it. Dropped with `context`.
    void callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> work);

signals:
    void advanced();

private:
    qint64 m_offsetMs = 0;
};

} // namespace signup
