#pragma once

#include "api/apitypes.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QPlainTextEdit;
class QTreeWidget;

namespace signup {

class RegistrationController;
class RegistrationClient;
class SignupWizard;

// Stands in for the outside world on a sandbox backend: the inbox with the confirmation email
// (following its link confirms), a phone simulator (call from the entered number, read the robot's
// digits, key them), the test cards (click to fill) and the bank's 3-D Secure answer.
class SandboxToolsPanel : public QWidget {
    Q_OBJECT
public:
    SandboxToolsPanel(RegistrationController *controller, RegistrationClient *client, SignupWizard *wizard,
                      QWidget *parent = nullptr);

    void refreshInbox();
    void followConfirmationLink();
    void placeCall();
    void sendDigits(const QString &digits);
    void decide3ds(bool approve);
    QString robotSays() const { return m_robotSays; }

signals:
    void dtmfAnswered(const QString &result);
    void threeDsAnswered(bool ok);

private:
    void onRegistrationChanged();
    void showResult(QLabel *label, const QString &text);

    RegistrationController *m_controller;
    RegistrationClient *m_client;
    SignupWizard *m_wizard;
    QList<OutboxMessage> m_messages;
    QString m_callId;
    QString m_robotSays;
    QString m_mailKey;

    QListWidget *m_inbox = nullptr;
    QPlainTextEdit *m_mailText = nullptr;
    QPushButton *m_followLink = nullptr;
    QLabel *m_inboxStatus = nullptr;
    QLineEdit *m_callFrom = nullptr;
    QPushButton *m_call = nullptr;
    QLabel *m_robot = nullptr;
    QLineEdit *m_digits = nullptr;
    QPushButton *m_sendDigits = nullptr;
    QLabel *m_callStatus = nullptr;
    QTreeWidget *m_cards = nullptr;
    QPushButton *m_approve3ds = nullptr;
    QPushButton *m_decline3ds = nullptr;
    QLabel *m_3dsStatus = nullptr;
};

} // namespace signup
