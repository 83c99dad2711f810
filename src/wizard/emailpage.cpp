#include "wizard/emailpage.h"

#include "core/emailpolicy.h"
#include "core/registration.h"
#include "ui_emailpage.h"
#include "wizard/fielderror.h"
#include "wizard/uitext.h"

#include <QDateTime>

namespace signup {

EmailPage::EmailPage(RegistrationController *controller, QWidget *parent)
    : SignupPage(controller, parent)
    , ui(std::make_unique<Ui::EmailPage>()) {
    ui->setupUi(this);
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Next >"));
    ui->changeEmailGroup->hide();
    clearFieldError(ui->newEmailErrorLabel);
    ui->resendStatusLabel->hide();
    // The button's text counts down every second; its accessible name stays the same (a screen
    // reader re-reads a name each time it changes) and the wait is in its description, in minutes.
    ui->resendButton->setAccessibleName(tr("Send the confirmation email again"));

    connect(ui->checkNowButton, &QPushButton::clicked, controller, &RegistrationController::refreshNow);
    connect(ui->resendButton, &QPushButton::clicked, this, &EmailPage::resend);
    connect(ui->changeEmailButton, &QPushButton::clicked, this, [this] { setChanging(true); });
    connect(ui->cancelChangeButton, &QPushButton::clicked, this, [this] { setChanging(false); });
    connect(ui->saveEmailButton, &QPushButton::clicked, this, &EmailPage::saveEmail);
    connect(ui->newEmailEdit, &QLineEdit::returnPressed, this, &EmailPage::saveEmail);
    connect(ui->newEmailEdit, &QLineEdit::textEdited, this,
            [this] { clearFieldError(ui->newEmailErrorLabel, ui->newEmailEdit); });
    connect(controller, &RegistrationController::registrationChanged, this, &EmailPage::update);
    connect(controller, &RegistrationController::actionFinished, this, &EmailPage::onActionFinished);
    connect(controller, &RegistrationController::busyChanged, this, [this] {
        // Check now stays enabled while a look is under way (a second press is ignored): disabling
        // the focused button would throw the focus elsewhere.
        ui->saveEmailButton->setEnabled(
            !this->controller()->isBusy(RegistrationController::Action::ChangeEmail));
        updateCountdown();
    });
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &EmailPage::updateCountdown);
    update(controller->registration());
}

EmailPage::~EmailPage() = default;

void EmailPage::initializePage() {
    update(controller()->registration());
    m_countdown.start();
}

QWidget *EmailPage::firstField() const {
    if (ui->changeEmailGroup->isVisibleTo(this))
        return ui->newEmailEdit;
    return ui->checkNowButton;
}

bool EmailPage::hasUnsavedInput() const {
    const QString typed = ui->newEmailEdit->text().trimmed();
    return ui->changeEmailGroup->isVisibleTo(this) && !typed.isEmpty() &&
           typed != controller()->registration().email;
}

bool EmailPage::isComplete() const {
    return controller()->registration().emailConfirmed;
}

void EmailPage::update(const Registration &r) {
    // The subject of the email actually sent: in the account's language, which can differ from the
    // interface's (an account made in Russian, continued in English). A server that does not say
    // the account's language got the one this wizard sent when it created the account.
    const QString language = r.language.isEmpty() ? controller()->language() : r.language;
    const QString subject = confirmationEmailSubject(languageFromWire(language).value_or(Language::English));
    ui->sentToLabel->setText(
        tr("We sent the email “%1” to <b>%2</b>.").arg(subject.toHtmlEscaped(), r.email.toHtmlEscaped()));
    ui->sentToLabel->setAccessibleName(tr("We sent the email “%1” to %2.").arg(subject, r.email));
    ui->spamLabel->setText(tr("<b>Not in Inbox?</b> Check the Spam or Junk folder: the email comes from VK "
                              "Cloud with the subject “%1”. If it is not there either, send it again or "
                              "check the address.")
                               .arg(subject.toHtmlEscaped()));
    ui->waitingLabel->setText(r.emailConfirmed ? tr("Your email is confirmed.")
                                               : tr("Waiting for you to follow the link…"));
    updateCountdown();
    updateComplete();
}

void EmailPage::updateCountdown() {
    const QDateTime at = controller()->registration().emailResendAvailableAt;
    const qint64 left = at.isValid() ? QDateTime::currentDateTimeUtc().secsTo(at) : 0;
    const bool busy = controller()->isBusy(RegistrationController::Action::ResendEmail);
    if (left > 0) {
        ui->resendButton->setEnabled(false);
        ui->resendButton->setText(
            tr("Send again in %1:%2").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
        // Whole minutes, rounded up: at least 2 here, so the English source needs no singular.
        setDescriptionIfChanged(ui->resendButton,
                                left > 60 ? tr("Available in %n minutes.", nullptr, int((left + 59) / 60))
                                          : tr("Available in less than a minute."));
    } else {
        ui->resendButton->setEnabled(!busy && !controller()->registration().emailConfirmed);
        ui->resendButton->setText(tr("&Send confirmation again"));
        setDescriptionIfChanged(ui->resendButton, QString());
    }
}

void EmailPage::resend() {
    clearProblem();
    ui->resendStatusLabel->hide();
    // The button's text counts down every second; its accessible name stays the same (a screen
    // reader re-reads a name each time it changes) and the wait is in its description, in minutes.
    ui->resendButton->setAccessibleName(tr("Send the confirmation email again"));
    controller()->resendEmail();
}

void EmailPage::setChanging(bool changing) {
    ui->changeEmailGroup->setVisible(changing);
    ui->changeEmailButton->setVisible(!changing);
    if (changing) {
        ui->newEmailEdit->setText(controller()->registration().email);
        ui->newEmailEdit->setFocus();
        ui->newEmailEdit->selectAll();
    } else {
        clearFieldError(ui->newEmailErrorLabel, ui->newEmailEdit);
        ui->changeEmailButton->setFocus();
    }
}

void EmailPage::saveEmail() {
    const QString email = ui->newEmailEdit->text().trimmed();
    const QList<RuleId> failed = EmailPolicy::failedRules(email);
    if (!failed.isEmpty()) {
        showFieldError(ui->newEmailErrorLabel, UiText::fieldError(ErrorCode::InvalidEmail, failed),
                       ui->newEmailEdit);
        ui->newEmailEdit->setFocus();
        return;
    }
    clearProblem();
    controller()->changeEmail(email);
}

void EmailPage::onActionFinished(RegistrationController::Action action, const ApiError &error) {
    if (action == RegistrationController::Action::ResendEmail) {
        if (!error.isError()) {
            showFieldHint(ui->resendStatusLabel,
                          tr("A new email is on its way to %1. Links in older emails no longer work.")
                              .arg(controller()->registration().email));
        } else if (error.code != ErrorCode::AlreadyConfirmed) {
            showProblem(error, [this] { resend(); });
        }
        updateCountdown();
    } else if (action == RegistrationController::Action::ChangeEmail) {
        if (!error.isError()) {
            setChanging(false);
            showFieldHint(ui->resendStatusLabel,
                          tr("The address is changed. A new email is on its way to %1.")
                              .arg(controller()->registration().email));
            return;
        }
        const QString text = error.kind == ApiError::Kind::Http
                                 ? UiText::fieldError(error.code, error.failedRules())
                                 : QString();
        if (!text.isEmpty() &&
            (error.field == QLatin1String("email") || error.code == ErrorCode::EmailTaken)) {
            showFieldError(ui->newEmailErrorLabel, text, ui->newEmailEdit);
            ui->newEmailEdit->setFocus();
        } else {
            showProblem(error, [this] { saveEmail(); });
        }
    } else if (action == RegistrationController::Action::Refresh && error.isError() && isCurrentPage()) {
        showProblem(error, [this] { controller()->refreshNow(); });
    }
}

} // namespace signup
