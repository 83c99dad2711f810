// The error codes of the contract, typed: every wire name reads back as its own code and is written
// the same way, and a code this build does not know reads as Unknown.
#include "core/errorcode.h"

#include <QSet>
#include <QTest>

using namespace signup;

namespace signup {
// QCOMPARE prints the wire name on a failure instead of a number.
char *toString(ErrorCode code) {
    return qstrdup(code == ErrorCode::Unknown ? "Unknown" : qPrintable(wireName(code)));
}
} // namespace signup

namespace {

// Copied from the contract (signup-api.md 1.1: §1, §2, §3, §4, §5, §6) and docs/api.md's error table, not
// from the code under test, so a code missing from the enum or misspelt there fails here.
const QList<std::pair<const char *, ErrorCode>> &contractCodes() {
    static const QList<std::pair<const char *, ErrorCode>> codes{
        {"malformed_request", ErrorCode::MalformedRequest},
        {"payload_too_large", ErrorCode::PayloadTooLarge},
        {"headers_too_large", ErrorCode::HeadersTooLarge},
        {"unauthorized", ErrorCode::Unauthorized},
        {"not_found", ErrorCode::NotFound},
        {"method_not_allowed", ErrorCode::MethodNotAllowed},
        {"request_timeout", ErrorCode::RequestTimeout},
        {"idempotency_key_reused", ErrorCode::IdempotencyKeyReused},
        {"request_in_progress", ErrorCode::RequestInProgress},
        {"rate_limited", ErrorCode::RateLimited},
        {"internal_error", ErrorCode::InternalError},
        {"not_implemented", ErrorCode::NotImplemented},
        {"server_busy", ErrorCode::ServerBusy},
        {"http_version_not_supported", ErrorCode::HttpVersionNotSupported},
        {"invalid_email", ErrorCode::InvalidEmail},
        {"invalid_password", ErrorCode::InvalidPassword},
        {"unknown_region", ErrorCode::UnknownRegion},
        {"email_taken", ErrorCode::EmailTaken},
        {"invalid_credentials", ErrorCode::InvalidCredentials},
        {"invalid_confirmation_link", ErrorCode::InvalidConfirmationLink},
        {"step_order", ErrorCode::StepOrder},
        {"already_confirmed", ErrorCode::AlreadyConfirmed},
        {"invalid_phone", ErrorCode::InvalidPhone},
        {"phone_region_not_allowed", ErrorCode::PhoneRegionNotAllowed},
        {"phone_taken", ErrorCode::PhoneTaken},
        {"invalid_card", ErrorCode::InvalidCard},
        {"unsupported_card_brand", ErrorCode::UnsupportedCardBrand},
        {"expired_card", ErrorCode::ExpiredCard},
        {"already_linked", ErrorCode::AlreadyLinked},
        {"invalid_autopayment", ErrorCode::InvalidAutopayment},
        {"autopayment_unavailable", ErrorCode::AutopaymentUnavailable},
        {"invitation_not_found", ErrorCode::InvitationNotFound},
        {"invitation_expired", ErrorCode::InvitationExpired},
        {"invitation_used", ErrorCode::InvitationUsed},
        {"account_exists", ErrorCode::AccountExists},
        {"invitation_email_mismatch", ErrorCode::InvitationEmailMismatch},
        {"support_code_not_found", ErrorCode::SupportCodeNotFound},
        {"sandbox_fault", ErrorCode::SandboxFault},
        {"fault_plan_full", ErrorCode::FaultPlanFull},
        {"invitation_link_invalid", ErrorCode::InvitationLinkInvalid},
    };
    return codes;
}

} // namespace

class TestCoreErrorCode : public QObject {
    Q_OBJECT

private slots:
    void everyContractCodeRoundTrips_data();
    void everyContractCodeRoundTrips();
    void everyKnownCodeIsInTheContract();
    void unknownNamesReadAsUnknown_data();
    void unknownNamesReadAsUnknown();
};

void TestCoreErrorCode::everyContractCodeRoundTrips_data() {
    QTest::addColumn<QString>("wire");
    QTest::addColumn<ErrorCode>("code");
    for (const auto &[wire, code] : contractCodes())
        QTest::newRow(wire) << QString::fromLatin1(wire) << code;
}

void TestCoreErrorCode::everyContractCodeRoundTrips() {
    QFETCH(QString, wire);
    QFETCH(ErrorCode, code);
    QCOMPARE(errorCodeFromWire(wire), code);
    QCOMPARE(wireName(code), wire);
    QCOMPARE(errorCodeFromWire(wireName(code)), code);
}

void TestCoreErrorCode::everyKnownCodeIsInTheContract() {
    // No code of the enum is left out of the list the reader scans, and none is there twice.
    QSet<ErrorCode> expected;
    for (const auto &entry : contractCodes())
        expected.insert(entry.second);
    const QList<ErrorCode> &known = knownErrorCodes();
    QCOMPARE(QSet<ErrorCode>(known.begin(), known.end()).size(), known.size());
    QCOMPARE(QSet<ErrorCode>(known.begin(), known.end()), expected);
    QVERIFY(!known.contains(ErrorCode::Unknown));
    QVERIFY(wireName(ErrorCode::Unknown).isEmpty());
}

void TestCoreErrorCode::unknownNamesReadAsUnknown_data() {
    QTest::addColumn<QString>("wire");
    QTest::newRow("a newer server's code") << QStringLiteral("card_frozen");
    QTest::newRow("empty") << QString();
    QTest::newRow("another case") << QStringLiteral("EMAIL_TAKEN");
    QTest::newRow("spaces around") << QStringLiteral(" email_taken");
    QTest::newRow("a prefix of a code") << QStringLiteral("invalid_");
    QTest::newRow("a status, not an error code") << QStringLiteral("awaiting_call");
}

void TestCoreErrorCode::unknownNamesReadAsUnknown() {
    QFETCH(QString, wire);
    QCOMPARE(errorCodeFromWire(wire), ErrorCode::Unknown);
}

QTEST_APPLESS_MAIN(TestCoreErrorCode)
#include "tst_core_errorcode.moc"
