#include "sandbox/ratelimiter.h"

#include <QtGlobal>

namespace signup {

qint64 SlidingWindowLimiter::admit(const QString &key, int limit, qint64 windowMs, qint64 nowMs) {
    if (nowMs - m_lastPrune > 60 * 1000)
        prune(nowMs);
    const qsizetype cap = qsizetype(qMax(1, limit)) + 1;
    std::deque<qint64> &events = m_events[key];
    m_windows.insert(key, windowMs);
    while (!events.empty() && events.front() <= nowMs - windowMs)
        events.pop_front();
    events.push_back(nowMs);
    while (qsizetype(events.size()) > cap)
        events.pop_front();
    if (qsizetype(events.size()) <= qsizetype(qMax(1, limit)))
        return 0;
    // The oldest event in the window must leave it before one more request fits.
    const qint64 freeAt = events.front() + windowMs;
    return qMax<qint64>(1, (freeAt - nowMs + 999) / 1000);
}

void SlidingWindowLimiter::prune(qint64 nowMs) {
    m_lastPrune = nowMs;
    for (auto it = m_events.begin(); it != m_events.end();) {
        const qint64 window = m_windows.value(it.key());
        if (it->empty() || it->back() <= nowMs - window) {
            m_windows.remove(it.key());
            it = m_events.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace signup
