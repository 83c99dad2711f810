#pragma once

#include "client/invitationcontroller.h"
#include "wizard/signupwizard.h"

#include <memory>

namespace Ui {
class InvitationPage;
}

namespace signup {

class RuleChecklist;

// Joining a project by invitation: the link (pasted on Welcome, given on the command line or typed
// here), what the invitation offers (project, roles, who invited, the fixed email), then a password
// for a new account or a sign-in for an existing one. Next joins; once joined, the wizard shows the
// Done page for members.
class InvitationPage : public SignupPage {
    Q_OBJECT
public:
    InvitationPage(RegistrationController *controller, InvitationController *invitations,
                   QWidget *parent = nullptr);
    ~InvitationPage() override;

    // "Project administrator" for "project_admin"; an unknown id as it is.
    static QString roleName(const QString &roleId);
    static QString roleNames(const QStringList &roleIds);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    QWidget *firstField() const override;
    bool hasUnsavedInput() const override;

private:
    enum class Mode { NoInvitation, NewAccount, SignIn, SignedIn, Joined };
    void load();
    void accept();
    void updateMode();
    void onLoaded(const ApiError &error);
    void onAccepted(const ApiError &error);
    bool linkChanged() const;
    bool signedInAsInvited() const;
    bool signedInElsewhere() const; // a session of another address than the invited one

    std::unique_ptr<Ui::InvitationPage> ui;
    InvitationController *m_invitations;
    RuleChecklist *m_rules = nullptr;
    BusyIndicator *m_loadingBusy = nullptr;
    BusyIndicator *m_joiningBusy = nullptr;
    Mode m_mode = Mode::NoInvitation;
    bool m_mismatch = false; // signed in as another address: sign in as the invited one
};

} // namespace signup
