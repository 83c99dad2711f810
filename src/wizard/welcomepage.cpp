#include "wizard/welcomepage.h"

#include "ui_welcomepage.h"
#include "wizard/fielderror.h"
#include "wizard/uitext.h"

namespace signup {

WelcomePage::WelcomePage(RegistrationController *controller, QWidget *parent)
    : SignupPage(controller, parent)
    , ui(std::make_unique<Ui::WelcomePage>()) {
    ui->setupUi(this);
    ui->signInErrorLabel->hide();
    // The sign-in error is read with both fields (their accessible descriptions).
    describeFieldWith(ui->signInEmailEdit, ui->signInErrorLabel);
    describeFieldWith(ui->signInPasswordEdit, ui->signInErrorLabel);
    connect(ui->createRadio, &QRadioButton::toggled, this, &WelcomePage::updateMode);
    connect(ui->invitationRadio, &QRadioButton::toggled, this, &WelcomePage::updateMode);
    connect(ui->invitationLinkEdit, &QLineEdit::textChanged, this, &WelcomePage::updateComplete);
    connect(ui->signInEmailEdit, &QLineEdit::textChanged, this, &WelcomePage::updateComplete);
    connect(ui->signInPasswordEdit, &QLineEdit::textChanged, this, &WelcomePage::updateComplete);
    connect(ui->signInEmailEdit, &QLineEdit::textEdited, this, &WelcomePage::hideSignInError);
    connect(ui->signInPasswordEdit, &QLineEdit::textEdited, this, &WelcomePage::hideSignInError);
    connect(ui->invitationLabel, &QLabel::linkActivated, this, [this](const QString &link) {
        if (SignupWizard *w = signupWizard())
            w->openUrl(QUrl(link));
    });
    connect(controller, &RegistrationController::phaseChanged, this, &WelcomePage::onPhaseChanged);
    connect(controller, &RegistrationController::actionFinished, this, &WelcomePage::onActionFinished);
    m_busy = new BusyIndicator(tr("Signing in…"), this);
    m_busy->setObjectName(QStringLiteral("signInBusy"));
    ui->welcomeLayout->insertWidget(ui->welcomeLayout->indexOf(ui->signInGroup) + 1, m_busy);
    connect(controller, &RegistrationController::busyChanged, this, [this] {
        m_busy->setBusy(this->controller()->isBusy(RegistrationController::Action::SignIn));
        updateComplete();
    });
    onPhaseChanged(controller->phase());
    updateMode();
}

WelcomePage::~WelcomePage() = default;

void WelcomePage::initializePage() {
    updateMode();
}

void WelcomePage::updateMode() {
    const bool signingIn = ui->signInRadio->isChecked();
    ui->signInGroup->setVisible(signingIn);
    ui->invitationGroup->setVisible(ui->invitationRadio->isChecked());
    if (ui->invitationRadio->isChecked() && isVisible())
        ui->invitationLinkEdit->setFocus();
    setButtonText(QWizard::NextButton, signingIn ? tr("&Sign in and continue") : tr("&Next >"));
    if (signingIn && isVisible() && ui->signInEmailEdit->text().isEmpty())
        ui->signInEmailEdit->setFocus();
    updateComplete();
}

void WelcomePage::startSignIn(const QString &email) {
    ui->signInRadio->setChecked(true);
    ui->signInEmailEdit->setText(email);
    ui->signInPasswordEdit->clear();
    updateMode();
    ui->signInPasswordEdit->setFocus();
}

void WelcomePage::onPhaseChanged(RegistrationController::Phase phase) {
    const bool starting = phase == RegistrationController::Phase::Starting;
    ui->startingLabel->setVisible(starting);
    ui->createRadio->setEnabled(!starting);
    ui->signInRadio->setEnabled(!starting);
    ui->invitationRadio->setEnabled(!starting);
    if (phase == RegistrationController::Phase::NeedsSignIn) {
        ui->signInRadio->setChecked(true);
        showFieldError(ui->signInErrorLabel,
                       tr("Your session has ended. Sign in to continue where you stopped."));
        updateFieldDescription(ui->signInEmailEdit);
        updateFieldDescription(ui->signInPasswordEdit);
    }
    // The choices were greyed out while connecting: now the first one takes the focus.
    if (!starting && phase != RegistrationController::Phase::Registering &&
        phase != RegistrationController::Phase::Done)
        focusField(firstField());
    updateComplete();
}

bool WelcomePage::choosesInvitation() const {
    return ui->invitationRadio->isChecked();
}

QWidget *WelcomePage::firstField() const {
    if (ui->invitationRadio->isChecked())
        return ui->invitationLinkEdit;
    if (!ui->signInRadio->isChecked())
        return ui->createRadio;
    return ui->signInEmailEdit->text().isEmpty() ? ui->signInEmailEdit : ui->signInPasswordEdit;
}

void WelcomePage::hideSignInError() {
    ui->signInErrorLabel->hide();
    updateFieldDescription(ui->signInEmailEdit);
    updateFieldDescription(ui->signInPasswordEdit);
}

bool WelcomePage::hasUnsavedInput() const {
    return ui->signInRadio->isChecked() && !ui->signInPasswordEdit->text().isEmpty();
}

bool WelcomePage::isComplete() const {
    if (controller()->phase() == RegistrationController::Phase::Starting ||
        controller()->isBusy(RegistrationController::Action::Start))
        return false;
    if (ui->invitationRadio->isChecked())
        return !ui->invitationLinkEdit->text().trimmed().isEmpty();
    if (!ui->signInRadio->isChecked())
        return true;
    return !controller()->isBusy(RegistrationController::Action::SignIn) &&
           !ui->signInEmailEdit->text().trimmed().isEmpty() && !ui->signInPasswordEdit->text().isEmpty();
}

bool WelcomePage::validatePage() {
    if (ui->invitationRadio->isChecked()) {
        signupWizard()->setInvitationLink(ui->invitationLinkEdit->text());
        return true;
    }
    if (!ui->signInRadio->isChecked())
        return true;
    // Signed in: the wizard goes on to the first unfinished step. Otherwise Next signs in, and the
    // wizard moves on once the controller has the session.
    const auto phase = controller()->phase();
    if (phase == RegistrationController::Phase::Registering || phase == RegistrationController::Phase::Done)
        return true;
    signIn();
    return false;
}

void WelcomePage::signIn() {
    clearProblem();
    hideSignInError();
    controller()->signIn(ui->signInEmailEdit->text().trimmed(), ui->signInPasswordEdit->text());
}

void WelcomePage::onActionFinished(RegistrationController::Action action, const ApiError &error) {
    if (action != RegistrationController::Action::SignIn)
        return;
    updateComplete();
    if (!error.isError()) {
        ui->signInPasswordEdit->clear();
        return;
    }
    if (error.kind == ApiError::Kind::Http && error.code == ErrorCode::InvalidCredentials) {
        showFieldError(ui->signInErrorLabel, UiText::fieldError(error.code), ui->signInPasswordEdit);
        updateFieldDescription(ui->signInEmailEdit);
        ui->signInPasswordEdit->setFocus();
        ui->signInPasswordEdit->selectAll();
        return;
    }
    showProblem(error, [this] { signIn(); });
}

} // namespace signup
