#include "wizard/keychainindicator.h"

#include "client/registrationcontroller.h"
#include "wizard/icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace signup {

KeychainIndicator::KeychainIndicator(RegistrationController *controller, QWidget *parent)
    : QFrame(parent)
    , m_controller(controller) {
    setObjectName(QStringLiteral("keychainIndicator"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    auto *icon = new QLabel(this);
    icon->setPixmap(Icons::pixmap(QStringLiteral("warning"), 20, 20, this));
    icon->setAccessibleName(tr("Warning"));
    layout->addWidget(icon, 0, Qt::AlignTop);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("keychainIndicatorText"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setForegroundRole(QPalette::ToolTipText);
    layout->addWidget(m_text, 1);
    m_retry = new QPushButton(tr("Try saving again"), this);
    m_retry->setObjectName(QStringLiteral("keychainRetryButton"));
    m_retry->setAutoDefault(false);
    layout->addWidget(m_retry, 0, Qt::AlignTop);
    connect(m_retry, &QPushButton::clicked, controller, &RegistrationController::retrySavingSession);
    connect(controller, &RegistrationController::persistenceChanged, this, &KeychainIndicator::refresh);
    connect(controller, &RegistrationController::sessionSaved, this, &KeychainIndicator::refresh);
    connect(controller, &RegistrationController::phaseChanged, this, &KeychainIndicator::refresh);
    refresh();
}

void KeychainIndicator::refresh() {
    const bool memoryOnly = m_controller->persistence() == RegistrationController::Persistence::MemoryOnly;
    const bool hasSession = m_controller->phase() == RegistrationController::Phase::Registering ||
                            m_controller->phase() == RegistrationController::Phase::Done;
    m_text->setText(
        tr("Your progress cannot be saved on this computer: the system keychain is locked or not "
           "available. If you close the wizard now, you will need to sign in again to continue. The "
           "wizard saves your progress as soon as the keychain is available."));
    m_retry->setVisible(hasSession);
    setAccessibleName(tr("Your progress cannot be saved on this computer"));
    setVisible(memoryOnly);
}

} // namespace signup
