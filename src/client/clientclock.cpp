#include "client/clientclock.h"

namespace signup {

QDateTime ClientClock::now() const {
    return QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch() + m_offsetMs, Qt::UTC);
}

void ClientClock::advance(std::chrono::milliseconds by) {
    if (by.count() <= 0)
        return;
    m_offsetMs += by.count();
    emit advanced();
}

} // namespace signup
