#pragma once

#include "wizard/signupwizard.h"

#include <QTimer>
#include <memory>

namespace Ui {
class EmailPage;
}

namespace signup {

// Waits for the confirmation link to be followed; resend with the server's cooldown; change a
// mistyped address.
class EmailPage : public SignupPage {
    Q_OBJECT
public:
    explicit EmailPage(RegistrationController *controller, QWidget *parent = nullptr);
    ~EmailPage() override;

    void initializePage() override;
    bool isComplete() const override;
    QWidget *firstField() const override;
    bool hasUnsavedInput() const override;

private:
    void update(const Registration &registration);
    void updateCountdown();
    void resend();
    void saveEmail();
    void setChanging(bool changing);
    void onActionFinished(RegistrationController::Action action, const ApiError &error);

    std::unique_ptr<Ui::EmailPage> ui;
    QTimer m_countdown;
};

} // namespace signup
