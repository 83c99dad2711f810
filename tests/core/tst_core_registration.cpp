#include "core/region.h"
#include "core/registration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace signup;

class TestCoreRegistration : public QObject {
    Q_OBJECT

private slots:
    void moneyParsing_data();
    void moneyParsing();
    void moneyFromMinorUnits_data();
    void moneyFromMinorUnits();
    void moneyDisplayNumber_data();
    void moneyDisplayNumber();
    void regions();
    void regionJson();
    void freshRegistrationJson();
    void fullRegistrationRoundTrip();
    void tolerantReader();
    void stepNames_data();
    void stepNames();
    void statusNames();
    void regionAndDeclineNames();
    void languageNames();
    void rfc3339();
};

void TestCoreRegistration::moneyParsing_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("minor");
    QTest::newRow("500.00") << QStringLiteral("500.00") << true << qint64(50000);
    QTest::newRow("500") << QStringLiteral("500") << true << qint64(50000);
    QTest::newRow("500.5") << QStringLiteral("500.5") << true << qint64(50050);
    QTest::newRow("0.01") << QStringLiteral("0.01") << true << qint64(1);
    QTest::newRow("9999999.00") << QStringLiteral("9999999.00") << true << qint64(999999900);
    QTest::newRow("negative") << QStringLiteral("-1.50") << true << qint64(-150);
    QTest::newRow("three decimals") << QStringLiteral("1.005") << false << qint64(0);
    QTest::newRow("comma") << QStringLiteral("1,00") << false << qint64(0);
    QTest::newRow("trailing dot") << QStringLiteral("1.") << false << qint64(0);
    QTest::newRow("leading dot") << QStringLiteral(".5") << false << qint64(0);
    QTest::newRow("empty") << QString() << false << qint64(0);
    QTest::newRow("exponent") << QStringLiteral("1e3") << false << qint64(0);
    QTest::newRow("spaces") << QStringLiteral(" 1.00") << false << qint64(0);
}

void TestCoreRegistration::moneyParsing() {
    QFETCH(QString, value);
    QFETCH(bool, ok);
    QFETCH(qint64, minor);
    bool parsed = !ok;
    const qint64 result = Money{value, QStringLiteral("RUB")}.minorUnits(&parsed);
    QCOMPARE(parsed, ok);
    if (ok)
        QCOMPARE(result, minor);
}

void TestCoreRegistration::moneyDisplayNumber_data() {
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("shown");
    const QLatin1String ru("ru"), en("en");
    // Kopecks only when there are some; Russian groups thousands with a no-break space.
    QTest::newRow("ru whole") << QStringLiteral("500.00") << QString(ru) << QStringLiteral("500");
    QTest::newRow("ru thousands") << QStringLiteral("3000.00") << QString(ru) << QStringLiteral("3\u00a0000");
    QTest::newRow("ru kopecks") << QStringLiteral("1234.5") << QString(ru) << QStringLiteral("1\u00a0234,50");
    QTest::newRow("ru one kopeck") << QStringLiteral("0.01") << QString(ru) << QStringLiteral("0,01");
    QTest::newRow("ru negative") << QStringLiteral("-1.50") << QString(ru) << QStringLiteral("-1,50");
    QTest::newRow("en whole") << QStringLiteral("3000.00") << QString(en) << QStringLiteral("3,000");
    QTest::newRow("en cents") << QStringLiteral("10.05") << QString(en) << QStringLiteral("10.05");
    QTest::newRow("unparsable as is") << QStringLiteral("1e3") << QString(en) << QStringLiteral("1e3");
}

void TestCoreRegistration::moneyDisplayNumber() {
    QFETCH(QString, value);
    QFETCH(QString, language);
    QFETCH(QString, shown);
    const QLocale locale = language == QLatin1String("ru") ? QLocale(QLocale::Russian, QLocale::Russia)
                                                           : QLocale(QLocale::English, QLocale::UnitedStates);
    const Money amount{value, QStringLiteral("RUB")};
    QCOMPARE(amount.displayNumber(locale), shown);
}

void TestCoreRegistration::moneyFromMinorUnits_data() {
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QString>("value");
    QTest::newRow("zero") << qint64(0) << QStringLiteral("0.00");
    QTest::newRow("one kopeck") << qint64(1) << QStringLiteral("0.01");
    QTest::newRow("500") << qint64(50000) << QStringLiteral("500.00");
    QTest::newRow("500.50") << qint64(50050) << QStringLiteral("500.50");
    QTest::newRow("negative") << qint64(-150) << QStringLiteral("-1.50");
}

void TestCoreRegistration::moneyFromMinorUnits() {
    QFETCH(qint64, minor);
    QFETCH(QString, value);
    const Money money = Money::fromMinorUnits(minor, QStringLiteral("KZT"));
    QCOMPARE(money.value, value);
    QCOMPARE(money.currency, QStringLiteral("KZT"));
    QCOMPARE(money.minorUnits(), minor);
}

void TestCoreRegistration::regions() {
    QCOMPARE(Regions::all().size(), 2);
    const Region *msk = Regions::find(QStringLiteral("ru-msk"));
    QVERIFY(msk);
    QCOMPARE(msk->phoneRegions, QStringList{QStringLiteral("RU")});
    QCOMPARE(msk->currency, QStringLiteral("RUB"));
    QCOMPARE(msk->cardTestAmount, (Money{QStringLiteral("500.00"), QStringLiteral("RUB")}));
    QCOMPARE(msk->signupBonus, (Money{QStringLiteral("5000.00"), QStringLiteral("RUB")}));
    QVERIFY(msk->autopaymentAvailable);
    QCOMPARE(msk->autopaymentMinAmount.minorUnits(), qint64(10000));
    QCOMPARE(msk->autopaymentMaxAmount.minorUnits(), qint64(1000000));
    const Region *kz = Regions::find(QStringLiteral("kz-ast"));
    QVERIFY(kz);
    QVERIFY(kz->phoneRegions.isEmpty());
    QCOMPARE(kz->cardBrands, (QStringList{QStringLiteral("visa"), QStringLiteral("mastercard")}));
    QCOMPARE(kz->cardTestAmount, (Money{QStringLiteral("3000.00"), QStringLiteral("KZT")}));
    QCOMPARE(kz->signupBonus, (Money{QStringLiteral("24000.00"), QStringLiteral("KZT")}));
    QVERIFY(!kz->autopaymentAvailable);
    QVERIFY(!Regions::find(QStringLiteral("eu-fra")));
}

void TestCoreRegistration::regionJson() {
    const QJsonObject msk = Regions::find(QStringLiteral("ru-msk"))->toJson();
    QCOMPARE(
        QJsonDocument(msk).toJson(QJsonDocument::Compact),
        QByteArray(
            R"({"card_brands":["mir","visa","mastercard","unionpay"],)"
            R"("card_test_amount":{"currency":"RUB","value":"500.00"},"currency":"RUB","id":"ru-msk",)"
            R"("name":"Moscow","phone_regions":["RU"],"signup_bonus":{"currency":"RUB","value":"5000.00"}})"));
    const QJsonObject kz = Regions::find(QStringLiteral("kz-ast"))->toJson();
    QCOMPARE(kz.value(QStringLiteral("phone_regions")).toArray(), QJsonArray());
}

void TestCoreRegistration::freshRegistrationJson() {
    Registration r;
    r.accountId = QStringLiteral("acc_1");
    r.email = QStringLiteral("ivan@example.com");
    r.region = QStringLiteral("ru-msk");
    r.version = 1;
    r.accountCreated = true;
    r.nextStep = Step::ConfirmEmail;
    r.emailResendAvailableAt = QDateTime(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
    r.balance = {QStringLiteral("0.00"), QStringLiteral("RUB")};
    r.cardTestAmount = {QStringLiteral("500.00"), QStringLiteral("RUB")};

    const QJsonObject expected = QJsonDocument::fromJson(R"({
      "account_id": "acc_1", "email": "ivan@example.com", "region": "ru-msk", "version": 1,
      "steps": {"account_created": true, "email_confirmed": false, "phone_confirmed": false, "card_linked": false},
      "next_step": "confirm_email",
      "email_resend_available_at": "2026-11-28T10:00:00Z",
      "phone": null, "card": null,
      "autopayment": {"enabled": false, "threshold": null, "amount": null},
      "balance": {"value": "0.00", "currency": "RUB"},
      "card_test_amount": {"value": "500.00", "currency": "RUB"},
      "bonus": null, "project": null, "console_url": null, "memberships": []})")
                                     .object();
    QCOMPARE(r.toJson(), expected);
}

void TestCoreRegistration::fullRegistrationRoundTrip() {
    Registration r;
    r.accountId = QStringLiteral("acc_2");
    r.email = QStringLiteral("Ivan@Пример.рф");
    r.region = QStringLiteral("ru-msk");
    r.version = 42;
    r.accountCreated = r.emailConfirmed = r.phoneConfirmed = r.cardLinked = true;
    r.nextStep = Step::Done;
    r.emailResendAvailableAt = QDateTime(QDate(2026, 11, 28), QTime(10, 0, 5), Qt::UTC);
    r.phone = PhoneState{QStringLiteral("+7 912 ***-**-89"), PhoneStatus::Confirmed,
                         QStringLiteral("+7 800 100-00-00"),
                         QDateTime(QDate(2026, 11, 28), QTime(10, 5), Qt::UTC), 4};
    r.card = CardState{CardStatus::Linked,
                       QStringLiteral("mir"),
                       QStringLiteral("0004"),
                       QString(),
                       QString(),
                       Money{QStringLiteral("500.00"), QStringLiteral("RUB")}};
    r.autopayment = AutopaymentState{true, Money{QStringLiteral("100.00"), QStringLiteral("RUB")},
                                     Money{QStringLiteral("1000.00"), QStringLiteral("RUB")}};
    r.balance = {QStringLiteral("500.00"), QStringLiteral("RUB")};
    r.cardTestAmount = {QStringLiteral("500.00"), QStringLiteral("RUB")};
    r.bonus = BonusState{Money{QStringLiteral("5000.00"), QStringLiteral("RUB")},
                         QDateTime(QDate(2027, 1, 27), QTime(10, 6), Qt::UTC)};
    r.project = ProjectState{QStringLiteral("mcs1234567890"), QStringLiteral("Project 1")};
    r.consoleUrl = QStringLiteral("https://msk.cloud.vk.com/app/en/mcs1234567890/main");
    r.memberships = {Membership{ProjectState{QStringLiteral("mcs0987654321"), QStringLiteral("Data team")},
                                {QStringLiteral("member"), QStringLiteral("billing_admin")}}};
    r.language = QStringLiteral("ru");

    const QJsonObject json = r.toJson();
    QCOMPARE(json.value(QStringLiteral("next_step")).toString(), QStringLiteral("done"));
    QCOMPARE(json.value(QStringLiteral("card")).toObject().value(QStringLiteral("action_url")),
             QJsonValue(QJsonValue::Null));
    QCOMPARE(json.value(QStringLiteral("bonus")).toObject().value(QStringLiteral("expires_at")).toString(),
             QStringLiteral("2027-01-27T10:06:00Z"));
    QCOMPARE(json.value(QStringLiteral("phone")).toObject().value(QStringLiteral("attempts_left")).toInt(),
             4);

    // Through text and back, as over the wire.
    const Registration back =
        Registration::fromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
    QCOMPARE(back.toJson(), json);
    QCOMPARE(back.version, qint64(42));
    QCOMPARE(back.nextStep, Step::Done);
    QCOMPARE(back.phone->expiresAt, r.phone->expiresAt);
    QCOMPARE(back.bonus->amount, r.bonus->amount);
    QCOMPARE(back.project->id, QStringLiteral("mcs1234567890"));
    QCOMPARE(back.memberships.size(), 1);
    QCOMPARE(back.memberships.first().project.name, QStringLiteral("Data team"));
    QCOMPARE(back.memberships.first().roles,
             (QStringList{QStringLiteral("member"), QStringLiteral("billing_admin")}));
    QCOMPARE(back.language, QStringLiteral("ru"));
}

void TestCoreRegistration::tolerantReader() {
    const QJsonObject o = QJsonDocument::fromJson(R"({"account_id":"acc_3","version":3,"unknown":{"x":1},
        "next_step":"confirm_phone","phone":null,"card":"not an object","balance":{"value":1}})")
                              .object();
    const Registration r = Registration::fromJson(o);
    QCOMPARE(r.accountId, QStringLiteral("acc_3"));
    QCOMPARE(r.version, qint64(3));
    QCOMPARE(r.nextStep, Step::ConfirmPhone);
    QVERIFY(!r.phone);
    QVERIFY(!r.card);
    QVERIFY(r.balance.isNull());
    QVERIFY(!r.emailResendAvailableAt.isValid());
    QVERIFY(Registration::fromJson(QJsonObject()).isNull());
}

void TestCoreRegistration::stepNames_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("step");
    QTest::newRow("confirm_email") << QStringLiteral("confirm_email") << int(Step::ConfirmEmail);
    QTest::newRow("confirm_phone") << QStringLiteral("confirm_phone") << int(Step::ConfirmPhone);
    QTest::newRow("bind_card") << QStringLiteral("bind_card") << int(Step::BindCard);
    QTest::newRow("done") << QStringLiteral("done") << int(Step::Done);
}

void TestCoreRegistration::stepNames() {
    QFETCH(QString, name);
    QFETCH(int, step);
    QCOMPARE(stepWireName(Step(step)), name);
    QCOMPARE(int(stepFromWireName(name)), step);
}

void TestCoreRegistration::regionAndDeclineNames() {
    // Region ids (§2) and decline codes (§3) both ways; anything else reads as Unknown.
    const QList<QPair<RegionId, QString>> regions{{RegionId::Moscow, QStringLiteral("ru-msk")},
                                                  {RegionId::Kazakhstan, QStringLiteral("kz-ast")}};
    for (const auto &[id, name] : regions) {
        QCOMPARE(wireName(id), name);
        QCOMPARE(regionIdFromWire(name), id);
        QVERIFY(Regions::find(id));
        QCOMPARE(Regions::find(id)->id, name);
        QCOMPARE(Regions::find(id)->typedId(), id);
    }
    QCOMPARE(regionIdFromWire(QStringLiteral("ru-spb")), RegionId::Unknown);
    QCOMPARE(regionIdFromWire(QString()), RegionId::Unknown);
    QVERIFY(!Regions::find(RegionId::Unknown));
    Registration kz;
    kz.region = QStringLiteral("kz-ast");
    QCOMPARE(kz.regionId(), RegionId::Kazakhstan);

    const QList<QPair<DeclineCode, QString>> declines{
        {DeclineCode::VirtualCardNotAllowed, QStringLiteral("virtual_card_not_allowed")},
        {DeclineCode::InsufficientFunds, QStringLiteral("insufficient_funds")},
        {DeclineCode::CardDeclined, QStringLiteral("card_declined")},
        {DeclineCode::AuthenticationFailed, QStringLiteral("authentication_failed")}};
    for (const auto &[code, name] : declines) {
        QCOMPARE(wireName(code), name);
        QCOMPARE(declineCodeFromWire(name), code);
        CardState card;
        card.declineCode = name;
        QCOMPARE(card.declineReason(), code);
    }
    QCOMPARE(declineCodeFromWire(QStringLiteral("do_not_honor")), DeclineCode::Unknown);
    QVERIFY(wireName(DeclineCode::Unknown).isEmpty());
    QVERIFY(wireName(RegionId::Unknown).isEmpty());
}

void TestCoreRegistration::statusNames() {
    // The contract's names (§3) both ways; a name from a newer server reads as Unknown, never as
    // a status the wizard would act on.
    const QList<QPair<PhoneStatus, QString>> phone{
        {PhoneStatus::AwaitingCall, QStringLiteral("awaiting_call")},
        {PhoneStatus::Confirmed, QStringLiteral("confirmed")},
        {PhoneStatus::Expired, QStringLiteral("expired")}};
    for (const auto &[status, name] : phone) {
        QCOMPARE(wireName(status), name);
        QCOMPARE(phoneStatusFromWire(name), status);
    }
    const QList<QPair<CardStatus, QString>> card{
        {CardStatus::Processing, QStringLiteral("processing")},
        {CardStatus::RequiresAction, QStringLiteral("requires_action")},
        {CardStatus::Linked, QStringLiteral("linked")},
        {CardStatus::Declined, QStringLiteral("declined")}};
    for (const auto &[status, name] : card) {
        QCOMPARE(wireName(status), name);
        QCOMPARE(cardStatusFromWire(name), status);
    }
    // The robot's answer to keyed digits (§4).
    const QList<QPair<KeyedDigitsResult, QString>> keyed{
        {KeyedDigitsResult::Confirmed, QStringLiteral("confirmed")},
        {KeyedDigitsResult::WrongDigits, QStringLiteral("wrong_digits")},
        {KeyedDigitsResult::CallEnded, QStringLiteral("call_ended")}};
    for (const auto &[result, name] : keyed) {
        QCOMPARE(wireName(result), name);
        QCOMPARE(keyedDigitsResultFromWire(name), result);
    }
    QCOMPARE(keyedDigitsResultFromWire(QStringLiteral("busy")), KeyedDigitsResult::Unknown);
    QCOMPARE(keyedDigitsResultFromWire(QString()), KeyedDigitsResult::Unknown);
    QCOMPARE(phoneStatusFromWire(QStringLiteral("on_hold")), PhoneStatus::Unknown);
    QCOMPARE(cardStatusFromWire(QStringLiteral("Linked")), CardStatus::Unknown);
    QCOMPARE(cardStatusFromWire(QString()), CardStatus::Unknown);
    const QJsonObject o = QJsonDocument::fromJson(R"({"account_id":"acc_4","version":4,
        "phone":{"status":"awaiting_call","number":"+7 912 ***-**-89"},"card":{"status":"requires_action"}})")
                              .object();
    const Registration r = Registration::fromJson(o);
    QCOMPARE(r.phone->status, PhoneStatus::AwaitingCall);
    QCOMPARE(r.card->status, CardStatus::RequiresAction);
    QCOMPARE(r.toJson().value(QStringLiteral("card")).toObject().value(QStringLiteral("status")).toString(),
             QStringLiteral("requires_action"));
}

void TestCoreRegistration::languageNames() {
    // The contract's languages (§1) both ways; anything else is no language (a request naming it is
    // refused), and each has the confirmation email's subject the contract gives.
    const QList<QPair<Language, QString>> languages{{Language::English, QStringLiteral("en")},
                                                    {Language::Russian, QStringLiteral("ru")}};
    for (const auto &[language, name] : languages) {
        QCOMPARE(wireName(language), name);
        QVERIFY(languageFromWire(name) == language);
    }
    for (const QString &name : {QStringLiteral("de"), QStringLiteral("EN"), QStringLiteral(" ru"), QString()})
        QVERIFY2(!languageFromWire(name), qPrintable(name));
    QCOMPARE(confirmationEmailSubject(Language::English), QStringLiteral("Complete your registration now"));
    QCOMPARE(confirmationEmailSubject(Language::Russian), QStringLiteral("Завершите регистрацию"));
}

void TestCoreRegistration::rfc3339() {
    const QDateTime t(QDate(2026, 11, 28), QTime(10, 0), Qt::UTC);
    QCOMPARE(toRfc3339(t), QStringLiteral("2026-11-28T10:00:00Z"));
    QCOMPARE(toRfc3339(t.toOffsetFromUtc(3 * 3600)), QStringLiteral("2026-11-28T10:00:00Z"));
    QCOMPARE(fromRfc3339(QStringLiteral("2026-11-28T13:00:00+03:00")), t);
    QCOMPARE(fromRfc3339(QStringLiteral("2026-11-28T10:00:00.250Z")), t.addMSecs(250));
    QVERIFY(!fromRfc3339(QStringLiteral("yesterday")).isValid());
    QCOMPARE(toRfc3339(QDateTime()), QString());
}

QTEST_GUILESS_MAIN(TestCoreRegistration)
#include "tst_core_registration.moc"
