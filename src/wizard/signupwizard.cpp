#include "wizard/signupwizard.h"

#include "wizard/accountpage.h"
#include "wizard/cardpage.h"
#include "wizard/donepage.h"
#include "wizard/emailpage.h"
#include "wizard/icons.h"
#include "wizard/messagearea.h"
#include "wizard/phonepage.h"
#include "wizard/stepspanel.h"
#include "wizard/welcomepage.h"

#include <QApplication>
#include <QTimer>

namespace signup {

SignupPage::SignupPage(RegistrationController *controller, QWidget *parent)
    : QWizardPage(parent)
    , m_controller(controller)
{
}

int SignupPage::nextId() const
{
    const SignupWizard *w = signupWizard();
    if (!w)
        return -1;
    int own = SignupWizard::WelcomePageId;
    for (int id : w->pageIds())
        if (w->page(id) == this)
            own = id;
    if (own >= SignupWizard::DonePageId)
        return -1;
    return std::max(own + 1, SignupWizard::pageForStep(m_controller->currentStep()));
}

SignupWizard *SignupPage::signupWizard() const
{
    return qobject_cast<SignupWizard *>(wizard());
}

void SignupPage::showProblem(const ApiError &error, std::function<void()> retry)
{
    if (SignupWizard *w = signupWizard(); w && w->messageArea())
        w->messageArea()->showError(error, std::move(retry));
}

void SignupPage::clearProblem()
{
    if (SignupWizard *w = signupWizard(); w && w->messageArea())
        w->messageArea()->clear();
}

bool SignupPage::isCurrentPage() const
{
    return wizard() && wizard()->currentPage() == this;
}

SignupWizard::SignupWizard(RegistrationController *controller, QWidget *parent)
    : QWizard(parent)
    , m_controller(controller)
{
    Icons::ensureLoaded();
    setObjectName(QStringLiteral("signupWizard"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage, true);
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    setButtonText(QWizard::CancelButton, tr("&Close"));
    setButtonText(QWizard::NextButton, tr("&Next >"));
    setButtonText(QWizard::BackButton, tr("< &Back"));
    setButtonText(QWizard::FinishButton, tr("&Finish"));
    setWindowTitle(tr("VK Cloud sign-up"));

    m_steps = new StepsPanel(this);
    setSideWidget(m_steps);

    setPage(WelcomePageId, new WelcomePage(controller, this));
    setPage(AccountPageId, new AccountPage(controller, this));
    setPage(EmailPageId, new EmailPage(controller, this));
    setPage(PhonePageId, new PhonePage(controller, this));
    setPage(CardPageId, new CardPage(controller, this));
    setPage(DonePageId, new DonePage(controller, this));
    setStartId(WelcomePageId);

    m_opener = new UrlOpener(this);

    connect(controller, &RegistrationController::registrationChanged, m_steps, &StepsPanel::setRegistration);
    connect(controller, &RegistrationController::phaseChanged, this, &SignupWizard::onPhaseChanged);
    connect(this, &QWizard::currentIdChanged, this, &SignupWizard::onCurrentIdChanged);
    connect(qApp, &QGuiApplication::applicationStateChanged, this, [this](Qt::ApplicationState state) {
        // Back from the mail client or the browser: look at once instead of waiting for the long poll.
        const int id = currentId();
        if (state == Qt::ApplicationActive && (id == EmailPageId || id == PhonePageId || id == CardPageId))
            m_controller->refreshNow();
    });
    m_steps->setRegistration(controller->registration());
    if (controller->phase() != RegistrationController::Phase::Starting)
        QTimer::singleShot(0, this, [this] { onPhaseChanged(m_controller->phase()); });
}

int SignupWizard::pageForStep(Step step)
{
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

void SignupWizard::setUrlOpener(std::function<void(const QUrl &)> opener)
{
    m_opener->setLauncher([opener](const QUrl &url) {
        opener(url);
        return true;
    });
}

void SignupWizard::openUrl(const QUrl &url, std::function<void(UrlOpener::Outcome)> done)
{
    if (UrlOpener::refusalReason(url, m_controller->apiUrl()).isEmpty())
        emit urlOpened(url);
    ++m_pendingOpens;
    m_opener->open(url, m_controller->apiUrl(), this, [this, url, done](UrlOpener::Outcome outcome) {
        --m_pendingOpens;
        if (m_messageArea && outcome == UrlOpener::Outcome::Refused)
            m_messageArea->showNotice(tr("This link was not opened"),
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

void SignupWizard::advanceToCurrentStep()
{
    const int target = pageForStep(m_controller->currentStep());
    if (currentId() < target && currentPage() && currentPage()->validatePage())
        next();
}

void SignupWizard::onPhaseChanged(RegistrationController::Phase phase)
{
    using Phase = RegistrationController::Phase;
    if (phase == Phase::Starting)
        return;
    const bool firstAnswer = !m_startResolved;
    m_startResolved = true;
    if (phase == Phase::Registering || phase == Phase::Done) {
        // Resuming a stored session: open straight at the first unfinished step.
        if (firstAnswer && currentId() <= WelcomePageId) {
            setStartId(pageForStep(m_controller->currentStep()));
            restart();
        }
        return;
    }
    if (phase == Phase::NeedsSignIn && currentId() != WelcomePageId) {
        // The session ended on the server: sign in again, then continue where the user was.
        setStartId(WelcomePageId);
        restart();
    }
}

void SignupWizard::onCurrentIdChanged(int id)
{
    // Past the account there is no way back (every step is committed on the server): no Back button
    // rather than a greyed-out one.
    QList<WizardButton> buttons{QWizard::Stretch, QWizard::CommitButton, QWizard::NextButton, QWizard::FinishButton,
                                QWizard::CancelButton};
    if (id <= AccountPageId)
        buttons.insert(1, QWizard::BackButton);
    setButtonLayout(buttons);
    m_controller->setWatching(id == EmailPageId || id == PhonePageId || id == CardPageId);
}

} // namespace signup
