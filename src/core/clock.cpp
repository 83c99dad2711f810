#include "core/clock.h"

#include <QTimer>
#include <limits>
#include <memory>

namespace signup {

Clock::Clock(QObject *parent)
    : QObject(parent) {}

QDateTime Clock::now() const {
    return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC);
}

qint64 Clock::nowMs() const {
    return QDateTime::currentMSecsSinceEpoch() + m_offsetMs;
}

void Clock::advance(std::chrono::milliseconds by) {
    if (by.count() <= 0)
        return;
    m_offsetMs += by.count();
    emit advanced();
}

void Clock::callAfter(std::chrono::milliseconds delay, QObject *context, std::function<void()> work) const {
    const qint64 dueMs = nowMs() + delay.count();
    auto *timer = new QTimer(context);
    timer->setSingleShot(true);
    auto done = std::make_shared<bool>(false);
    auto check = [this, timer, dueMs, done, work = std::move(work)] {
        if (*done)
            return;
        const qint64 left = dueMs - nowMs();
        if (left > 0) {
            timer->start(int(std::min<qint64>(left, std::numeric_limits<int>::max())));
            return;
        }
        *done = true;
        timer->deleteLater(); // with it go both connections
        work();
    };
    connect(this, &Clock::advanced, timer, check);
    connect(timer, &QTimer::timeout, timer, check);
    check();
}

} // namespace signup
