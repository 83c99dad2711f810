#include "wizard/sandboxtoolspanel.h"

#include "api/registrationclient.h"
#include "api/sandboxtoolsclient.h"
#include "client/registrationcontroller.h"
#include "wizard/cardpage.h"
#include "wizard/phonepage.h"
#include "wizard/sandboxinvitebox.h"
#include "wizard/signupwizard.h"
#include "wizard/uitext.h"

#include "ui_sandboxtoolspanel.h"

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

SandboxToolsPanel::SandboxToolsPanel(RegistrationController *controller, SandboxToolsClient *tools,
                                     SignupWizard *wizard, QWidget *parent)
    : QWidget(parent)
    , ui(std::make_unique<Ui::SandboxToolsPanel>())
    , m_controller(controller)
    , m_tools(tools)
    , m_wizard(wizard) {
    ui->setupUi(this);

    // The keypad: object names such as "sandboxKey#" are no C++ names, so the keys are made here.
    const QString keys = QStringLiteral("123456789*0#");
    QList<QWidget *> keyButtons;
    for (int i = 0; i < keys.size(); ++i) {
        auto *key = new QPushButton(keys.mid(i, 1), ui->phoneBox);
        key->setObjectName(QStringLiteral("sandboxKey") + keys.at(i));
        key->setAccessibleName(tr("Key %1").arg(keys.at(i)));
        key->setFixedSize(34, 26);
        key->setAutoDefault(true); // Return or Space on a focused button presses it
        keyButtons.append(key);
        connect(key, &QPushButton::clicked, this,
                [this, k = keys.at(i)] { ui->sandboxDigits->insert(QString(k)); });
        ui->keypadLayout->addWidget(key, i / 3, i % 3);
    }

    // The test cards: one column, the number over its result. Two columns made the dock too wide
    // for a small screen, and a result cut to "3-D Secure, then y…" says nothing.
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
        auto *item = new QTreeWidgetItem(ui->sandboxCards, {card.first + QLatin1Char('\n') + card.second});
        item->setData(0, Qt::UserRole, card.first);
    }
    const QAbstractItemView *cardsView = ui->sandboxCards; // sizeHintForColumn() is public here
    ui->sandboxCards->setMinimumWidth(cardsView->sizeHintForColumn(0) + 2 * ui->sandboxCards->frameWidth() +
                                      style()->pixelMetric(QStyle::PM_ScrollBarExtent));

    nameStatusLabel(ui->sandboxInboxStatus, tr("Inbox status"));
    nameStatusLabel(ui->sandboxRobotSays, tr("What the robot says"));
    nameStatusLabel(ui->sandboxCallStatus, tr("Call status"));
    nameStatusLabel(ui->sandbox3dsStatus, tr("Bank status"));

    // The invitation box below the cards, above the stretch.
    ui->toolsLayout->insertWidget(ui->toolsLayout->indexOf(ui->cardBox) + 1,
                                  new SandboxInviteBox(tools, wizard, this));

    // Tab follows the eye: the inbox, then the phone from top to bottom (Call from, Call, the
    // keypad row by row, the keypad field, Send tones), then the cards and the bank. The form
    // orders all but the keypad, which is put between Call and the keypad field here.
    QList<QWidget *> order{ui->sandboxCall};
    order += keyButtons;
    order += ui->sandboxDigits;
    for (int i = 0; i + 1 < order.size(); ++i)
        setTabOrder(order[i], order[i + 1]);

    connect(ui->sandboxRefreshInbox, &QPushButton::clicked, this, &SandboxToolsPanel::refreshInbox);
    connect(ui->sandboxFollowLink, &QPushButton::clicked, this, &SandboxToolsPanel::followConfirmationLink);
    connect(ui->sandboxInbox, &QListWidget::currentRowChanged, this, [this](int row) {
        ui->sandboxMailText->setPlainText(row >= 0 && row < m_messages.size() ? m_messages[row].text
                                                                              : QString());
    });
    connect(ui->sandboxCall, &QPushButton::clicked, this, &SandboxToolsPanel::placeCall);
    connect(ui->sandboxSendDigits, &QPushButton::clicked, this,
            [this] { sendDigits(ui->sandboxDigits->text()); });
    connect(ui->sandboxDigits, &QLineEdit::returnPressed, this,
            [this] { sendDigits(ui->sandboxDigits->text()); });
    connect(ui->sandboxCards, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        if (auto *page = qobject_cast<CardPage *>(m_wizard->page(SignupWizard::CardPageId))) {
            const QDate in3Years = QDate::currentDate().addYears(3);
            page->fillCard(item->data(0, Qt::UserRole).toString(),
                           QStringLiteral("%1/%2")
                               .arg(in3Years.month(), 2, 10, QLatin1Char('0'))
                               .arg(in3Years.year() % 100, 2, 10, QLatin1Char('0')),
                           QStringLiteral("123"));
        }
    });
    connect(ui->sandboxApprove3ds, &QPushButton::clicked, this, [this] { decide3ds(true); });
    connect(ui->sandboxDecline3ds, &QPushButton::clicked, this, [this] { decide3ds(false); });
    connect(controller, &RegistrationController::registrationChanged, this,
            &SandboxToolsPanel::onRegistrationChanged);
    connect(wizard, &QWizard::currentIdChanged, this, &SandboxToolsPanel::onRegistrationChanged);
    onRegistrationChanged();
}

SandboxToolsPanel::~SandboxToolsPanel() = default;

void SandboxToolsPanel::showResult(QLabel *label, const QString &text) {
    label->setText(text);
    // Empty, a label would take the group's title as its name: it keeps a name of its own.
    label->setAccessibleName(text.isEmpty() ? label->property("emptyName").toString() : text);
}

void SandboxToolsPanel::onRegistrationChanged() {
    const Registration &r = m_controller->registration();
    ui->sandboxFollowLink->setEnabled(!m_messages.isEmpty());
    const bool needs3ds = r.card && r.card->status == CardStatus::RequiresAction;
    ui->sandboxApprove3ds->setEnabled(needs3ds);
    ui->sandboxDecline3ds->setEnabled(needs3ds);
    const bool awaitingCall = r.phone && r.phone->status == PhoneStatus::AwaitingCall && !r.phoneConfirmed;
    ui->sandboxCall->setEnabled(awaitingCall);
    ui->sandboxSendDigits->setEnabled(awaitingCall && !m_callId.isEmpty());
    if (awaitingCall && ui->sandboxCallFrom->text().isEmpty())
        if (auto *page = qobject_cast<PhonePage *>(m_wizard->page(SignupWizard::PhonePageId)))
            ui->sandboxCallFrom->setText(page->enteredNumber());
    // A new email was sent (first one, resend, changed address): look in the inbox again.
    const QString mailKey = r.email + QLatin1Char('|') + r.emailResendAvailableAt.toString(Qt::ISODate);
    if (!r.email.isEmpty() && !r.emailConfirmed && mailKey != m_mailKey) {
        m_mailKey = mailKey;
        // The emails shown so far may hold links that no longer work: show the new inbox only.
        m_messages.clear();
        ui->sandboxInbox->clear();
        ui->sandboxFollowLink->setEnabled(false);
        refreshInbox();
    }
}

void SandboxToolsPanel::refreshInbox() {
    const QString email = m_controller->registration().email;
    if (email.isEmpty())
        return;
    m_tools->outbox(email, this, [this, email](const ApiResult<QList<OutboxMessage>> &result) {
        if (email != m_controller->registration().email)
            return; // the address changed meanwhile: a newer look is on its way
        if (!result.ok()) {
            showResult(ui->sandboxInboxStatus, UiText::problem(result.error).title);
            return;
        }
        m_messages = result.value;
        ui->sandboxInbox->clear();
        for (const OutboxMessage &m : m_messages)
            ui->sandboxInbox->addItem(QStringLiteral("%1 — %2").arg(
                m.sentAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")), m.subject));
        if (!m_messages.isEmpty())
            ui->sandboxInbox->setCurrentRow(0);
        showResult(ui->sandboxInboxStatus, m_messages.isEmpty() ? tr("No emails yet.") : QString());
        ui->sandboxFollowLink->setEnabled(!m_messages.isEmpty());
    });
}

void SandboxToolsPanel::followConfirmationLink() {
    const int row = std::max(0, ui->sandboxInbox->currentRow());
    if (row >= m_messages.size() || m_messages[row].confirmUrl.isEmpty())
        return;
    m_tools->transport()->confirmEmailLink(
        QUrl(m_messages[row].confirmUrl), this, [this](const ApiResult<QString> &result) {
            if (result.ok()) {
                showResult(ui->sandboxInboxStatus, tr("Link followed: the email is confirmed."));
                m_controller->refreshNow();
            } else if (result.error.code == ErrorCode::InvalidConfirmationLink) {
                showResult(ui->sandboxInboxStatus,
                           tr("This link no longer works (a newer email was sent). Use the newest email."));
            } else {
                showResult(ui->sandboxInboxStatus, UiText::problem(result.error).title);
            }
        });
}

void SandboxToolsPanel::placeCall() {
    const Registration &r = m_controller->registration();
    if (!r.phone)
        return;
    QString from = ui->sandboxCallFrom->text().trimmed();
    if (from.isEmpty())
        if (auto *page = qobject_cast<PhonePage *>(m_wizard->page(SignupWizard::PhonePageId)))
            from = page->enteredNumber();
    ui->sandboxCallFrom->setText(from);
    QString to = r.phone->callTo;
    to.remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
    m_tools->call(from, to, this, [this](const ApiResult<SandboxCall> &result) {
        if (!result.ok()) {
            showResult(ui->sandboxCallStatus, UiText::problem(result.error).title);
            return;
        }
        m_callId = result.value.callId;
        m_robotSays = result.value.robotSays;
        if (m_callId.isEmpty()) {
            showResult(ui->sandboxRobotSays,
                       tr("Nobody expects a call from this number. Call from the number you entered."));
        } else {
            showResult(ui->sandboxRobotSays, tr("The robot says: %1").arg(m_robotSays));
            ui->sandboxDigits->clear();
            // The person pressed Call here: go on to the keypad field, but never pull the focus
            // into this panel from the wizard.
            if (QWidget *focus = QApplication::focusWidget(); focus && isAncestorOf(focus))
                ui->sandboxDigits->setFocus();
        }
        ui->sandboxSendDigits->setEnabled(!m_callId.isEmpty());
    });
}

void SandboxToolsPanel::sendDigits(const QString &digits) {
    if (m_callId.isEmpty())
        return;
    m_tools->dtmf(m_callId, digits, this, [this](const ApiResult<KeyedDigitsResult> &result) {
        if (!result.ok()) {
            showResult(ui->sandboxCallStatus, UiText::problem(result.error).title);
            return;
        }
        switch (result.value) {
        case KeyedDigitsResult::Confirmed:
            showResult(ui->sandboxCallStatus, tr("The robot says: thank you, your number is confirmed."));
            m_callId.clear();
            m_controller->refreshNow();
            break;
        case KeyedDigitsResult::WrongDigits:
            showResult(ui->sandboxCallStatus, tr("The robot says: wrong digits, try again."));
            ui->sandboxDigits->clear();
            break;
        case KeyedDigitsResult::CallEnded:
        case KeyedDigitsResult::Unknown:
            showResult(ui->sandboxCallStatus, tr("The call has ended. Call again."));
            m_callId.clear();
            break;
        }
    });
}

void SandboxToolsPanel::decide3ds(bool approve) {
    const Registration &r = m_controller->registration();
    if (!r.card || r.card->actionUrl.isEmpty())
        return;
    const QString id = QUrl(r.card->actionUrl).path().section(QLatin1Char('/'), -1);
    m_tools->decide3ds(id, approve, this, [this, approve](const ApiResult<CardState> &result) {
        if (result.ok())
            showResult(ui->sandbox3dsStatus,
                       approve ? tr("The bank approved the payment.") : tr("The bank declined the payment."));
        else
            showResult(ui->sandbox3dsStatus, UiText::problem(result.error).title);
        m_controller->refreshNow();
    });
}

} // namespace signup
