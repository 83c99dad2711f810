#pragma once

#include "wizard/signupwizard.h"

#include <memory>

namespace Ui {
class DonePage;
}

namespace signup {

// Services activated: the project, the balance, the bonus, the console and what to do next.
class DonePage : public SignupPage {
    Q_OBJECT
public:
    explicit DonePage(RegistrationController *controller, QWidget *parent = nullptr);
    ~DonePage() override;

    void initializePage() override;
    QWidget *firstField() const override;

private:
    void update(const Registration &registration);
    std::unique_ptr<Ui::DonePage> ui;
    QString m_ownTitle; // the form's title and subtitle, for an account of its own
    QString m_ownSubTitle;
};

} // namespace signup
