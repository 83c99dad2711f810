#pragma once

#include <QDateTime>
#include <QObject>
#include <chrono>

namespace signup {

// The time the client measures a lifetime the server gave it against (a support code's end): the
// system's time plus an offset that only moves forward. Moving it is a test hook, the client's twin
// of the sandbox's clock (EmbeddedSandbox::advanceClock), so a test lets a code's 15 minutes pass
// on both sides in an instant.
class ClientClock : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    QDateTime now() const; // UTC

    // Moves the time forward (a negative or zero amount changes nothing); what falls due is handled
    // by the listeners of advanced(), as if the time had passed.
    void advance(std::chrono::milliseconds by);

signals:
    void advanced();

private:
    qint64 m_offsetMs = 0;
};

} // namespace signup
