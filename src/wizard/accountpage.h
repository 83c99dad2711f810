#pragma once

#include "wizard/signupwizard.h"

#include <memory>

class QPushButton;

namespace Ui {
class AccountPage;
}

namespace signup {

class RuleChecklist;

// Work email, password with its rules ticked live, region. A commit page: once the account
// exists, Back does not return here.
class AccountPage : public SignupPage {
    Q_OBJECT
public:
    explicit AccountPage(RegistrationController *controller, QWidget *parent = nullptr);
    ~AccountPage() override;

    bool isComplete() const override;
    bool validatePage() override;
    QWidget *firstField() const override;
    bool hasUnsavedInput() const override;

private:
    void onEmailChanged();
    void onPasswordChanged();
    void onRegionChanged();
    void showEmailProblem();
    void createAccount();
    void onActionFinished(RegistrationController::Action action, const ApiError &error);
    QString selectedRegion() const;

    std::unique_ptr<Ui::AccountPage> ui;
    RuleChecklist *m_rules = nullptr;
    BusyIndicator *m_busy = nullptr;
    bool m_emailTouched = false;
    bool m_emailValid = false;    // of the email field's text, updated as it changes
    bool m_passwordValid = false; // of the password field's text, updated as it changes
    QPushButton *m_signInInstead = nullptr;
};

} // namespace signup
