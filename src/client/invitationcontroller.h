#pragma once

#include "api/apierror.h"
#include "api/apitypes.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QUrl>

namespace signup {

class RegistrationClient;
class RegistrationController;

// Joining a project by invitation (contract 1.1, §5): loads the invitation of a link and accepts
// it, as a new account (a password only) or as the account it was sent to (signed in). The pages
// call the slots and listen to the signals; the network work stays here. A session it opens is
// handed to the RegistrationController, which keeps it in the keychain as after creating an account.
class InvitationController : public QObject {
    Q_OBJECT
public:
    enum class Action { Load, AcceptAsNewAccount, SignInAndAccept, AcceptSignedIn };
    Q_ENUM(Action)

    // Neither is owned; both must outlive this object.
    InvitationController(RegistrationClient *client, RegistrationController *registration,
                         QObject *parent = nullptr);

    // The token of a pasted link or command-line argument ("https://<host>/invite/<token>",
    // surrounding spaces ignored); empty when the text is not such a link.
    static QString tokenFromText(const QString &text);

    RegistrationClient *client() const { return m_client; }
    QString token() const { return m_token; }
    bool hasInvitation() const { return !m_invitation.email.isEmpty(); }
    const Invitation &invitation() const { return m_invitation; }
    // True once this invitation was accepted in this run.
    bool joined() const { return m_joined; }
    bool isBusy(Action action) const { return m_busy.contains(int(action)); }

public slots:
    // Loads the invitation of `link`. A text that is not an invitation link finishes at once with
    // ErrorCode::InvitationLinkInvalid (no request is made).
    void load(const QString &link);
    // A person without an account: the password is the account's; the email is the invitation's.
    void acceptAsNewAccount(const QString &password);
    // A person with an account: signs in as the invited address, then accepts.
    void signInAndAccept(const QString &password);
    // The account signed in now accepts (403 invitation_email_mismatch when it is another address).
    void acceptSignedIn();
    // Forgets the invitation (another link will be loaded, or the person chose another way).
    void clear();

signals:
    void invitationChanged(const signup::Invitation &invitation);
    void busyChanged(signup::InvitationController::Action action, bool busy);
    // Exactly one per action call that was not ignored; error.isError() false on success.
    void actionFinished(signup::InvitationController::Action action, const signup::ApiError &error);
    // The account is now a member of the invitation's project.
    void joinedProject(const signup::Registration &registration);

private:
    bool begin(Action action);
    void end(Action action, const ApiError &error);
    QString keyFor(Action action, const QStringList &input);
    void settleKey(Action action, const QStringList &input, const ApiError &error);
    void accepted(Action action, const Registration &registration);
    void acceptAfterSignIn(Action action);

    RegistrationClient *m_client;
    RegistrationController *m_registration;
    QString m_token;
    Invitation m_invitation;
    bool m_joined = false;
    QSet<int> m_busy;
    // One Idempotency-Key per (action, input) while the outcome is unknown, so a Retry of the same
    // input reuses it; dropped on any definite answer.
    QHash<QByteArray, QString> m_keys;
};

} // namespace signup
