#include "wizard/sandboxtoolspanel.h"

#include "api/registrationclient.h"
#include "client/registrationcontroller.h"
#include "wizard/cardpage.h"
#include "wizard/phonepage.h"
#include "wizard/sandboxinvitebox.h"
#include "wizard/signupwizard.h"
#include "wizard/uitext.h"

#include <QApplication>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace signup {

// An empty status label would take its group's title as its name: it has a name of its own.
static void nameStatusLabel(QLabel *label, const QString &name) {
    label->setProperty("emptyName", name);
    label->setAccessibleName(name);
}

SandboxToolsPanel::SandboxToolsPanel(RegistrationController *controller, RegistrationClient *client,
                                     SignupWizard *wizard, QWidget *parent)
    : QWidget(parent)
    , m_controller(controller)
    , m_client(client)
    , m_wizard(wizard) {
    setObjectName(QStringLiteral("sandboxTools"));
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);

    // The inbox.
    auto *mailBox = new QGroupBox(tr("Inbox"), this);
    auto *mail = new QVBoxLayout(mailBox);
    m_inbox = new QListWidget(mailBox);
    m_inbox->setObjectName(QStringLiteral("sandboxInbox"));
    m_inbox->setAccessibleName(tr("Emails sent to you"));
    m_inbox->setMaximumHeight(70);
    m_mailText = new QPlainTextEdit(mailBox);
    m_mailText->setObjectName(QStringLiteral("sandboxMailText"));
    m_mailText->setReadOnly(true);
    m_mailText->setMaximumHeight(90);
    m_mailText->setAccessibleName(tr("Email text"));
    auto *mailButtons = new QHBoxLayout;
    auto *refresh = new QPushButton(tr("Refresh"), mailBox);
    refresh->setObjectName(QStringLiteral("sandboxRefreshInbox"));
    m_followLink = new QPushButton(tr("Follow the link"), mailBox);
    m_followLink->setObjectName(QStringLiteral("sandboxFollowLink"));
    m_followLink->setToolTip(tr("Does what clicking the link in the email does: confirms the address."));
    mailButtons->addWidget(refresh);
    mailButtons->addWidget(m_followLink);
    m_inboxStatus = new QLabel(mailBox);
    m_inboxStatus->setObjectName(QStringLiteral("sandboxInboxStatus"));
    m_inboxStatus->setWordWrap(true);
    mail->addWidget(m_inbox);
    mail->addWidget(m_mailText);
    mail->addLayout(mailButtons);
    mail->addWidget(m_inboxStatus);
    outer->addWidget(mailBox);

    // The phone.
    auto *phoneBox = new QGroupBox(tr("Your phone"), this);
    auto *phone = new QGridLayout(phoneBox);
    auto *fromLabel = new QLabel(tr("Call &from:"), phoneBox);
    m_callFrom = new QLineEdit(phoneBox);
    m_callFrom->setObjectName(QStringLiteral("sandboxCallFrom"));
    m_callFrom->setAccessibleName(tr("Call from"));
    m_callFrom->setPlaceholderText(QStringLiteral("+79123456789"));
    fromLabel->setBuddy(m_callFrom);
    fromLabel->setWordWrap(true); // the panel stays narrow on a small screen
    m_call = new QPushButton(tr("Call"), phoneBox);
    m_call->setObjectName(QStringLiteral("sandboxCall"));
    m_robot = new QLabel(phoneBox);
    m_robot->setObjectName(QStringLiteral("sandboxRobotSays"));
    m_robot->setWordWrap(true);
    auto *digitsLabel = new QLabel(tr("&Keypad:"), phoneBox);
    m_digits = new QLineEdit(phoneBox);
    m_digits->setObjectName(QStringLiteral("sandboxDigits"));
    m_digits->setAccessibleName(tr("Digits to key"));
    digitsLabel->setBuddy(m_digits);
    digitsLabel->setWordWrap(true);
    m_sendDigits = new QPushButton(tr("Send tones"), phoneBox);
    m_sendDigits->setObjectName(QStringLiteral("sandboxSendDigits"));
    auto *keypad = new QGridLayout;
    keypad->setSpacing(2);
    const QString keys = QStringLiteral("123456789*0#");
    QList<QWidget *> keyButtons;
    for (int i = 0; i < keys.size(); ++i) {
        auto *key = new QPushButton(keys.mid(i, 1), phoneBox);
        key->setObjectName(QStringLiteral("sandboxKey") + keys.at(i));
        key->setAccessibleName(tr("Key %1").arg(keys.at(i)));
        key->setFixedSize(34, 26);
        keyButtons.append(key);
        connect(key, &QPushButton::clicked, this, [this, k = keys.at(i)] { m_digits->insert(QString(k)); });
        keypad->addWidget(key, i / 3, i % 3);
    }
    m_callStatus = new QLabel(phoneBox);
    m_callStatus->setObjectName(QStringLiteral("sandboxCallStatus"));
    m_callStatus->setWordWrap(true);
    phone->addWidget(fromLabel, 0, 0);
    phone->addWidget(m_callFrom, 0, 1);
    phone->addWidget(m_call, 0, 2);
    phone->addWidget(m_robot, 1, 0, 1, 3);
    phone->addLayout(keypad, 2, 1);
    phone->addWidget(digitsLabel, 3, 0);
    phone->addWidget(m_digits, 3, 1);
    phone->addWidget(m_sendDigits, 3, 2);
    phone->addWidget(m_callStatus, 4, 0, 1, 3);
    outer->addWidget(phoneBox);

    // The test cards and the bank.
    auto *cardBox = new QGroupBox(tr("Test cards (double-click to fill)"), this);
    auto *cards = new QVBoxLayout(cardBox);
    m_cards = new QTreeWidget(cardBox);
    m_cards->setObjectName(QStringLiteral("sandboxCards"));
    m_cards->setAccessibleName(tr("Test cards"));
    m_cards->setRootIsDecorated(false);
    // One column, the number over its result: two columns made the dock too wide for a small
    // screen, and a result cut to "3-D Secure, then y…" says nothing.
    m_cards->setHeaderHidden(true);
    m_cards->setTextElideMode(Qt::ElideNone);
    m_cards->setUniformRowHeights(false);
    const QList<QPair<QString, QString>> testCards = {
        {QStringLiteral("2200 0000 0000 0004"), tr("Mir: linked")},
        {QStringLiteral("4111 1111 1111 1111"), tr("Visa: linked")},
        {QStringLiteral("5555 5555 5555 4444"), tr("Mastercard: linked")},
        {QStringLiteral("6200 0000 0000 0005"), tr("UnionPay: linked")},
        {QStringLiteral("4000 0000 0000 0002"), tr("Declined by the bank")},
        {QStringLiteral("4000 0000 0000 9995"), tr("Insufficient funds")},
        {QStringLiteral("2200 0000 0000 0012"), tr("Virtual card: refused")},
        {QStringLiteral("4000 0000 0000 3220"), tr("3-D Secure, then your choice")},
    };
    for (const auto &card : testCards) {
        auto *item = new QTreeWidgetItem(m_cards, {card.first + QLatin1Char('\n') + card.second});
        item->setData(0, Qt::UserRole, card.first);
    }
    m_cards->setMinimumHeight(160);
    const QAbstractItemView *cardsView = m_cards; // sizeHintForColumn() is public here
    m_cards->setMinimumWidth(cardsView->sizeHintForColumn(0) + 2 * m_cards->frameWidth() +
                             style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    auto *threeDs = new QHBoxLayout;
    m_approve3ds = new QPushButton(tr("Bank: approve"), cardBox);
    m_approve3ds->setObjectName(QStringLiteral("sandboxApprove3ds"));
    m_decline3ds = new QPushButton(tr("Bank: decline"), cardBox);
    m_decline3ds->setObjectName(QStringLiteral("sandboxDecline3ds"));
    threeDs->addWidget(m_approve3ds);
    threeDs->addWidget(m_decline3ds);
    m_3dsStatus = new QLabel(cardBox);
    m_3dsStatus->setWordWrap(true);
    m_3dsStatus->setObjectName(QStringLiteral("sandbox3dsStatus"));
    nameStatusLabel(m_inboxStatus, tr("Inbox status"));
    nameStatusLabel(m_robot, tr("What the robot says"));
    nameStatusLabel(m_callStatus, tr("Call status"));
    nameStatusLabel(m_3dsStatus, tr("Bank status"));
    cards->addWidget(m_cards);
    cards->addLayout(threeDs);
    cards->addWidget(m_3dsStatus);
    outer->addWidget(cardBox);
    outer->addWidget(new SandboxInviteBox(client, wizard, this));
    outer->addStretch();

    // Return or Space on a focused button presses it.
    for (QPushButton *b : findChildren<QPushButton *>())
        b->setAutoDefault(true);

    // Tab follows the eye: the inbox, then the phone from top to bottom (Call from, Call, the
    // keypad row by row, the keypad field, Send tones), then the cards and the bank.
    QList<QWidget *> order{m_inbox, m_mailText, refresh, m_followLink, m_callFrom, m_call};
    order += keyButtons;
    order += QList<QWidget *>{m_digits, m_sendDigits, m_cards, m_approve3ds, m_decline3ds};
    for (int i = 0; i + 1 < order.size(); ++i)
        setTabOrder(order[i], order[i + 1]);

    connect(refresh, &QPushButton::clicked, this, &SandboxToolsPanel::refreshInbox);
    connect(m_followLink, &QPushButton::clicked, this, &SandboxToolsPanel::followConfirmationLink);
    connect(m_inbox, &QListWidget::currentRowChanged, this, [this](int row) {
        m_mailText->setPlainText(row >= 0 && row < m_messages.size() ? m_messages[row].text : QString());
    });
    connect(m_call, &QPushButton::clicked, this, &SandboxToolsPanel::placeCall);
    connect(m_sendDigits, &QPushButton::clicked, this, [this] { sendDigits(m_digits->text()); });
    connect(m_digits, &QLineEdit::returnPressed, this, [this] { sendDigits(m_digits->text()); });
    connect(m_cards, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (auto *page = qobject_cast<CardPage *>(m_wizard->page(SignupWizard::CardPageId))) {
            const QDate in3Years = QDate::currentDate().addYears(3);
            page->fillCard(item->data(0, Qt::UserRole).toString(),
                           QStringLiteral("%1/%2")
                               .arg(in3Years.month(), 2, 10, QLatin1Char('0'))
                               .arg(in3Years.year() % 100, 2, 10, QLatin1Char('0')),
                           QStringLiteral("123"));
        }
    });
    connect(m_approve3ds, &QPushButton::clicked, this, [this] { decide3ds(true); });
    connect(m_decline3ds, &QPushButton::clicked, this, [this] { decide3ds(false); });
    connect(controller, &RegistrationController::registrationChanged, this,
            &SandboxToolsPanel::onRegistrationChanged);
    connect(wizard, &QWizard::currentIdChanged, this, &SandboxToolsPanel::onRegistrationChanged);
    onRegistrationChanged();
}

void SandboxToolsPanel::showResult(QLabel *label, const QString &text) {
    label->setText(text);
    // Empty, a label would take the group's title as its name: it keeps a name of its own.
    label->setAccessibleName(text.isEmpty() ? label->property("emptyName").toString() : text);
}

void SandboxToolsPanel::onRegistrationChanged() {
    const Registration &r = m_controller->registration();
    m_followLink->setEnabled(!m_messages.isEmpty());
    const bool needs3ds = r.card && r.card->status == CardStatus::RequiresAction;
    m_approve3ds->setEnabled(needs3ds);
    m_decline3ds->setEnabled(needs3ds);
    const bool awaitingCall = r.phone && r.phone->status == PhoneStatus::AwaitingCall && !r.phoneConfirmed;
    m_call->setEnabled(awaitingCall);
    m_sendDigits->setEnabled(awaitingCall && !m_callId.isEmpty());
    if (awaitingCall && m_callFrom->text().isEmpty())
        if (auto *page = qobject_cast<PhonePage *>(m_wizard->page(SignupWizard::PhonePageId)))
            m_callFrom->setText(page->enteredNumber());
    // A new email was sent (first one, resend, changed address): look in the inbox again.
    const QString mailKey = r.email + QLatin1Char('|') + r.emailResendAvailableAt.toString(Qt::ISODate);
    if (!r.email.isEmpty() && !r.emailConfirmed && mailKey != m_mailKey) {
        m_mailKey = mailKey;
        // The emails shown so far may hold links that no longer work: show the new inbox only.
        m_messages.clear();
        m_inbox->clear();
        m_followLink->setEnabled(false);
        refreshInbox();
    }
}

void SandboxToolsPanel::refreshInbox() {
    const QString email = m_controller->registration().email;
    if (email.isEmpty())
        return;
    m_client->sandboxOutbox(email, this, [this, email](const ApiResult<QList<OutboxMessage>> &result) {
        if (email != m_controller->registration().email)
            return; // the address changed meanwhile: a newer look is on its way
        if (!result.ok()) {
            showResult(m_inboxStatus, UiText::problem(result.error).title);
            return;
        }
        m_messages = result.value;
        m_inbox->clear();
        for (const OutboxMessage &m : m_messages)
            m_inbox->addItem(QStringLiteral("%1 — %2").arg(
                m.sentAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")), m.subject));
        if (!m_messages.isEmpty())
            m_inbox->setCurrentRow(0);
        showResult(m_inboxStatus, m_messages.isEmpty() ? tr("No emails yet.") : QString());
        m_followLink->setEnabled(!m_messages.isEmpty());
    });
}

void SandboxToolsPanel::followConfirmationLink() {
    const int row = std::max(0, m_inbox->currentRow());
    if (row >= m_messages.size() || m_messages[row].confirmUrl.isEmpty())
        return;
    m_client->confirmEmailLink(
        QUrl(m_messages[row].confirmUrl), this, [this](const ApiResult<QString> &result) {
            if (result.ok()) {
                showResult(m_inboxStatus, tr("Link followed: the email is confirmed."));
                m_controller->refreshNow();
            } else if (result.error.code == ErrorCode::InvalidConfirmationLink) {
                showResult(m_inboxStatus,
                           tr("This link no longer works (a newer email was sent). Use the newest email."));
            } else {
                showResult(m_inboxStatus, UiText::problem(result.error).title);
            }
        });
}

void SandboxToolsPanel::placeCall() {
    const Registration &r = m_controller->registration();
    if (!r.phone)
        return;
    QString from = m_callFrom->text().trimmed();
    if (from.isEmpty())
        if (auto *page = qobject_cast<PhonePage *>(m_wizard->page(SignupWizard::PhonePageId)))
            from = page->enteredNumber();
    m_callFrom->setText(from);
    QString to = r.phone->callTo;
    to.remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
    m_client->sandboxCall(from, to, this, [this](const ApiResult<SandboxCall> &result) {
        if (!result.ok()) {
            showResult(m_callStatus, UiText::problem(result.error).title);
            return;
        }
        m_callId = result.value.callId;
        m_robotSays = result.value.robotSays;
        if (m_callId.isEmpty()) {
            showResult(m_robot,
                       tr("Nobody expects a call from this number. Call from the number you entered."));
        } else {
            showResult(m_robot, tr("The robot says: %1").arg(m_robotSays));
            m_digits->clear();
            // The person pressed Call here: go on to the keypad field, but never pull the focus
            // into this panel from the wizard.
            if (QWidget *focus = QApplication::focusWidget(); focus && isAncestorOf(focus))
                m_digits->setFocus();
        }
        m_sendDigits->setEnabled(!m_callId.isEmpty());
    });
}

void SandboxToolsPanel::sendDigits(const QString &digits) {
    if (m_callId.isEmpty())
        return;
    m_client->sandboxDtmf(m_callId, digits, this, [this](const ApiResult<QString> &result) {
        if (!result.ok()) {
            showResult(m_callStatus, UiText::problem(result.error).title);
            return;
        }
        if (result.value == QLatin1String("confirmed")) {
            showResult(m_callStatus, tr("The robot says: thank you, your number is confirmed."));
            m_callId.clear();
            m_controller->refreshNow();
        } else if (result.value == QLatin1String("wrong_digits")) {
            showResult(m_callStatus, tr("The robot says: wrong digits, try again."));
            m_digits->clear();
        } else {
            showResult(m_callStatus, tr("The call has ended. Call again."));
            m_callId.clear();
        }
        emit dtmfAnswered(result.value);
    });
}

void SandboxToolsPanel::decide3ds(bool approve) {
    const Registration &r = m_controller->registration();
    if (!r.card || r.card->actionUrl.isEmpty())
        return;
    const QString id = QUrl(r.card->actionUrl).path().section(QLatin1Char('/'), -1);
    m_client->sandbox3dsDecision(id, approve, this, [this, approve](const ApiResult<CardState> &result) {
        if (result.ok())
            showResult(m_3dsStatus,
                       approve ? tr("The bank approved the payment.") : tr("The bank declined the payment."));
        else
            showResult(m_3dsStatus, UiText::problem(result.error).title);
        m_controller->refreshNow();
        emit threeDsAnswered(result.ok());
    });
}

} // namespace signup
