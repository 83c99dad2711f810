// Joining a project by invitation in the wizard, typed through the focus against the embedded
// sandbox over HTTPS: a new person (link from the command line and pasted on Welcome), an existing
// account, and the links that cannot be used.

#include "api/sandboxtoolsclient.h"
#include "client/invitationcontroller.h"
#include "wizardfixture.h"

#include <QRadioButton>

using namespace signup;
using namespace signup::test;

namespace {
// VKSIGNUP_SHOT_DIR set: a picture of the window at the checked states, to look at.
void shoot(WizardRun &run, const QString &name) {
    const QString dir = qEnvironmentVariable("VKSIGNUP_SHOT_DIR");
    if (!dir.isEmpty())
        run.window->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}
} // namespace

class TestWizardInvitation : public QObject {
    Q_OBJECT
    std::unique_ptr<SandboxFixture> sandbox;
    std::unique_ptr<RegistrationClient> tools;

    SandboxInvitation invite(RegistrationClient *client, const QString &email) {
        SandboxInvitationRequest request;
        request.email = email;
        request.roles = {QStringLiteral("project_admin"), QStringLiteral("billing_admin")};
        request.projectName = QStringLiteral("Data platform");
        const auto r =
            await<SandboxInvitation>([&](auto d) { SandboxToolsClient(client).invite(request, this, d); });
        if (!r.ok())
            qWarning("sandboxInvite: %s", qPrintable(describe(r.error)));
        return r.value;
    }

    // The invitation page with the invitation shown and the focus in the password.
    void expectInvitationShown(WizardRun &run) {
        QVERIFY(run.waitPage(SignupWizard::InvitationPageId));
        WAIT_VERIFY(run.w(QStringLiteral("inviteDetailsGroup"))->isVisible(), kUiTimeout);
        QCOMPARE(run.w<QLabel>(QStringLiteral("inviteProjectValue"))->text(),
                 QStringLiteral("Data platform"));
        QCOMPARE(run.w<QLabel>(QStringLiteral("inviteRolesValue"))->text(),
                 QStringLiteral("project administrator, billing administrator"));
        STEP_OUT(run.expectFocus(QStringLiteral("invitePasswordEdit")));
        shoot(run, QStringLiteral("invitation"));
    }

    // Done for a member: the project and roles, the console, no phone or card waiting.
    void expectMemberDone(WizardRun &run, const SandboxInvitation &sent, const QString &email) {
        QVERIFY(run.waitPage(SignupWizard::DonePageId));
        QCOMPARE(run.wizard()->currentPage()->title(), QStringLiteral("You have joined the project"));
        QVERIFY(
            run.w<QLabel>(QStringLiteral("projectLabel"))->text().contains(QStringLiteral("Data platform")));
        QVERIFY(run.w<QLabel>(QStringLiteral("balanceLabel"))
                    ->text()
                    .contains(QStringLiteral("billing administrator")));
        QVERIFY(run.w(QStringLiteral("openConsoleButton"))->isEnabled());
        STEP_OUT(run.expectFocus(QStringLiteral("openConsoleButton")));
        shoot(run, QStringLiteral("done-member"));
        QCOMPARE(run.wizard()->stepsPanel()->stateOf(0), QStringLiteral("done"));
        QCOMPARE(run.wizard()->stepsPanel()->stateOf(1), QStringLiteral("done"));
        QCOMPARE(run.wizard()->stepsPanel()->stateOf(2), QStringLiteral("done"));
        QCOMPARE(run.wizard()->stepsPanel()->stateOf(3), QStringLiteral("done"));
        // The server has the membership.
        const auto r =
            await<Registration>([&](auto d) { run.stack->client()->registration(std::nullopt, 0, this, d); });
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        QCOMPARE(r.value.email, email);
        QCOMPARE(r.value.memberships.size(), 1);
        QCOMPARE(r.value.memberships.first().project.id, sent.project.id);
        QVERIFY(!r.value.project);
    }

    void expectLinkMessage(WizardRun &run, const QString &words) {
        WAIT_VERIFY(run.message(QStringLiteral("inviteLinkErrorLabel")).contains(words), kUiTimeout);
        QVERIFY(!run.w(QStringLiteral("inviteDetailsGroup"))->isVisible());
        STEP_OUT(run.expectFocus(QStringLiteral("inviteLinkEdit")));
    }

private slots:
    void initTestCase() {
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
        tools = std::make_unique<RegistrationClient>(sandbox->config());
    }

    void newPersonJoinsByCommandLineLink() {
        const QString email = uniqueEmail(QStringLiteral("joiner"));
        const SandboxInvitation sent = invite(tools.get(), email);
        {
            WizardRun run(*sandbox, true);
            // What the program does with `vkcloud-signup <link>`.
            run.wizard()->openInvitation(sent.url.toString());
            STEP_OUT(expectInvitationShown(run));
            QCOMPARE(run.w<QLineEdit>(QStringLiteral("inviteEmailEdit"))->text(), email);
            QVERIFY(run.w<QLineEdit>(QStringLiteral("inviteEmailEdit"))->isReadOnly());
            STEP_OUT(run.type(QStringLiteral("invitePasswordEdit"), QStringLiteral("short")));
            QVERIFY(!run.forward()->isEnabled()); // the same rules as for any account
            STEP_OUT(run.retype(QStringLiteral("invitePasswordEdit"), kPassword));
            QVERIFY(run.forward()->isEnabled());
            run.key(Qt::Key_Return);
            STEP_OUT(expectMemberDone(run, sent, email));
        }
        // Resume: the next start opens at the member's Done page.
        WizardRun again(*sandbox);
        QVERIFY(again.waitPage(SignupWizard::DonePageId));
        WAIT_COMPARE(again.wizard()->currentPage()->title(), QStringLiteral("You have joined the project"),
                     kUiTimeout);
        again.controller()->forgetStoredSession();
    }

    void newPersonJoinsByLinkPastedOnWelcome() {
        const QString email = uniqueEmail(QStringLiteral("paster"));
        const SandboxInvitation sent = invite(tools.get(), email);
        WizardRun run(*sandbox, true);
        WAIT_VERIFY(run.forward()->isEnabled(), kUiTimeout);
        STEP_OUT(run.expectFocus(QStringLiteral("createRadio")));
        // The arrows move through the choices; Tab goes on to the link field.
        run.key(Qt::Key_Down);
        STEP_OUT(run.expectFocus(QStringLiteral("signInRadio")));
        run.key(Qt::Key_Down);
        STEP_OUT(run.expectFocus(QStringLiteral("invitationRadio")));
        run.key(Qt::Key_Tab);
        QVERIFY(run.w<QRadioButton>(QStringLiteral("invitationRadio"))->isChecked());
        STEP_OUT(run.expectFocus(QStringLiteral("invitationLinkEdit")));
        STEP_OUT(run.type(QStringLiteral("invitationLinkEdit"), sent.url.toString()));
        run.key(Qt::Key_Return);
        STEP_OUT(expectInvitationShown(run));
        STEP_OUT(run.type(QStringLiteral("invitePasswordEdit"), kPassword));
        run.key(Qt::Key_Return);
        STEP_OUT(expectMemberDone(run, sent, email));
        run.controller()->forgetStoredSession();
    }

    void existingAccountSignsInAndJoins() {
        const QString email = uniqueEmail(QStringLiteral("owner"));
        const auto created = await<SessionResult>([&](auto d) {
            tools->createAccount({email, kPassword, QStringLiteral("ru-msk"), QStringLiteral("en")},
                                 RegistrationClient::newIdempotencyKey(), this, d);
        });
        QVERIFY2(created.ok(), qPrintable(describe(created.error)));
        const SandboxInvitation sent = invite(tools.get(), email);
        WizardRun run(*sandbox, true);
        run.wizard()->openInvitation(sent.url.toString());
        STEP_OUT(expectInvitationShown(run));
        QVERIFY(run.w<QLabel>(QStringLiteral("inviteModeLabel"))->text().contains(QStringLiteral("Sign in")));
        QVERIFY(!run.w(QStringLiteral("invitePasswordRulesHost"))->isVisible());
        STEP_OUT(run.type(QStringLiteral("invitePasswordEdit"), QStringLiteral("Wr0ng-Passw0rd")));
        run.key(Qt::Key_Return);
        WAIT_VERIFY(!run.message(QStringLiteral("invitePasswordErrorLabel")).isEmpty(), kUiTimeout);
        STEP_OUT(run.expectFocus(QStringLiteral("invitePasswordEdit")));
        STEP_OUT(run.retype(QStringLiteral("invitePasswordEdit"), kPassword));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::DonePageId));
        QCOMPARE(run.wizard()->currentPage()->title(), QStringLiteral("You have joined the project"));
        const auto r =
            await<Registration>([&](auto d) { run.stack->client()->registration(std::nullopt, 0, this, d); });
        QVERIFY2(r.ok(), qPrintable(describe(r.error)));
        QCOMPARE(r.value.memberships.size(), 1);
        QCOMPARE(r.value.memberships.first().project.id, sent.project.id);
        run.controller()->forgetStoredSession();
    }

    void unknownAndUsedLinks() {
        WizardRun run(*sandbox, true);
        QUrl unknown = sandbox->baseUrl();
        unknown.setPath(QStringLiteral("/invite/0000000000000000000000"));
        run.wizard()->openInvitation(unknown.toString());
        QVERIFY(run.waitPage(SignupWizard::InvitationPageId));
        STEP_OUT(expectLinkMessage(run, QStringLiteral("not known")));

        // A link already used: the way forward is said, another link can be pasted at once.
        const QString email = uniqueEmail(QStringLiteral("used"));
        const SandboxInvitation sent = invite(tools.get(), email);
        const auto accepted = await<SessionResult>([&](auto d) {
            tools->acceptInvitationAsNewAccount(sent.token, kPassword, QStringLiteral("en"),
                                                RegistrationClient::newIdempotencyKey(), this, d);
        });
        QVERIFY2(accepted.ok(), qPrintable(describe(accepted.error)));
        STEP_OUT(run.retype(QStringLiteral("inviteLinkEdit"), sent.url.toString()));
        run.key(Qt::Key_Return);
        STEP_OUT(expectLinkMessage(run, QStringLiteral("already been accepted")));
        shoot(run, QStringLiteral("invitation-used"));

        STEP_OUT(run.retype(QStringLiteral("inviteLinkEdit"), QStringLiteral("hello")));
        run.key(Qt::Key_Return);
        STEP_OUT(expectLinkMessage(run, QStringLiteral("not an invitation link")));
    }

    void expiredLink() {
        // A sandbox of its own: its clock is moved a day ahead, past the invitation's 24 hours.
        SandboxFixture later;
        QVERIFY(later.ok());
        RegistrationClient client(later.config());
        const SandboxInvitation sent = invite(&client, uniqueEmail(QStringLiteral("late")));
        QVERIFY(later.sandbox->advanceClock(25 * 3600));
        WizardRun run(later, true);
        run.wizard()->openInvitation(sent.url.toString());
        QVERIFY(run.waitPage(SignupWizard::InvitationPageId));
        STEP_OUT(expectLinkMessage(run, QStringLiteral("expired")));
    }

    void signedInAsAnotherAddress() {
        const QString invited = uniqueEmail(QStringLiteral("invited"));
        const auto created = await<SessionResult>([&](auto d) {
            tools->createAccount({invited, kPassword, QStringLiteral("ru-msk"), QStringLiteral("en")},
                                 RegistrationClient::newIdempotencyKey(), this, d);
        });
        QVERIFY2(created.ok(), qPrintable(describe(created.error)));
        WizardRun run(*sandbox, true);
        const QString other = uniqueEmail(QStringLiteral("other"));
        STEP_OUT(createAccount(run, other));
        const SandboxInvitation sent = invite(tools.get(), invited);
        run.wizard()->openInvitation(sent.url.toString());
        STEP_OUT(expectInvitationShown(run));
        const QString mode = run.w<QLabel>(QStringLiteral("inviteModeLabel"))->text();
        QVERIFY2(mode.contains(other) && mode.contains(invited), qPrintable(mode));
        STEP_OUT(run.type(QStringLiteral("invitePasswordEdit"), kPassword));
        run.key(Qt::Key_Return);
        QVERIFY(run.waitPage(SignupWizard::DonePageId));
        WAIT_COMPARE(run.controller()->registration().email, invited, kUiTimeout);
        QCOMPARE(run.controller()->registration().memberships.size(), 1);
        run.controller()->forgetStoredSession();
    }
};

QTEST_MAIN(TestWizardInvitation)
#include "tst_wizard_invitation.moc"
