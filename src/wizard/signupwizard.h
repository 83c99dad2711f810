#pragma once

#include "api/apierror.h"
#include "client/registrationcontroller.h"
#include "wizard/urlopener.h"

#include <QUrl>
#include <QWidget>
#include <QWizard>
#include <QWizardPage>
#include <functional>
#include <utility>

namespace signup {

class InvitationController;
class MessageArea;
class StepsPanel;
class SignupWizard;

// Gives every label under `root` that takes the keyboard focus (links, selectable text) a visible
// focus indicator.
void showFocusOnLabels(QWidget *root);

// "Creating your account…" with a moving bar: shown while a slow action runs.
class BusyIndicator : public QWidget {
    Q_OBJECT
public:
    BusyIndicator(const QString &text, QWidget *parent = nullptr);
    void setBusy(bool busy) { setVisible(busy); }
};

// The base of every page: access to the controller and to the shared message area.
class SignupPage : public QWizardPage {
    Q_OBJECT
public:
    explicit SignupPage(RegistrationController *controller, QWidget *parent = nullptr);
    // The field that gets the focus when the page opens (its first field).
    virtual QWidget *firstField() const { return nullptr; }
    // Something typed on this page that the server does not have yet (Close asks before losing it).
    virtual bool hasUnsavedInput() const { return false; }

protected:
    RegistrationController *controller() const { return m_controller; }
    SignupWizard *signupWizard() const;
    // Shows a non-field error in the message area; Retry calls `retry`.
    void showProblem(const ApiError &error, std::function<void()> retry);
    void clearProblem();
    bool isCurrentPage() const;
    // Emits completeChanged() only when isComplete() really changed: every emission makes QWizard
    // lay out and repaint its buttons and page area again.
    void updateComplete();
    // Puts the focus on `field` unless the person is working elsewhere in the window (for example
    // in the Sandbox tools): a page never pulls the focus out of another panel by itself.
    void focusField(QWidget *field);

private:
    RegistrationController *m_controller;
    int m_lastComplete = -1; // -1: not reported yet
};

// The sign-up wizard: one page per step, the steps panel at the side. It alone decides which page
// shows, from the controller's state (followController()): it resumes at the first unfinished step
// and moves on when the controller reports a step done. Pages only ask the controllers to act and
// show the results: a page whose step is not done yet starts its action in validatePage() and
// returns false; the wizard then advances once the controller says the step is done.
class SignupWizard : public QWizard {
    Q_OBJECT
public:
    enum PageId {
        WelcomePageId,
        AccountPageId,
        EmailPageId,
        PhonePageId,
        CardPageId,
        DonePageId,
        InvitationPageId
    };
    Q_ENUM(PageId)

    explicit SignupWizard(RegistrationController *controller, QWidget *parent = nullptr);

    RegistrationController *controller() const { return m_controller; }
    MessageArea *messageArea() const { return m_messageArea; }
    void setMessageArea(MessageArea *area) { m_messageArea = area; }
    StepsPanel *stepsPanel() const { return m_steps; }

    static int pageForStep(Step step);

    // Joining a project by invitation (InvitationPage): opens the invitation page with `link`
    // (from Welcome, the command line or the Sandbox tools).
    InvitationController *invitations() const { return m_invitations; }
    void openInvitation(const QString &link);
    void setInvitationLink(const QString &link) { m_invitationLink = link; }
    QString takeInvitationLink() { return std::exchange(m_invitationLink, QString()); }

    // How links are opened (the bank's 3-D Secure page, the console). Default: the system browser.
    // Tests and the screenshot run replace it (it then counts as opened).
    void setUrlOpener(std::function<void(const QUrl &)> opener);
    // Opens only addresses UrlOpener allows; a refused address or a browser that did not open is
    // said in the message area (with the address and a Copy button when it may be opened by hand).
    void openUrl(const QUrl &url, std::function<void(UrlOpener::Outcome)> done = {});
    UrlOpener *urlOpener() const { return m_opener; }
    int pendingUrlOpens() const { return m_pendingOpens; }

    // The page after the current one: the invitation page when Welcome chose it, the Done page
    // after the invitation, otherwise the page of the controller's current step (never one already
    // passed).
    int nextId() const override;

    // "Sign in instead" on the account page: back to Welcome's sign-in form with `email` filled in.
    void signInInstead(const QString &email);

    // Close (the button, Escape, the window's close box): asks first when something typed on the
    // current page would be lost, and says whether the progress made so far is kept.
    bool confirmClose();
    // What Close says about the progress made so far (also the Close button's tool tip).
    QString progressNote() const;
    // How Close asks; tests replace it. Returns true to close.
    void setCloseQuestion(std::function<bool(const QString &title, const QString &text)> ask) {
        m_askClose = std::move(ask);
    }

    void reject() override;

protected:
    // QWizard hides its whole page area for a moment each time it updates its buttons (its
    // anti-flicker trick). Qt then moves the focus off the hidden field to the next focusable
    // widget of the window, which in this window is outside the wizard (the Sandbox tools), so
    // every key after the first went there. While the wizard's updates are off, keep the focus.
    bool focusNextPrevChild(bool next) override;

signals:
    void urlOpenFinished(const QUrl &url, signup::UrlOpener::Outcome outcome);

private:
    // The one place that moves the wizard by itself: to the page the controllers' state asks for.
    // Queued: it runs once the controllers' signals have reached every page. Moving twice is
    // harmless (a second call finds the wizard where it should be).
    void followController();
    // Opens at `id` with no pages behind it (Back is not offered to what came before).
    void restartAt(int id);
    void onCurrentIdChanged(int id);

    RegistrationController *m_controller;
    MessageArea *m_messageArea = nullptr;
    StepsPanel *m_steps = nullptr;
    UrlOpener *m_opener = nullptr;
    int m_pendingOpens = 0;
    std::function<bool(const QString &, const QString &)> m_askClose;
    InvitationController *m_invitations = nullptr;
    QString m_invitationLink;
};

} // namespace signup
