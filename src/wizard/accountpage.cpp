#include "wizard/accountpage.h"

#include "core/emailpolicy.h"
#include "core/passwordpolicy.h"
#include "core/region.h"
#include "ui_accountpage.h"
#include "wizard/fielderror.h"
#include "wizard/rulechecklist.h"
#include "wizard/uitext.h"

#include <QHBoxLayout>
#include <QPushButton>

namespace signup {

AccountPage::AccountPage(RegistrationController *controller, QWidget *parent)
    : SignupPage(controller, parent)
    , ui(std::make_unique<Ui::AccountPage>()) {
    ui->setupUi(this);
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("Create &account"));

    m_rules = new RuleChecklist(PasswordPolicy::rules(), ui->passwordRulesHost);
    m_rules->setObjectName(QStringLiteral("passwordRules"));
    ui->passwordRulesLayout->addWidget(m_rules);

    for (const Region &region : Regions::all())
        ui->regionCombo->addItem(UiText::regionName(region.id), region.id);

    ui->emailHintLabel->hide();
    ui->emailSuggestionRow->hide();
    clearFieldError(ui->emailErrorLabel);
    clearFieldError(ui->passwordErrorLabel);
    clearFieldError(ui->layoutWarningLabel);
    clearFieldError(ui->regionErrorLabel);
    // What is shown under a field is also read with the field (its accessible description).
    describeFieldWith(ui->emailEdit, ui->emailHintLabel);
    describeFieldWith(ui->emailEdit, ui->emailErrorLabel);
    describeFieldWith(ui->passwordEdit, ui->passwordErrorLabel);
    describeFieldWith(ui->passwordEdit, ui->layoutWarningLabel);
    describeFieldWith(ui->regionCombo, ui->regionErrorLabel);
    describeFieldWith(ui->regionCombo, ui->regionHintLabel);

    // "An account with this email already exists" is not a dead end: sign in with it instead.
    m_signInInstead = new QPushButton(tr("&Sign in instead"), this);
    m_signInInstead->setObjectName(QStringLiteral("signInInsteadButton"));
    m_signInInstead->hide();
    auto *emailErrorRow = new QWidget(this);
    auto *emailErrorLayout = new QHBoxLayout(emailErrorRow);
    emailErrorLayout->setContentsMargins(0, 0, 0, 0);
    ui->accountLayout->removeWidget(ui->emailErrorLabel);
    emailErrorLayout->addWidget(ui->emailErrorLabel, 1);
    emailErrorLayout->addWidget(m_signInInstead, 0, Qt::AlignTop);
    ui->accountLayout->addWidget(emailErrorRow, 3, 1);
    setTabOrder(ui->emailSuggestionButton, m_signInInstead);
    setTabOrder(m_signInInstead, ui->passwordEdit);
    connect(m_signInInstead, &QPushButton::clicked, this, [this] {
        m_signInInstead->hide();
        if (SignupWizard *w = signupWizard())
            w->signInInstead(ui->emailEdit->text().trimmed());
    });
    connect(ui->emailEdit, &QLineEdit::textEdited, m_signInInstead, &QWidget::hide);
    connect(ui->emailEdit, &QLineEdit::textChanged, this, &AccountPage::onEmailChanged);
    connect(ui->emailEdit, &QLineEdit::editingFinished, this, [this] {
        m_emailTouched = !ui->emailEdit->text().isEmpty();
        showEmailProblem();
    });
    connect(ui->emailSuggestionButton, &QPushButton::clicked, this, [this] {
        const QString fixed = EmailPolicy::suggestTypoFix(ui->emailEdit->text().trimmed());
        if (!fixed.isEmpty())
            ui->emailEdit->setText(fixed);
        ui->emailEdit->setFocus();
    });
    connect(ui->passwordEdit, &QLineEdit::textChanged, this, &AccountPage::onPasswordChanged);
    connect(ui->showPasswordButton, &QPushButton::toggled, this, [this](bool shown) {
        ui->passwordEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        // The name stays "Show password": a screen reader says whether the toggle is pressed.
        ui->showPasswordButton->setText(shown ? tr("&Hide") : tr("S&how"));
    });
    connect(ui->regionCombo, &QComboBox::currentIndexChanged, this, &AccountPage::onRegionChanged);
    connect(controller, &RegistrationController::actionFinished, this, &AccountPage::onActionFinished);
    m_busy = new BusyIndicator(tr("Creating your account…"), this);
    m_busy->setObjectName(QStringLiteral("createAccountBusy"));
    ui->accountLayout->addWidget(m_busy, 12, 0, 1, 2);
    connect(controller, &RegistrationController::busyChanged, this, [this] {
        m_busy->setBusy(this->controller()->isBusy(RegistrationController::Action::CreateAccount));
        updateComplete();
    });
    onPasswordChanged();
    onRegionChanged();
}

AccountPage::~AccountPage() = default;

QWidget *AccountPage::firstField() const {
    return ui->emailEdit;
}

bool AccountPage::hasUnsavedInput() const {
    return !controller()->registration().accountCreated &&
           (!ui->emailEdit->text().trimmed().isEmpty() || !ui->passwordEdit->text().isEmpty());
}

QString AccountPage::selectedRegion() const {
    return ui->regionCombo->currentData().toString();
}

void AccountPage::onEmailChanged() {
    const QString email = ui->emailEdit->text().trimmed();
    const QString fix = EmailPolicy::suggestTypoFix(email);
    if (!fix.isEmpty()) {
        // The address in a wrapping label: a long one must not widen the page (the button stays short).
        ui->emailSuggestionLabel->setText(tr("Did you mean %1?").arg(fix));
        ui->emailSuggestionButton->setAccessibleName(tr("Use %1").arg(fix));
        ui->emailSuggestionRow->show();
    } else {
        ui->emailSuggestionRow->hide();
    }
    m_emailValid = EmailPolicy::isValid(email);
    if (m_emailValid && EmailPolicy::isPublicMailbox(email)) {
        showFieldHint(
            ui->emailHintLabel,
            tr("This looks like a personal mailbox. For a company account a work address is better: "
               "your colleagues can take over the account if you leave."),
            QStringLiteral("info"), ui->emailEdit);
    } else {
        ui->emailHintLabel->hide();
        updateFieldDescription(ui->emailEdit);
    }
    if (m_emailTouched || !ui->emailErrorLabel->isHidden())
        showEmailProblem();
    updateComplete();
}

void AccountPage::showEmailProblem() {
    const QString email = ui->emailEdit->text().trimmed();
    const QList<RuleId> failed = EmailPolicy::failedRules(email);
    if (email.isEmpty() || failed.isEmpty())
        clearFieldError(ui->emailErrorLabel, ui->emailEdit);
    else
        showFieldError(ui->emailErrorLabel, UiText::fieldError(ErrorCode::InvalidEmail, failed),
                       ui->emailEdit);
}

void AccountPage::onPasswordChanged() {
    const QString password = ui->passwordEdit->text();
    // Checked once per key: the checklist and isComplete() both use this result.
    if (password.isEmpty()) {
        m_passwordValid = false;
        m_rules->setPristine();
    } else {
        const RuleChecks checks = PasswordPolicy::check(password);
        m_passwordValid = failedRuleIds(checks).isEmpty();
        m_rules->setChecks(checks);
    }
    if (PasswordPolicy::looksLikeCyrillicLayout(password))
        showFieldHint(ui->layoutWarningLabel,
                      tr("You are typing Cyrillic letters: switch the keyboard layout to English (Latin)."),
                      QStringLiteral("warning"), ui->passwordEdit);
    else
        clearFieldError(ui->layoutWarningLabel, ui->passwordEdit);
    setFieldExtraDescription(ui->passwordEdit, m_rules->summary());
    clearFieldError(ui->passwordErrorLabel, ui->passwordEdit);
    updateComplete();
}

void AccountPage::onRegionChanged() {
    const QString id = selectedRegion();
    const Region *region = Regions::find(id);
    if (!region) {
        ui->regionHintLabel->clear();
        updateFieldDescription(ui->regionCombo);
        return;
    }
    QString text;
    if (region->typedId() == RegionId::Moscow)
        text = tr("Moscow: only a Russian mobile number (+7, Russia) can be confirmed. Payments in roubles.");
    else
        text =
            tr("Kazakhstan: any mobile number can be confirmed. Payments in tenge; Visa and Mastercard cards "
               "only; no autopayment.");
    ui->regionHintLabel->setText(text);
    ui->regionHintLabel->show();
    updateFieldDescription(ui->regionCombo);
    clearFieldError(ui->regionErrorLabel, ui->regionCombo);
    updateComplete();
}

bool AccountPage::isComplete() const {
    return m_emailValid && m_passwordValid && Regions::find(selectedRegion()) &&
           !controller()->isBusy(RegistrationController::Action::CreateAccount);
}

// A commit page: Create account starts the action; the wizard moves on once the account exists.
bool AccountPage::validatePage() {
    if (controller()->registration().accountCreated)
        return true;
    createAccount();
    return false;
}

void AccountPage::createAccount() {
    clearProblem();
    controller()->createAccount(ui->emailEdit->text().trimmed(), ui->passwordEdit->text(), selectedRegion());
}

void AccountPage::onActionFinished(RegistrationController::Action action, const ApiError &error) {
    if (action != RegistrationController::Action::CreateAccount)
        return;
    updateComplete();
    if (!error.isError()) {
        // The server has it now: the password is not kept in the page.
        ui->passwordEdit->clear();
        return;
    }
    if (error.kind == ApiError::Kind::Http) {
        const QString text = UiText::fieldError(error.code, error.failedRules());
        if (!text.isEmpty() &&
            (error.field == QLatin1String("email") || error.code == ErrorCode::EmailTaken)) {
            showFieldError(ui->emailErrorLabel, text, ui->emailEdit);
            m_signInInstead->setVisible(error.code == ErrorCode::EmailTaken);
            ui->emailEdit->setFocus();
            return;
        }
        if (!text.isEmpty() && error.field == QLatin1String("password")) {
            m_rules->markFailed(error.failedRules());
            setFieldExtraDescription(ui->passwordEdit, m_rules->summary());
            showFieldError(ui->passwordErrorLabel, text, ui->passwordEdit);
            ui->passwordEdit->setFocus();
            return;
        }
        if (!text.isEmpty() && error.field == QLatin1String("region")) {
            showFieldError(ui->regionErrorLabel, text, ui->regionCombo);
            ui->regionCombo->setFocus();
            return;
        }
    }
    showProblem(error, [this] { createAccount(); });
}

} // namespace signup
