#include "wizard/cardpage.h"

#include "core/cardpolicy.h"
#include "core/moneyinput.h"
#include "core/region.h"
#include "ui_cardpage.h"
#include "wizard/fielderror.h"
#include "wizard/icons.h"
#include "wizard/uitext.h"

#include <QDateTime>
#include <QKeyEvent>
#include <QRegularExpressionValidator>
#include <QTabBar>
#include <QTimer>

namespace signup {

CardPage::CardPage(RegistrationController *controller, QWidget *parent)
    : SignupPage(controller, parent)
    , ui(std::make_unique<Ui::CardPage>()) {
    ui->setupUi(this);
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Next >"));
    ui->cardTabs->setCurrentIndex(0);
    ui->numberEdit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9 \\-]{0,23}")), ui->numberEdit));
    ui->expiryEdit->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,2}/?[0-9]{0,2}")), ui->expiryEdit));
    ui->cvcEdit->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]{0,3}")), ui->cvcEdit));
    ui->brandLogoLabel->setPixmap(Icons::pixmap(QStringLiteral("card-unknown"), 48, 30, this));
    ui->brandLogoLabel->setAccessibleName(tr("Payment system not recognised yet"));
    ui->brandNameLabel->hide();
    // The tab bar is a tab stop of its own: it says what it switches between.
    ui->cardTabs->setAccessibleName(tr("Card and autopayment"));
    ui->cardTabs->tabBar()->setAccessibleName(tr("Card and autopayment"));
    clearFieldError(ui->numberErrorLabel);
    clearFieldError(ui->expiryErrorLabel);
    clearFieldError(ui->cvcErrorLabel);
    clearFieldError(ui->thresholdHintLabel);
    clearFieldError(ui->topUpAmountHintLabel);
    ui->cardProgress->hide();
    ui->cardStatusLabel->hide();
    ui->openBankPageButton->hide();

    connect(ui->numberEdit, &QLineEdit::textEdited, this, &CardPage::onNumberEdited);
    connect(ui->expiryEdit, &QLineEdit::textEdited, this, &CardPage::onExpiryEdited);
    connect(ui->cvcEdit, &QLineEdit::textEdited, this,
            [this] { clearFieldError(ui->cvcErrorLabel, ui->cvcEdit); });
    connect(ui->addCardButton, &QPushButton::clicked, this, &CardPage::addCard);
    for (QLineEdit *edit : {ui->numberEdit, ui->expiryEdit, ui->cvcEdit})
        connect(edit, &QLineEdit::returnPressed, this, &CardPage::addCard);
    connect(ui->openBankPageButton, &QPushButton::clicked, this, [this] {
        const Registration &r = this->controller()->registration();
        if (r.card && !r.card->actionUrl.isEmpty())
            openBankPage(r.card->actionUrl);
    });
    connect(ui->saveAutopaymentButton, &QPushButton::clicked, this, &CardPage::saveAutopayment);
    connect(ui->autopaymentCheck, &QCheckBox::toggled, this, [this](bool on) {
        ui->thresholdSpin->setEnabled(on);
        ui->topUpAmountSpin->setEnabled(on);
    });
    for (AmountField field : {AmountField::Threshold, AmountField::TopUp}) {
        QLineEdit *edit = amountEdit(field);
        // Digits, spaces and one decimal separator; MoneyInput decides what they mean.
        edit->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral("[0-9 \u00a0\u202f.,]{0,20}")), edit));
        edit->setText(MoneyInput::format(100000, QLocale()));
        describeFieldWith(edit, amountHintLabel(field));
        connect(edit, &QLineEdit::textEdited, this, [this, field] { showAmountHint(field); });
        // Leaving the field says at once what is wrong with it, and shows a good amount grouped.
        connect(edit, &QLineEdit::editingFinished, this, [this, field] {
            QLineEdit *edit = amountEdit(field);
            if (!edit->isEnabled())
                return;
            if (const std::optional<qint64> minor = checkAmount(field, true)) {
                const QString shown = MoneyInput::format(*minor, QLocale());
                if (shown != edit->text())
                    edit->setText(shown);
            }
        });
        // Return saves these settings; it must not reach the wizard's Next as well (see eventFilter).
        edit->installEventFilter(this);
    }
    connect(controller, &RegistrationController::registrationChanged, this, &CardPage::update);
    connect(controller, &RegistrationController::actionFinished, this, &CardPage::onActionFinished);
    connect(controller, &RegistrationController::busyChanged, this,
            [this] { update(this->controller()->registration()); });
    update(controller->registration());
}

CardPage::~CardPage() = default;

QStringList CardPage::regionBrands() const {
    const Region *region = Regions::find(controller()->registration().region);
    return region ? region->cardBrands : CardPolicy::supportedBrandIds();
}

QString CardPage::brandList() const {
    QStringList names;
    for (const QString &id : regionBrands())
        names << UiText::brandName(cardBrandFromId(id));
    return names.join(QStringLiteral(", "));
}

void CardPage::initializePage() {
    const Registration &r = controller()->registration();
    Money amount = r.cardTestAmount;
    if (amount.isNull())
        if (const Region *region = Regions::find(r.region))
            amount = region->cardTestAmount;
    ui->testAmountLabel->setText(
        tr("To check the card, <b>%1</b> will be debited from it and credited to the "
           "project's balance: the money stays yours and pays for your first services.")
            .arg(UiText::money(amount).toHtmlEscaped()));
    ui->acceptedBrandsLabel->setText(tr("Accepted cards: %1.").arg(brandList()));
    update(r);
    // Resumed while the bank waits: once this page is the current one, its page opens as it did
    // before the wizard was closed.
    QTimer::singleShot(0, this, [this] { update(controller()->registration()); });
}

QWidget *CardPage::firstField() const {
    return controller()->registration().cardLinked ? nullptr : ui->numberEdit;
}

bool CardPage::hasUnsavedInput() const {
    return !controller()->registration().cardLinked &&
           (!ui->numberEdit->text().trimmed().isEmpty() || !ui->expiryEdit->text().isEmpty() ||
            !ui->cvcEdit->text().isEmpty());
}

bool CardPage::isComplete() const {
    return controller()->registration().cardLinked;
}

void CardPage::fillCard(const QString &number, const QString &expiry, const QString &cvc) {
    ui->cardTabs->setCurrentIndex(0);
    ui->numberEdit->setText(number);
    onNumberEdited(number);
    ui->expiryEdit->setText(expiry);
    onExpiryEdited(expiry);
    ui->cvcEdit->setText(cvc);
    clearFieldError(ui->cvcErrorLabel, ui->cvcEdit);
}

void CardPage::onNumberEdited(const QString &text) {
    if (ui->numberEdit->cursorPosition() == text.size()) {
        const QString formatted = CardPolicy::formatAsTyped(text);
        if (formatted != text) {
            ui->numberEdit->setText(formatted);
            ui->numberEdit->setCursorPosition(formatted.size());
        }
    }
    const QString digits = CardPolicy::normalizedNumber(ui->numberEdit->text());
    const CardBrand brand = CardPolicy::detectBrand(digits);
    const QString brandId = cardBrandId(brand);
    clearFieldError(ui->numberErrorLabel, ui->numberEdit);
    const Registration &r = controller()->registration();
    if (brand == CardBrand::Unknown && digits.isEmpty() && r.cardLinked && r.card) {
        // The form is cleared once the card is linked: the picture shows the linked card's system.
        ui->brandLogoLabel->setPixmap(
            Icons::pixmap(Icons::brandIconName(r.card->paymentSystem()), 48, 30, this));
        setNameIfChanged(ui->brandLogoLabel,
                         tr("Linked card: %1").arg(UiText::brandName(r.card->paymentSystem())));
        ui->brandNameLabel->hide();
    } else if (brand == CardBrand::Unknown) {
        ui->brandLogoLabel->setPixmap(Icons::pixmap(QStringLiteral("card-unknown"), 48, 30, this));
        setNameIfChanged(ui->brandLogoLabel, tr("Payment system not recognised yet"));
        ui->brandNameLabel->hide();
    } else {
        ui->brandLogoLabel->setPixmap(Icons::pixmap(Icons::brandIconName(brand), 48, 30, this));
        const QString name = UiText::brandName(brand);
        setNameIfChanged(ui->brandLogoLabel, name);
        if (!regionBrands().contains(brandId)) {
            showFieldError(ui->numberErrorLabel,
                           tr("%1 cards are not accepted here. Use a card of: %2.").arg(name, brandList()),
                           ui->numberEdit);
            ui->brandNameLabel->hide();
        } else {
            ui->brandNameLabel->setText(name);
            ui->brandNameLabel->show();
        }
    }
    // A complete number with a typo is pointed out at once; an incomplete one only on Add card.
    if (brand != CardBrand::Unknown && CardPolicy::lengthValid(brand, digits) && digits.size() >= 16 &&
        !CardPolicy::luhnValid(digits) && ui->numberErrorLabel->isHidden())
        showFieldError(ui->numberErrorLabel, tr("This number has a typo: check it against the card."),
                       ui->numberEdit);
}

void CardPage::onExpiryEdited(const QString &text) {
    QString digits = text;
    digits.remove(QLatin1Char('/'));
    QString formatted = digits.left(2);
    if (digits.size() > 2 || (text.size() == 2 && !text.endsWith(QLatin1Char('/')) && digits.size() == 2))
        formatted += QLatin1Char('/') + digits.mid(2, 2);
    if (formatted != text && ui->expiryEdit->cursorPosition() == text.size()) {
        ui->expiryEdit->setText(formatted);
        ui->expiryEdit->setCursorPosition(formatted.size());
    }
    clearFieldError(ui->expiryErrorLabel, ui->expiryEdit);
}

bool CardPage::checkFields(bool showErrors) {
    bool ok = true;
    const QString number = ui->numberEdit->text();
    const std::optional<ErrorCode> numberCode = CardPolicy::numberProblem(number, regionBrands());
    if (numberCode) {
        ok = false;
        if (showErrors) {
            const CardBrand brand = CardPolicy::detectBrand(CardPolicy::normalizedNumber(number));
            QString text;
            if (numberCode == ErrorCode::UnsupportedCardBrand)
                text = brand == CardBrand::Unknown
                           ? tr("Cards of this payment system are not accepted. Use a card of: %1.")
                                 .arg(brandList())
                           : tr("%1 cards are not accepted here. Use a card of: %2.")
                                 .arg(cardBrandDisplayName(brand), brandList());
            else
                text = tr("Check the card number: it is incomplete or has a typo.");
            showFieldError(ui->numberErrorLabel, text, ui->numberEdit);
        }
    }
    const CardExpiry expiry = CardPolicy::parseExpiry(ui->expiryEdit->text());
    const std::optional<ErrorCode> expiryCode =
        expiry.isValid()
            ? CardPolicy::expiryProblem(expiry.month, expiry.year, QDateTime::currentDateTimeUtc().date())
            : ErrorCode::InvalidCard;
    if (expiryCode) {
        ok = false;
        if (showErrors)
            showFieldError(
                ui->expiryErrorLabel,
                expiryCode == ErrorCode::ExpiredCard
                    ? UiText::fieldError(*expiryCode)
                    : tr("Enter the month and year printed on the card as MM/YY, for example 08/29."),
                ui->expiryEdit);
    }
    if (!CardPolicy::cvcValid(ui->cvcEdit->text())) {
        ok = false;
        if (showErrors)
            showFieldError(ui->cvcErrorLabel, tr("Enter the three digits printed on the back of the card."),
                           ui->cvcEdit);
    }
    return ok;
}

void CardPage::addCard() {
    if (!ui->addCardButton->isEnabled() || !ui->addCardButton->isVisible())
        return;
    if (!checkFields(true)) {
        for (QLabel *label : {ui->numberErrorLabel, ui->expiryErrorLabel, ui->cvcErrorLabel}) {
            if (!label->isHidden()) {
                (label == ui->numberErrorLabel   ? ui->numberEdit
                 : label == ui->expiryErrorLabel ? ui->expiryEdit
                                                 : ui->cvcEdit)
                    ->setFocus();
                break;
            }
        }
        return;
    }
    clearProblem();
    const CardExpiry expiry = CardPolicy::parseExpiry(ui->expiryEdit->text());
    m_openedActionUrl.clear();
    controller()->submitCard(CardPolicy::normalizedNumber(ui->numberEdit->text()), expiry.month, expiry.year,
                             ui->cvcEdit->text());
}

void CardPage::update(const Registration &r) {
    const bool submitting = controller()->isBusy(RegistrationController::Action::SubmitCard);
    const CardStatus status = r.card ? r.card->status : CardStatus::Unknown;
    const bool processing = status == CardStatus::Processing;
    const bool needsAction = status == CardStatus::RequiresAction;
    const bool linked = r.cardLinked || status == CardStatus::Linked;
    const bool waiting = submitting || processing || needsAction;

    ui->cardForm->setEnabled(!waiting && !linked);
    ui->addCardButton->setEnabled(!waiting && !linked);
    ui->addCardButton->setVisible(!linked);
    ui->cardProgress->setVisible(waiting);
    ui->openBankPageButton->setVisible(needsAction);

    QString text;
    QString icon = QStringLiteral("info");
    if (linked && r.card) {
        if (ui->numberEdit->text().isEmpty())
            onNumberEdited(QString()); // the picture of the payment system: the linked card's
        text = tr("Your %1 card •••• %2 is linked. %3 has been credited to the project's balance.")
                   .arg(UiText::brandName(r.card->paymentSystem()), r.card->last4,
                        UiText::money(r.card->testAmount.isNull() ? r.cardTestAmount : r.card->testAmount));
    } else if (submitting || processing) {
        text = tr("Debiting the test amount… This takes a few seconds.");
    } else if (needsAction) {
        if (!r.card->actionUrl.isEmpty() && r.card->actionUrl != m_openedActionUrl && isCurrentPage()) {
            m_openedActionUrl = r.card->actionUrl;
            openBankPage(r.card->actionUrl);
        }
        if (m_bankPage == BankPage::Opened)
            text = tr(
                "Your bank asks you to confirm the payment. Its page is open in your browser: confirm there "
                "(usually with a code from an SMS). This page notices the bank's answer by itself.");
        else if (m_bankPage == BankPage::NotOpened)
            text = tr(
                "Your bank asks you to confirm the payment, but its page could not be opened in your "
                "browser. "
                "Open the address shown at the top of the window and confirm there (usually with a code from "
                "an SMS). This page notices the bank's answer by itself.");
        else
            text = tr("Your bank asks you to confirm the payment. Opening its page in your browser…");
    } else if (status == CardStatus::Declined) {
        text = tr("The card •••• %1 was not linked. %2")
                   .arg(r.card->last4, UiText::declineText(r.card->declineReason()));
        icon = QStringLiteral("error");
    }
    if (text.isEmpty()) {
        ui->cardStatusLabel->hide();
    } else {
        showFieldHint(ui->cardStatusLabel, text, linked ? QStringLiteral("step-done") : icon);
        ui->cardStatusLabel->setProperty("cardStatus", wireName(status));
    }
    updateAutopayment(r);
    updateComplete();
    if (status != m_shownStatus || linked != m_shownLinked) {
        m_shownStatus = status;
        m_shownLinked = linked;
        // Linked: Next is what to do now. Declined: the number field, for another card.
        if (linked)
            focusField(wizard() ? wizard()->button(QWizard::CommitButton) : nullptr);
        else if (status == CardStatus::Declined)
            focusField(ui->numberEdit);
    }
}

void CardPage::openBankPage(const QString &actionUrl) {
    SignupWizard *w = signupWizard();
    if (!w)
        return;
    m_bankPage = BankPage::Opening;
    w->openUrl(QUrl(actionUrl), [this](UrlOpener::Outcome outcome) {
        m_bankPage = outcome == UrlOpener::Outcome::Opened ? BankPage::Opened : BankPage::NotOpened;
        update(controller()->registration());
    });
    update(controller()->registration());
}

void CardPage::updateAutopayment(const Registration &r) {
    const Region *region = Regions::find(r.region);
    QString why;
    switch (CardPolicy::autopaymentBlock(region, r.cardLinked,
                                         r.card ? r.card->paymentSystem() : CardBrand::Unknown)) {
    case AutopaymentBlock::Region:
        why = tr("Autopayment is not available in the Kazakhstan region. You can top up the balance in the "
                 "management console.");
        break;
    case AutopaymentBlock::CardBrand:
        why = tr(
            "Autopayment is not available for UnionPay cards. You can top up the balance in the management "
            "console, or link another card there.");
        break;
    case AutopaymentBlock::CardNotLinked:
        why = tr("Link a card first (on the Card tab); then you can turn on autopayment here.");
        break;
    case AutopaymentBlock::None:
        break;
    }
    const bool available = why.isEmpty();
    ui->autopaymentUnavailableLabel->setVisible(!available);
    if (!available)
        showFieldHint(ui->autopaymentUnavailableLabel, why);
    ui->autopaymentCheck->setEnabled(available);
    ui->thresholdSpin->setEnabled(available && ui->autopaymentCheck->isChecked());
    ui->topUpAmountSpin->setEnabled(available && ui->autopaymentCheck->isChecked());
    ui->saveAutopaymentButton->setEnabled(
        available && !controller()->isBusy(RegistrationController::Action::SetAutopayment));
    if (!m_autopaymentLoaded && r.cardLinked) {
        // What was saved before (the wizard reopened): the form shows it.
        m_autopaymentLoaded = true;
        const AutopaymentState &saved = r.autopayment;
        bool thresholdOk = false;
        bool amountOk = false;
        const qint64 threshold = saved.threshold.minorUnits(&thresholdOk);
        const qint64 amount = saved.amount.minorUnits(&amountOk);
        if (saved.enabled && thresholdOk && amountOk) {
            ui->autopaymentCheck->setChecked(true);
            ui->thresholdSpin->setText(MoneyInput::format(threshold, QLocale()));
            ui->topUpAmountSpin->setText(MoneyInput::format(amount, QLocale()));
        }
    }
    const QString currency = region ? UiText::currencySymbol(region->currency) : QString();
    ui->thresholdCurrencyLabel->setText(currency);
    ui->topUpCurrencyLabel->setText(currency);
    for (AmountField field : {AmountField::Threshold, AmountField::TopUp}) {
        QLabel *hint = amountHintLabel(field);
        if (!available)
            clearFieldError(hint, amountEdit(field));
        else if (hint->isHidden())
            showAmountHint(field);
    }
}

QLineEdit *CardPage::amountEdit(AmountField field) const {
    return field == AmountField::Threshold ? ui->thresholdSpin : ui->topUpAmountSpin;
}

QLabel *CardPage::amountHintLabel(AmountField field) const {
    return field == AmountField::Threshold ? ui->thresholdHintLabel : ui->topUpAmountHintLabel;
}

std::pair<qint64, qint64> CardPage::amountRange(AmountField field) const {
    const Region *region = Regions::find(controller()->registration().region);
    const Region *limits = region && region->autopaymentAvailable ? region : Regions::find(RegionId::Moscow);
    const Money low = field == AmountField::Threshold ? Money{QStringLiteral("0.00"), limits->currency}
                                                      : limits->autopaymentMinAmount;
    const Money high =
        field == AmountField::Threshold ? limits->autopaymentMaxThreshold : limits->autopaymentMaxAmount;
    return {low.minorUnits(), high.minorUnits()};
}

std::pair<QString, QString> CardPage::amountRangeWords(AmountField field) const {
    const Region *region = Regions::find(controller()->registration().region);
    const QString currency = region ? region->currency : QStringLiteral("RUB");
    const auto [low, high] = amountRange(field);
    return {UiText::money(Money::fromMinorUnits(low, currency)),
            UiText::money(Money::fromMinorUnits(high, currency))};
}

void CardPage::showAmountHint(AmountField field) {
    const auto [from, to] = amountRangeWords(field);
    showFieldHint(amountHintLabel(field), tr("From %1 to %2.").arg(from, to), QStringLiteral("info"),
                  amountEdit(field));
}

std::optional<qint64> CardPage::checkAmount(AmountField field, bool showErrors) {
    QLineEdit *edit = amountEdit(field);
    const auto [low, high] = amountRange(field);
    const MoneyInput::Result result = MoneyInput::parse(edit->text(), QLocale(), low, high);
    if (result.isValid())
        return result.minorUnits;
    if (showErrors) {
        // The field's name starts the message: the two fields' messages are told apart when read out.
        const QString name = edit->accessibleName();
        QString text;
        switch (result.problem) {
        case MoneyInput::Problem::NotANumber:
            text = tr("%1: enter the amount in digits, for example %2.")
                       .arg(name, MoneyInput::format(100050, QLocale()));
            break;
        case MoneyInput::Problem::TooManyDecimals:
            text = tr("%1: at most two digits after the decimal separator.").arg(name);
            break;
        case MoneyInput::Problem::Negative:
            text = tr("%1: the amount cannot be negative.").arg(name);
            break;
        case MoneyInput::Problem::Empty:
        case MoneyInput::Problem::BelowMinimum:
        case MoneyInput::Problem::AboveMaximum:
        case MoneyInput::Problem::None: {
            const auto [from, to] = amountRangeWords(field);
            text = tr("%1: enter an amount from %2 to %3.").arg(name, from, to);
            break;
        }
        }
        showFieldError(amountHintLabel(field), text, edit);
    }
    return std::nullopt;
}

bool CardPage::eventFilter(QObject *watched, QEvent *event) {
    if ((watched == ui->thresholdSpin || watched == ui->topUpAmountSpin) &&
        event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            saveAutopayment();
            return true;
        }
    }
    return SignupPage::eventFilter(watched, event);
}

void CardPage::saveAutopayment() {
    if (!ui->saveAutopaymentButton->isEnabled())
        return;
    const Region *region = Regions::find(controller()->registration().region);
    const QString currency = region ? region->currency : QStringLiteral("RUB");
    const bool enabled = ui->autopaymentCheck->isChecked();
    Money threshold;
    Money amount;
    if (enabled) {
        const std::optional<qint64> thresholdMinor = checkAmount(AmountField::Threshold, true);
        const std::optional<qint64> amountMinor = checkAmount(AmountField::TopUp, true);
        if (!thresholdMinor || !amountMinor) {
            (thresholdMinor ? ui->topUpAmountSpin : ui->thresholdSpin)->setFocus();
            return;
        }
        threshold = Money::fromMinorUnits(*thresholdMinor, currency);
        amount = Money::fromMinorUnits(*amountMinor, currency);
        // What is sent, as the fields show amounts.
        ui->thresholdSpin->setText(MoneyInput::format(*thresholdMinor, QLocale()));
        ui->topUpAmountSpin->setText(MoneyInput::format(*amountMinor, QLocale()));
    }
    clearProblem();
    ui->autopaymentStatusLabel->hide();
    controller()->setAutopayment(enabled, threshold, amount);
}

void CardPage::onActionFinished(RegistrationController::Action action, const ApiError &error) {
    if (action == RegistrationController::Action::SetAutopayment) {
        if (!error.isError()) {
            showFieldHint(ui->autopaymentStatusLabel,
                          ui->autopaymentCheck->isChecked() ? tr("Autopayment is on.")
                                                            : tr("Autopayment is off."),
                          QStringLiteral("step-done"));
        } else if (error.kind == ApiError::Kind::Http && !UiText::fieldError(error.code).isEmpty()) {
            showFieldError(ui->autopaymentStatusLabel, UiText::fieldError(error.code));
        } else {
            showProblem(error, [this] { saveAutopayment(); });
        }
        return;
    }
    if (action != RegistrationController::Action::SubmitCard)
        return;
    if (!error.isError()) {
        // The server has the card now; nothing of it stays on screen or in memory of the form.
        ui->numberEdit->clear();
        ui->expiryEdit->clear();
        ui->cvcEdit->clear();
        onNumberEdited(QString());
        return;
    }
    if (error.kind == ApiError::Kind::Http) {
        const QString text = UiText::fieldError(error.code, error.failedRules());
        QLabel *label = nullptr;
        QLineEdit *edit = nullptr;
        if (error.field == QLatin1String("exp") || error.code == ErrorCode::ExpiredCard) {
            label = ui->expiryErrorLabel;
            edit = ui->expiryEdit;
        } else if (error.field == QLatin1String("cvc")) {
            label = ui->cvcErrorLabel;
            edit = ui->cvcEdit;
        } else if (error.field == QLatin1String("number") || error.code == ErrorCode::UnsupportedCardBrand) {
            label = ui->numberErrorLabel;
            edit = ui->numberEdit;
        }
        if (label && !text.isEmpty()) {
            showFieldError(label, text, edit);
            edit->setFocus();
            return;
        }
        if (error.code == ErrorCode::AlreadyLinked) {
            controller()->refreshNow();
            return;
        }
    }
    showProblem(error, [this] { addCard(); });
}

} // namespace signup
