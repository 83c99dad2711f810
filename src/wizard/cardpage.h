#pragma once

#include "wizard/signupwizard.h"

#include <memory>

namespace Ui {
class CardPage;
}

namespace signup {

// The card (number grouped as typed with the brand's logo, MM/YY, masked CVC), the test amount
// shown before adding, 3-D Secure in the browser, every decline explained; an Autopayment tab.
class CardPage : public SignupPage {
    Q_OBJECT
public:
    explicit CardPage(RegistrationController *controller, QWidget *parent = nullptr);
    ~CardPage() override;

    void initializePage() override;
    bool isComplete() const override;
    QWidget *firstField() const override;
    bool hasUnsavedInput() const override;
    // Fills the form (the sandbox tools' test cards).
    void fillCard(const QString &number, const QString &expiry, const QString &cvc);

private:
    void onNumberEdited(const QString &text);
    void onExpiryEdited(const QString &text);
    bool checkFields(bool showErrors);
    void addCard();
    void update(const Registration &registration);
    void updateAutopayment(const Registration &registration);
    void saveAutopayment();
    void onActionFinished(RegistrationController::Action action, const ApiError &error);
    QStringList regionBrands() const;
    QString brandList() const;

    void openBankPage(const QString &actionUrl);

    std::unique_ptr<Ui::CardPage> ui;
    CardStatus m_shownStatus = CardStatus::Unknown;
    bool m_shownLinked = false;
    QString m_openedActionUrl;
    // Whether the bank's page is known to be open: the page never claims so when it is not.
    enum class BankPage { Opening, Opened, NotOpened };
    BankPage m_bankPage = BankPage::Opening;
};

} // namespace signup
