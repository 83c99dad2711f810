// The rule ids of the contract, typed: every wire name reads back as its own id and is written the
// same way, and an id this build does not know reads as Unknown.
#include "core/emailpolicy.h"
#include "core/passwordpolicy.h"
#include "core/rulecheck.h"

#include <QSet>
#include <QTest>

using namespace signup;

namespace signup {
// QCOMPARE prints the wire name on a failure instead of a number.
char *toString(RuleId id) {
    return qstrdup(id == RuleId::Unknown ? "Unknown" : qPrintable(wireName(id)));
}
} // namespace signup

namespace {

// Copied from the contract (signup-api.md 1.1, §2), not from the code under test, so an id missing
// from the enum or misspelt there fails here.
const QList<std::pair<const char *, RuleId>> &contractIds() {
    static const QList<std::pair<const char *, RuleId>> ids{
        {"email_length", RuleId::EmailLength},
        {"email_format", RuleId::EmailFormat},
        {"email_plus", RuleId::EmailPlus},
        {"password_length", RuleId::PasswordLength},
        {"password_charset", RuleId::PasswordCharset},
        {"password_upper", RuleId::PasswordUpper},
        {"password_lower", RuleId::PasswordLower},
        {"password_digit_or_special", RuleId::PasswordDigitOrSpecial},
        {"password_repeats", RuleId::PasswordRepeats},
    };
    return ids;
}

} // namespace

class TestCoreRuleId : public QObject {
    Q_OBJECT

private slots:
    void everyContractIdRoundTrips_data();
    void everyContractIdRoundTrips();
    void everyKnownIdIsInTheContract();
    void thePoliciesCheckEveryKnownId();
    void unknownNamesReadAsUnknown_data();
    void unknownNamesReadAsUnknown();
};

void TestCoreRuleId::everyContractIdRoundTrips_data() {
    QTest::addColumn<QString>("wire");
    QTest::addColumn<RuleId>("id");
    for (const auto &[wire, id] : contractIds())
        QTest::newRow(wire) << QString::fromLatin1(wire) << id;
}

void TestCoreRuleId::everyContractIdRoundTrips() {
    QFETCH(QString, wire);
    QFETCH(RuleId, id);
    QCOMPARE(ruleIdFromWire(wire), id);
    QCOMPARE(wireName(id), wire);
    QCOMPARE(ruleIdFromWire(wireName(id)), id);
}

void TestCoreRuleId::everyKnownIdIsInTheContract() {
    // No id of the enum is left out of the list the reader scans, and none is there twice.
    QList<RuleId> expected;
    for (const auto &entry : contractIds())
        expected.append(entry.second);
    QCOMPARE(knownRuleIds(), expected);
    QCOMPARE(QSet<RuleId>(knownRuleIds().begin(), knownRuleIds().end()).size(), knownRuleIds().size());
    QVERIFY(!knownRuleIds().contains(RuleId::Unknown));
    QVERIFY(wireName(RuleId::Unknown).isEmpty());
}

void TestCoreRuleId::thePoliciesCheckEveryKnownId() {
    // Between them the email and the password checks list every rule once, in contract order.
    QList<RuleId> checked;
    for (const RuleCheck &check : EmailPolicy::check(QStringLiteral("ivan@example.com")))
        checked.append(check.id);
    for (const RuleCheck &check : PasswordPolicy::check(QStringLiteral("Correct1Horse")))
        checked.append(check.id);
    QCOMPARE(checked, knownRuleIds());
}

void TestCoreRuleId::unknownNamesReadAsUnknown_data() {
    QTest::addColumn<QString>("wire");
    QTest::newRow("a newer server's rule") << QStringLiteral("password_not_breached");
    QTest::newRow("empty") << QString();
    QTest::newRow("another case") << QStringLiteral("EMAIL_PLUS");
    QTest::newRow("spaces around") << QStringLiteral(" email_plus");
    QTest::newRow("a prefix of an id") << QStringLiteral("password_");
    QTest::newRow("an error code, not a rule id") << QStringLiteral("invalid_email");
}

void TestCoreRuleId::unknownNamesReadAsUnknown() {
    QFETCH(QString, wire);
    QCOMPARE(ruleIdFromWire(wire), RuleId::Unknown);
}

QTEST_APPLESS_MAIN(TestCoreRuleId)
#include "tst_core_ruleid.moc"
