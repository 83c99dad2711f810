#pragma once

#include <QDateTime>
#include <QObject>
#include <chrono>
#include <functional>

namespace signup {

// The time a lifetime is measured against: the system's time plus an offset that only moves
// forward, so a test can let hours pass in an instant with advance(). The sandbox reads every rule
// that depends on the time from one (expiry of sessions, links, invitations, pending phone numbers
// and support codes; cooldowns and rate limits), on the server's thread; the client measures a
// support code's end on another (SupportSession), on the GUI thread.
class Clock : public QObject {
    Q_OBJECT
public:
    explicit Clock(QObject *parent = nullptr);

    QDateTime now() const; // UTC
    qint64 nowMs() const;  // milliseconds since the epoch

    // Moves the time forward (a negative or zero amount changes nothing). Whatever falls due is
    // handled by the listeners of advanced(), as if the time had passed.
    void advance(std::chrono::milliseconds by);

    // Runs `work` once, `delay` from now on this clock: when that much real time has passed, or at
    // once when advance() moves the clock past it. Dropped with `context`.
    void callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> work) const;

signals:
    void advanced();

private:
    qint64 m_offsetMs = 0;
};

} // namespace signup
