// The phone robot, the card processor with every test card, 3-D Secure, activation,
// autopayment and long polling; the whole flow end to end.
#include "support/sandboxfixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTest>

using namespace signup;
using namespace signup::test;

namespace {

const QString Phone = QStringLiteral("/api/v1/registration/phone");
const QString Card = QStringLiteral("/api/v1/registration/card");
const QString Autopayment = QStringLiteral("/api/v1/registration/autopayment");
const QString Calls = QStringLiteral("/sandbox/v1/calls");

QJsonObject cardBody(const QString &number, int month = 12, int year = QDate::currentDate().year() + 3,
                     const QString &cvc = QStringLiteral("123")) {
    return {{QStringLiteral("number"), number},
            {QStringLiteral("exp_month"), month},
            {QStringLiteral("exp_year"), year},
            {QStringLiteral("cvc"), cvc}};
}

QJsonObject money(const char *value, const char *currency = "RUB") {
    return {{QStringLiteral("value"), QLatin1String(value)},
            {QStringLiteral("currency"), QLatin1String(currency)}};
}

QJsonObject cardOf(const QJsonObject &reg) {
    return reg.value(QStringLiteral("card")).toObject();
}

QString phoneNumber(int i) {
    return QStringLiteral("+7912345%1").arg(i, 4, 10, QLatin1Char('0'));
}

} // namespace

class SandboxFlowTest : public QObject {
    Q_OBJECT
private slots:
    void fullFlowWithThreeDSecure();
    void phoneErrors();
    void phoneRegions();
    void phoneAttemptsPerHour();
    void phoneTakenAndPendingElsewhere();
    void robotCalls();
    void pendingNumberExpires();
    void testCards();
    void otherBrandsLink();
    void cardErrors();
    void cardsPerHour();
    void threeDSecureDeclineAndForms();
    void autopayment();
    void autopaymentUnavailable();
    void longPollReturnsOnChange();
    void longPollTimesOutUnchanged();
    void longPollArguments();
    void longPollClientGoesAway();
    void shutdownWithPollAndCardPending();

private:
    // A Moscow account with email and phone confirmed.
    QString readyForCard(SandboxClient &client, const QString &email, int phoneIndex,
                         const QString &region = QStringLiteral("ru-msk"));
};

QString SandboxFlowTest::readyForCard(SandboxClient &client, const QString &email, int phoneIndex,
                                      const QString &region) {
    const QString token = client.createAccount(email, region);
    if (token.isEmpty() || !client.confirmEmail(email) ||
        !client.confirmPhone(token, phoneNumber(phoneIndex)))
        return {};
    return token;
}

void SandboxFlowTest::fullFlowWithThreeDSecure() {
    SandboxFixture f;
    QVERIFY(f.ok());
    SandboxClient client = f.client();
    const QString base = f.sandbox->baseUrl().toString();
    QList<qint64> versions;
    auto record = [&](const QJsonObject &reg) {
        versions.append(reg.value(QStringLiteral("version")).toInteger());
    };

    // Account.
    const QString token = client.createAccount(QStringLiteral("flow@example.com"));
    QVERIFY(!token.isEmpty());
    const Headers auth = SandboxClient::auth(token);
    record(client.registration(token));

    // Email: open the link from the outbox as a browser would.
    const QString link = client.confirmUrl(QStringLiteral("flow@example.com"));
    QVERIFY(link.startsWith(base));
    const HttpResult page = client.get(link.mid(base.size()));
    QCOMPARE(page.status, 200);
    QJsonObject reg = client.registration(token);
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("confirm_phone"));
    record(reg);

    // Phone: call the number shown, key the digits the robot says.
    HttpResult r = client.post(Phone, {{QStringLiteral("phone"), QStringLiteral("+7 912 345-67-89")}}, auth);
    QCOMPARE(r.status, 202);
    const QJsonObject phone = r.json.value(QStringLiteral("phone")).toObject();
    QCOMPARE(phone.value(QStringLiteral("status")).toString(), QStringLiteral("awaiting_call"));
    QCOMPARE(phone.value(QStringLiteral("number")).toString(), QStringLiteral("+7 912 ***-**-89"));
    QCOMPARE(phone.value(QStringLiteral("attempts_left")).toInt(), 4);
    const QDateTime expires =
        QDateTime::fromString(phone.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    QVERIFY(expires > QDateTime::currentDateTimeUtc().addSecs(4 * 60) &&
            expires <= QDateTime::currentDateTimeUtc().addSecs(5 * 60 + 5));
    record(client.registration(token));
    r = client.post(Calls, {{QStringLiteral("from"), QStringLiteral("+79123456789")},
                            {QStringLiteral("to"), phone.value(QStringLiteral("call_to")).toString()}});
    QCOMPARE(r.status, 200);
    const QString callId = r.json.value(QStringLiteral("call_id")).toString();
    const QString says = r.json.value(QStringLiteral("robot_says")).toString();
    QVERIFY(QRegularExpression(QStringLiteral("^\\d \\d \\d \\d$")).match(says).hasMatch());
    r = client.post(QStringLiteral("/sandbox/v1/calls/%1/dtmf").arg(callId),
                    {{QStringLiteral("digits"), QString(says).remove(u' ')}});
    QCOMPARE(r.json.value(QStringLiteral("result")).toString(), QStringLiteral("confirmed"));
    reg = client.registration(token);
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("bind_card"));
    QCOMPARE(reg.value(QStringLiteral("phone")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("confirmed"));
    record(reg);

    // Card with 3-D Secure.
    r = client.post(Card, cardBody(QStringLiteral("4000 0000 0000 3220")), auth);
    QCOMPARE(r.status, 202);
    QCOMPARE(cardOf(r.json).value(QStringLiteral("status")).toString(), QStringLiteral("processing"));
    QCOMPARE(cardOf(r.json).value(QStringLiteral("last4")).toString(), QStringLiteral("3220"));
    QCOMPARE(cardOf(r.json).value(QStringLiteral("brand")).toString(), QStringLiteral("visa"));
    QCOMPARE(cardOf(r.json).value(QStringLiteral("test_amount")).toObject(), money("500.00"));
    reg = client.waitForCardDecision(token);
    QCOMPARE(cardOf(reg).value(QStringLiteral("status")).toString(), QStringLiteral("requires_action"));
    const QString actionUrl = cardOf(reg).value(QStringLiteral("action_url")).toString();
    QVERIFY2(actionUrl.startsWith(base + QStringLiteral("/sandbox/v1/3ds/")), qPrintable(actionUrl));
    record(reg);
    const HttpResult bankPage = client.get(actionUrl.mid(base.size()));
    QCOMPARE(bankPage.status, 200);
    QVERIFY(bankPage.header("content-type").startsWith("text/html"));
    // The amount as the wizard writes it: no cents when there are none.
    QVERIFY(bankPage.body.contains("Approve") && bankPage.body.contains("Decline") &&
            bankPage.body.contains("<b>500 RUB</b>"));
    const HttpResult approved = client.send("POST", actionUrl.mid(base.size()), "decision=approve",
                                            {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(approved.status, 200);
    QVERIFY(approved.header("content-type").startsWith("text/html"));

    // Activation.
    reg = client.registration(token);
    record(reg);
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("done"));
    QCOMPARE(cardOf(reg).value(QStringLiteral("status")).toString(), QStringLiteral("linked"));
    QVERIFY(reg.value(QStringLiteral("steps")).toObject().value(QStringLiteral("card_linked")).toBool());
    QCOMPARE(reg.value(QStringLiteral("balance")).toObject(), money("500.00"));
    const QJsonObject bonus = reg.value(QStringLiteral("bonus")).toObject();
    QCOMPARE(bonus.value(QStringLiteral("amount")).toObject(), money("5000.00"));
    const QDateTime bonusExpires =
        QDateTime::fromString(bonus.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    QVERIFY(qAbs(bonusExpires.secsTo(QDateTime::currentDateTimeUtc().addDays(60))) < 120);
    const QJsonObject project = reg.value(QStringLiteral("project")).toObject();
    QVERIFY(QRegularExpression(QStringLiteral("^mcs\\d{10}$"))
                .match(project.value(QStringLiteral("id")).toString())
                .hasMatch());
    QVERIFY(!project.value(QStringLiteral("name")).toString().isEmpty());
    const QString console = reg.value(QStringLiteral("console_url")).toString();
    QVERIFY(console.startsWith(QLatin1String("https://")));
    QVERIFY(console.endsWith(project.value(QStringLiteral("id")).toString()));
    const HttpResult consolePage = client.get(console.mid(base.size()));
    QCOMPARE(consolePage.status, 200);
    QVERIFY(consolePage.body.contains("management console (sandbox)"));

    // version grew at every step, never skipped backwards.
    for (int i = 1; i < versions.size(); ++i)
        QVERIFY2(
            versions[i] > versions[i - 1],
            qPrintable(QStringLiteral("versions %1")
                           .arg(QString::fromLatin1(QJsonDocument(QJsonArray::fromVariantList(QVariantList(
                                                                      versions.begin(), versions.end())))
                                                        .toJson(QJsonDocument::Compact)))));

    HttpResult again = client.post(Card, cardBody(QStringLiteral("4111 1111 1111 1111")), auth);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), QStringLiteral("already_linked"));
}

void SandboxFlowTest::phoneErrors() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("phone@example.com"));
    const Headers auth = SandboxClient::auth(token);
    HttpResult r = client.post(Phone, {{QStringLiteral("phone"), QStringLiteral("+79123456789")}}, auth);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("step_order"));
    // step_order (a state conflict) wins over the rules.
    QCOMPARE(client.post(Phone, {{QStringLiteral("phone"), QStringLiteral("12")}}, auth).errorCode(),
             QStringLiteral("step_order"));
    QVERIFY(client.confirmEmail(QStringLiteral("phone@example.com")));
    r = client.post(Phone, {{QStringLiteral("phone"), QStringLiteral("+7 123")}}, auth);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_phone"));
    QCOMPARE(r.errorField(), QStringLiteral("phone"));
    QCOMPARE(client.post(Phone, {{QStringLiteral("phone"), 79123456789.0}}, auth).status, 400);
    QCOMPARE(client.post(Phone, {}, auth).errorField(), QStringLiteral("phone"));
    QVERIFY(client.confirmPhone(token, QStringLiteral("+79123456789")));
    r = client.post(Phone, {{QStringLiteral("phone"), QStringLiteral("+79123456788")}}, auth);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("already_confirmed"));
}

void SandboxFlowTest::phoneRegions() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString moscow = client.createAccount(QStringLiteral("msk@example.com"));
    const QString kazakhstan =
        client.createAccount(QStringLiteral("kz@example.com"), QStringLiteral("kz-ast"));
    QVERIFY(client.confirmEmail(QStringLiteral("msk@example.com")) &&
            client.confirmEmail(QStringLiteral("kz@example.com")));
    const QString kzNumber = QStringLiteral("+7 701 123 45 67");
    HttpResult r = client.post(Phone, {{QStringLiteral("phone"), kzNumber}}, SandboxClient::auth(moscow));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("phone_region_not_allowed"));
    QCOMPARE(r.errorField(), QStringLiteral("phone"));
    QVERIFY(client.confirmPhone(kazakhstan, kzNumber));
    const QJsonObject reg = client.registration(kazakhstan);
    QCOMPARE(reg.value(QStringLiteral("card_test_amount")).toObject(), money("3000.00", "KZT"));
}

void SandboxFlowTest::phoneAttemptsPerHour() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("attempts@example.com"));
    QVERIFY(client.confirmEmail(QStringLiteral("attempts@example.com")));
    for (int i = 0; i < 5; ++i) {
        const HttpResult r =
            client.post(Phone, {{QStringLiteral("phone"), phoneNumber(100 + i)}}, SandboxClient::auth(token));
        QCOMPARE(r.status, 202);
        QCOMPARE(
            r.json.value(QStringLiteral("phone")).toObject().value(QStringLiteral("attempts_left")).toInt(),
            4 - i);
    }
    HttpResult r =
        client.post(Phone, {{QStringLiteral("phone"), phoneNumber(200)}}, SandboxClient::auth(token));
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    QVERIFY(r.header("retry-after").toInt() > 3000);
    // 429 wins over 422.
    QCOMPARE(
        client
            .post(Phone, {{QStringLiteral("phone"), QStringLiteral("nonsense")}}, SandboxClient::auth(token))
            .status,
        429);
    // The last pending number can still be confirmed by calling.
    r = client.post(Calls, {{QStringLiteral("from"), phoneNumber(104)},
                            {QStringLiteral("to"), QStringLiteral("+78005553535")}});
    QVERIFY(!r.json.value(QStringLiteral("call_id")).toString().isEmpty());
}

void SandboxFlowTest::phoneTakenAndPendingElsewhere() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString a = client.createAccount(QStringLiteral("a@example.com"));
    const QString b = client.createAccount(QStringLiteral("b@example.com"));
    const QString c = client.createAccount(QStringLiteral("c@example.com"));
    for (const char *email : {"a@example.com", "b@example.com", "c@example.com"})
        QVERIFY(client.confirmEmail(QLatin1String(email)));
    const QString number = phoneNumber(7);
    // A number merely awaiting a call elsewhere is allowed.
    QCOMPARE(client.post(Phone, {{QStringLiteral("phone"), number}}, SandboxClient::auth(b)).status, 202);
    QVERIFY(client.confirmPhone(a, number)); // the first call to confirm wins
    QCOMPARE(client.registration(b)
                 .value(QStringLiteral("phone"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("expired"));
    const HttpResult r = client.post(Phone, {{QStringLiteral("phone"), QStringLiteral("+7 (912) 345-00-07")}},
                                     SandboxClient::auth(c));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("phone_taken"));
    QCOMPARE(r.errorField(), QStringLiteral("phone"));
}

void SandboxFlowTest::pendingNumberExpires() {
    SandboxFixture f; // the call window is 300 s: the test moves the sandbox's clock past it
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("late@example.com"));
    QVERIFY(client.confirmEmail(QStringLiteral("late@example.com")));
    HttpResult r =
        client.post(Phone, {{QStringLiteral("phone"), phoneNumber(80)}}, SandboxClient::auth(token));
    QCOMPARE(r.status, 202);
    const QString callTo =
        r.json.value(QStringLiteral("phone")).toObject().value(QStringLiteral("call_to")).toString();
    const qint64 version = client.registration(token).value(QStringLiteral("version")).toInteger();
    // A long poll is woken when the time runs out. Once another request has been answered, the poll
    // waits on the server (were it later, it would be answered at once with the same object).
    QElapsedTimer woke;
    woke.start();
    QNetworkReply *poll =
        client.start("GET", QStringLiteral("/api/v1/registration?wait=10&since=%1").arg(version), {},
                     SandboxClient::auth(token));
    QCOMPARE(client.registration(token).value(QStringLiteral("version")).toInteger(), version);
    QVERIFY(f.sandbox->advanceClock(301));
    r = SandboxClient::wait(poll);
    QVERIFY2(woke.elapsed() < 8000, "the poll ran its whole wait instead of being woken");
    QCOMPARE(r.json.value(QStringLiteral("version")).toInteger(), version + 1);
    QCOMPARE(r.json.value(QStringLiteral("phone")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("expired"));
    r = client.post(Calls, {{QStringLiteral("from"), phoneNumber(80)}, {QStringLiteral("to"), callTo}});
    QCOMPARE(r.json.value(QStringLiteral("result")).toString(), QStringLiteral("unknown_caller"));
    // Submitting again starts a new wait.
    QCOMPARE(client.post(Phone, {{QStringLiteral("phone"), phoneNumber(80)}}, SandboxClient::auth(token))
                 .json.value(QStringLiteral("phone"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("awaiting_call"));
}

void SandboxFlowTest::robotCalls() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("robot@example.com"));
    QVERIFY(client.confirmEmail(QStringLiteral("robot@example.com")));
    HttpResult r =
        client.post(Phone, {{QStringLiteral("phone"), phoneNumber(55)}}, SandboxClient::auth(token));
    const QString callTo =
        r.json.value(QStringLiteral("phone")).toObject().value(QStringLiteral("call_to")).toString();
    QVERIFY(!callTo.isEmpty());

    r = client.post(Calls, {{QStringLiteral("from"), phoneNumber(56)}, {QStringLiteral("to"), callTo}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("result")).toString(), QStringLiteral("unknown_caller"));
    QVERIFY(r.json.value(QStringLiteral("call_id")).isNull());
    QVERIFY(r.json.value(QStringLiteral("robot_says")).isNull());

    r = client.post(Calls, {{QStringLiteral("from"), phoneNumber(55)}, {QStringLiteral("to"), callTo}});
    const QString callId = r.json.value(QStringLiteral("call_id")).toString();
    const QString digits = r.json.value(QStringLiteral("robot_says")).toString().remove(u' ');
    QString wrong = digits;
    wrong[0] = QChar(u'0' + (digits[0].digitValue() + 1) % 10);
    const QString dtmf = QStringLiteral("/sandbox/v1/calls/%1/dtmf").arg(callId);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(client.post(dtmf, {{QStringLiteral("digits"), wrong}})
                     .json.value(QStringLiteral("result"))
                     .toString(),
                 QStringLiteral("wrong_digits"));
    // Three wrong tries ended the call: even the right digits do not confirm now.
    QCOMPARE(client.post(dtmf, {{QStringLiteral("digits"), digits}})
                 .json.value(QStringLiteral("result"))
                 .toString(),
             QStringLiteral("call_ended"));
    QCOMPARE(client.registration(token)
                 .value(QStringLiteral("phone"))
                 .toObject()
                 .value(QStringLiteral("status"))
                 .toString(),
             QStringLiteral("awaiting_call"));
    QCOMPARE(
        client.post(QStringLiteral("/sandbox/v1/calls/call_nope/dtmf"), {{QStringLiteral("digits"), digits}})
            .status,
        404);

    // A new call, one wrong try, then the right digits.
    r = client.post(Calls, {{QStringLiteral("from"), phoneNumber(55)}, {QStringLiteral("to"), callTo}});
    const QString second =
        QStringLiteral("/sandbox/v1/calls/%1/dtmf").arg(r.json.value(QStringLiteral("call_id")).toString());
    const QString secondDigits = r.json.value(QStringLiteral("robot_says")).toString().remove(u' ');
    QString secondWrong = secondDigits;
    secondWrong[3] = QChar(u'0' + (secondDigits[3].digitValue() + 1) % 10);
    QCOMPARE(client.post(second, {{QStringLiteral("digits"), secondWrong}})
                 .json.value(QStringLiteral("result"))
                 .toString(),
             QStringLiteral("wrong_digits"));
    QCOMPARE(client.post(second, {{QStringLiteral("digits"), secondDigits}})
                 .json.value(QStringLiteral("result"))
                 .toString(),
             QStringLiteral("confirmed"));
    QCOMPARE(client.registration(token).value(QStringLiteral("next_step")).toString(),
             QStringLiteral("bind_card"));
}

void SandboxFlowTest::testCards() {
    SandboxFixture f; // the card processor answers after the fixture's 50 ms
    SandboxClient client = f.client();
    const QString token = readyForCard(client, QStringLiteral("cards@example.com"), 10);
    QVERIFY(!token.isEmpty());
    const Headers auth = SandboxClient::auth(token);
    struct Case {
        const char *number;
        const char *declineCode;
    };
    for (const Case &c :
         {Case{"4000 0000 0000 0002", "card_declined"}, Case{"4000-0000-0000-9995", "insufficient_funds"},
          Case{"2200000000000012", "virtual_card_not_allowed"}}) {
        const HttpResult r = client.post(Card, cardBody(QLatin1String(c.number)), auth);
        QCOMPARE(r.status, 202);
        QCOMPARE(cardOf(r.json).value(QStringLiteral("status")).toString(), QStringLiteral("processing"));
        const QJsonObject reg = client.waitForCardDecision(token);
        QCOMPARE(cardOf(reg).value(QStringLiteral("status")).toString(), QStringLiteral("declined"));
        QCOMPARE(cardOf(reg).value(QStringLiteral("decline_code")).toString(), QLatin1String(c.declineCode));
        QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("bind_card"));
        QCOMPARE(reg.value(QStringLiteral("balance")).toObject(), money("0.00"));
    }
    // A declined card is replaced by posting another: the Mir test card links.
    QCOMPARE(client.post(Card, cardBody(QStringLiteral("2200 0000 0000 0004")), auth).status, 202);
    const QJsonObject reg = client.waitForCardDecision(token);
    QCOMPARE(cardOf(reg).value(QStringLiteral("status")).toString(), QStringLiteral("linked"));
    QCOMPARE(cardOf(reg).value(QStringLiteral("brand")).toString(), QStringLiteral("mir"));
    QVERIFY(cardOf(reg).value(QStringLiteral("decline_code")).isNull());
    QCOMPARE(reg.value(QStringLiteral("balance")).toObject(), money("500.00"));
}

void SandboxFlowTest::otherBrandsLink() {
    SandboxFixture f; // the card processor answers after the fixture's 50 ms
    SandboxClient client = f.client();
    struct Case {
        const char *number;
        const char *brand;
        const char *region;
    };
    int i = 0;
    for (const Case &c :
         {Case{"4111 1111 1111 1111", "visa", "ru-msk"}, Case{"5555 5555 5555 4444", "mastercard", "ru-msk"},
          Case{"6200 0000 0000 0005", "unionpay", "ru-msk"}, Case{"4111 1111 1111 1111", "visa", "kz-ast"},
          Case{"4242 4242 4242 4242", "visa", "ru-msk"}}) {
        ++i;
        const QString email = QStringLiteral("brand%1@example.com").arg(i);
        const QString token = readyForCard(client, email, 20 + i, QLatin1String(c.region));
        QVERIFY(!token.isEmpty());
        QCOMPARE(client.post(Card, cardBody(QLatin1String(c.number)), SandboxClient::auth(token)).status,
                 202);
        const QJsonObject reg = client.waitForCardDecision(token);
        QCOMPARE(cardOf(reg).value(QStringLiteral("status")).toString(), QStringLiteral("linked"));
        QCOMPARE(cardOf(reg).value(QStringLiteral("brand")).toString(), QLatin1String(c.brand));
        if (QLatin1String(c.region) == QLatin1String("kz-ast")) {
            QCOMPARE(reg.value(QStringLiteral("balance")).toObject(), money("3000.00", "KZT"));
            QCOMPARE(reg.value(QStringLiteral("bonus")).toObject().value(QStringLiteral("amount")).toObject(),
                     money("24000.00", "KZT"));
        }
    }
}

void SandboxFlowTest::cardErrors() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString early = client.createAccount(QStringLiteral("early@example.com"));
    QVERIFY(client.confirmEmail(QStringLiteral("early@example.com")));
    HttpResult r =
        client.post(Card, cardBody(QStringLiteral("4111111111111111")), SandboxClient::auth(early));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("step_order"));

    const QString token = readyForCard(client, QStringLiteral("carderr@example.com"), 30);
    const QString kz =
        readyForCard(client, QStringLiteral("carderr-kz@example.com"), 31, QStringLiteral("kz-ast"));
    QVERIFY(!token.isEmpty() && !kz.isEmpty());
    const Headers auth = SandboxClient::auth(token);
    const int year = QDate::currentDate().year();
    struct Case {
        QJsonObject body;
        int status;
        const char *code;
        const char *field;
    };
    const QList<Case> cases{
        {cardBody(QStringLiteral("4111 1111 1111 1112")), 422, "invalid_card", "number"},
        {cardBody(QStringLiteral("4111")), 422, "invalid_card", "number"},
        {cardBody(QStringLiteral("3782 822463 10005")), 422, "unsupported_card_brand", "number"},
        {cardBody(QStringLiteral("4111111111111111"), 1, year - 1), 422, "expired_card", "exp"},
        {cardBody(QStringLiteral("4111111111111111"), 13, year + 1), 422, "invalid_card", "exp"},
        {cardBody(QStringLiteral("4111111111111111"), 12, year + 30), 422, "invalid_card", "exp"},
        {cardBody(QStringLiteral("4111111111111111"), 12, year + 1, QStringLiteral("12")), 422,
         "invalid_card", "cvc"},
        {cardBody(QStringLiteral("4111 1111 1111 1112"), 13, year + 1, QStringLiteral("1")), 422,
         "invalid_card", "number"},
        {{{QStringLiteral("number"), QStringLiteral("4111111111111111")},
          {QStringLiteral("exp_month"), QStringLiteral("12")},
          {QStringLiteral("exp_year"), year + 1},
          {QStringLiteral("cvc"), QStringLiteral("123")}},
         400,
         "malformed_request",
         "exp_month"},
        {{{QStringLiteral("number"), QStringLiteral("4111111111111111")},
          {QStringLiteral("exp_month"), 12},
          {QStringLiteral("cvc"), QStringLiteral("123")}},
         400,
         "malformed_request",
         "exp_year"},
        {{{QStringLiteral("number"), 4111111111111111.0},
          {QStringLiteral("exp_month"), 12},
          {QStringLiteral("exp_year"), year + 1},
          {QStringLiteral("cvc"), QStringLiteral("123")}},
         400,
         "malformed_request",
         "number"},
    };
    for (const Case &c : cases) {
        r = client.post(Card, c.body, auth);
        QCOMPARE(r.status, c.status);
        QCOMPARE(r.errorCode(), QLatin1String(c.code));
        QCOMPARE(r.errorField(), QLatin1String(c.field));
    }
    // The card is still to be bound: no refused card reached the registration.
    QVERIFY(client.registration(token).value(QStringLiteral("card")).isNull());
    // Kazakhstan takes Visa and Mastercard only.
    r = client.post(Card, cardBody(QStringLiteral("2200 0000 0000 0004")), SandboxClient::auth(kz));
    QCOMPARE(r.errorCode(), QStringLiteral("unsupported_card_brand"));
    QCOMPARE(r.errorField(), QStringLiteral("number"));
}

void SandboxFlowTest::cardsPerHour() {
    SandboxFixture f([](SandboxOptions &o) { o.cardProcessingMs = 50; });
    SandboxClient client = f.client();
    const QString token = readyForCard(client, QStringLiteral("many@example.com"), 40);
    QVERIFY(!token.isEmpty());
    for (int i = 0; i < 10; ++i)
        QCOMPARE(
            client.post(Card, cardBody(QStringLiteral("4000 0000 0000 0002")), SandboxClient::auth(token))
                .status,
            202);
    const HttpResult r =
        client.post(Card, cardBody(QStringLiteral("4111 1111 1111 1111")), SandboxClient::auth(token));
    QCOMPARE(r.status, 429);
    QVERIFY(r.header("retry-after").toInt() > 0);
    QCOMPARE(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retry_after")).toInt(),
             r.header("retry-after").toInt());
}

void SandboxFlowTest::threeDSecureDeclineAndForms() {
    SandboxFixture f; // the card processor answers after the fixture's 50 ms
    SandboxClient client = f.client();
    const QString base = f.sandbox->baseUrl().toString();
    const QString token = readyForCard(client, QStringLiteral("tds@example.com"), 50);
    QVERIFY(!token.isEmpty());
    QCOMPARE(
        client.post(Card, cardBody(QStringLiteral("4000000000003220")), SandboxClient::auth(token)).status,
        202);
    QJsonObject reg = client.waitForCardDecision(token);
    const QString action = cardOf(reg).value(QStringLiteral("action_url")).toString().mid(base.size());
    QVERIFY(action.startsWith(QLatin1String("/sandbox/v1/3ds/")));
    QCOMPARE(client.post(action, {{QStringLiteral("decision"), QStringLiteral("maybe")}}).status, 400);
    HttpResult r = client.post(action, {{QStringLiteral("decision"), QStringLiteral("decline")}});
    QCOMPARE(r.status, 200);
    QCOMPARE(cardOf(r.json).value(QStringLiteral("status")).toString(), QStringLiteral("declined"));
    QCOMPARE(cardOf(r.json).value(QStringLiteral("decline_code")).toString(),
             QStringLiteral("authentication_failed"));
    // The first decision stands.
    r = client.post(action, {{QStringLiteral("decision"), QStringLiteral("approve")}});
    QCOMPARE(cardOf(r.json).value(QStringLiteral("status")).toString(), QStringLiteral("declined"));
    QCOMPARE(client.get(QStringLiteral("/sandbox/v1/3ds/3ds_unknown")).status, 404);

    // Again, approved through the JSON route.
    QCOMPARE(
        client.post(Card, cardBody(QStringLiteral("4000000000003220")), SandboxClient::auth(token)).status,
        202);
    reg = client.waitForCardDecision(token);
    const QString second = cardOf(reg).value(QStringLiteral("action_url")).toString().mid(base.size());
    QVERIFY(second != action);
    r = client.post(second, {{QStringLiteral("decision"), QStringLiteral("approve")}});
    QCOMPARE(cardOf(r.json).value(QStringLiteral("status")).toString(), QStringLiteral("linked"));
    QCOMPARE(client.registration(token).value(QStringLiteral("next_step")).toString(),
             QStringLiteral("done"));
}

void SandboxFlowTest::autopayment() {
    SandboxFixture f([](SandboxOptions &o) { o.cardProcessingMs = 50; });
    SandboxClient client = f.client();
    const QString token = readyForCard(client, QStringLiteral("auto@example.com"), 60);
    QVERIFY(!token.isEmpty());
    const Headers auth = SandboxClient::auth(token);
    const QJsonObject valid{{QStringLiteral("enabled"), true},
                            {QStringLiteral("threshold"), money("1000.00")},
                            {QStringLiteral("amount"), money("500.00")}};
    HttpResult r = client.put(Autopayment, valid, auth);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("step_order"));
    QCOMPARE(client.post(Card, cardBody(QStringLiteral("5555555555554444")), auth).status, 202);
    QCOMPARE(cardOf(client.waitForCardDecision(token)).value(QStringLiteral("status")).toString(),
             QStringLiteral("linked"));

    r = client.put(Autopayment, valid, auth);
    QCOMPARE(r.status, 200);
    const QJsonObject ap = r.json.value(QStringLiteral("autopayment")).toObject();
    QCOMPARE(ap.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(ap.value(QStringLiteral("threshold")).toObject(), money("1000.00"));
    QCOMPARE(ap.value(QStringLiteral("amount")).toObject(), money("500.00"));

    struct Case {
        QJsonObject body;
        int status;
        const char *code;
        const char *field;
    };
    const QList<Case> cases{
        {{{QStringLiteral("enabled"), true},
          {QStringLiteral("threshold"), money("1000.00", "KZT")},
          {QStringLiteral("amount"), money("500.00")}},
         422,
         "invalid_autopayment",
         "threshold"},
        {{{QStringLiteral("enabled"), true},
          {QStringLiteral("threshold"), money("10000000.00")},
          {QStringLiteral("amount"), money("500.00")}},
         422,
         "invalid_autopayment",
         "threshold"},
        {{{QStringLiteral("enabled"), true},
          {QStringLiteral("threshold"), money("-1.00")},
          {QStringLiteral("amount"), money("500.00")}},
         422,
         "invalid_autopayment",
         "threshold"},
        {{{QStringLiteral("enabled"), true},
          {QStringLiteral("threshold"), money("0.00")},
          {QStringLiteral("amount"), money("99.99")}},
         422,
         "invalid_autopayment",
         "amount"},
        {{{QStringLiteral("enabled"), true},
          {QStringLiteral("threshold"), money("0.00")},
          {QStringLiteral("amount"), money("10000.01")}},
         422,
         "invalid_autopayment",
         "amount"},
        {{{QStringLiteral("enabled"), true},
          {QStringLiteral("threshold"), QJsonValue()},
          {QStringLiteral("amount"), money("500.00")}},
         422,
         "invalid_autopayment",
         "threshold"},
        {{{QStringLiteral("enabled"), QStringLiteral("yes")},
          {QStringLiteral("threshold"), money("0.00")},
          {QStringLiteral("amount"), money("500.00")}},
         400,
         "malformed_request",
         "enabled"},
        {{{QStringLiteral("enabled"), true},
          {QStringLiteral("threshold"), 1000},
          {QStringLiteral("amount"), money("500.00")}},
         400,
         "malformed_request",
         "threshold"},
    };
    for (const Case &c : cases) {
        r = client.put(Autopayment, c.body, auth);
        QCOMPARE(r.status, c.status);
        QCOMPARE(r.errorCode(), QLatin1String(c.code));
        QCOMPARE(r.errorField(), QLatin1String(c.field));
    }
    // Limits are inclusive; switching off may clear both.
    QCOMPARE(client
                 .put(Autopayment,
                      {{QStringLiteral("enabled"), true},
                       {QStringLiteral("threshold"), money("9999999.00")},
                       {QStringLiteral("amount"), money("10000.00")}},
                      auth)
                 .status,
             200);
    const qint64 version = client.registration(token).value(QStringLiteral("version")).toInteger();
    r = client.put(Autopayment,
                   {{QStringLiteral("enabled"), false},
                    {QStringLiteral("threshold"), QJsonValue()},
                    {QStringLiteral("amount"), QJsonValue()}},
                   auth);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json.value(QStringLiteral("autopayment")).toObject().value(QStringLiteral("enabled")).toBool(),
             false);
    QVERIFY(r.json.value(QStringLiteral("autopayment")).toObject().value(QStringLiteral("amount")).isNull());
    QCOMPARE(r.json.value(QStringLiteral("version")).toInteger(), version + 1);
    // The same settings again change nothing: the version stays.
    r = client.put(Autopayment,
                   {{QStringLiteral("enabled"), false},
                    {QStringLiteral("threshold"), QJsonValue()},
                    {QStringLiteral("amount"), QJsonValue()}},
                   auth);
    QCOMPARE(r.json.value(QStringLiteral("version")).toInteger(), version + 1);
}

void SandboxFlowTest::autopaymentUnavailable() {
    SandboxFixture f([](SandboxOptions &o) { o.cardProcessingMs = 50; });
    SandboxClient client = f.client();
    const QJsonObject body{{QStringLiteral("enabled"), true},
                           {QStringLiteral("threshold"), money("1000.00")},
                           {QStringLiteral("amount"), money("500.00")}};
    const QString unionPay = readyForCard(client, QStringLiteral("up@example.com"), 70);
    QCOMPARE(
        client.post(Card, cardBody(QStringLiteral("6200000000000005")), SandboxClient::auth(unionPay)).status,
        202);
    QCOMPARE(cardOf(client.waitForCardDecision(unionPay)).value(QStringLiteral("status")).toString(),
             QStringLiteral("linked"));
    HttpResult r = client.put(Autopayment, body, SandboxClient::auth(unionPay));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("autopayment_unavailable"));

    const QString kz =
        readyForCard(client, QStringLiteral("kzauto@example.com"), 71, QStringLiteral("kz-ast"));
    QCOMPARE(client.post(Card, cardBody(QStringLiteral("4111111111111111")), SandboxClient::auth(kz)).status,
             202);
    QCOMPARE(cardOf(client.waitForCardDecision(kz)).value(QStringLiteral("status")).toString(),
             QStringLiteral("linked"));
    r = client.put(Autopayment,
                   QJsonObject{{QStringLiteral("enabled"), true},
                               {QStringLiteral("threshold"), money("1000.00", "KZT")},
                               {QStringLiteral("amount"), money("5000.00", "KZT")}},
                   SandboxClient::auth(kz));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("autopayment_unavailable"));
}

void SandboxFlowTest::longPollReturnsOnChange() {
    SandboxFixture f;
    SandboxClient client = f.client();
    SandboxClient browser = f.client(); // another connection, as the user's browser
    const QString token = client.createAccount(QStringLiteral("poll@example.com"));
    const qint64 version = client.registration(token).value(QStringLiteral("version")).toInteger();
    QNetworkReply *poll =
        client.start("GET", QStringLiteral("/api/v1/registration?wait=20&since=%1").arg(version), {},
                     SandboxClient::auth(token));
    QVERIFY(f.waitUntil([](const SandboxActivity &a) { return a.waitingLongPolls == 1; }));
    QVERIFY2(poll->isRunning(), "the long poll answered although nothing changed");
    QVERIFY(browser.confirmEmail(QStringLiteral("poll@example.com")));
    const HttpResult r = SandboxClient::wait(poll, 10000);
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QStringLiteral("version")).toInteger() > version);
    QVERIFY(
        r.json.value(QStringLiteral("steps")).toObject().value(QStringLiteral("email_confirmed")).toBool());
    QVERIFY(!r.header("x-request-id").isEmpty());
}

void SandboxFlowTest::longPollTimesOutUnchanged() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("idle@example.com"));
    const QJsonObject before = client.registration(token);
    const qint64 version = before.value(QStringLiteral("version")).toInteger();
    QNetworkReply *poll =
        client.start("GET", QStringLiteral("/api/v1/registration?wait=1&since=%1").arg(version), {},
                     SandboxClient::auth(token));
    const HttpResult r = SandboxClient::wait(poll, 10000);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json, before);
    // An older since answers at once with the current state.
    const HttpResult older = client.get(
        QStringLiteral("/api/v1/registration?wait=30&since=%1").arg(version - 1), SandboxClient::auth(token));
    QCOMPARE(older.json, before);
}

void SandboxFlowTest::longPollArguments() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("args@example.com"));
    HttpResult r =
        client.get(QStringLiteral("/api/v1/registration?wait=soon&since=1"), SandboxClient::auth(token));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("wait"));
    r = client.get(QStringLiteral("/api/v1/registration?wait=1&since=x"), SandboxClient::auth(token));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("since"));
    r = client.get(QStringLiteral("/api/v1/registration?wait=1&since=1"));
    QCOMPARE(r.status, 401);
}

void SandboxFlowTest::longPollClientGoesAway() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString token = client.createAccount(QStringLiteral("gone@example.com"));
    const qint64 version = client.registration(token).value(QStringLiteral("version")).toInteger();
    const int connections = f.activity().connections;
    {
        SandboxClient leaving = f.client();
        QNetworkReply *poll =
            leaving.start("GET", QStringLiteral("/api/v1/registration?wait=20&since=%1").arg(version), {},
                          SandboxClient::auth(token));
        QVERIFY(f.waitUntil([](const SandboxActivity &a) { return a.waitingLongPolls == 1; }));
        QCOMPARE(f.activity().connections, connections + 1);
        poll->abort();
        delete poll;
    } // its connection is closed with it
    QVERIFY(f.waitUntil([&](const SandboxActivity &a) { return a.connections == connections; }));
    // The change that would have answered the poll now finds nobody there.
    QVERIFY(client.confirmEmail(QStringLiteral("gone@example.com")));
    const HttpResult r = client.get(QStringLiteral("/api/v1/registration"), SandboxClient::auth(token));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QStringLiteral("version")).toInteger() > version);
}

void SandboxFlowTest::shutdownWithPollAndCardPending() {
    auto f = std::make_unique<SandboxFixture>([](SandboxOptions &o) { o.cardProcessingMs = 3000; });
    SandboxClient client = f->client();
    const QString token = readyForCard(client, QStringLiteral("shutdown@example.com"), 90);
    QVERIFY(!token.isEmpty());
    QCOMPARE(
        client.post(Card, cardBody(QStringLiteral("4111111111111111")), SandboxClient::auth(token)).status,
        202);
    const qint64 version = client.registration(token).value(QStringLiteral("version")).toInteger();
    QNetworkReply *poll =
        client.start("GET", QStringLiteral("/api/v1/registration?wait=20&since=%1").arg(version), {},
                     SandboxClient::auth(token));
    QVERIFY(f->waitUntil([](const SandboxActivity &a) { return a.waitingLongPolls == 1; }));
    QVERIFY(poll->isRunning());
    const QString dataDir = f->dir.path();
    f->sandbox.reset(); // stop the server, keep the data dir
    const HttpResult r = SandboxClient::wait(poll, 10000);
    QCOMPARE(r.status, 0);
    QVERIFY(r.error != QNetworkReply::TimeoutError);

    // The card the processor had not answered is answered after a restart.
    f->sandbox = std::make_unique<EmbeddedSandbox>();
    SandboxOptions options = SandboxFixture::fastOptions(dataDir);
    QVERIFY(f->sandbox->startAndWait(options));
    SandboxClient again = f->client();
    const QJsonObject reg = again.waitForCardDecision(token);
    QCOMPARE(cardOf(reg).value(QStringLiteral("status")).toString(), QStringLiteral("linked"));
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("done"));
}

QTEST_GUILESS_MAIN(SandboxFlowTest)
#include "tst_sandbox_flow.moc"
