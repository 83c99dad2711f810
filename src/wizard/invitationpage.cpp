#include "wizard/invitationpage.h"

#include "core/passwordpolicy.h"
#include "ui_invitationpage.h"
#include "wizard/fielderror.h"
#include "wizard/rulechecklist.h"
#include "wizard/uitext.h"

#include <QAbstractButton>
#include <QLocale>

namespace signup {

using Action = InvitationController::Action;

InvitationPage::InvitationPage(RegistrationController *controller, InvitationController *invitations,
                               QWidget *parent)
    : SignupPage(controller, parent)
    , ui(std::make_unique<Ui::InvitationPage>())
    , m_invitations(invitations) {
    ui->setupUi(this);
    m_rules = new RuleChecklist(PasswordPolicy::rules(), ui->invitePasswordRulesHost);
    m_rules->setObjectName(QStringLiteral("invitationPasswordRules"));
    ui->invitePasswordRulesLayout->addWidget(m_rules);
    clearFieldError(ui->inviteLinkErrorLabel);
    clearFieldError(ui->invitePasswordErrorLabel);

    m_loadingBusy = new BusyIndicator(tr("Opening the invitation…"), this);
    m_loadingBusy->setObjectName(QStringLiteral("invitationLoadingBusy"));
    ui->invitationLayout->insertWidget(ui->invitationLayout->indexOf(ui->inviteLinkErrorLabel) + 1,
                                       m_loadingBusy);
    m_joiningBusy = new BusyIndicator(tr("Joining the project…"), this);
    m_joiningBusy->setObjectName(QStringLiteral("invitationJoiningBusy"));
    ui->invitationLayout->insertWidget(ui->invitationLayout->indexOf(ui->invitePasswordRow) + 1,
                                       m_joiningBusy);

    connect(ui->inviteLinkEdit, &QLineEdit::textChanged, this, [this] {
        clearFieldError(ui->inviteLinkErrorLabel, ui->inviteLinkEdit);
        updateMode();
    });
    connect(ui->invitePasswordEdit, &QLineEdit::textChanged, this, [this] {
        const QString password = ui->invitePasswordEdit->text();
        if (password.isEmpty())
            m_rules->setPristine();
        else
            m_rules->setChecks(PasswordPolicy::check(password));
        clearFieldError(ui->invitePasswordErrorLabel, ui->invitePasswordEdit);
        updateComplete();
    });
    connect(m_invitations, &InvitationController::busyChanged, this, [this] {
        m_loadingBusy->setBusy(m_invitations->isBusy(Action::Load));
        m_joiningBusy->setBusy(m_invitations->isBusy(Action::AcceptAsNewAccount) ||
                               m_invitations->isBusy(Action::SignInAndAccept) ||
                               m_invitations->isBusy(Action::AcceptSignedIn));
        updateComplete();
    });
    connect(m_invitations, &InvitationController::actionFinished, this,
            [this](InvitationController::Action action, const ApiError &error) {
                if (action == Action::Load)
                    onLoaded(error);
                else
                    onAccepted(error);
            });
    connect(controller, &RegistrationController::phaseChanged, this, [this] { updateMode(); });
    updateMode();
}

InvitationPage::~InvitationPage() = default;

QString InvitationPage::roleName(const QString &roleId) {
    if (roleId == QLatin1String("project_admin"))
        return tr("project administrator");
    if (roleId == QLatin1String("member"))
        return tr("project member");
    if (roleId == QLatin1String("viewer"))
        return tr("viewer (read only)");
    if (roleId == QLatin1String("billing_admin"))
        return tr("billing administrator");
    if (roleId == QLatin1String("network_admin"))
        return tr("network administrator");
    return roleId;
}

QString InvitationPage::roleNames(const QStringList &roleIds) {
    QStringList names;
    for (const QString &id : roleIds)
        names << roleName(id);
    return names.join(QStringLiteral(", "));
}

void InvitationPage::initializePage() {
    m_mismatch = false;
    const QString link = signupWizard() ? signupWizard()->takeInvitationLink() : QString();
    if (!link.isEmpty()) {
        ui->inviteLinkEdit->setText(link.trimmed());
        load();
    }
    updateMode();
}

QWidget *InvitationPage::firstField() const {
    if (m_mode == Mode::NewAccount || m_mode == Mode::SignIn)
        return ui->invitePasswordEdit;
    return ui->inviteLinkEdit;
}

bool InvitationPage::hasUnsavedInput() const {
    return m_mode != Mode::Joined && !ui->invitePasswordEdit->text().isEmpty();
}

bool InvitationPage::linkChanged() const {
    const QString token = InvitationController::tokenFromText(ui->inviteLinkEdit->text());
    return token.isEmpty() || token != m_invitations->token() || !m_invitations->hasInvitation();
}

bool InvitationPage::signedInAsInvited() const {
    const auto phase = controller()->phase();
    return (phase == RegistrationController::Phase::Registering ||
            phase == RegistrationController::Phase::Done) &&
           controller()->registration().email.compare(m_invitations->invitation().email,
                                                      Qt::CaseInsensitive) == 0;
}

bool InvitationPage::signedInElsewhere() const {
    const auto phase = controller()->phase();
    return (phase == RegistrationController::Phase::Registering ||
            phase == RegistrationController::Phase::Done) &&
           !signedInAsInvited();
}

void InvitationPage::updateMode() {
    const Invitation &inv = m_invitations->invitation();
    if (m_invitations->joined())
        m_mode = Mode::Joined;
    else if (!m_invitations->hasInvitation() || linkChanged())
        m_mode = Mode::NoInvitation;
    else if (!inv.accountExists && !m_mismatch)
        m_mode = Mode::NewAccount;
    else if (signedInAsInvited())
        m_mode = Mode::SignedIn;
    else
        m_mode = Mode::SignIn;

    const bool shown = m_mode != Mode::NoInvitation;
    ui->inviteDetailsGroup->setVisible(shown);
    if (shown) {
        ui->inviteProjectValue->setText(inv.project.name);
        ui->inviteProjectValue->setToolTip(inv.project.id);
        ui->inviteRolesValue->setText(roleNames(inv.roles));
        ui->invitedByValue->setText(inv.invitedBy);
        ui->expiresValue->setText(QLocale().toString(inv.expiresAt.toLocalTime(), QLocale::ShortFormat));
        ui->inviteEmailEdit->setText(inv.email);
    }
    const bool password = m_mode == Mode::NewAccount || m_mode == Mode::SignIn;
    ui->invitePasswordRow->setVisible(password);
    ui->invitePasswordRulesHost->setVisible(m_mode == Mode::NewAccount);
    ui->invitePasswordEdit->setAccessibleName(m_mode == Mode::NewAccount ? tr("New password")
                                                                         : tr("Password"));
    switch (m_mode) {
    case Mode::NoInvitation:
        ui->inviteModeLabel->setText(tr("Paste the link from the invitation email."));
        setButtonText(QWizard::NextButton, tr("&Open the invitation"));
        break;
    case Mode::NewAccount:
        ui->inviteModeLabel->setText(
            tr("Choose a password for your new account. Your email is confirmed by the "
               "invitation: no phone or card is needed to work in this project."));
        setButtonText(QWizard::NextButton, tr("&Join the project"));
        break;
    case Mode::SignIn:
        if (m_mismatch || signedInElsewhere())
            ui->inviteModeLabel->setText(
                tr("You are signed in as %1, but this invitation is for %2. Sign in as %2 "
                   "to accept it.")
                    .arg(controller()->registration().email, inv.email));
        else
            ui->inviteModeLabel->setText(
                tr("You already have an account with this address. Sign in to accept the "
                   "invitation."));
        setButtonText(QWizard::NextButton, tr("Sign in and &join"));
        break;
    case Mode::SignedIn:
        ui->inviteModeLabel->setText(tr("You are signed in as %1.").arg(inv.email));
        setButtonText(QWizard::NextButton, tr("&Join the project"));
        break;
    case Mode::Joined:
        ui->inviteModeLabel->setText(tr("You have joined the project."));
        setButtonText(QWizard::NextButton, tr("&Next >"));
        break;
    }
    updateComplete();
}

bool InvitationPage::isComplete() const {
    if (m_invitations->isBusy(Action::Load) || m_invitations->isBusy(Action::AcceptAsNewAccount) ||
        m_invitations->isBusy(Action::SignInAndAccept) || m_invitations->isBusy(Action::AcceptSignedIn))
        return false;
    switch (m_mode) {
    case Mode::NoInvitation:
        return !ui->inviteLinkEdit->text().trimmed().isEmpty();
    case Mode::NewAccount:
        return PasswordPolicy::isValid(ui->invitePasswordEdit->text());
    case Mode::SignIn:
        return !ui->invitePasswordEdit->text().isEmpty();
    case Mode::SignedIn:
        return controller()->phase() != RegistrationController::Phase::Starting;
    case Mode::Joined:
        return true;
    }
    return false;
}

// Next opens the invitation or joins; the wizard moves on once the invitation controller has joined.
bool InvitationPage::validatePage() {
    if (m_invitations->joined())
        return true;
    if (m_mode == Mode::NoInvitation)
        load();
    else
        accept();
    return false;
}

void InvitationPage::load() {
    clearProblem();
    clearFieldError(ui->inviteLinkErrorLabel, ui->inviteLinkEdit);
    m_mismatch = false;
    m_invitations->load(ui->inviteLinkEdit->text());
}

void InvitationPage::accept() {
    clearProblem();
    clearFieldError(ui->invitePasswordErrorLabel, ui->invitePasswordEdit);
    switch (m_mode) {
    case Mode::NewAccount:
        m_invitations->acceptAsNewAccount(ui->invitePasswordEdit->text());
        break;
    case Mode::SignIn:
        m_invitations->signInAndAccept(ui->invitePasswordEdit->text());
        break;
    case Mode::SignedIn:
        m_invitations->acceptSignedIn();
        break;
    default:
        break;
    }
}

void InvitationPage::onLoaded(const ApiError &error) {
    updateMode();
    if (!error.isError()) {
        ui->invitePasswordEdit->clear();
        if (isCurrentPage()) {
            if (m_mode == Mode::SignedIn)
                focusField(wizard()->button(QWizard::NextButton));
            else
                focusField(ui->invitePasswordEdit);
        }
        return;
    }
    QString text;
    if (error.code == ErrorCode::InvitationLinkInvalid)
        text = tr("This is not an invitation link. Copy the whole link from the invitation email: it looks "
                  "like https://cloud.vk.com/invite/…");
    else if (error.code == ErrorCode::InvitationNotFound)
        text =
            tr("This invitation link is not known. Check that you copied the whole link, or ask the project "
               "owner to invite you again.");
    else if (error.code == ErrorCode::InvitationExpired)
        text =
            tr("This invitation has expired: a link is valid for 24 hours. Ask the project owner to invite "
               "you again.");
    else if (error.code == ErrorCode::InvitationUsed)
        text =
            tr("This invitation has already been accepted. If it was you, close this window and sign in to "
               "the management console; otherwise ask the project owner for a new invitation.");
    if (text.isEmpty()) {
        showProblem(error, [this] { load(); });
        return;
    }
    showFieldError(ui->inviteLinkErrorLabel, text, ui->inviteLinkEdit);
    if (isCurrentPage()) {
        ui->inviteLinkEdit->setFocus();
        ui->inviteLinkEdit->selectAll();
    }
}

void InvitationPage::onAccepted(const ApiError &error) {
    if (!error.isError()) {
        ui->invitePasswordEdit->clear();
        updateMode();
        return;
    }
    if (error.kind == ApiError::Kind::Http) {
        if (error.code == ErrorCode::AccountExists) {
            // The address has an account after all (made meanwhile): sign in with it instead.
            m_mismatch = false;
            m_invitations->load(ui->inviteLinkEdit->text());
            return;
        }
        if (error.code == ErrorCode::InvitationEmailMismatch) {
            m_mismatch = true;
            ui->invitePasswordEdit->clear();
            updateMode();
            focusField(ui->invitePasswordEdit);
            return;
        }
        if (error.code == ErrorCode::InvalidCredentials) {
            showFieldError(ui->invitePasswordErrorLabel, UiText::fieldError(error.code),
                           ui->invitePasswordEdit);
            ui->invitePasswordEdit->setFocus();
            ui->invitePasswordEdit->selectAll();
            return;
        }
        if (error.field == QLatin1String("password")) {
            const QList<RuleId> failed = error.failedRules();
            m_rules->markFailed(failed);
            showFieldError(ui->invitePasswordErrorLabel, UiText::fieldError(error.code, failed),
                           ui->invitePasswordEdit);
            ui->invitePasswordEdit->setFocus();
            return;
        }
        if (error.code == ErrorCode::InvitationNotFound || error.code == ErrorCode::InvitationExpired ||
            error.code == ErrorCode::InvitationUsed) {
            // Expired, used or withdrawn meanwhile: the link itself is the problem now.
            m_invitations->clear();
            onLoaded(error);
            return;
        }
    }
    showProblem(error, [this] { accept(); });
}

} // namespace signup
