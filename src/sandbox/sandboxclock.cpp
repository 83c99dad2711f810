#include "sandbox/sandboxclock.h"

namespace signup {

SandboxClock::SandboxClock(QObject *parent)
    : QObject(parent) {}

QDateTime SandboxClock::now() const {
    return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC);
}

qint64 SandboxClock::nowMs() const {
    return QDateTime::currentMSecsSinceEpoch() + m_offsetMs;
}

void SandboxClock::advance(std::chrono::milliseconds by) {
    if (by.count() <= 0)
        return;
    m_offsetMs += by.count();
    emit advanced();
}

} // namespace signup
