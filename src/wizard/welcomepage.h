#pragma once

#include "wizard/signupwizard.h"

#include <memory>

namespace Ui {
class WelcomePage;
}

namespace signup {

// Create an account, or sign in to continue a registration started earlier; a note on joining
// an existing project by invitation instead.
class WelcomePage : public SignupPage {
    Q_OBJECT
public:
    explicit WelcomePage(RegistrationController *controller, QWidget *parent = nullptr);
    ~WelcomePage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    QWidget *firstField() const override;
    bool hasUnsavedInput() const override;
    // Switches to signing in with `email` filled in (an account with it already exists).
    void startSignIn(const QString &email);
    // "I have an invitation" is chosen: Next opens the invitation page with the pasted link.
    bool choosesInvitation() const;

private:
    void updateMode();
    void onPhaseChanged(RegistrationController::Phase phase);
    void onActionFinished(RegistrationController::Action action, const ApiError &error);
    void signIn();
    void hideSignInError();

    std::unique_ptr<Ui::WelcomePage> ui;
    BusyIndicator *m_busy = nullptr;
};

} // namespace signup
