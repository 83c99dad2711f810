#pragma once

#include "api/apierror.h"
#include "client/registrationcontroller.h"
#include "wizard/urlopener.h"

#include <QUrl>
#include <QWizard>
#include <QWizardPage>
#include <functional>

namespace signup {

class MessageArea;
class StepsPanel;
class SignupWizard;

// The base of every page: access to the controller and to the shared message area.
class SignupPage : public QWizardPage {
    Q_OBJECT
public:
    explicit SignupPage(RegistrationController *controller, QWidget *parent = nullptr);
    // The next page is the page of the controller's current step, never one already done.
    int nextId() const override;

protected:
    RegistrationController *controller() const { return m_controller; }
    SignupWizard *signupWizard() const;
    // Shows a non-field error in the message area; Retry calls `retry`.
    void showProblem(const ApiError &error, std::function<void()> retry);
    void clearProblem();
    bool isCurrentPage() const;

private:
    RegistrationController *m_controller;
};

// The sign-up wizard: one page per step, the steps panel at the side. It resumes at the first
// unfinished step and moves on by itself when the server reports a step done.
class SignupWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId { WelcomePageId, AccountPageId, EmailPageId, PhonePageId, CardPageId, DonePageId };
    Q_ENUM(PageId)

    explicit SignupWizard(RegistrationController *controller, QWidget *parent = nullptr);

    RegistrationController *controller() const { return m_controller; }
    MessageArea *messageArea() const { return m_messageArea; }
    void setMessageArea(MessageArea *area) { m_messageArea = area; }
    StepsPanel *stepsPanel() const { return m_steps; }

    static int pageForStep(Step step);

    // How links are opened (the bank's 3-D Secure page, the console). Default: the system browser.
    // Tests and the screenshot run replace it (it then counts as opened).
    void setUrlOpener(std::function<void(const QUrl &)> opener);
    // Opens only addresses UrlOpener allows; a refused address or a browser that did not open is
    // said in the message area (with the address and a Copy button when it may be opened by hand).
    void openUrl(const QUrl &url, std::function<void(UrlOpener::Outcome)> done = {});
    UrlOpener *urlOpener() const { return m_opener; }
    int pendingUrlOpens() const { return m_pendingOpens; }

    // Moves forward (never back) to the page of the controller's current step.
    void advanceToCurrentStep();

signals:
    void urlOpened(const QUrl &url); // handed to the browser (or the test's opener)
    void urlOpenFinished(const QUrl &url, signup::UrlOpener::Outcome outcome);

private:
    void onPhaseChanged(RegistrationController::Phase phase);
    void onCurrentIdChanged(int id);

    RegistrationController *m_controller;
    MessageArea *m_messageArea = nullptr;
    StepsPanel *m_steps = nullptr;
    UrlOpener *m_opener = nullptr;
    int m_pendingOpens = 0;
    bool m_startResolved = false;
};

} // namespace signup
