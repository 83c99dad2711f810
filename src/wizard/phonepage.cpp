#include "wizard/phonepage.h"

#include "core/phonepolicy.h"
#include "core/region.h"
#include "ui_phonepage.h"
#include "wizard/fielderror.h"
#include "wizard/uitext.h"

#include <QDateTime>
#include <QStyleOptionFrame>

namespace signup {

PhonePage::PhonePage(RegistrationController *controller, QWidget *parent)
    : SignupPage(controller, parent)
    , ui(std::make_unique<Ui::PhonePage>())
    , m_formatter(std::make_unique<PhoneAsYouTypeFormatter>(QStringLiteral("RU"))) {
    ui->setupUi(this);
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("&Next >"));
    QFont big = ui->callToLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    ui->callToLabel->setFont(big);
    ui->callToLabel->setTextFormat(Qt::PlainText); // call_to comes from the server
    clearFieldError(ui->phoneErrorLabel);
    ui->callGroup->hide();
    describeFieldWith(ui->phoneEdit, ui->regionRuleLabel);
    // A number is read from its start: the field holds a whole number as it is formatted, so the
    // "+" and the country code never scroll out of sight on a small screen.
    QStyleOptionFrame frame;
    frame.initFrom(ui->phoneEdit);
    frame.lineWidth = style()->pixelMetric(QStyle::PM_DefaultFrameWidth, &frame, ui->phoneEdit);
    const QSize text(ui->phoneEdit->fontMetrics().horizontalAdvance(QStringLiteral("+999 999 999-99-99")) + 4,
                     ui->phoneEdit->fontMetrics().height());
    ui->phoneEdit->setMinimumWidth(
        style()->sizeFromContents(QStyle::CT_LineEdit, &frame, text, ui->phoneEdit).width());
    ui->phoneConfirmedLabel->hide();

    connect(ui->phoneEdit, &QLineEdit::textEdited, this, &PhonePage::onPhoneEdited);
    connect(ui->phoneEdit, &QLineEdit::returnPressed, this, &PhonePage::submit);
    connect(ui->confirmPhoneButton, &QPushButton::clicked, this, &PhonePage::submit);
    connect(ui->tryAgainButton, &QPushButton::clicked, this, &PhonePage::submit);
    connect(ui->changeNumberButton, &QPushButton::clicked, this, [this] {
        ui->phoneEdit->setFocus();
        ui->phoneEdit->selectAll();
    });
    connect(controller, &RegistrationController::registrationChanged, this, &PhonePage::update);
    connect(controller, &RegistrationController::actionFinished, this, &PhonePage::onActionFinished);
    connect(controller, &RegistrationController::busyChanged, this, [this] {
        const bool busy = this->controller()->isBusy(RegistrationController::Action::SubmitPhone);
        ui->tryAgainButton->setEnabled(!busy);
        updateConfirmButton();
    });
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &PhonePage::updateCountdown);
    update(controller->registration());
}

PhonePage::~PhonePage() = default;

QStringList PhonePage::allowedPhoneRegions() const {
    const Region *region = Regions::find(controller()->registration().region);
    return region ? region->phoneRegions : QStringList();
}

void PhonePage::initializePage() {
    if (controller()->registration().regionId() == RegionId::Kazakhstan)
        ui->regionRuleLabel->setText(tr("Any mobile number that can make calls can be confirmed."));
    else
        ui->regionRuleLabel->setText(
            tr("Your account is in the Moscow region, so only a Russian mobile number "
               "(+7, Russia) can be confirmed. Numbers of Kazakhstan also start with +7, "
               "but cannot be used here."));
    updateFieldDescription(ui->phoneEdit);
    update(controller()->registration());
    m_countdown.start();
}

QWidget *PhonePage::firstField() const {
    return ui->phoneEdit;
}

bool PhonePage::hasUnsavedInput() const {
    // A number typed but not sent (once sent, the server has it and shows the call instructions).
    return !ui->phoneEdit->text().trimmed().isEmpty() && !ui->callGroup->isVisibleTo(this) &&
           !controller()->registration().phoneConfirmed;
}

bool PhonePage::isComplete() const {
    return controller()->registration().phoneConfirmed;
}

QString PhonePage::enteredNumber() const {
    const PhoneNumberInfo info = PhonePolicy::parse(ui->phoneEdit->text());
    return info.valid ? info.e164 : QString();
}

void PhonePage::onPhoneEdited(const QString &text) {
    // Format as typed, but only when the cursor is at the end (editing in the middle stays as typed).
    if (ui->phoneEdit->cursorPosition() == text.size()) {
        const QString formatted = m_formatter->format(text);
        if (!formatted.isEmpty() && formatted != text) {
            ui->phoneEdit->setText(formatted);
            ui->phoneEdit->setCursorPosition(formatted.size());
        }
    }
    const PhoneNumberInfo info = PhonePolicy::parse(ui->phoneEdit->text());
    if (info.parsed && !info.regionCode.isEmpty())
        ui->countryLabel->setText(tr("Country: %1").arg(UiText::countryName(info.regionCode)));
    else
        ui->countryLabel->clear();
    clearFieldError(ui->phoneErrorLabel, ui->phoneEdit);
    updateConfirmButton();
}

void PhonePage::updateConfirmButton() {
    // While a call is awaited the number is already submitted: Confirm is for a new number only.
    const Registration &r = controller()->registration();
    const bool awaitingCall = !r.phoneConfirmed && r.phone && r.phone->status == PhoneStatus::AwaitingCall;
    ui->confirmPhoneButton->setEnabled(!controller()->isBusy(RegistrationController::Action::SubmitPhone) &&
                                       !(awaitingCall && ui->phoneEdit->text().trimmed().isEmpty()));
}

void PhonePage::submit() {
    const QString input = ui->phoneEdit->text();
    if (input.trimmed().isEmpty()) {
        showFieldError(ui->phoneErrorLabel, tr("Enter your mobile number."), ui->phoneEdit);
        ui->phoneEdit->setFocus();
        return;
    }
    if (const std::optional<ErrorCode> code = PhonePolicy::problem(input, allowedPhoneRegions())) {
        showFieldError(ui->phoneErrorLabel, UiText::fieldError(*code), ui->phoneEdit);
        ui->phoneEdit->setFocus();
        return;
    }
    clearProblem();
    clearFieldError(ui->phoneErrorLabel, ui->phoneEdit);
    controller()->submitPhone(PhonePolicy::parse(input).e164);
}

void PhonePage::update(const Registration &r) {
    const bool confirmed = r.phoneConfirmed;
    ui->phoneConfirmedLabel->setVisible(confirmed);
    const bool waiting =
        !confirmed && r.phone && !r.phone->callTo.isEmpty() &&
        (r.phone->status == PhoneStatus::AwaitingCall || r.phone->status == PhoneStatus::Expired);
    ui->callGroup->setVisible(waiting);
    if (waiting) {
        ui->callInstructionsLabel->setText(
            tr("<ol style=\"margin-left:0\"><li>From <b>your phone %1</b>, call the number below.</li>"
               "<li>Listen to the robot: it dictates four digits.</li>"
               "<li>Key those digits on the phone's keypad (tone mode). This page moves on by "
               "itself.</li></ol>")
                .arg(r.phone->number.toHtmlEscaped()));
        ui->callToLabel->setText(r.phone->callTo);
        // A screen reader reads the name: it must carry the number itself.
        ui->callToLabel->setAccessibleName(tr("Number to call: %1").arg(r.phone->callTo));
        // And digit by digit, as a person dictates a number ("8 0 0 5 5 5…").
        QString digits;
        for (const QChar c : r.phone->callTo)
            if (c.isDigit() || c == QLatin1Char('+'))
                digits += digits.isEmpty() ? QString(c) : QStringLiteral(" ") + c;
        setDescriptionIfChanged(ui->callToLabel, digits);
        ui->attemptsLabel->setText(tr("Attempts left this hour: %n", nullptr, r.phone->attemptsLeft));
    }
    updateCountdown();
    updateConfirmButton();
    updateComplete();
}

void PhonePage::updateCountdown() {
    const Registration &r = controller()->registration();
    if (!r.phone || r.phoneConfirmed)
        return;
    const qint64 left =
        r.phone->expiresAt.isValid() ? QDateTime::currentDateTimeUtc().secsTo(r.phone->expiresAt) : 0;
    const bool expired = r.phone->status == PhoneStatus::Expired || left <= 0;
    if (expired) {
        const QString over =
            tr("The time for the call is over. Press Try again to get a new number to call.");
        ui->expiryLabel->setText(over);
        setNameIfChanged(ui->expiryLabel, over);
        ui->callToLabel->setEnabled(false);
    } else {
        // The shown countdown ticks every second; the accessible name only once a minute (a
        // screen reader re-reads a name each time it changes).
        ui->expiryLabel->setText(
            tr("Call within %1:%2.").arg(left / 60).arg(left % 60, 2, 10, QLatin1Char('0')));
        setNameIfChanged(ui->expiryLabel, left > 60
                                              ? tr("Call within %n minutes.", nullptr, int((left + 59) / 60))
                                              : tr("Less than a minute is left for the call."));
        ui->callToLabel->setEnabled(true);
    }
    ui->tryAgainButton->setVisible(expired);
}

void PhonePage::onActionFinished(RegistrationController::Action action, const ApiError &error) {
    if (action != RegistrationController::Action::SubmitPhone || !error.isError())
        return;
    if (error.kind == ApiError::Kind::Http) {
        const QString text = UiText::fieldError(error.code, error.failedRules());
        if (!text.isEmpty()) {
            showFieldError(ui->phoneErrorLabel, text, ui->phoneEdit);
            ui->phoneEdit->setFocus();
            return;
        }
        if (error.code == ErrorCode::AlreadyConfirmed) {
            controller()->refreshNow();
            return;
        }
    }
    showProblem(error, [this] { submit(); });
}

} // namespace signup
