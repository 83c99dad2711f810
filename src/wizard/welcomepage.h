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
    int nextId() const override; // the invitation page for "I have an invitation"

private:
    void updateMode();
    void onPhaseChanged(RegistrationController::Phase phase);
    void onActionFinished(RegistrationController::Action action, const ApiError &error);
    void signIn();
    void hideSignInError();

    std::unique_ptr<Ui::WelcomePage> ui;
    bool m_advancing = false;
    BusyIndicator *m_busy = nullptr;
};

} // namespace signup
