#pragma once

#include "wizard/signupwizard.h"

#include <QTimer>
#include <memory>

namespace Ui {
class PhonePage;
}

namespace signup {

class PhoneAsYouTypeFormatter;

// The phone number, formatted as typed with its country; then the call instructions with a
// countdown to expiry, attempts left and Try again. Moves on when the server confirms.
class PhonePage : public SignupPage {
    Q_OBJECT
public:
    explicit PhonePage(RegistrationController *controller, QWidget *parent = nullptr);
    ~PhonePage() override;

    void initializePage() override;
    bool isComplete() const override;
    QWidget *firstField() const override;
    bool hasUnsavedInput() const override;
    // The number as E.164 ("" when not valid), for the sandbox tools' simulated call.
    QString enteredNumber() const;

private:
    void onPhoneEdited(const QString &text);
    void submit();
    void updateConfirmButton();
    void update(const Registration &registration);
    void updateCountdown();
    void onActionFinished(RegistrationController::Action action, const ApiError &error);
    QStringList allowedPhoneRegions() const;

    std::unique_ptr<Ui::PhonePage> ui;
    std::unique_ptr<PhoneAsYouTypeFormatter> m_formatter;
    QTimer m_countdown;
};

} // namespace signup
