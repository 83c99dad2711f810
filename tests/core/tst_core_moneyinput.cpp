// Amounts as people type them into the autopayment fields, read into minor units without a float.
#include "core/moneyinput.h"

#include <QTest>

using namespace signup;

Q_DECLARE_METATYPE(MoneyInput::Problem)

namespace {
constexpr qint64 kMaxThreshold = 999999900; // 9 999 999.00
const QLocale kRussian(QLocale::Russian, QLocale::Russia);
const QLocale kEnglish(QLocale::English, QLocale::UnitedStates);
} // namespace

class TestCoreMoneyInput : public QObject {
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void range_data();
    void range();
    void formatReadsBack_data();
    void formatReadsBack();
};

void TestCoreMoneyInput::parse_data() {
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<MoneyInput::Problem>("problem");
    QTest::addColumn<qint64>("minor");
    using P = MoneyInput::Problem;
    QTest::newRow("1 000") << QStringLiteral("1 000") << kRussian << P::None << qint64(100000);
    QTest::newRow("1 000 (no-break space)")
        << QStringLiteral("1\u00a0000") << kRussian << P::None << qint64(100000);
    QTest::newRow("1000,50 ru") << QStringLiteral("1000,50") << kRussian << P::None << qint64(100050);
    QTest::newRow("1000,50 en") << QStringLiteral("1000,50") << kEnglish << P::None << qint64(100050);
    QTest::newRow("1000.5 ru") << QStringLiteral("1000.5") << kRussian << P::None << qint64(100050);
    QTest::newRow("1000.5 en") << QStringLiteral("1000.5") << kEnglish << P::None << qint64(100050);
    QTest::newRow("1,000 en is a thousand")
        << QStringLiteral("1,000") << kEnglish << P::None << qint64(100000);
    QTest::newRow("1,000.25 en") << QStringLiteral("1,000.25") << kEnglish << P::None << qint64(100025);
    QTest::newRow("1 000,25 ru") << QStringLiteral("1 000,25") << kRussian << P::None << qint64(100025);
    QTest::newRow("surrounding spaces") << QStringLiteral("  250 ") << kRussian << P::None << qint64(25000);
    QTest::newRow("zero") << QStringLiteral("0") << kRussian << P::None << qint64(0);
    QTest::newRow(",50") << QStringLiteral(",50") << kRussian << P::None << qint64(50);
    QTest::newRow("leading zeros") << QStringLiteral("000100") << kRussian << P::None << qint64(10000);
    QTest::newRow("too many decimals ru")
        << QStringLiteral("1000,505") << kRussian << P::TooManyDecimals << qint64(0);
    QTest::newRow("too many decimals en, not a group")
        << QStringLiteral("1000,505") << kEnglish << P::TooManyDecimals << qint64(0);
    QTest::newRow("too many decimals with a dot")
        << QStringLiteral("10.001") << kRussian << P::TooManyDecimals << qint64(0);
    QTest::newRow("negative") << QStringLiteral("-100") << kRussian << P::Negative << qint64(0);
    QTest::newRow("negative (minus sign)")
        << QStringLiteral("\u2212100") << kRussian << P::Negative << qint64(0);
    QTest::newRow("empty") << QString() << kRussian << P::Empty << qint64(0);
    QTest::newRow("only spaces") << QStringLiteral("  ") << kRussian << P::Empty << qint64(0);
    QTest::newRow("letters") << QStringLiteral("12a") << kRussian << P::NotANumber << qint64(0);
    QTest::newRow("two decimal separators")
        << QStringLiteral("1.000,50") << kEnglish << P::NotANumber << qint64(0);
    QTest::newRow("bad grouping") << QStringLiteral("10,00,000") << kEnglish << P::NotANumber << qint64(0);
    QTest::newRow("a dot alone") << QStringLiteral(".") << kRussian << P::NotANumber << qint64(0);
    QTest::newRow("exponent") << QStringLiteral("1e3") << kEnglish << P::NotANumber << qint64(0);
    QTest::newRow("over the maximum")
        << QStringLiteral("10 000 000") << kRussian << P::AboveMaximum << qint64(0);
    QTest::newRow("far over, never overflowing")
        << QStringLiteral("99999999999999999999999") << kRussian << P::AboveMaximum << qint64(0);
}

void TestCoreMoneyInput::parse() {
    QFETCH(QString, typed);
    QFETCH(QLocale, locale);
    QFETCH(MoneyInput::Problem, problem);
    QFETCH(qint64, minor);
    const MoneyInput::Result result = MoneyInput::parse(typed, locale, 0, kMaxThreshold);
    QCOMPARE(result.problem, problem);
    QCOMPARE(result.isValid(), problem == MoneyInput::Problem::None);
    if (result.isValid())
        QCOMPARE(result.minorUnits, minor);
}

void TestCoreMoneyInput::range_data() {
    // The Moscow top-up amount: 100.00–10 000.00, both ends included.
    QTest::addColumn<QString>("typed");
    QTest::addColumn<MoneyInput::Problem>("problem");
    using P = MoneyInput::Problem;
    QTest::newRow("below") << QStringLiteral("99,99") << P::BelowMinimum;
    QTest::newRow("minimum") << QStringLiteral("100") << P::None;
    QTest::newRow("maximum") << QStringLiteral("10 000,00") << P::None;
    QTest::newRow("above by a kopeck") << QStringLiteral("10 000,01") << P::AboveMaximum;
}

void TestCoreMoneyInput::range() {
    QFETCH(QString, typed);
    QFETCH(MoneyInput::Problem, problem);
    QCOMPARE(MoneyInput::parse(typed, kRussian, 10000, 1000000).problem, problem);
}

void TestCoreMoneyInput::formatReadsBack_data() {
    QTest::addColumn<qint64>("minor");
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("shown");
    QTest::newRow("ru thousand") << qint64(100000) << kRussian << QStringLiteral("1\u00a0000");
    QTest::newRow("ru kopecks") << qint64(100050) << kRussian << QStringLiteral("1\u00a0000,50");
    QTest::newRow("en thousand") << qint64(100000) << kEnglish << QStringLiteral("1,000");
    QTest::newRow("en cents") << qint64(999999999) << kEnglish << QStringLiteral("9,999,999.99");
    QTest::newRow("zero") << qint64(0) << kEnglish << QStringLiteral("0");
}

void TestCoreMoneyInput::formatReadsBack() {
    QFETCH(qint64, minor);
    QFETCH(QLocale, locale);
    QFETCH(QString, shown);
    QCOMPARE(MoneyInput::format(minor, locale), shown);
    const MoneyInput::Result back = MoneyInput::parse(shown, locale, 0, 999999999);
    QVERIFY(back.isValid());
    QCOMPARE(back.minorUnits, minor);
}

QTEST_APPLESS_MAIN(TestCoreMoneyInput)
#include "tst_core_moneyinput.moc"
