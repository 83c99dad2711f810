// Joining a project by invitation through the controllers: the real sandbox over HTTPS and the
// real Secret Service (tests/with-keyring.sh).

#include "../session/keychaintestsupport.h"
#include "api/registrationclient.h"
#include "api/sandboxtoolsclient.h"
#include "client/clientstack.h"
#include "client/invitationcontroller.h"
#include "client/registrationcontroller.h"
#include "session/keychaintokenstore.h"
#include "support/apitest.h"

#include <QSignalSpy>
#include <QTest>

using namespace signup;
using namespace signup::test;
using Controller = RegistrationController;
using Invitations = InvitationController;

namespace {
const int kTimeout = 20000;
} // namespace

class TestInvitationController : public QObject {
    Q_OBJECT

    std::unique_ptr<SandboxFixture> sandbox;
    std::unique_ptr<RegistrationClient> tools;

    std::unique_ptr<ClientStack> newStack(SandboxFixture *s = nullptr) {
        return std::make_unique<ClientStack>((s ? s : sandbox.get())->config());
    }

    QString storedToken() const {
        return secretToolLookup(sandbox->config().keychainService,
                                RegistrationClient::originOf(sandbox->baseUrl()));
    }

    template <typename C, typename A> ApiError run(C *c, A action, const std::function<void()> &invoke) {
        QSignalSpy finished(c, &C::actionFinished);
        invoke();
        if (!waitFor([&] { return !finished.isEmpty(); }, kTimeout)) {
            ApiError e;
            e.kind = ApiError::Kind::Timeout;
            return e;
        }
        if (!settled(c->client())) {
            ApiError e;
            e.kind = ApiError::Kind::Timeout;
            e.message = QStringLiteral("requests still in flight");
            return e;
        }
        if (finished.size() != 1 || finished.first().at(0).template value<A>() != action) {
            ApiError e;
            e.kind = ApiError::Kind::BadResponse;
            e.message = QStringLiteral("%1 actionFinished signals").arg(finished.size());
            return e;
        }
        return finished.first().at(1).template value<ApiError>();
    }

    SandboxInvitation invite(RegistrationClient *client, const QString &email) {
        SandboxInvitationRequest request;
        request.email = email;
        request.roles = {QStringLiteral("project_admin"), QStringLiteral("viewer")};
        request.projectName = QStringLiteral("Team project");
        const auto r =
            await<SandboxInvitation>([&](auto d) { SandboxToolsClient(client).invite(request, this, d); });
        if (!r.ok())
            qWarning("sandboxInvite: %s", qPrintable(describe(r.error)));
        return r.value;
    }

    void createAccount(Controller *c, const QString &email) {
        QSignalSpy saved(c, &Controller::sessionSaved);
        QCOMPARE(run(c, Controller::Action::CreateAccount,
                     [&] { c->createAccount(email, kPassword, QStringLiteral("ru-msk")); })
                     .kind,
                 ApiError::Kind::None);
        WAIT_COMPARE(saved.size(), 1, kTimeout);
    }

private slots:
    void initTestCase() {
        if (!qEnvironmentVariableIsSet("VKSIGNUP_TEST_HOME"))
            QFAIL("run under tests/with-keyring.sh (ctest does): it provides a private, unlocked keyring");
        sandbox = std::make_unique<SandboxFixture>();
        QVERIFY2(sandbox->ok(), qPrintable(sandbox->errorString()));
        tools = std::make_unique<RegistrationClient>(sandbox->config());
    }

    void cleanup() {
        auto stack = newStack();
        QSignalSpy removed(stack->tokens(), &KeychainTokenStore::removeFinished);
        stack->controller()->forgetStoredSession();
        QVERIFY(!removed.isEmpty() || removed.wait(kTimeout));
        QCOMPARE(storedToken(), QString());
    }

    void linkTokens() {
        QCOMPARE(Invitations::tokenFromText(
                     QStringLiteral("  https://cloud.example/invite/abc123def456ghi789 \n")),
                 QStringLiteral("abc123def456ghi789"));
        QVERIFY(Invitations::tokenFromText(QStringLiteral("https://cloud.example/signup")).isEmpty());
        QVERIFY(Invitations::tokenFromText(QStringLiteral("not a link")).isEmpty());
        QVERIFY(Invitations::tokenFromText(QString()).isEmpty());
    }

    void newPersonJoinsAndResumesAtDone() {
        const QString email = uniqueEmail(QStringLiteral("newcomer"));
        const SandboxInvitation sent = invite(tools.get(), email);
        QVERIFY(sent.url.isValid());
        auto stack = newStack();
        Controller *c = stack->controller();
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        Invitations inv(stack->client(), c);
        QSignalSpy loaded(&inv, &Invitations::invitationChanged);
        const ApiError e = run(&inv, Invitations::Action::Load, [&] { inv.load(sent.url.toString()); });
        QVERIFY2(!e.isError(), qPrintable(describe(e)));
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(inv.invitation().email, email);
        QCOMPARE(inv.invitation().project.name, QStringLiteral("Team project"));
        QCOMPARE(inv.invitation().roles,
                 QStringList({QStringLiteral("project_admin"), QStringLiteral("viewer")}));
        QVERIFY(!inv.invitation().accountExists);

        QSignalSpy saved(c, &Controller::sessionSaved);
        QSignalSpy joined(&inv, &Invitations::joinedProject);
        const ApiError a =
            run(&inv, Invitations::Action::AcceptAsNewAccount, [&] { inv.acceptAsNewAccount(kPassword); });
        QVERIFY2(!a.isError(), qPrintable(describe(a)));
        QCOMPARE(joined.size(), 1);
        QVERIFY(inv.joined());
        QCOMPARE(c->phase(), Controller::Phase::Done);
        QCOMPARE(c->registration().email, email);
        QCOMPARE(c->registration().memberships.size(), 1);
        QCOMPARE(c->registration().memberships.first().project.id, sent.project.id);
        WAIT_COMPARE(saved.size(), 1, kTimeout);
        QCOMPARE(saved.first().at(0).value<Controller::Persistence>(), Controller::Persistence::Keychain);
        QVERIFY(!storedToken().isEmpty());

        // The next start of the wizard finds the member's finished registration.
        auto again = newStack();
        QVERIFY(!run(again->controller(), Controller::Action::Start, [&] {
                     again->controller()->start();
                 }).isError());
        QCOMPARE(again->controller()->phase(), Controller::Phase::Done);
        QCOMPARE(again->controller()->registration().memberships.size(), 1);

        // The link is used now.
        Invitations other(again->client(), again->controller());
        const ApiError used =
            run(&other, Invitations::Action::Load, [&] { other.load(sent.url.toString()); });
        QCOMPARE(used.httpStatus, 409);
        QCOMPARE(used.code, ErrorCode::InvitationUsed);
        QVERIFY(!other.hasInvitation());
    }

    void existingAccountSignsInAndAccepts() {
        const QString email = uniqueEmail(QStringLiteral("member"));
        {
            auto owner = newStack();
            QVERIFY(!run(owner->controller(), Controller::Action::Start, [&] {
                         owner->controller()->start();
                     }).isError());
            createAccount(owner->controller(), email);
            owner->controller()->forgetStoredSession();
        }
        const SandboxInvitation sent = invite(tools.get(), email);
        auto stack = newStack();
        Controller *c = stack->controller();
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        Invitations inv(stack->client(), c);
        QVERIFY(!run(&inv, Invitations::Action::Load, [&] { inv.load(sent.url.toString()); }).isError());
        QVERIFY(inv.invitation().accountExists);

        // The new-account route is refused for an existing address.
        const ApiError exists =
            run(&inv, Invitations::Action::AcceptAsNewAccount, [&] { inv.acceptAsNewAccount(kPassword); });
        QCOMPARE(exists.code, ErrorCode::AccountExists);

        const ApiError wrong = run(&inv, Invitations::Action::SignInAndAccept,
                                   [&] { inv.signInAndAccept(QStringLiteral("Wr0ng-Passw0rd")); });
        QCOMPARE(wrong.code, ErrorCode::InvalidCredentials);
        QVERIFY(!inv.joined());

        const ApiError ok =
            run(&inv, Invitations::Action::SignInAndAccept, [&] { inv.signInAndAccept(kPassword); });
        QVERIFY2(!ok.isError(), qPrintable(describe(ok)));
        QVERIFY(inv.joined());
        QCOMPARE(c->registration().email, email);
        QCOMPARE(c->registration().memberships.size(), 1);
        QCOMPARE(c->registration().memberships.first().project.id, sent.project.id);
        QTRY_VERIFY_WITH_TIMEOUT(!storedToken().isEmpty(), kTimeout); // secret-tool: looked at every 50 ms
    }

    void signedInAsAnotherAddressIsAMismatch() {
        auto stack = newStack();
        Controller *c = stack->controller();
        QVERIFY(!run(c, Controller::Action::Start, [c] { c->start(); }).isError());
        createAccount(c, uniqueEmail(QStringLiteral("someone")));
        const SandboxInvitation sent = invite(tools.get(), uniqueEmail(QStringLiteral("invited")));
        Invitations inv(stack->client(), c);
        QVERIFY(!run(&inv, Invitations::Action::Load, [&] { inv.load(sent.url.toString()); }).isError());
        const ApiError e = run(&inv, Invitations::Action::AcceptSignedIn, [&] { inv.acceptSignedIn(); });
        QCOMPARE(e.httpStatus, 403);
        QCOMPARE(e.code, ErrorCode::InvitationEmailMismatch);
        QVERIFY(c->registration().memberships.isEmpty());
    }

    void unknownAndInvalidLinks() {
        auto stack = newStack();
        Invitations inv(stack->client(), stack->controller());
        QUrl unknown = sandbox->baseUrl();
        unknown.setPath(QStringLiteral("/invite/00000000000000000000000000000000"));
        const ApiError e = run(&inv, Invitations::Action::Load, [&] { inv.load(unknown.toString()); });
        QCOMPARE(e.httpStatus, 404);
        QCOMPARE(e.code, ErrorCode::InvitationNotFound);
        const ApiError bad = run(&inv, Invitations::Action::Load, [&] { inv.load(QStringLiteral("hello")); });
        QCOMPARE(bad.code, ErrorCode::InvitationLinkInvalid);
    }

    void expiredLink() {
        SandboxFixture later; // a sandbox of its own: its clock is moved on a day
        QVERIFY(later.ok());
        RegistrationClient client(later.config());
        const SandboxInvitation sent = invite(&client, uniqueEmail(QStringLiteral("late")));
        auto stack = newStack(&later);
        Invitations inv(stack->client(), stack->controller());
        QVERIFY(!run(&inv, Invitations::Action::Load, [&] { inv.load(sent.url.toString()); }).isError());
        QVERIFY(later.sandbox->advanceClock(24 * 3600 + 1)); // the link's lifetime (§5) has passed
        const ApiError e = run(&inv, Invitations::Action::Load, [&] { inv.load(sent.url.toString()); });
        QCOMPARE(e.httpStatus, 410);
        QCOMPARE(e.code, ErrorCode::InvitationExpired);
    }
};

QTEST_MAIN(TestInvitationController)
#include "tst_invitationcontroller.moc"
