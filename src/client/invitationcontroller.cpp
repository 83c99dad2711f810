#include "client/invitationcontroller.h"

#include "api/registrationclient.h"
#include "client/registrationcontroller.h"

#include <QCryptographicHash>

namespace signup {

namespace {
QByteArray inputHash(InvitationController::Action action, const QStringList &input) {
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray::number(int(action)));
    for (const QString &part : input) {
        h.addData(QByteArrayView("\x1f", 1));
        h.addData(part.toUtf8());
    }
    return h.result();
}
} // namespace

InvitationController::InvitationController(RegistrationClient *client, RegistrationController *registration,
                                           QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_registration(registration) {
    qRegisterMetaType<ApiError>();
    qRegisterMetaType<Invitation>();
    qRegisterMetaType<Registration>();
}

QString InvitationController::tokenFromText(const QString &text) {
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed.contains(QLatin1Char(' ')))
        return {};
    return RegistrationClient::invitationTokenFromUrl(QUrl(trimmed, QUrl::StrictMode));
}

bool InvitationController::begin(Action action) {
    if (m_busy.contains(int(action)))
        return false;
    m_busy.insert(int(action));
    emit busyChanged(action, true);
    return true;
}

void InvitationController::end(Action action, const ApiError &error) {
    m_busy.remove(int(action));
    emit busyChanged(action, false);
    emit actionFinished(action, error);
}

QString InvitationController::keyFor(Action action, const QStringList &input) {
    const QByteArray hash = inputHash(action, input);
    auto it = m_keys.find(hash);
    if (it == m_keys.end())
        it = m_keys.insert(hash, RegistrationClient::newIdempotencyKey());
    return it.value();
}

void InvitationController::settleKey(Action action, const QStringList &input, const ApiError &error) {
    if (!error.isError() || !error.isTransient())
        m_keys.remove(inputHash(action, input));
}

void InvitationController::load(const QString &link) {
    if (!begin(Action::Load))
        return;
    const QString token = tokenFromText(link);
    if (token.isEmpty()) {
        ApiError error;
        error.kind = ApiError::Kind::Http;
        error.setCode(ErrorCode::InvitationLinkInvalid);
        error.message = QStringLiteral("not an invitation link");
        end(Action::Load, error);
        return;
    }
    if (token != m_token) {
        m_invitation = Invitation();
        m_joined = false;
    }
    m_token = token;
    m_client->invitation(token, this, [this, token](const ApiResult<Invitation> &result) {
        if (token != m_token) { // another link was loaded meanwhile
            end(Action::Load, result.error);
            return;
        }
        if (result.ok())
            m_invitation = result.value;
        else
            m_invitation = Invitation();
        emit invitationChanged(m_invitation);
        end(Action::Load, result.error);
    });
}

void InvitationController::accepted(Action action, const Registration &registration) {
    m_joined = true;
    m_invitation.status = QStringLiteral("accepted");
    emit joinedProject(registration);
    end(action, {});
}

void InvitationController::acceptAsNewAccount(const QString &password) {
    if (m_token.isEmpty() || !begin(Action::AcceptAsNewAccount))
        return;
    const QString language = m_registration->language();
    const QStringList input{m_token, password, language};
    m_client->acceptInvitationAsNewAccount(
        m_token, password, language, keyFor(Action::AcceptAsNewAccount, input), this,
        [this, input](const ApiResult<SessionResult> &result) {
            settleKey(Action::AcceptAsNewAccount, input, result.error);
            if (!result.ok()) {
                end(Action::AcceptAsNewAccount, result.error);
                return;
            }
            m_registration->adoptSession(result.value);
            accepted(Action::AcceptAsNewAccount, result.value.registration);
        });
}

void InvitationController::signInAndAccept(const QString &password) {
    if (m_token.isEmpty() || m_invitation.email.isEmpty() || !begin(Action::SignInAndAccept))
        return;
    const QStringList input{m_invitation.email, password};
    m_client->signIn(m_invitation.email, password, keyFor(Action::SignInAndAccept, input), this,
                     [this, input](const ApiResult<SessionResult> &result) {
                         settleKey(Action::SignInAndAccept, input, result.error);
                         if (!result.ok()) {
                             end(Action::SignInAndAccept, result.error);
                             return;
                         }
                         m_registration->adoptSession(result.value);
                         acceptAfterSignIn(Action::SignInAndAccept);
                     });
}

void InvitationController::acceptSignedIn() {
    if (m_token.isEmpty() || !begin(Action::AcceptSignedIn))
        return;
    acceptAfterSignIn(Action::AcceptSignedIn);
}

void InvitationController::acceptAfterSignIn(Action action) {
    const QStringList input{QStringLiteral("accept"), m_token, m_registration->registration().accountId};
    m_client->acceptInvitationSignedIn(m_token, keyFor(Action::AcceptSignedIn, input), this,
                                       [this, action, input](const ApiResult<Registration> &result) {
                                           settleKey(Action::AcceptSignedIn, input, result.error);
                                           if (!result.ok()) {
                                               end(action, result.error);
                                               return;
                                           }
                                           m_registration->adoptRegistration(result.value);
                                           accepted(action, result.value);
                                       });
}

void InvitationController::clear() {
    m_token.clear();
    m_invitation = Invitation();
    m_joined = false;
    emit invitationChanged(m_invitation);
}

} // namespace signup
