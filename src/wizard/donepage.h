#pragma once

#include "wizard/signupwizard.h"

#include <QList>

#include <memory>

class QLabel;

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
    static constexpr int kWhatsNextLinks = 7;
    QList<QLabel *> m_whatsNext; // one link each, a tab stop each
};

} // namespace signup
