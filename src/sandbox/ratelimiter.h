#pragma once

#include <QHash>
#include <QString>
#include <deque>

namespace signup {

// Sliding-window request limits kept in memory (per client address: a restart forgets them,
// which only lets a client start afresh). Every request counts, refused ones too, but a key
// never holds more than limit + 1 times, so memory stays bounded however hard a client pushes.
class SlidingWindowLimiter {
public:
    // Counts one request for key at nowMs; returns 0 when it is within limit requests per
    // windowMs, otherwise the whole seconds until one more would be.
    qint64 admit(const QString &key, int limit, qint64 windowMs, qint64 nowMs);
    qsizetype keyCount() const { return m_events.size(); }

private:
    void prune(qint64 nowMs);

    QHash<QString, std::deque<qint64>> m_events; // oldest first
    QHash<QString, qint64> m_windows;            // key -> its window, for pruning
    qint64 m_lastPrune = 0;
};

} // namespace signup
