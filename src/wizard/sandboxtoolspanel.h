#pragma once

#include "api/apitypes.h"

#include <QWidget>
#include <memory>

class QLabel;

namespace Ui {
class SandboxToolsPanel;
}

namespace signup {

class RegistrationController;
class SandboxToolsClient;
class SignupWizard;

// Stands in for the outside world on a sandbox backend: the inbox with the confirmation email
// (following its link confirms), a phone simulator (call from the entered number, read the robot's
// digits, key them), the test cards (click to fill) and the bank's 3-D Secure answer. Laid out in
// ui/sandboxtoolspanel.ui; the keypad, the test cards and the invitation box are added here.
class SandboxToolsPanel : public QWidget {
    Q_OBJECT
public:
    SandboxToolsPanel(RegistrationController *controller, SandboxToolsClient *tools, SignupWizard *wizard,
                      QWidget *parent = nullptr);
    ~SandboxToolsPanel() override;

    void refreshInbox();
    void followConfirmationLink();
    void placeCall();
    void sendDigits(const QString &digits);
    void decide3ds(bool approve);
    QString robotSays() const { return m_robotSays; }

private:
    void onRegistrationChanged();
    void showResult(QLabel *label, const QString &text);

    std::unique_ptr<Ui::SandboxToolsPanel> ui;
    RegistrationController *m_controller;
    SandboxToolsClient *m_tools;
    SignupWizard *m_wizard;
    QList<OutboxMessage> m_messages;
    QString m_callId;
    QString m_robotSays;
    QString m_mailKey;
};

} // namespace signup
