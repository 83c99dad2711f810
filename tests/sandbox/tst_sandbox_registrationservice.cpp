// The sandbox's registration domain on its own: RegistrationService over a real SQLite file and the
// sandbox's world (outbox, phone robot, test cards), with no server, socket or TLS in between.
#include "../support/waitfor.h" // header only: this test does not link the test support
#include "core/clock.h"
#include "core/emailpolicy.h"
#include "core/registration.h"
#include "sandbox/registrationservice.h"
#include "sandbox/simulatedworld.h"
#include "sandbox/store.h"

#include <QDir>
#include <QEventLoop>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrlQuery>
#include <QtTest>

#include <memory>

using namespace signup;

namespace signup {
// QCOMPARE shows a refusal's code as the contract names it.
char *toString(ErrorCode code) {
    return qstrdup(qPrintable(wireName(code)));
}
} // namespace signup

namespace {

const QString Password = QStringLiteral("Correct-horse-42");
const QString RuPhone = QStringLiteral("+7 912 345-67-89");
const QString KzPhone = QStringLiteral("+7 701 123 45 67");

// The service, its store and world over one data directory.
struct Harness {
    QTemporaryDir dir;
    Clock clock;
    SandboxStore store{clock};
    std::unique_ptr<SandboxWorld> world;
    std::unique_ptr<RegistrationService> service;
    std::unique_ptr<PhoneRobot> robot;

    explicit Harness(ServiceSettings settings = fastSettings()) {
        QVERIFY(dir.isValid());
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("outbox")));
        QString error;
        QVERIFY2(store.open(dir.filePath(QStringLiteral("sandbox.sqlite")), &error), qPrintable(error));
        world = std::make_unique<SandboxWorld>(store, clock, dir.path());
        world->setBaseUrl(QStringLiteral("https://127.0.0.1:1"));
        service = std::make_unique<RegistrationService>(store, *world, clock, settings);
        service->setBaseUrl(QStringLiteral("https://127.0.0.1:1"));
        robot = std::make_unique<PhoneRobot>(store, *service);
    }

    static ServiceSettings fastSettings() {
        ServiceSettings s;
        s.passwordHashIterations = 1000; // the rules, not the key derivation, are under test
        s.cardProcessingMs = 0;
        s.emailResendCooldownSeconds = 0;
        s.serverSecret = QByteArray(32, 'k');
        return s;
    }

    // Runs an asynchronous step (the password is hashed on a pool) and waits for its answer.
    ServiceResult<SessionGrant> await(const std::function<void(RegistrationService::SessionDone)> &start) {
        auto out = std::make_shared<std::optional<ServiceResult<SessionGrant>>>();
        QEventLoop loop;
        start([out, &loop](const ServiceResult<SessionGrant> &r) {
            *out = r;
            loop.quit();
        });
        if (!*out) {
            QTimer::singleShot(10000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        if (*out)
            return **out;
        return ServiceError{
            Refusal::Internal, ErrorCode::Unknown, QStringLiteral("The test timed out"), {}, {}, -1};
    }

    ServiceResult<SessionGrant> signUp(const QString &email, const QString &region = QStringLiteral("ru-msk"),
                                       const QString &password = Password) {
        return await([&](RegistrationService::SessionDone done) {
            service->createAccount(NewAccount{email, password, region, Language::English}, std::move(done));
        });
    }

    ServiceResult<SessionGrant> signIn(const QString &email, const QString &password) {
        return await([&](RegistrationService::SessionDone done) {
            service->signIn(email, password, std::move(done));
        });
    }

    // The token of the newest confirmation link sent to email.
    QString confirmationToken(const QString &email) {
        for (const SandboxWorld::OutboxEntry &entry : world->outbox(EmailPolicy::normalized(email)))
            if (!entry.confirmUrl.isEmpty())
                return QUrlQuery(QUrl(entry.confirmUrl).query()).queryItemValue(QStringLiteral("token"));
        return {};
    }

    AccountRecord account(const QString &id) { return service->account(id).value; }

    // An account with its email confirmed.
    QString confirmedAccount(const QString &email, const QString &region = QStringLiteral("ru-msk")) {
        const auto grant = signUp(email, region);
        if (!grant.ok())
            return {};
        if (service->confirmEmail(confirmationToken(email)).outcome != EmailConfirmation::Confirmed)
            return {};
        return grant.value.account.id;
    }

    // Calls the robot from phone and types back what it says.
    PhoneRobot::DigitsResult callRobot(const QString &phone) {
        const PhoneRobot::Answer answer = robot->call(phone, QLatin1String(SandboxWorld::CallToNumber));
        if (!answer.known)
            return PhoneRobot::DigitsResult::NoSuchCall;
        return robot->enterDigits(answer.callId, answer.robotSays);
    }

    // An account with email and phone confirmed.
    QString accountReadyForCard(const QString &email, const QString &phone) {
        const QString id = confirmedAccount(email);
        if (id.isEmpty() || !service->startPhoneConfirmation(id, phone).ok())
            return {};
        return callRobot(phone) == PhoneRobot::DigitsResult::Confirmed ? id : QString();
    }
};

CardDetails card(const QString &number) {
    return CardDetails{number, 12, QDate::currentDate().year() + 3, QStringLiteral("123")};
}

Money rub(const char *value) {
    return Money{QString::fromLatin1(value), QStringLiteral("RUB")};
}

} // namespace

class TestRegistrationService : public QObject {
    Q_OBJECT
private slots:
    void createsAccountAndSendsConfirmation();
    void refusesInvalidAccounts();
    void refusesTakenEmail();
    void signsInAndLocksOutAfterFailures();
    void confirmsEmailOnceAndRefusesOldLinks();
    void changesAndResendsEmail();
    void phoneNeedsConfirmedEmailAndRegionNumber();
    void robotConfirmsPhoneAndNumberIsTakenAfterwards();
    void cardNeedsConfirmedPhone();
    void cardOutcomesFromTheProcessor();
    void threeDsDecidesTheCard();
    void autopaymentRules();
    void invitationsMakeMembers();
    void supportCodesReplaceAndWithdraw();
    void changeIsAnnouncedWithNewVersion();
    void advancingTheClockExpiresWhatRunsOut();
    void pendingNumberExpiresWhenItsTimeComes();
};

void TestRegistrationService::createsAccountAndSendsConfirmation() {
    Harness h;
    const auto grant = h.signUp(QStringLiteral("ivan@example.com"));
    QVERIFY2(grant.ok(), qPrintable(grant.error ? grant.error->message : QString()));
    QVERIFY(!grant.value.token.isEmpty());
    QCOMPARE(h.service->accountIdForToken(grant.value.token), grant.value.account.id);
    const Registration r = h.service->registrationOf(grant.value.account);
    QCOMPARE(r.email, QStringLiteral("ivan@example.com"));
    QCOMPARE(r.region, QStringLiteral("ru-msk"));
    QCOMPARE(r.nextStep, Step::ConfirmEmail);
    QCOMPARE(r.version, qint64(1));
    QVERIFY(!h.confirmationToken(QStringLiteral("ivan@example.com")).isEmpty());
    // The same message as a file in the outbox directory.
    QCOMPARE(QDir(h.dir.filePath(QStringLiteral("outbox"))).entryList({QStringLiteral("*.eml")}).size(), 1);

    h.service->signOut(grant.value.token);
    QVERIFY(h.service->accountIdForToken(grant.value.token).isEmpty());
}

void TestRegistrationService::refusesInvalidAccounts() {
    Harness h;
    auto r = h.signUp(QStringLiteral("not an address"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error->kind, Refusal::Invalid);
    QCOMPARE(r.error->code, ErrorCode::InvalidEmail);
    QCOMPARE(r.error->field, QStringLiteral("email"));

    r = h.signUp(QStringLiteral("ivan@example.com"), QStringLiteral("ru-msk"), QStringLiteral("short"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, ErrorCode::InvalidPassword);
    QVERIFY(!r.error->details.isEmpty());

    r = h.signUp(QStringLiteral("ivan@example.com"), QStringLiteral("mars-1"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, ErrorCode::UnknownRegion);
    QVERIFY(h.world->outbox({}).isEmpty());
}

void TestRegistrationService::refusesTakenEmail() {
    Harness h;
    QVERIFY(h.signUp(QStringLiteral("ivan@example.com")).ok());
    const auto again = h.signUp(QStringLiteral("Ivan@Example.COM"));
    QVERIFY(!again.ok());
    QCOMPARE(again.error->kind, Refusal::Conflict);
    QCOMPARE(again.error->code, ErrorCode::EmailTaken);
}

void TestRegistrationService::signsInAndLocksOutAfterFailures() {
    Harness h;
    const auto grant = h.signUp(QStringLiteral("ivan@example.com"));
    QVERIFY(grant.ok());
    const auto in = h.signIn(QStringLiteral("IVAN@example.com"), Password);
    QVERIFY(in.ok());
    QCOMPARE(in.value.account.id, grant.value.account.id);
    QVERIFY(in.value.token != grant.value.token);

    const auto unknown = h.signIn(QStringLiteral("nobody@example.com"), Password);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error->code, ErrorCode::InvalidCredentials);

    for (int i = 0; i < RegistrationService::SignInFailuresAllowed; ++i) {
        const auto wrong = h.signIn(QStringLiteral("ivan@example.com"), QStringLiteral("Wrong-password-1"));
        QVERIFY(!wrong.ok());
        QCOMPARE(wrong.error->kind, Refusal::Unauthorized);
    }
    // Locked out, even with the right password.
    const auto locked = h.signIn(QStringLiteral("ivan@example.com"), Password);
    QVERIFY(!locked.ok());
    QCOMPARE(locked.error->kind, Refusal::RateLimited);
    QCOMPARE(locked.error->code, ErrorCode::RateLimited);
    QVERIFY(locked.error->retryAfterSeconds > 0);
}

void TestRegistrationService::confirmsEmailOnceAndRefusesOldLinks() {
    Harness h;
    const auto grant = h.signUp(QStringLiteral("ivan@example.com"));
    QVERIFY(grant.ok());
    const QString id = grant.value.account.id;
    const QString first = h.confirmationToken(QStringLiteral("ivan@example.com"));

    QCOMPARE(h.service->confirmEmail(QStringLiteral("no-such-token")).outcome,
             EmailConfirmation::InvalidLink);
    // A change of address supersedes the first link.
    QVERIFY(h.service->changeEmail(id, QStringLiteral("ivan.petrov@example.com")).ok());
    QCOMPARE(h.service->confirmEmail(first).outcome, EmailConfirmation::InvalidLink);

    const QString second = h.confirmationToken(QStringLiteral("ivan.petrov@example.com"));
    const EmailConfirmation confirmed = h.service->confirmEmail(second);
    QCOMPARE(confirmed.outcome, EmailConfirmation::Confirmed);
    QCOMPARE(wireName(confirmed.language), QStringLiteral("en"));
    QCOMPARE(h.service->confirmEmail(second).outcome, EmailConfirmation::AlreadyConfirmed);
    QCOMPARE(h.service->registrationOf(h.account(id)).nextStep, Step::ConfirmPhone);

    const auto change = h.service->changeEmail(id, QStringLiteral("other@example.com"));
    QVERIFY(!change.ok());
    QCOMPARE(change.error->code, ErrorCode::AlreadyConfirmed);
    const auto resend = h.service->resendConfirmationEmail(id);
    QVERIFY(!resend.ok());
    QCOMPARE(resend.error->code, ErrorCode::AlreadyConfirmed);
}

void TestRegistrationService::changesAndResendsEmail() {
    Harness h;
    QVERIFY(h.signUp(QStringLiteral("taken@example.com")).ok());
    const auto grant = h.signUp(QStringLiteral("ivan@example.com"));
    QVERIFY(grant.ok());
    const QString id = grant.value.account.id;

    auto change = h.service->changeEmail(id, QStringLiteral("TAKEN@example.com"));
    QVERIFY(!change.ok());
    QCOMPARE(change.error->code, ErrorCode::EmailTaken);
    change = h.service->changeEmail(id, QStringLiteral("bad@@example"));
    QVERIFY(!change.ok());
    QCOMPARE(change.error->code, ErrorCode::InvalidEmail);

    // Five emails an hour, then a wait.
    for (int i = 0; i < RegistrationService::ResendsPerHour; ++i)
        QVERIFY(h.service->resendConfirmationEmail(id).ok());
    QCOMPARE(h.world->outbox(QStringLiteral("ivan@example.com")).size(),
             1 + RegistrationService::ResendsPerHour);
    const auto tooMany = h.service->resendConfirmationEmail(id);
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error->code, ErrorCode::RateLimited);
    QVERIFY(tooMany.error->retryAfterSeconds > 0);

    // The cooldown between two emails.
    ServiceSettings slow = Harness::fastSettings();
    slow.emailResendCooldownSeconds = 60;
    Harness h2(slow);
    const auto other = h2.signUp(QStringLiteral("ivan@example.com"));
    QVERIFY(other.ok());
    const auto early = h2.service->resendConfirmationEmail(other.value.account.id);
    QVERIFY(!early.ok());
    QCOMPARE(early.error->kind, Refusal::RateLimited);
    QVERIFY(early.error->retryAfterSeconds > 50 && early.error->retryAfterSeconds <= 60);
}

void TestRegistrationService::phoneNeedsConfirmedEmailAndRegionNumber() {
    Harness h;
    const auto grant = h.signUp(QStringLiteral("ivan@example.com"));
    QVERIFY(grant.ok());
    const QString id = grant.value.account.id;
    auto r = h.service->startPhoneConfirmation(id, RuPhone);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, ErrorCode::StepOrder);

    QCOMPARE(h.service->confirmEmail(h.confirmationToken(QStringLiteral("ivan@example.com"))).outcome,
             EmailConfirmation::Confirmed);
    // A Kazakh number (also +7) in the Moscow region.
    r = h.service->startPhoneConfirmation(id, KzPhone);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->kind, Refusal::Invalid);
    QCOMPARE(r.error->code, ErrorCode::PhoneRegionNotAllowed);
    QCOMPARE(r.error->field, QStringLiteral("phone"));
    r = h.service->startPhoneConfirmation(id, QStringLiteral("12345"));
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, ErrorCode::InvalidPhone);

    r = h.service->startPhoneConfirmation(id, RuPhone);
    QVERIFY(r.ok());
    QCOMPARE(r.value.phoneStatus, PhoneStatus::AwaitingCall);
    QCOMPARE(r.value.phoneCallTo, QString::fromLatin1(SandboxWorld::CallToNumber));
    QCOMPARE(r.value.phoneAttemptsLeft, RegistrationService::PhoneAttemptsPerHour - 1);
    // Shown masked.
    const QString shown = h.service->registrationOf(r.value).phone->number;
    QVERIFY2(shown.startsWith(QStringLiteral("+7 912")) && shown.contains(u'*') &&
                 !shown.contains(QStringLiteral("345")),
             qPrintable(shown));
}

void TestRegistrationService::robotConfirmsPhoneAndNumberIsTakenAfterwards() {
    Harness h;
    const QString first = h.confirmedAccount(QStringLiteral("first@example.com"));
    const QString second = h.confirmedAccount(QStringLiteral("second@example.com"));
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QVERIFY(h.service->startPhoneConfirmation(first, RuPhone).ok());
    QVERIFY(h.service->startPhoneConfirmation(second, RuPhone).ok());

    // A call from a number nobody waits for is not answered.
    QVERIFY(
        !h.robot->call(QStringLiteral("+7 912 000-00-00"), QLatin1String(SandboxWorld::CallToNumber)).known);
    const PhoneRobot::Answer answer = h.robot->call(RuPhone, QLatin1String(SandboxWorld::CallToNumber));
    QVERIFY(answer.known);
    // One wrong digit: the call goes on (three wrong tries end it).
    QString wrong = answer.robotSays;
    wrong[0] = QChar(u'0' + (wrong[0].digitValue() + 1) % 10);
    QCOMPARE(h.robot->enterDigits(answer.callId, wrong), PhoneRobot::DigitsResult::WrongDigits);
    QCOMPARE(h.robot->enterDigits(answer.callId, answer.robotSays), PhoneRobot::DigitsResult::Confirmed);
    QCOMPARE(h.robot->enterDigits(answer.callId, answer.robotSays), PhoneRobot::DigitsResult::CallEnded);

    // The call was made for one of the two; the other lost the number.
    const AccountRecord a = h.account(first), b = h.account(second);
    QVERIFY(a.phoneConfirmed() != b.phoneConfirmed());
    const QString loser = a.phoneConfirmed() ? second : first;
    QCOMPARE(h.account(loser).phoneStatus, PhoneStatus::Expired);
    const auto again = h.service->startPhoneConfirmation(loser, RuPhone);
    QVERIFY(!again.ok());
    QCOMPARE(again.error->code, ErrorCode::PhoneTaken);
    const QString winner = a.phoneConfirmed() ? first : second;
    const auto twice = h.service->startPhoneConfirmation(winner, RuPhone);
    QVERIFY(!twice.ok());
    QCOMPARE(twice.error->code, ErrorCode::AlreadyConfirmed);
}

void TestRegistrationService::cardNeedsConfirmedPhone() {
    Harness h;
    const QString id = h.confirmedAccount(QStringLiteral("ivan@example.com"));
    const auto r = h.service->addCard(id, card(QStringLiteral("4242 4242 4242 4242")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error->kind, Refusal::Conflict);
    QCOMPARE(r.error->code, ErrorCode::StepOrder);
}

void TestRegistrationService::cardOutcomesFromTheProcessor() {
    Harness h;
    const QString id = h.accountReadyForCard(QStringLiteral("ivan@example.com"), RuPhone);
    QVERIFY(!id.isEmpty());

    auto r = h.service->addCard(id, card(QStringLiteral("4242 4242 4242 4241")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, ErrorCode::InvalidCard);
    QCOMPARE(r.error->field, QStringLiteral("number"));
    CardDetails expired = card(QStringLiteral("4242 4242 4242 4242"));
    expired.expYear = QDate::currentDate().year() - 1;
    r = h.service->addCard(id, expired);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, ErrorCode::ExpiredCard);
    CardDetails badCvc = card(QStringLiteral("4242 4242 4242 4242"));
    badCvc.cvc = QStringLiteral("12");
    r = h.service->addCard(id, badCvc);
    QVERIFY(!r.ok());
    QCOMPARE(r.error->field, QStringLiteral("cvc"));

    // A virtual card: the processor declines it.
    r = h.service->addCard(id, card(QStringLiteral("2200 0000 0000 0012")));
    QVERIFY(r.ok());
    QCOMPARE(r.value.cardStatus, CardStatus::Processing);
    QCOMPARE(r.value.cardBrand, QStringLiteral("mir"));
    WAIT_COMPARE(int(h.account(id).cardStatus), int(CardStatus::Declined), 5000);
    QCOMPARE(h.account(id).cardDeclineCode, QStringLiteral("virtual_card_not_allowed"));

    r = h.service->addCard(id, card(QStringLiteral("4000 0000 0000 0002")));
    QVERIFY(r.ok());
    WAIT_COMPARE(int(h.account(id).cardStatus), int(CardStatus::Declined), 5000);
    QCOMPARE(h.account(id).cardDeclineCode, QStringLiteral("card_declined"));

    // A good card links and activates the account.
    r = h.service->addCard(id, card(QStringLiteral("4242 4242 4242 4242")));
    QVERIFY(r.ok());
    WAIT_COMPARE(int(h.account(id).cardStatus), int(CardStatus::Linked), 5000);
    const Registration reg = h.service->registrationOf(h.account(id));
    QCOMPARE(reg.nextStep, Step::Done);
    QCOMPARE(reg.card->last4, QStringLiteral("4242"));
    QVERIFY(reg.project.has_value());
    QVERIFY(reg.bonus.has_value());
    QCOMPARE(reg.balance.minorUnits(), reg.cardTestAmount.minorUnits());
    QCOMPARE(reg.consoleUrl, QStringLiteral("https://127.0.0.1:1/sandbox/v1/console/") + reg.project->id);

    r = h.service->addCard(id, card(QStringLiteral("5555 5555 5555 4444")));
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, ErrorCode::AlreadyLinked);
}

void TestRegistrationService::threeDsDecidesTheCard() {
    Harness h;
    const QString id = h.accountReadyForCard(QStringLiteral("ivan@example.com"), RuPhone);
    QVERIFY(!id.isEmpty());
    QVERIFY(h.service->addCard(id, card(QStringLiteral("4000 0000 0000 3220"))).ok());
    WAIT_COMPARE(int(h.account(id).cardStatus), int(CardStatus::RequiresAction), 5000);
    const QString session = h.account(id).cardActionId;
    QVERIFY(session.startsWith(QStringLiteral("3ds_")));
    QCOMPARE(h.service->cardOf(h.account(id)).actionUrl,
             QStringLiteral("https://127.0.0.1:1/sandbox/v1/3ds/") + session);

    const auto unknown = h.service->completeThreeDs(QStringLiteral("3ds_nothing"), true);
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error->kind, Refusal::NotFound);

    auto r = h.service->completeThreeDs(session, false);
    QVERIFY(r.ok());
    QCOMPARE(r.value.cardStatus, CardStatus::Declined);
    QCOMPARE(r.value.cardDeclineCode, QStringLiteral("authentication_failed"));
    // The first decision stands.
    r = h.service->completeThreeDs(session, true);
    QVERIFY(r.ok());
    QCOMPARE(r.value.cardStatus, CardStatus::Declined);

    QVERIFY(h.service->addCard(id, card(QStringLiteral("4000 0000 0000 3220"))).ok());
    WAIT_COMPARE(int(h.account(id).cardStatus), int(CardStatus::RequiresAction), 5000);
    r = h.service->completeThreeDs(h.account(id).cardActionId, true);
    QVERIFY(r.ok());
    QCOMPARE(r.value.cardStatus, CardStatus::Linked);
    QVERIFY(!r.value.projectId.isEmpty());
}

void TestRegistrationService::autopaymentRules() {
    Harness h;
    const QString id = h.accountReadyForCard(QStringLiteral("ivan@example.com"), RuPhone);
    QVERIFY(!id.isEmpty());
    auto r = h.service->setAutopayment(id, AutopaymentInput{true, rub("1000.00"), rub("500.00")});
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, ErrorCode::StepOrder);

    QVERIFY(h.service->addCard(id, card(QStringLiteral("5555 5555 5555 4444"))).ok());
    WAIT_COMPARE(int(h.account(id).cardStatus), int(CardStatus::Linked), 5000);

    r = h.service->setAutopayment(id, AutopaymentInput{true, rub("1000.00"), rub("50000.00")});
    QVERIFY(!r.ok());
    QCOMPARE(r.error->code, ErrorCode::InvalidAutopayment);
    QCOMPARE(r.error->field, QStringLiteral("amount"));
    r = h.service->setAutopayment(id, AutopaymentInput{true, std::nullopt, rub("500.00")});
    QVERIFY(!r.ok());
    QCOMPARE(r.error->field, QStringLiteral("threshold"));
    r = h.service->setAutopayment(
        id, AutopaymentInput{true, Money{QStringLiteral("1000.00"), QStringLiteral("KZT")}, rub("500.00")});
    QVERIFY(!r.ok());
    QCOMPARE(r.error->field, QStringLiteral("threshold"));

    r = h.service->setAutopayment(id, AutopaymentInput{true, rub("1000.00"), rub("500.00")});
    QVERIFY(r.ok());
    const Registration reg = h.service->registrationOf(r.value);
    QVERIFY(reg.autopayment.enabled);
    QCOMPARE(reg.autopayment.threshold.minorUnits(), qint64(100000));
    QCOMPARE(reg.autopayment.amount.minorUnits(), qint64(50000));
    // Switched off: the amounts may be null.
    r = h.service->setAutopayment(id, AutopaymentInput{false, std::nullopt, std::nullopt});
    QVERIFY(r.ok());
    QVERIFY(!r.value.autopayEnabled);
    QCOMPARE(r.value.autopayAmount, qint64(-1));
}

void TestRegistrationService::invitationsMakeMembers() {
    Harness h;
    auto created = h.service->createInvitation(
        NewInvitation{QStringLiteral("anna@example.com"), {QStringLiteral("member")}, {}, Language::Russian});
    QVERIFY(created.ok());
    QCOMPARE(created.value.invitation.projectName, QStringLiteral("Проект команды"));
    const QList<SandboxWorld::OutboxEntry> mail = h.world->outbox(QStringLiteral("anna@example.com"));
    QCOMPARE(mail.size(), 1);
    QCOMPARE(mail.first().inviteUrl, QStringLiteral("https://127.0.0.1:1/invite/") + created.value.token);
    QVERIFY(h.service->pendingInvitation(created.value.token).ok());

    const auto member = h.await([&](RegistrationService::SessionDone done) {
        h.service->acceptInvitationWithNewAccount(created.value.token, Password, {},
                                                  QStringLiteral("127.0.0.1"), std::move(done));
    });
    QVERIFY(member.ok());
    const Registration reg = h.service->registrationOf(member.value.account);
    QVERIFY(reg.emailConfirmed);
    QCOMPARE(reg.language, QStringLiteral("ru"));
    QCOMPARE(reg.nextStep, Step::Done);
    QCOMPARE(reg.memberships.size(), 1);
    QCOMPARE(reg.memberships.first().project.id, created.value.invitation.projectId);

    const auto used = h.service->pendingInvitation(created.value.token);
    QVERIFY(!used.ok());
    QCOMPARE(used.error->code, ErrorCode::InvitationUsed);

    // A signed-in account accepts only invitations for its own address.
    const auto owner = h.signUp(QStringLiteral("ivan@example.com"));
    QVERIFY(owner.ok());
    created = h.service->createInvitation(
        NewInvitation{QStringLiteral("someone@example.com"), {QStringLiteral("viewer")}, {}, std::nullopt});
    QVERIFY(created.ok());
    const auto mismatch = h.service->acceptInvitation(owner.value.account.id, created.value.token);
    QVERIFY(!mismatch.ok());
    QCOMPARE(mismatch.error->kind, Refusal::Forbidden);
    QCOMPARE(mismatch.error->code, ErrorCode::InvitationEmailMismatch);
    created = h.service->createInvitation(
        NewInvitation{QStringLiteral("ivan@example.com"), {QStringLiteral("viewer")}, {}, std::nullopt});
    QVERIFY(created.ok());
    const auto joined = h.service->acceptInvitation(owner.value.account.id, created.value.token);
    QVERIFY(joined.ok());
    QVERIFY(joined.value.emailConfirmed);
    QCOMPARE(joined.value.version, qint64(2));

    const auto missing = h.service->pendingInvitation(QStringLiteral("nothing"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error->kind, Refusal::NotFound);
}

void TestRegistrationService::supportCodesReplaceAndWithdraw() {
    Harness h;
    const auto grant = h.signUp(QStringLiteral("ivan@example.com"));
    QVERIFY(grant.ok());
    const QString id = grant.value.account.id;
    const auto first = h.service->createSupportCode(id);
    QVERIFY(first.ok());
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d{4}$")).match(first.value.code).hasMatch());
    const QString firstHash = h.service->supportCodeHash(first.value.code);
    QCOMPARE(h.service->supportCodeHash(QString(first.value.code).remove(u'-')), firstHash);
    QVERIFY(h.service->supportCodeHash(QStringLiteral("1234")).isEmpty());
    QVERIFY(h.service->supportCodeHash(QStringLiteral("1234-567a")).isEmpty());
    QVERIFY(h.service->supportCodeValid(firstHash));

    // A new code withdraws the earlier one.
    const auto second = h.service->createSupportCode(id);
    QVERIFY(second.ok());
    QVERIFY(!h.service->supportCodeValid(firstHash));
    const QString secondHash = h.service->supportCodeHash(second.value.code);
    QVERIFY(h.service->supportCodeValid(secondHash));
    QVERIFY(h.service->withdrawSupportCodes(id).ok());
    QVERIFY(!h.service->supportCodeValid(secondHash));

    for (int i = 2; i < RegistrationService::SupportCodesPerHour; ++i)
        QVERIFY(h.service->createSupportCode(id).ok());
    const auto tooMany = h.service->createSupportCode(id);
    QVERIFY(!tooMany.ok());
    QCOMPARE(tooMany.error->code, ErrorCode::RateLimited);
    const auto unknown = h.service->createSupportCode(QStringLiteral("acc_nobody"));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error->kind, Refusal::Unauthorized);
}

void TestRegistrationService::changeIsAnnouncedWithNewVersion() {
    Harness h;
    const auto grant = h.signUp(QStringLiteral("ivan@example.com"));
    QVERIFY(grant.ok());
    QSignalSpy changed(h.service.get(), &RegistrationService::registrationChanged);
    QVERIFY(h.service->confirmEmail(h.confirmationToken(QStringLiteral("ivan@example.com"))).outcome ==
            EmailConfirmation::Confirmed);
    QCOMPARE(h.account(grant.value.account.id).version, qint64(2));
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().first().toString(), grant.value.account.id);
}

void TestRegistrationService::advancingTheClockExpiresWhatRunsOut() {
    Harness h;
    const QString id = h.confirmedAccount(QStringLiteral("ivan@example.com"));
    QVERIFY(!id.isEmpty());
    QVERIFY(h.service->startPhoneConfirmation(id, RuPhone).ok());
    const auto invited = h.service->createInvitation(
        NewInvitation{QStringLiteral("anna@example.com"), {QStringLiteral("member")}, {}, std::nullopt});
    QVERIFY(invited.ok());
    const auto code = h.service->createSupportCode(id);
    QVERIFY(code.ok());
    const QString codeHash = h.service->supportCodeHash(code.value.code);
    const qint64 version = h.store.account(id)->version;
    QSignalSpy changed(h.service.get(), &RegistrationService::registrationChanged);

    // Short of the call window (300 s), nothing has run out: the number still waits for its call.
    h.clock.advance(std::chrono::seconds(299));
    QCOMPARE(h.store.account(id)->phoneStatus, PhoneStatus::AwaitingCall);
    QVERIFY(h.robot->call(RuPhone, QLatin1String(SandboxWorld::CallToNumber)).known);
    QVERIFY(h.service->pendingInvitation(invited.value.token).ok());
    QVERIFY(h.service->supportCodeValid(codeHash));

    // Past it, the number expires at once, without a request, and the change is announced.
    h.clock.advance(std::chrono::seconds(2));
    const auto stored = h.store.account(id);
    QCOMPARE(stored->phoneStatus, PhoneStatus::Expired);
    QCOMPARE(stored->version, version + 1);
    QVERIFY(changed.wait(5000));
    QCOMPARE(changed.first().first().toString(), id);
    QVERIFY(!h.robot->call(RuPhone, QLatin1String(SandboxWorld::CallToNumber)).known);
    // The support code (15 min) and the invitation (24 h) run out when their time has passed.
    QVERIFY(h.service->supportCodeValid(codeHash));
    h.clock.advance(std::chrono::minutes(15));
    QVERIFY(!h.service->supportCodeValid(codeHash));
    QVERIFY(h.service->pendingInvitation(invited.value.token).ok());
    h.clock.advance(std::chrono::hours(24));
    const auto expired = h.service->pendingInvitation(invited.value.token);
    QVERIFY(!expired.ok());
    QCOMPARE(expired.error->kind, Refusal::Gone);
    QCOMPARE(expired.error->code, ErrorCode::InvitationExpired);
}

void TestRegistrationService::pendingNumberExpiresWhenItsTimeComes() {
    Harness h;
    const QString id = h.confirmedAccount(QStringLiteral("ivan@example.com"));
    QVERIFY(!id.isEmpty());
    QVERIFY(h.service->startPhoneConfirmation(id, RuPhone).ok());
    // A fifth of a second before the window (300 s) closes: the service's own timer, set again
    // for the new time, expires the number when the real time catches up.
    h.clock.advance(std::chrono::milliseconds(300 * 1000 - 200));
    QCOMPARE(h.store.account(id)->phoneStatus, PhoneStatus::AwaitingCall);
    WAIT_COMPARE(h.store.account(id)->phoneStatus, PhoneStatus::Expired, 5000);
}

QTEST_GUILESS_MAIN(TestRegistrationService)
#include "tst_sandbox_registrationservice.moc"
