#include "client/supportviewer.h"

#include "api/registrationclient.h"

namespace signup {

SupportViewer::SupportViewer(RegistrationClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client) {
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &SupportViewer::poll);
}

SupportViewer::~SupportViewer() {
    if (m_call)
        m_call->abort();
}

QString SupportViewer::normalizeCode(const QString &typed) {
    QString digits;
    for (const QChar c : typed)
        if (c.isDigit())
            digits += QChar(u'0' + c.digitValue());
    if (digits.size() != 8)
        return QString();
    return digits.left(4) + QLatin1Char('-') + digits.mid(4);
}

void SupportViewer::setState(State state) {
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

void SupportViewer::follow(const QString &code) {
    stop();
    m_code = normalizeCode(code);
    m_view = SupportView();
    m_since.reset();
    m_failures = 0;
    if (m_code.isEmpty()) {
        setState(State::NotFound);
        return;
    }
    setState(State::Opening);
    poll();
}

void SupportViewer::stop() {
    m_retry.stop();
    if (m_call)
        m_call->abort();
    m_call = nullptr;
    if (m_state == State::Opening || m_state == State::Following)
        setState(State::Idle);
}

void SupportViewer::poll() {
    if (m_state != State::Opening && m_state != State::Following)
        return;
    // The first look answers at once; then each call waits on the server until something changes.
    const int wait = m_since ? m_waitSeconds : 0;
    m_call = m_client->supportRegistration(
        m_code, m_since, wait, this,
        [this](const ApiResult<SupportView> &result) {
            m_call = nullptr;
            if (result.error.kind == ApiError::Kind::Cancelled)
                return;
            if (result.ok()) {
                m_failures = 0;
                if (m_problem.isError()) {
                    m_problem = ApiError();
                    emit problemChanged(m_problem);
                }
                m_since = result.value.registration.version;
                m_view = result.value;
                setState(State::Following);
                emit viewChanged(m_view);
                poll();
                return;
            }
            const ApiError &e = result.error;
            if (e.kind == ApiError::Kind::Http && e.httpStatus == 404) {
                setState(m_state == State::Following ? State::Ended : State::NotFound);
                return;
            }
            if (e.kind == ApiError::Kind::Http && e.httpStatus == 401) {
                setState(State::KeyRefused);
                return;
            }
            // Offline, 5xx, 429: say so and try again with a growing pause.
            m_problem = e;
            emit problemChanged(m_problem);
            ++m_failures;
            int pauseMs = std::min(30000, 1000 << std::min(m_failures, 5));
            if (e.retryAfterSeconds > 0)
                pauseMs = std::max(pauseMs, e.retryAfterSeconds * 1000);
            m_retry.start(pauseMs);
        },
        1);
}

} // namespace signup
