#include "wizard/sandboxinvitebox.h"

#include "api/sandboxtoolsclient.h"
#include "wizard/signupwizard.h"
#include "wizard/uitext.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace signup {

SandboxInviteBox::SandboxInviteBox(SandboxToolsClient *tools, SignupWizard *wizard, QWidget *parent)
    : QGroupBox(tr("Invitation to a project"), parent)
    , m_tools(tools)
    , m_wizard(wizard) {
    setObjectName(QStringLiteral("sandboxInviteBox"));
    auto *layout = new QGridLayout(this);
    auto *emailLabel = new QLabel(tr("Address:"), this);
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("sandboxInviteEmail"));
    m_email->setAccessibleName(tr("Address to invite"));
    m_email->setPlaceholderText(QStringLiteral("name@company.com"));
    emailLabel->setBuddy(m_email);
    m_invite = new QPushButton(tr("Invite me"), this);
    m_invite->setObjectName(QStringLiteral("sandboxInviteMe"));
    m_invite->setToolTip(tr("Creates an invitation to a sandbox project for this address and opens it "
                            "in the wizard."));
    m_invite->setAutoDefault(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sandboxInviteStatus"));
    m_status->setWordWrap(true);
    // Empty, the label would take the group's title as its name.
    m_status->setAccessibleName(tr("Invitation status"));
    layout->addWidget(emailLabel, 0, 0);
    layout->addWidget(m_email, 0, 1);
    layout->addWidget(m_invite, 0, 2);
    layout->addWidget(m_status, 1, 0, 1, 3);
    connect(m_invite, &QPushButton::clicked, this, &SandboxInviteBox::invite);
    connect(m_email, &QLineEdit::returnPressed, this, &SandboxInviteBox::invite);
}

void SandboxInviteBox::showStatus(const QString &text) {
    m_status->setText(text);
    m_status->setAccessibleName(text);
}

void SandboxInviteBox::invite() {
    SandboxInvitationRequest request;
    request.email = m_email->text().trimmed();
    request.roles = {QStringLiteral("project_admin"), QStringLiteral("member")};
    request.language =
        wireName(QLocale().language() == QLocale::Russian ? Language::Russian : Language::English);
    m_invite->setEnabled(false);
    showStatus(tr("Inviting…"));
    m_tools->invite(request, this, [this](const ApiResult<SandboxInvitation> &result) {
        m_invite->setEnabled(true);
        if (!result.ok()) {
            const QString field = UiText::fieldError(result.error.code, result.error.failedRules());
            showStatus(field.isEmpty() ? UiText::problem(result.error).title : field);
            return;
        }
        showStatus(tr("Invited to “%1”.").arg(result.value.project.name));
        if (m_wizard)
            m_wizard->openInvitation(result.value.url.toString());
    });
}

} // namespace signup
