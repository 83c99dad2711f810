#pragma once

#include "api/apierror.h"
#include "api/apitypes.h"
#include "core/registration.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <memory>

namespace signup {

class RegistrationClient;
class KeychainTokenStore;

// Holds the registration state and runs every sign-up action for the wizard's pages. Pages call
// the slots and listen to the signals; they never touch the network or the keychain themselves.
class RegistrationController : public QObject {
    Q_OBJECT
public:
    enum class Action {
        Start,
        CreateAccount,
        SignIn,
        ChangeEmail,
        ResendEmail,
        SubmitPhone,
        SubmitCard,
        SetAutopayment,
        Refresh,
        SignOut
    };
    Q_ENUM(Action)

    // Where the customer is: before an account exists, signing in again, or on a step of the registration.
    enum class Phase { Starting, NeedsAccount, NeedsSignIn, Registering, Done };
    Q_ENUM(Phase)

    // Whether the session survives a restart of the wizard.
    enum class Persistence { Unknown, Keychain, MemoryOnly };
    Q_ENUM(Persistence)

    // What resetSession() did with the session that was stored.
    enum class ResetOutcome {
        NothingStored,       // the keychain held no session for this backend
        Revoked,             // the server revoked it and the keychain entry is gone
        AlreadyEnded,        // the server no longer knew it (expired, revoked); the entry is gone
        RemovedNotRevoked,   // the server could not be reached: only the keychain entry is gone
        KeychainUnavailable, // the keychain did not answer: nothing could be removed
    };
    Q_ENUM(ResetOutcome)

    // Neither is owned; both must outlive the controller.
    RegistrationController(RegistrationClient *client, KeychainTokenStore *tokens, QObject *parent = nullptr);
    ~RegistrationController() override;

    Phase phase() const;
    // The client the controller talks through (support codes and diagnostics use the same one).
    RegistrationClient *client() const;
    const Registration &registration() const;
    Step currentStep() const;         // Step::Account until an account/session exists
    bool isBusy(Action action) const; // an action in flight: a second call is ignored
    Persistence persistence() const;
    QString persistenceMessage() const; // English reason when MemoryOnly (the UI translates by persistence())
    QString language() const;           // "en" | "ru", sent with create account
    bool isWatching() const;
    QUrl apiUrl() const; // the backend's origin (pages it sends may be opened)
    // How long one long poll may wait on the server (the contract allows 0-30 s; default 25).
    void setLongPollWaitSeconds(int seconds);

public slots:
    void setLanguage(const QString &language);
    // Reads the keychain: with a token loads the registration and goes to the first unfinished step;
    // a 401 asks for sign-in; no token starts at the account step. Emits phaseChanged.
    void start();
    void createAccount(const QString &email, const QString &password, const QString &region);
    void signIn(const QString &email, const QString &password);
    void changeEmail(const QString &email);
    void resendEmail();
    void submitPhone(const QString &phone);
    void submitCard(const QString &number, int expMonth, int expYear, const QString &cvc);
    void setAutopayment(bool enabled, const Money &threshold, const Money &amount);
    void refreshNow();
    // Waiting for the email link, the phone call or the card: the controller long-polls while active.
    // The UI turns it on for those pages and calls refreshNow() when its window regains focus.
    void setWatching(bool watching);
    void signOut();
    // Forgets the stored session without contacting the server.
    void forgetStoredSession();
    // The wizard's --reset: starts a new registration at once (phase NeedsAccount) and, in the
    // background, revokes the stored session on the server when it can (DELETE /sessions/current)
    // and deletes the keychain entry; resetFinished says what was done.
    void resetSession();
    // While the session exists only in memory: tries to store it in the keychain again now
    // (the controller also retries by itself, with a growing delay).
    void retrySavingSession();
    // A session or registration another route of the API opened or changed (accepting an
    // invitation, see InvitationController): kept exactly as after create account / sign in.
    void adoptSession(const signup::SessionResult &session);
    void adoptRegistration(const signup::Registration &registration);

signals:
    void phaseChanged(signup::RegistrationController::Phase phase);
    void registrationChanged(const signup::Registration &registration);
    void stepChanged(signup::Step step);
    void busyChanged(signup::RegistrationController::Action action, bool busy);
    // Exactly one per action call that was not ignored; error.isError() false on success.
    void actionFinished(signup::RegistrationController::Action action, const signup::ApiError &error);
    void persistenceChanged(signup::RegistrationController::Persistence persistence, const QString &message);
    // The server reported a transient problem while watching (offline, 5xx); cleared by the next success.
    void connectionProblem(const signup::ApiError &error);
    void connectionRestored();
    // After every attempt to save the session token (create account, sign in): Keychain when it is
    // in the keychain, MemoryOnly when the keychain failed (persistenceChanged says why).
    void sessionSaved(signup::RegistrationController::Persistence persistence);
    // After resetSession(); `detail` is English, for the terminal (never the token).
    void resetFinished(signup::RegistrationController::ResetOutcome outcome, const QString &detail);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace signup
