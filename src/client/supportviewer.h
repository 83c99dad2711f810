#pragma once

#include "api/apierror.h"
#include "api/apitypes.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <optional>

namespace signup {

class RegistrationClient;
class ApiCall;

// Support staff's side of a support code (contract §6): follows one customer's registration with
// long polling until the code ends (expired or withdrawn: 404 support_code_not_found). The client
// must hold the support key (RegistrationClient::setSupportKey).
class SupportViewer : public QObject {
    Q_OBJECT
public:
    enum class State {
        Idle,      // no code given yet
        Opening,   // first look at the code
        Following, // the view is live
        Ended,     // the code expired or the customer stopped sharing
        NotFound,  // the code was never valid (wrong digits)
        KeyRefused // 401: the key is not a support key of this server
    };
    Q_ENUM(State)

    explicit SupportViewer(RegistrationClient *client, QObject *parent = nullptr);
    ~SupportViewer() override;

    State state() const { return m_state; }
    QString code() const { return m_code; }
    const SupportView &view() const { return m_view; }
    // The last transient problem (offline, 5xx, 429) while following; cleared by the next answer.
    ApiError problem() const { return m_problem; }
    void setLongPollWaitSeconds(int seconds) { m_waitSeconds = seconds; }

    // Normalizes what a person types: digits only, "1234-5678"; empty unless 8 digits.
    static QString normalizeCode(const QString &typed);

public slots:
    void follow(const QString &code);
    void stop();

signals:
    void stateChanged(signup::SupportViewer::State state);
    void viewChanged(const signup::SupportView &view);
    void problemChanged(const signup::ApiError &problem);

private:
    void poll();
    void setState(State state);

    RegistrationClient *m_client;
    QPointer<ApiCall> m_call;
    QTimer m_retry;
    State m_state = State::Idle;
    QString m_code;
    SupportView m_view;
    std::optional<qint64> m_since;
    ApiError m_problem;
    int m_waitSeconds = 25;
    int m_failures = 0;
};

} // namespace signup
