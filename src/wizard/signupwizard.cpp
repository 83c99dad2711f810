#include "wizard/signupwizard.h"

#include "wizard/accountpage.h"
#include "wizard/cardpage.h"
#include "wizard/donepage.h"
#include "wizard/emailpage.h"
#include "wizard/icons.h"
#include "wizard/invitationpage.h"
#include "wizard/messagearea.h"
#include "wizard/phonepage.h"
#include "wizard/stepspanel.h"
#include "wizard/welcomepage.h"

#include <QAbstractButton>
#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>

namespace signup {

SignupPage::SignupPage(RegistrationController *controller, QWidget *parent)
    : QWizardPage(parent)
    , m_controller(controller) {}

SignupWizard *SignupPage::signupWizard() const {
    return qobject_cast<SignupWizard *>(wizard());
}

void SignupPage::showProblem(const ApiError &error, std::function<void()> retry) {
    if (SignupWizard *w = signupWizard(); w && w->messageArea())
        w->messageArea()->showError(error, std::move(retry));
}

void SignupPage::clearProblem() {
    if (SignupWizard *w = signupWizard(); w && w->messageArea())
        w->messageArea()->clear();
}

bool SignupPage::isCurrentPage() const {
    return wizard() && wizard()->currentPage() == this;
}

void SignupPage::updateComplete() {
    const int complete = isComplete() ? 1 : 0;
    if (complete == m_lastComplete)
        return;
    m_lastComplete = complete;
    emit completeChanged();
}

void SignupPage::focusField(QWidget *field) {
    if (!field || !isCurrentPage())
        return;
    QWidget *focus = QApplication::focusWidget();
    // Inside the wizard (the page, its buttons) or nowhere: the page decides. Elsewhere: leave it.
    if (focus && window()->isAncestorOf(focus) && !wizard()->isAncestorOf(focus))
        return;
    field->setFocus(Qt::OtherFocusReason);
}

SignupWizard::SignupWizard(RegistrationController *controller, QWidget *parent)
    : QWizard(parent)
    , m_controller(controller) {
    Icons::ensureLoaded();
    setObjectName(QStringLiteral("signupWizard"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setButtonText(QWizard::CancelButton, tr("&Close"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("closeButton"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::CommitButton)->setObjectName(QStringLiteral("commitButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("backButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("finishButton"));
    setButtonText(QWizard::NextButton, tr("&Next >"));
    setButtonText(QWizard::BackButton, tr("< &Back"));
    setButtonText(QWizard::FinishButton, tr("F&inish"));
    setWindowTitle(tr("VK Cloud sign-up"));
    // Inside the main window the wizard is a dialog without a title bar: a screen reader takes its
    // name from here.
    setAccessibleName(tr("VK Cloud sign-up"));

    m_steps = new StepsPanel(this);
    m_steps->setAccessibleName(tr("Registration steps"));
    setSideWidget(m_steps);

    setPage(WelcomePageId, new WelcomePage(controller, this));
    setPage(AccountPageId, new AccountPage(controller, this));
    setPage(EmailPageId, new EmailPage(controller, this));
    setPage(PhonePageId, new PhonePage(controller, this));
    setPage(CardPageId, new CardPage(controller, this));
    setPage(DonePageId, new DonePage(controller, this));
    m_invitations = new InvitationController(controller->client(), controller, this);
    setPage(InvitationPageId, new InvitationPage(controller, m_invitations, this));
    setStartId(WelcomePageId);

    // Return or Space on a focused button in a page presses that button (not the wizard's Next).
    for (int id : pageIds()) {
        for (QPushButton *b : page(id)->findChildren<QPushButton *>())
            b->setAutoDefault(true);
        showFocusOnLabels(page(id));
    }

    m_opener = new UrlOpener(this);

    connect(controller, &RegistrationController::registrationChanged, m_steps, &StepsPanel::setRegistration);
    // Where the customer is decides the page. The move waits for a turn of the event loop, so that
    // every page has seen the same signals (an action's result, the new registration) first.
    const auto follow = [this] {
        QMetaObject::invokeMethod(this, &SignupWizard::followController, Qt::QueuedConnection);
    };
    connect(controller, &RegistrationController::phaseChanged, this, follow);
    connect(controller, &RegistrationController::stepChanged, this, follow);
    connect(m_invitations, &InvitationController::joinedProject, this, follow);
    connect(this, &QWizard::currentIdChanged, this, &SignupWizard::onCurrentIdChanged);
    connect(qApp, &QGuiApplication::applicationStateChanged, this, [this](Qt::ApplicationState state) {
        // Back from the mail client or the browser: look at once instead of waiting for the long poll.
        const int id = currentId();
        if (state == Qt::ApplicationActive && (id == EmailPageId || id == PhonePageId || id == CardPageId))
            m_controller->refreshNow();
    });
    connect(controller, &RegistrationController::registrationChanged, this,
            [this] { button(QWizard::CancelButton)->setToolTip(progressNote()); });
    connect(controller, &RegistrationController::persistenceChanged, this,
            [this] { button(QWizard::CancelButton)->setToolTip(progressNote()); });
    m_steps->setRegistration(controller->registration());
    if (controller->phase() != RegistrationController::Phase::Starting)
        follow();
}

int SignupWizard::pageForStep(Step step) {
    switch (step) {
    case Step::Account:
        return AccountPageId;
    case Step::ConfirmEmail:
        return EmailPageId;
    case Step::ConfirmPhone:
        return PhonePageId;
    case Step::BindCard:
        return CardPageId;
    case Step::Done:
        return DonePageId;
    }
    return AccountPageId;
}

void SignupWizard::setUrlOpener(std::function<void(const QUrl &)> opener) {
    m_opener->setLauncher([opener](const QUrl &url) {
        opener(url);
        return true;
    });
}

void SignupWizard::openUrl(const QUrl &url, std::function<void(UrlOpener::Outcome)> done) {
    ++m_pendingOpens;
    m_opener->open(url, m_controller->apiUrl(), this, [this, url, done](UrlOpener::Outcome outcome) {
        --m_pendingOpens;
        if (m_messageArea && outcome == UrlOpener::Outcome::Refused)
            m_messageArea->showNotice(
                tr("This link was not opened"),
                tr("The server sent a link that is not a secure VK Cloud address, so the "
                   "wizard did not open it: %1")
                    .arg(url.toDisplayString().left(200)),
                QStringLiteral("warning"));
        else if (m_messageArea && outcome == UrlOpener::Outcome::Failed)
            m_messageArea->showAddress(tr("The browser could not be opened"),
                                       tr("Open this address in your browser yourself:"), url);
        if (done)
            done(outcome);
        emit urlOpenFinished(url, outcome);
    });
}

void SignupWizard::openInvitation(const QString &link) {
    m_invitationLink = link;
    if (currentId() == InvitationPageId) {
        currentPage()->initializePage();
        return;
    }
    restartAt(InvitationPageId);
}

int SignupWizard::nextId() const {
    const int id = currentId();
    switch (id) {
    case -1:
    case DonePageId:
        return -1;
    case InvitationPageId:
        return DonePageId;
    case WelcomePageId:
        if (auto *welcome = qobject_cast<WelcomePage *>(page(WelcomePageId));
            welcome && welcome->choosesInvitation())
            return InvitationPageId;
        break;
    default:
        break;
    }
    return std::max(id + 1, pageForStep(m_controller->currentStep()));
}

void SignupWizard::signInInstead(const QString &email) {
    if (currentId() != AccountPageId)
        return;
    back();
    if (auto *welcome = qobject_cast<WelcomePage *>(currentPage()))
        welcome->startSignIn(email);
}

void SignupWizard::restartAt(int id) {
    setStartId(id);
    restart();
}

void SignupWizard::followController() {
    using Phase = RegistrationController::Phase;
    const int id = currentId();
    switch (m_controller->phase()) {
    case Phase::Starting:
        return;
    case Phase::NeedsSignIn:
        // The session ended on the server: sign in again, then continue where the customer was.
        // The invitation page signs in by itself.
        if (id != WelcomePageId && id != InvitationPageId)
            restartAt(WelcomePageId);
        return;
    case Phase::NeedsAccount:
        // A new registration (the session was forgotten): the pages of the old one no longer apply.
        if (id > AccountPageId && id != InvitationPageId)
            restartAt(WelcomePageId);
        return;
    case Phase::Registering:
    case Phase::Done:
        break;
    }
    if (id == InvitationPageId) {
        // Signing in to accept an invitation opens a session too: the page stays until joined.
        if (m_invitations->joined())
            next();
        return;
    }
    // The person chose to open an invitation on Welcome: that choice is theirs to go on with.
    if (auto *welcome = qobject_cast<WelcomePage *>(currentPage()); welcome && welcome->choosesInvitation())
        return;
    // Forward only, to the first unfinished step. Once the card is linked the card page stays:
    // autopayment can still be set there, and Next goes on to Done.
    const int target = pageForStep(m_controller->currentStep());
    if (id == -1 || id == CardPageId || target <= id)
        return;
    next();
}

BusyIndicator::BusyIndicator(const QString &text, QWidget *parent)
    : QWidget(parent) {
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QProgressBar(this);
    bar->setRange(0, 0); // no percentage: it moves to show that something is happening
    bar->setTextVisible(false);
    bar->setMaximumSize(120, 14);
    bar->setAccessibleName(text);
    auto *label = new QLabel(text, this);
    label->setObjectName(QStringLiteral("busyText"));
    layout->addWidget(bar);
    layout->addWidget(label);
    layout->addStretch();
    setAccessibleName(text);
    hide();
}

void showFocusOnLabels(QWidget *root) {
    // Labels a person can Tab to (links, selectable text) draw no focus indicator of their own:
    // a frame in the highlight colour shows where the focus is (a transparent one keeps the size).
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->focusPolicy() == Qt::NoFocus)
            continue;
        label->setStyleSheet(QStringLiteral("QLabel { border: 1px solid transparent; border-radius: 2px; }"
                                            "QLabel:focus { border-color: palette(highlight); }"));
    }
}

bool SignupWizard::focusNextPrevChild(bool next) {
    if (!updatesEnabled())
        return true;
    QWidget *focus = QApplication::focusWidget();
    if (focus && isAncestorOf(focus) && (!focus->isEnabled() || !focus->isVisible())) {
        // Qt moves the focus off a control that was just disabled or hidden (Add card while the
        // card is checked): keep it in the wizard instead of throwing it into another panel.
        for (QWidget *w = next ? focus->nextInFocusChain() : focus->previousInFocusChain(); w && w != focus;
             w = next ? w->nextInFocusChain() : w->previousInFocusChain()) {
            if (isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) && w->isVisible() && w->isEnabled()) {
                w->setFocus(next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
                return true;
            }
        }
        return true;
    }
    return QWizard::focusNextPrevChild(next);
}

QString SignupWizard::progressNote() const {
    const Registration &r = m_controller->registration();
    if (!r.accountCreated)
        return tr("No account has been created yet.");
    if (m_controller->persistence() == RegistrationController::Persistence::MemoryOnly)
        return tr(
            "The steps you finished are kept on the server, but this computer cannot remember your session: "
            "to continue later, sign in with your email and password.");
    return tr("The steps you finished are kept: next time the wizard opens where you stopped.");
}

bool SignupWizard::confirmClose() {
    auto *page = qobject_cast<SignupPage *>(currentPage());
    if (currentId() == DonePageId || !page || !page->hasUnsavedInput())
        return true;
    const QString title = tr("Close the sign-up?");
    const QString text = tr("What you typed on this page has not been sent yet and will be lost.") +
                         QLatin1Char(' ') + progressNote();
    if (m_askClose)
        return m_askClose(title, text);
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, this);
    QPushButton *close = box.addButton(tr("Close &anyway"), QMessageBox::DestructiveRole);
    QPushButton *stay = box.addButton(tr("&Keep editing"), QMessageBox::RejectRole);
    box.setDefaultButton(stay);
    box.setEscapeButton(stay);
    box.exec();
    return box.clickedButton() == close;
}

void SignupWizard::reject() {
    if (confirmClose())
        QWizard::reject();
}

void SignupWizard::onCurrentIdChanged(int id) {
    // Past the account there is no way back (every step is committed on the server): no Back button
    // rather than a greyed-out one.
    QList<WizardButton> buttons{QWizard::Stretch, QWizard::CommitButton, QWizard::NextButton,
                                QWizard::FinishButton, QWizard::CancelButton};
    if (id <= AccountPageId || id == InvitationPageId)
        buttons.insert(1, QWizard::BackButton);
    setButtonLayout(buttons);
    m_controller->setWatching(id == EmailPageId || id == PhonePageId || id == CardPageId);
    button(QWizard::CancelButton)->setToolTip(progressNote());
    // The wizard's buttons were created before the pages, so Tab went from the page's last field
    // to the panels beside the wizard: put them right after the page, as the eye goes.
    if (QWizardPage *page = currentPage()) {
        QWidget *last = nullptr;
        for (QWidget *w = page->nextInFocusChain(); w && page->isAncestorOf(w); w = w->nextInFocusChain())
            if (w->focusPolicy() & Qt::TabFocus)
                last = w;
        if (last) {
            QWidget *previous = last;
            for (WizardButton which : {QWizard::BackButton, QWizard::NextButton, QWizard::CommitButton,
                                       QWizard::FinishButton, QWizard::CancelButton}) {
                setTabOrder(previous, button(which));
                previous = button(which);
            }
        }
    }
    // QWizard gives the focus to the page's first tab stop (on the card page: the tab bar) or to
    // Next; a person expects it in the first field.
    if (auto *page = qobject_cast<SignupPage *>(currentPage()))
        if (QWidget *field = page->firstField(); field && field->isEnabled() && field->isVisibleTo(page))
            field->setFocus(Qt::OtherFocusReason);
}

} // namespace signup
