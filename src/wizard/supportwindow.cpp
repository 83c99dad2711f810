#include "wizard/supportwindow.h"

#include "api/registrationclient.h"
#include "session/keychaintokenstore.h"
#include "wizard/icons.h"
#include "wizard/stepspanel.h"
#include "wizard/uitext.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace signup {

namespace {

QLabel *valueLabel(QWidget *parent, const QString &name) {
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setText(QStringLiteral("—"));
    return label;
}

} // namespace

SupportWindow::SupportWindow(RegistrationClient *client, KeychainTokenStore *keyStore,
                             const QString &givenKey, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_keys(keyStore)
    , m_viewer(new SupportViewer(client, this)) {
    Icons::ensureLoaded();
    setObjectName(QStringLiteral("supportWindow"));
    setWindowTitle(tr("VK Cloud sign-up — support"));
    setWindowIcon(Icons::icon(QStringLiteral("app")));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    // The support key: asked once, kept in the keychain.
    m_keyGroup = new QGroupBox(tr("Support key"), central);
    auto *keyLayout = new QHBoxLayout(m_keyGroup);
    m_keyState = new QLabel(m_keyGroup);
    m_keyState->setObjectName(QStringLiteral("supportKeyState"));
    m_keyState->setWordWrap(true);
    keyLayout->addWidget(m_keyState, 1);
    m_keyLabel = new QLabel(tr("&Key:"), m_keyGroup);
    m_keyEdit = new QLineEdit(m_keyGroup);
    m_keyEdit->setObjectName(QStringLiteral("supportKeyEdit"));
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setAccessibleName(tr("Support key"));
    m_keyEdit->setAccessibleDescription(
        tr("The key your team lead gave you; it is kept in the system keychain."));
    m_keyLabel->setBuddy(m_keyEdit);
    keyLayout->addWidget(m_keyLabel);
    keyLayout->addWidget(m_keyEdit, 1);
    m_saveKey = new QPushButton(tr("&Save key"), m_keyGroup);
    m_saveKey->setObjectName(QStringLiteral("supportSaveKeyButton"));
    m_saveKey->setAutoDefault(true);
    keyLayout->addWidget(m_saveKey);
    m_forgetKey = new QPushButton(tr("F&orget key"), m_keyGroup);
    m_forgetKey->setObjectName(QStringLiteral("supportForgetKeyButton"));
    m_forgetKey->setAutoDefault(true);
    keyLayout->addWidget(m_forgetKey);
    layout->addWidget(m_keyGroup);

    // The customer's code.
    auto *codeRow = new QHBoxLayout;
    auto *codeLabel = new QLabel(tr("Customer's &code:"), central);
    m_codeEdit = new QLineEdit(central);
    m_codeEdit->setObjectName(QStringLiteral("supportCodeEdit"));
    m_codeEdit->setPlaceholderText(QStringLiteral("1234-5678"));
    m_codeEdit->setAccessibleName(tr("Customer's code"));
    m_codeEdit->setAccessibleDescription(tr("The eight digits the customer reads out"));
    codeLabel->setBuddy(m_codeEdit);
    m_follow = new QPushButton(tr("&Follow"), central);
    m_follow->setObjectName(QStringLiteral("supportFollowButton"));
    m_follow->setAutoDefault(true);
    codeRow->addWidget(codeLabel);
    codeRow->addWidget(m_codeEdit, 1);
    codeRow->addWidget(m_follow);
    layout->addLayout(codeRow);
    m_status = new QLabel(central);
    m_status->setObjectName(QStringLiteral("supportStatus"));
    m_status->setWordWrap(true);
    QFont bold = m_status->font();
    bold.setBold(true);
    m_status->setFont(bold);
    layout->addWidget(m_status);

    // What the customer sees: the steps, the masked registration, the last calls.
    auto *middle = new QHBoxLayout;
    m_steps = new StepsPanel(central);
    m_steps->setObjectName(QStringLiteral("supportStepsPanel"));
    middle->addWidget(m_steps);
    auto *details = new QGroupBox(tr("Registration"), central);
    auto *form = new QFormLayout(details);
    m_email = valueLabel(details, QStringLiteral("supportEmail"));
    m_phone = valueLabel(details, QStringLiteral("supportPhone"));
    m_card = valueLabel(details, QStringLiteral("supportCard"));
    m_region = valueLabel(details, QStringLiteral("supportRegion"));
    m_balance = valueLabel(details, QStringLiteral("supportBalance"));
    form->addRow(tr("Email:"), m_email);
    form->addRow(tr("Phone:"), m_phone);
    form->addRow(tr("Card:"), m_card);
    form->addRow(tr("Region:"), m_region);
    form->addRow(tr("Balance:"), m_balance);
    middle->addWidget(details, 1);
    layout->addLayout(middle);

    auto *eventsLabel = new QLabel(tr("&Last requests (newest first):"), central);
    m_events = new QTreeWidget(central);
    m_events->setObjectName(QStringLiteral("supportEvents"));
    m_events->setRootIsDecorated(false);
    m_events->setHeaderLabels(
        {tr("Time"), tr("Method"), tr("Route"), tr("Status"), tr("What the customer saw"), tr("Request id")});
    m_events->setAccessibleName(tr("Last requests"));
    m_events->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    eventsLabel->setBuddy(m_events);
    layout->addWidget(eventsLabel);
    layout->addWidget(m_events, 1);
    setCentralWidget(central);

    connect(m_saveKey, &QPushButton::clicked, this, &SupportWindow::saveKey);
    connect(m_keyEdit, &QLineEdit::returnPressed, this, &SupportWindow::saveKey);
    connect(m_forgetKey, &QPushButton::clicked, this, &SupportWindow::forgetKey);
    connect(m_follow, &QPushButton::clicked, this, &SupportWindow::follow);
    connect(m_codeEdit, &QLineEdit::returnPressed, this, &SupportWindow::follow);
    connect(m_viewer, &SupportViewer::stateChanged, this, &SupportWindow::showState);
    connect(m_viewer, &SupportViewer::viewChanged, this, &SupportWindow::showView);
    connect(m_viewer, &SupportViewer::problemChanged, this, [this](const ApiError &problem) {
        if (problem.isError())
            setStatus(tr("Connection problem: %1 Trying again…").arg(UiText::problem(problem).title));
        else
            showState(m_viewer->state());
    });

    if (!givenKey.isEmpty()) {
        useKey(givenKey, false);
    } else {
        useKey(QString(), false);
        m_keyState->setText(tr("Reading the support key from the system keychain…"));
        m_keys->read(this, [this](const KeychainTokenStore::Result &result) {
            if (result.ok() && !result.token.isEmpty()) {
                useKey(result.token, true);
            } else {
                useKey(QString(), false);
                if (result.status != KeychainTokenStore::Status::NotFound)
                    m_keyState->setText(tr("The system keychain cannot be read, so the key is not "
                                           "remembered. Type it for this session."));
                m_keyEdit->setFocus(Qt::OtherFocusReason);
            }
        });
    }
    resize(980, 680);
}

SupportWindow::~SupportWindow() = default;

QString SupportWindow::keychainKeyFor(const QString &origin) {
    return QStringLiteral("support-key:") + origin;
}

QString SupportWindow::statusText() const {
    return m_status->text();
}

void SupportWindow::setStatus(const QString &text) {
    m_status->setText(text);
    m_status->setAccessibleName(text);
}

void SupportWindow::useKey(const QString &key, bool remembered) {
    const bool have = !key.isEmpty();
    if (have)
        m_client->setSupportKey(key);
    else
        m_client->clearSupportKey();
    m_keyLabel->setVisible(!have);
    m_keyEdit->setVisible(!have);
    m_saveKey->setVisible(!have);
    m_forgetKey->setVisible(have && remembered);
    m_keyState->setText(!have        ? tr("Type the support key once; it is kept in the system keychain.")
                        : remembered ? tr("The support key is kept in the system keychain.")
                                     : tr("Using the support key given at start; it is not stored."));
    m_codeEdit->setEnabled(have);
    m_follow->setEnabled(have);
    if (have)
        m_codeEdit->setFocus(Qt::OtherFocusReason);
}

void SupportWindow::saveKey() {
    const QString key = m_keyEdit->text().trimmed();
    if (key.isEmpty())
        return;
    m_keyEdit->clear();
    m_saveKey->setEnabled(false);
    m_keys->write(key, this, [this, key](const KeychainTokenStore::Result &result) {
        m_saveKey->setEnabled(true);
        useKey(key, result.ok());
        if (!result.ok())
            m_keyState->setText(tr("The system keychain is not available: the key is used for this session "
                                   "only and you will need to type it again next time."));
    });
}

void SupportWindow::forgetKey() {
    m_viewer->stop();
    m_forgetKey->setEnabled(false);
    m_keys->remove(this, [this](const KeychainTokenStore::Result &) {
        m_forgetKey->setEnabled(true);
        useKey(QString(), false);
        m_keyState->setText(tr("The support key was removed from this computer."));
        m_keyEdit->setFocus(Qt::OtherFocusReason);
    });
}

void SupportWindow::follow() {
    const QString code = SupportViewer::normalizeCode(m_codeEdit->text());
    if (code.isEmpty()) {
        setStatus(tr("A code has eight digits, for example 1234-5678."));
        return;
    }
    m_events->clear();
    m_viewer->follow(code);
}

void SupportWindow::showState(SupportViewer::State state) {
    const QString code = m_viewer->code();
    switch (state) {
    case SupportViewer::State::Idle:
        setStatus(QString());
        break;
    case SupportViewer::State::Opening:
        setStatus(tr("Looking up code %1…").arg(code));
        break;
    case SupportViewer::State::Following:
        setStatus(tr("Following code %1 live.").arg(code));
        break;
    case SupportViewer::State::Ended:
        setStatus(tr("Code %1 has ended: it expired or the customer stopped sharing. Ask for a new code "
                     "to go on.")
                      .arg(code));
        break;
    case SupportViewer::State::NotFound:
        setStatus(tr("Code %1 is not valid: check the digits with the customer, or ask them for a new code.")
                      .arg(code));
        break;
    case SupportViewer::State::KeyRefused:
        setStatus(tr("The server does not accept this support key. Forget it and type the right one."));
        m_forgetKey->setVisible(true);
        break;
    }
    m_codeEdit->setEnabled(state != SupportViewer::State::KeyRefused);
}

QString SupportWindow::errorWords(int status, const QString &errorCode) {
    if (errorCode.isEmpty())
        return status >= 200 && status < 300 ? tr("OK") : QString();
    ApiError e;
    e.kind = ApiError::Kind::Http;
    e.httpStatus = status;
    e.setWireCode(errorCode);
    if (UiText::isFieldError(e)) {
        const QString words = UiText::fieldError(e.code);
        if (!words.isEmpty())
            return words;
    }
    return UiText::problem(e).title;
}

void SupportWindow::showView(const SupportView &view) {
    const Registration &r = view.registration;
    m_steps->setRegistration(r);
    m_email->setText(r.email.isEmpty() ? QStringLiteral("—") : r.email);
    m_phone->setText(r.phone ? r.phone->number : QStringLiteral("—"));
    m_card->setText(r.card
                        ? tr("%1 ending in %2").arg(UiText::brandName(r.card->paymentSystem()), r.card->last4)
                        : QStringLiteral("—"));
    m_region->setText(r.region.isEmpty() ? QStringLiteral("—") : UiText::regionName(r.region));
    m_balance->setText(UiText::money(r.balance));
    m_events->clear();
    for (const SupportEvent &e : view.events) {
        auto *item = new QTreeWidgetItem(m_events);
        item->setText(0, QLocale().toString(e.at.toLocalTime().time(), QStringLiteral("HH:mm:ss")));
        item->setText(1, e.method);
        item->setText(2, e.route);
        item->setText(3, QString::number(e.status));
        const QString words = errorWords(e.status, e.errorCode);
        item->setText(4, e.errorCode.isEmpty() ? words : QStringLiteral("%1 (%2)").arg(words, e.errorCode));
        item->setText(5, e.requestId);
    }
}

} // namespace signup
