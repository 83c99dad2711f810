#pragma once

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;

namespace signup {

class SandboxToolsClient;
class SignupWizard;

// Sandbox tools: "Invite me" creates an invitation for a chosen address (POST /sandbox/v1/invitations)
// and opens its link in the wizard, so the path of an invited colleague can be rehearsed.
class SandboxInviteBox : public QGroupBox {
    Q_OBJECT
public:
    SandboxInviteBox(SandboxToolsClient *tools, SignupWizard *wizard, QWidget *parent = nullptr);

    void invite();

private:
    void showStatus(const QString &text);

    SandboxToolsClient *m_tools;
    SignupWizard *m_wizard;
    QLineEdit *m_email = nullptr;
    QPushButton *m_invite = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace signup
