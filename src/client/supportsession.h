#pragma once

#include "api/apierror.h"
#include "core/clock.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>

namespace signup {

class RegistrationClient;
class ApiCall;

// The customer's side of a support code (contract §6): asks for a code once the customer has agreed,
// and withdraws it when they stop sharing, and ends it when its time is over. The dialog only shows
// what this says.
class SupportSession : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Requesting, Sharing, Withdrawing, Failed };
    Q_ENUM(State)

    // The client is not owned and must outlive the session.
    explicit SupportSession(RegistrationClient *client, QObject *parent = nullptr);
    ~SupportSession() override;

    State state() const { return m_state; }
    QString code() const { return m_code; } // "1234-5678" while Sharing
    QDateTime expiresAt() const { return m_expiresAt; }
    // Whole seconds until expiresAt() on clock().
    qint64 secondsLeft() const { return m_clock.now().secsTo(m_expiresAt); }
    // What the code's end is measured against: the system's time unless a test moves it on.
    Clock *clock() { return &m_clock; }
    ApiError lastError() const { return m_error; }

public slots:
    // The customer agreed: a new code (it replaces an earlier one on the server).
    void requestCode();
    // The customer stops sharing: the code ends at once on the server.
    void stopSharing();

signals:
    void stateChanged(signup::SupportSession::State state);

private:
    void setState(State state);
    // Ends the code if its time is over (nothing to tell the server), else waits for its end.
    void checkEnd();

    RegistrationClient *m_client;
    Clock m_clock;
    QTimer m_end;
    QPointer<ApiCall> m_call;
    State m_state = State::Idle;
    QString m_code;
    QDateTime m_expiresAt;
    QString m_requestKey; // one Idempotency-Key per press, the same on every retry
    ApiError m_error;
};

} // namespace signup
