#include "client/supportsession.h"

#include "api/registrationclient.h"

#include <limits>

namespace signup {

SupportSession::SupportSession(RegistrationClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {
    m_end.setSingleShot(true);
    connect(&m_end, &QTimer::timeout, this, &SupportSession::checkEnd);
    connect(&m_clock, &Clock::advanced, this, &SupportSession::checkEnd);
}

SupportSession::~SupportSession() {
    if (m_call)
        m_call->abort();
}

void SupportSession::setState(State state) {
    if (state != State::Sharing)
        m_end.stop();
    m_state = state;
    emit stateChanged(state);
}

void SupportSession::requestCode() {
    if (m_state == State::Requesting || m_state == State::Withdrawing)
        return;
    m_error = ApiError();
    m_requestKey = RegistrationClient::newIdempotencyKey();
    setState(State::Requesting);
    m_call = m_client->createSupportCode(m_requestKey, this, [this](const ApiResult<SupportCode> &result) {
        if (!result.ok()) {
            m_error = result.error;
            m_code.clear();
            setState(State::Failed);
            return;
        }
        m_code = result.value.code;
        m_expiresAt = result.value.expiresAt;
        setState(State::Sharing);
        checkEnd();
    });
}

void SupportSession::stopSharing() {
    if (m_state != State::Sharing)
        return;
    setState(State::Withdrawing);
    m_call = m_client->withdrawSupportCode(RegistrationClient::newIdempotencyKey(), this,
                                           [this](const ApiResult<NoContent> &result) {
                                               m_code.clear();
                                               if (!result.ok()) {
                                                   m_error = result.error;
                                                   setState(State::Failed);
                                                   return;
                                               }
                                               setState(State::Idle);
                                           });
}

void SupportSession::checkEnd() {
    if (m_state != State::Sharing)
        return;
    const qint64 left = m_clock.now().msecsTo(m_expiresAt);
    if (left <= 0) {
        m_code.clear();
        setState(State::Idle);
        return;
    }
    // Checked again when the timer fires: a coarse timer may fire a little early.
    m_end.start(int(qMin<qint64>(left, std::numeric_limits<int>::max())));
}

} // namespace signup
