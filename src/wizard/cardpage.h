#pragma once

#include "wizard/signupwizard.h"

#include <memory>
#include <optional>
#include <utility>

class QLabel;
class QLineEdit;

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

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void onNumberEdited(const QString &text);
    void onExpiryEdited(const QString &text);
    bool checkFields(bool showErrors);
    void addCard();
    void update(const Registration &registration);
    void updateAutopayment(const Registration &registration);
    void saveAutopayment();
    // The two amounts of the Autopayment tab, in minor units of the region's currency.
    enum class AmountField { Threshold, TopUp };
    QLineEdit *amountEdit(AmountField field) const;
    QLabel *amountHintLabel(AmountField field) const;
    // The amounts the field takes (minor units, both ends included) and what it says about them.
    std::pair<qint64, qint64> amountRange(AmountField field) const;
    std::pair<QString, QString> amountRangeWords(AmountField field) const; // "100 RUB", "10,000 RUB"
    // Reads the field; with showErrors an invalid amount is explained under it, naming it.
    std::optional<qint64> checkAmount(AmountField field, bool showErrors);
    void showAmountHint(AmountField field);
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
    // The saved autopayment settings are put into the form once, when the card is first shown linked.
    bool m_autopaymentLoaded = false;
};

} // namespace signup
