#include "core/cardpolicy.h"
#include "core/region.h"

#include <QTest>

using signup::AutopaymentBlock;
using signup::CardBrand;
using signup::CardExpiry;
using signup::CardPolicy;
using signup::Region;
using signup::Regions;

Q_DECLARE_METATYPE(signup::CardBrand)

namespace {
// The contract's name of a refusal, "" when the card is accepted.
QString wireNameOf(const std::optional<signup::ErrorCode> &problem) {
    return problem ? signup::wireName(*problem) : QString();
}
} // namespace

class TestCoreCard : public QObject {
    Q_OBJECT

private slots:
    void checkNumber_data();
    void checkNumber();
    void brand_data();
    void brand();
    void expiry_data();
    void expiry();
    void cvc_data();
    void cvc();
    void formatAsTyped_data();
    void formatAsTyped();
    void maskedAndNames();
    void parseExpiry_data();
    void parseExpiry();
    void autopaymentBlock();
};

void TestCoreCard::checkNumber_data() {
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("error");

    const QString msk = QStringLiteral("ru-msk");
    const QString kz = QStringLiteral("kz-ast");
    const QString ok;
    const QString invalid = QStringLiteral("invalid_card");
    const QString unsupported = QStringLiteral("unsupported_card_brand");

    // Every test card of the contract.
    QTest::newRow("mir 0004") << QStringLiteral("2200 0000 0000 0004") << msk << ok;
    QTest::newRow("visa 1111") << QStringLiteral("4111 1111 1111 1111") << msk << ok;
    QTest::newRow("mastercard 4444") << QStringLiteral("5555 5555 5555 4444") << msk << ok;
    QTest::newRow("unionpay 0005") << QStringLiteral("6200 0000 0000 0005") << msk << ok;
    QTest::newRow("declined 0002") << QStringLiteral("4000 0000 0000 0002") << msk << ok;
    QTest::newRow("insufficient 9995") << QStringLiteral("4000 0000 0000 9995") << msk << ok;
    QTest::newRow("virtual mir 0012") << QStringLiteral("2200 0000 0000 0012") << msk << ok;
    QTest::newRow("3ds 3220") << QStringLiteral("4000 0000 0000 3220") << msk << ok;
    QTest::newRow("visa in kz") << QStringLiteral("4111 1111 1111 1111") << kz << ok;
    QTest::newRow("mastercard in kz") << QStringLiteral("5555 5555 5555 4444") << kz << ok;
    QTest::newRow("mir in kz") << QStringLiteral("2200 0000 0000 0004") << kz << unsupported;
    QTest::newRow("unionpay in kz") << QStringLiteral("6200 0000 0000 0005") << kz << unsupported;
    QTest::newRow("amex") << QStringLiteral("3782 822463 10005") << msk << unsupported;
    QTest::newRow("amex in kz") << QStringLiteral("378282246310005") << kz << unsupported;
    QTest::newRow("jcb") << QStringLiteral("3530 1113 3330 0000") << msk << unsupported;
    QTest::newRow("discover") << QStringLiteral("6011 1111 1111 1117") << msk << unsupported;
    QTest::newRow("mastercard 2-series") << QStringLiteral("2223 0031 2200 3222") << msk << ok;
    QTest::newRow("dashes") << QStringLiteral("4111-1111-1111-1111") << msk << ok;
    QTest::newRow("no separators") << QStringLiteral("4111111111111111") << msk << ok;
    QTest::newRow("bad luhn") << QStringLiteral("4111 1111 1111 1112") << msk << invalid;
    QTest::newRow("bad luhn mir") << QStringLiteral("2200 0000 0000 0005") << msk << invalid;
    QTest::newRow("12 digits") << QStringLiteral("4111 1111 1111") << msk << invalid;
    QTest::newRow("20 digits") << QStringLiteral("4111 1111 1111 1111 1113") << msk << invalid;
    QTest::newRow("letter inside") << QStringLiteral("4111 1111 1111 111a") << msk << invalid;
    QTest::newRow("dot separator") << QStringLiteral("4111.1111.1111.1111") << msk << invalid;
    QTest::newRow("empty") << QString() << msk << invalid;
    QTest::newRow("unknown prefix") << QStringLiteral("9999 9999 9999 9995") << msk << invalid;
    QTest::newRow("mastercard 15 digits") << QStringLiteral("555555555555557") << msk << invalid;
}

void TestCoreCard::checkNumber() {
    QFETCH(QString, number);
    QFETCH(QString, region);
    QFETCH(QString, error);
    const signup::Region *r = signup::Regions::find(region);
    QVERIFY(r);
    QCOMPARE(wireNameOf(CardPolicy::numberProblem(number, r->cardBrands)), error);
}

void TestCoreCard::brand_data() {
    QTest::addColumn<QString>("digits");
    QTest::addColumn<CardBrand>("brand");
    QTest::addColumn<QString>("id");

    QTest::newRow("2200 mir") << QStringLiteral("2200000000000004") << CardBrand::Mir
                              << QStringLiteral("mir");
    QTest::newRow("2204 mir") << QStringLiteral("2204") << CardBrand::Mir << QStringLiteral("mir");
    QTest::newRow("2205 nothing") << QStringLiteral("2205") << CardBrand::Unknown << QString();
    QTest::newRow("2220 nothing") << QStringLiteral("2220") << CardBrand::Unknown << QString();
    QTest::newRow("2221 mastercard") << QStringLiteral("2221") << CardBrand::Mastercard
                                     << QStringLiteral("mastercard");
    QTest::newRow("2720 mastercard") << QStringLiteral("2720") << CardBrand::Mastercard
                                     << QStringLiteral("mastercard");
    QTest::newRow("2721 nothing") << QStringLiteral("2721") << CardBrand::Unknown << QString();
    QTest::newRow("51 mastercard") << QStringLiteral("51") << CardBrand::Mastercard
                                   << QStringLiteral("mastercard");
    QTest::newRow("55 mastercard") << QStringLiteral("55") << CardBrand::Mastercard
                                   << QStringLiteral("mastercard");
    QTest::newRow("4 visa") << QStringLiteral("4") << CardBrand::Visa << QStringLiteral("visa");
    QTest::newRow("62 unionpay") << QStringLiteral("62") << CardBrand::UnionPay << QStringLiteral("unionpay");
    QTest::newRow("34 amex") << QStringLiteral("34") << CardBrand::AmericanExpress << QStringLiteral("amex");
    QTest::newRow("37 amex") << QStringLiteral("37") << CardBrand::AmericanExpress << QStringLiteral("amex");
    QTest::newRow("3528 jcb") << QStringLiteral("3528") << CardBrand::Jcb << QStringLiteral("jcb");
    QTest::newRow("6304 maestro") << QStringLiteral("6304") << CardBrand::Maestro
                                  << QStringLiteral("maestro");
    QTest::newRow("50 maestro") << QStringLiteral("50") << CardBrand::Maestro << QStringLiteral("maestro");
    QTest::newRow("36 diners") << QStringLiteral("36") << CardBrand::DinersClub << QStringLiteral("diners");
    QTest::newRow("6011 discover") << QStringLiteral("6011") << CardBrand::Discover
                                   << QStringLiteral("discover");
    QTest::newRow("22 too short") << QStringLiteral("22") << CardBrand::Unknown << QString();
    QTest::newRow("empty") << QString() << CardBrand::Unknown << QString();
}

void TestCoreCard::brand() {
    QFETCH(QString, digits);
    QFETCH(CardBrand, brand);
    QFETCH(QString, id);
    QCOMPARE(CardPolicy::detectBrand(digits), brand);
    QCOMPARE(signup::cardBrandId(brand), id);
    QCOMPARE(signup::cardBrandFromId(id), brand);
}

void TestCoreCard::expiry_data() {
    QTest::addColumn<int>("month");
    QTest::addColumn<int>("year");
    QTest::addColumn<QDate>("today");
    QTest::addColumn<QString>("error");

    const QDate today(2026, 11, 28);
    const QString expired = QStringLiteral("expired_card");
    const QString invalid = QStringLiteral("invalid_card");
    QTest::newRow("current month") << 11 << 2026 << today << QString();
    QTest::newRow("current month, last day") << 11 << 2026 << QDate(2026, 11, 30) << QString();
    QTest::newRow("last month") << 10 << 2026 << today << expired;
    QTest::newRow("day after the month") << 11 << 2026 << QDate(2026, 12, 1) << expired;
    QTest::newRow("next month") << 12 << 2026 << today << QString();
    QTest::newRow("last year") << 12 << 2025 << today << expired;
    QTest::newRow("february leap") << 2 << 2028 << QDate(2028, 2, 29) << QString();
    QTest::newRow("20 years ahead") << 11 << 2046 << today << QString();
    QTest::newRow("20 years and a month") << 12 << 2046 << today << invalid;
    QTest::newRow("month 0") << 0 << 2027 << today << invalid;
    QTest::newRow("month 13") << 13 << 2027 << today << invalid;
    QTest::newRow("two-digit year") << 12 << 27 << today << invalid;
    QTest::newRow("five-digit year") << 12 << 20270 << today << invalid;
}

void TestCoreCard::expiry() {
    QFETCH(int, month);
    QFETCH(int, year);
    QFETCH(QDate, today);
    QFETCH(QString, error);
    QCOMPARE(wireNameOf(CardPolicy::expiryProblem(month, year, today)), error);
}

void TestCoreCard::cvc_data() {
    QTest::addColumn<QString>("cvc");
    QTest::addColumn<bool>("valid");
    QTest::newRow("123") << QStringLiteral("123") << true;
    QTest::newRow("000") << QStringLiteral("000") << true;
    QTest::newRow("12") << QStringLiteral("12") << false;
    QTest::newRow("1234") << QStringLiteral("1234") << false;
    QTest::newRow("12a") << QStringLiteral("12a") << false;
    QTest::newRow("space") << QStringLiteral("1 3") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestCoreCard::cvc() {
    QFETCH(QString, cvc);
    QFETCH(bool, valid);
    QCOMPARE(CardPolicy::cvcValid(cvc), valid);
}

void TestCoreCard::formatAsTyped_data() {
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("formatted");
    QTest::newRow("mir") << QStringLiteral("2200000000000004") << QStringLiteral("2200 0000 0000 0004");
    QTest::newRow("partial") << QStringLiteral("22000") << QStringLiteral("2200 0");
    QTest::newRow("four") << QStringLiteral("2200") << QStringLiteral("2200");
    QTest::newRow("messy") << QStringLiteral(" 4111-1111 1111x1111 ")
                           << QStringLiteral("4111 1111 1111 1111");
    QTest::newRow("19 digits max") << QStringLiteral("62000000000000000051234")
                                   << QStringLiteral("6200 0000 0000 0000 005");
    QTest::newRow("amex 4-6-5") << QStringLiteral("378282246310005") << QStringLiteral("3782 822463 10005");
    QTest::newRow("amex partial") << QStringLiteral("3782822") << QStringLiteral("3782 822");
    QTest::newRow("empty") << QString() << QString();
}

void TestCoreCard::formatAsTyped() {
    QFETCH(QString, input);
    QFETCH(QString, formatted);
    QCOMPARE(CardPolicy::formatAsTyped(input), formatted);
}

void TestCoreCard::maskedAndNames() {
    QCOMPARE(CardPolicy::masked(QStringLiteral("0004")), QStringLiteral("\u2022\u2022\u2022\u2022 0004"));
    QCOMPARE(signup::cardBrandDisplayName(CardBrand::AmericanExpress), QStringLiteral("American Express"));
    QCOMPARE(signup::cardBrandDisplayName(CardBrand::Mir), QStringLiteral("Mir"));
    QCOMPARE(CardPolicy::supportedBrandIds(),
             (QStringList{QStringLiteral("mir"), QStringLiteral("visa"), QStringLiteral("mastercard"),
                          QStringLiteral("unionpay")}));
    QCOMPARE(CardPolicy::normalizedNumber(QStringLiteral("2200 0000-0000 0004")),
             QStringLiteral("2200000000000004"));
}

void TestCoreCard::parseExpiry_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("month");
    QTest::addColumn<int>("year");
    QTest::newRow("as printed") << QStringLiteral("08/29") << 8 << 2029;
    QTest::newRow("no slash") << QStringLiteral("0829") << 8 << 2029;
    QTest::newRow("month 13 parses (expiryProblem refuses it)") << QStringLiteral("13/30") << 13 << 2030;
    QTest::newRow("year 00") << QStringLiteral("12/00") << 12 << 2000;
    QTest::newRow("spaces around") << QStringLiteral(" 01/31 ") << 1 << 2031;
    QTest::newRow("one-digit month") << QStringLiteral("8/29") << 0 << 0;
    QTest::newRow("year half typed") << QStringLiteral("08/2") << 0 << 0;
    QTest::newRow("four-digit year") << QStringLiteral("08/2029") << 0 << 0;
    QTest::newRow("letters") << QStringLiteral("ab/cd") << 0 << 0;
    QTest::newRow("empty") << QString() << 0 << 0;
    QTest::newRow("Arabic-Indic digits") << QStringLiteral("\u0660\u0668/\u0662\u0669") << 0 << 0;
}

void TestCoreCard::parseExpiry() {
    QFETCH(QString, text);
    QFETCH(int, month);
    QFETCH(int, year);
    const CardExpiry e = CardPolicy::parseExpiry(text);
    QCOMPARE(e.month, month);
    QCOMPARE(e.year, year);
    QCOMPARE(e.isValid(), month > 0);
}

void TestCoreCard::autopaymentBlock() {
    const Region *msk = Regions::find(QStringLiteral("ru-msk"));
    const Region *kz = Regions::find(QStringLiteral("kz-ast"));
    QVERIFY(msk && kz);
    QCOMPARE(CardPolicy::autopaymentBlock(msk, true, CardBrand::Mir), AutopaymentBlock::None);
    QCOMPARE(CardPolicy::autopaymentBlock(msk, true, CardBrand::Visa), AutopaymentBlock::None);
    QCOMPARE(CardPolicy::autopaymentBlock(msk, true, CardBrand::UnionPay), AutopaymentBlock::CardBrand);
    QCOMPARE(CardPolicy::autopaymentBlock(msk, false, CardBrand::Unknown), AutopaymentBlock::CardNotLinked);
    // The region is the first thing to explain: no card would help there.
    QCOMPARE(CardPolicy::autopaymentBlock(kz, false, CardBrand::Unknown), AutopaymentBlock::Region);
    QCOMPARE(CardPolicy::autopaymentBlock(kz, true, CardBrand::Mir), AutopaymentBlock::Region);
}

QTEST_GUILESS_MAIN(TestCoreCard)
#include "tst_core_card.moc"
