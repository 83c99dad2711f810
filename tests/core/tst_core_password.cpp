#include "core/passwordpolicy.h"

#include <QTest>

using signup::PasswordPolicy;

class TestCorePassword : public QObject {
    Q_OBJECT

private slots:
    void failedRules_data();
    void failedRules();
    void checkListsEveryRuleInOrder();
    void repeatedGroup_data();
    void repeatedGroup();
    void repeatedGroupInLongInput_data();
    void repeatedGroupInLongInput();
    void cyrillicLayout_data();
    void cyrillicLayout();
    void specialCharactersAreTheContractsList();
};

// The failed rules as the server lists them in `details`.
static QStringList wireNames(const QList<signup::RuleId> &ids) {
    QStringList names;
    for (signup::RuleId id : ids)
        names << signup::wireName(id);
    return names;
}

static const QString kLength = QStringLiteral("password_length");
static const QString kCharset = QStringLiteral("password_charset");
static const QString kUpper = QStringLiteral("password_upper");
static const QString kLower = QStringLiteral("password_lower");
static const QString kDigit = QStringLiteral("password_digit_or_special");
static const QString kRepeats = QStringLiteral("password_repeats");

// A square-free word over x, y, z (so it has no repeated group at all): the number of ones between
// consecutive zeros of the Thue–Morse sequence.
static QString cubeFreeOfLength(int length) {
    QString word;
    int ones = 0;
    for (quint32 k = 1; word.size() < length; ++k) {
        if (qPopulationCount(k) % 2 == 0) {
            word.append(QLatin1Char(char('x' + ones)));
            ones = 0;
        } else {
            ++ones;
        }
    }
    return word;
}

void TestCorePassword::failedRules_data() {
    QTest::addColumn<QString>("password");
    QTest::addColumn<QStringList>("failed");

    QTest::newRow("good") << QStringLiteral("Correct1Horse") << QStringList();
    QTest::newRow("good with special only") << QStringLiteral("Correct-Horse") << QStringList();
    QTest::newRow("exactly 8") << QStringLiteral("Abcdef1!") << QStringList();
    QTest::newRow("7 chars") << QStringLiteral("Abcde1!") << QStringList{kLength};
    QTest::newRow("empty") << QString() << QStringList{kLength, kUpper, kLower, kDigit};
    QTest::newRow("exactly 128") << QStringLiteral("Ab1") + cubeFreeOfLength(125) << QStringList();
    QTest::newRow("129") << QStringLiteral("Ab1") + cubeFreeOfLength(126) << QStringList{kLength};
    QTest::newRow("no upper") << QStringLiteral("correct1horse") << QStringList{kUpper};
    QTest::newRow("no lower") << QStringLiteral("CORRECT1HORSE") << QStringList{kLower};
    QTest::newRow("no digit or special") << QStringLiteral("CorrectHorse") << QStringList{kDigit};
    QTest::newRow("letters only lower") << QStringLiteral("abcdefgh") << QStringList{kUpper, kDigit};
    QTest::newRow("digits only") << QStringLiteral("19283746") << QStringList{kUpper, kLower};
    QTest::newRow("cyrillic") << QStringLiteral("Пароль1Abc") << QStringList{kCharset};
    QTest::newRow("cyrillic only") << QStringLiteral("пароль12") << QStringList{kCharset, kUpper, kLower};
    QTest::newRow("space") << QStringLiteral("Correct Horse1") << QStringList{kCharset};
    QTest::newRow("tab") << QStringLiteral("Correct\tHorse1") << QStringList{kCharset};
    QTest::newRow("emoji") << QStringLiteral("Correct1Horse\U0001F600") << QStringList{kCharset};
    QTest::newRow("emoji counted as one") << QStringLiteral("Ab1cdef\U0001F600") << QStringList{kCharset};
    QTest::newRow("7 + emoji is 8 code points")
        << QStringLiteral("Ab1cde\U0001F600") << QStringList{kLength, kCharset};
    QTest::newRow("accented latin") << QStringLiteral("Caf\u00e9Horse1") << QStringList{kCharset};
    QTest::newRow("fullwidth A") << QStringLiteral("\uFF21bcdefg1") << QStringList{kCharset, kUpper};
    QTest::newRow("quote not allowed") << QStringLiteral("Correct\"Horse1") << QStringList{kCharset};
    QTest::newRow("apostrophe not allowed") << QStringLiteral("Correct'Horse1") << QStringList{kCharset};
    QTest::newRow("less-than not allowed") << QStringLiteral("Correct<Horse1") << QStringList{kCharset};
    QTest::newRow("every special") << QStringLiteral("Aa?!~@#$%^&_-+*=;:,./\\|`[]{}()") << QStringList();
    QTest::newRow("aaa") << QStringLiteral("Correct1aaa") << QStringList{kRepeats};
    QTest::newRow("aa") << QStringLiteral("Correct1aa") << QStringList();
    QTest::newRow("abab") << QStringLiteral("Correct1abab") << QStringList();
    QTest::newRow("121212") << QStringLiteral("Correct121212") << QStringList{kRepeats};
    QTest::newRow("abcabcabc") << QStringLiteral("Xyabcabcabc1") << QStringList{kRepeats};
    QTest::newRow("111 digits") << QStringLiteral("Horse1115") << QStringList{kRepeats};
    QTest::newRow("!!! specials") << QStringLiteral("Horse!!!5") << QStringList{kRepeats};
    QTest::newRow("case matters") << QStringLiteral("Correct1aAa") << QStringList();
    QTest::newRow("everything wrong")
        << QStringLiteral("ммм") << QStringList{kLength, kCharset, kUpper, kLower, kDigit, kRepeats};
}

void TestCorePassword::failedRules() {
    QFETCH(QString, password);
    QFETCH(QStringList, failed);
    QCOMPARE(wireNames(PasswordPolicy::failedRules(password)), failed);
    QCOMPARE(PasswordPolicy::isValid(password), failed.isEmpty());
}

void TestCorePassword::checkListsEveryRuleInOrder() {
    QStringList ids;
    for (const signup::RuleCheck &check : PasswordPolicy::check(QStringLiteral("x")))
        ids << signup::wireName(check.id);
    QCOMPARE(ids, (QStringList{kLength, kCharset, kUpper, kLower, kDigit, kRepeats}));
    // The checklist's rows come from rules(): the same rules in the same order.
    QCOMPARE(wireNames(PasswordPolicy::rules()), ids);
}

void TestCorePassword::repeatedGroup_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("repeated");

    QTest::newRow("empty") << QString() << false;
    QTest::newRow("a") << QStringLiteral("a") << false;
    QTest::newRow("aa") << QStringLiteral("aa") << false;
    QTest::newRow("aaa") << QStringLiteral("aaa") << true;
    QTest::newRow("aaaa") << QStringLiteral("aaaa") << true;
    QTest::newRow("abab") << QStringLiteral("abab") << false;
    QTest::newRow("ababa") << QStringLiteral("ababa") << false;
    QTest::newRow("ababab") << QStringLiteral("ababab") << true;
    QTest::newRow("121212") << QStringLiteral("121212") << true;
    QTest::newRow("12121") << QStringLiteral("12121") << false;
    QTest::newRow("abcabcabc") << QStringLiteral("abcabcabc") << true;
    QTest::newRow("abcabcab") << QStringLiteral("abcabcab") << false;
    QTest::newRow("xabcabcabcx") << QStringLiteral("xabcabcabcx") << true;
    QTest::newRow("at the end") << QStringLiteral("Horse1zzz") << true;
    QTest::newRow("at the start") << QStringLiteral("zzzHorse1") << true;
    QTest::newRow("case-sensitive aAa") << QStringLiteral("aAa") << false;
    QTest::newRow("case-sensitive AbAbab") << QStringLiteral("AbAbab") << false;
    QTest::newRow("long group x3") << QStringLiteral("Pass1!Pass1!Pass1!") << true;
    QTest::newRow("long group x2") << QStringLiteral("Pass1!Pass1!") << false;
    QTest::newRow("group split across") << QStringLiteral("qwertyqwertyqwert") << false;
    QTest::newRow("offset cube") << QStringLiteral("xyzkabcdabcdabcd") << true;
    QTest::newRow("square-free 100") << cubeFreeOfLength(100) << false;
    QTest::newRow("emoji x3") << QStringLiteral("\U0001F600\U0001F600\U0001F600") << true;
    QTest::newRow("emoji x2") << QStringLiteral("\U0001F600\U0001F600") << false;
    QTest::newRow("different emoji") << QStringLiteral("\U0001F600\U0001F601\U0001F602") << false;
}

void TestCorePassword::repeatedGroup() {
    QFETCH(QString, text);
    QFETCH(bool, repeated);
    QCOMPARE(PasswordPolicy::hasRepeatedGroup(text), repeated);
}

void TestCorePassword::repeatedGroupInLongInput_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("repeated");

    const QString free = cubeFreeOfLength(10000);
    QTest::newRow("10000 without repeats") << free << false;
    QTest::newRow("10000, repeat at the end") << free.left(9997) + QStringLiteral("www") << true;
    // T(k+1) = T(k) T(k) c(k) with a new letter c(k): squares at every scale, never a cube.
    QString squareRich = QStringLiteral("x");
    for (char separator = 'A'; squareRich.size() < 10000; ++separator)
        squareRich = squareRich + squareRich + QLatin1Char(separator);
    QTest::newRow("squares at every scale") << squareRich << false;
    QTest::newRow("squares at every scale, then a cube")
        << squareRich + squareRich.right(1) + squareRich.right(1) << true;
    QTest::newRow("10000 of one letter") << QString(10000, QLatin1Char('a')) << true;
    // A group of 3000 characters repeated three times, found although it is long.
    const QString group = free.left(3000);
    QTest::newRow("3000-character group x3") << QStringLiteral("Q") + group + group + group << true;
    QTest::newRow("3000-character group x2")
        << QStringLiteral("Q") + group + group + QStringLiteral("Q") << false;
}

void TestCorePassword::repeatedGroupInLongInput() {
    QFETCH(QString, text);
    QFETCH(bool, repeated);
    QCOMPARE(PasswordPolicy::hasRepeatedGroup(text), repeated);
}

void TestCorePassword::cyrillicLayout_data() {
    QTest::addColumn<QString>("password");
    QTest::addColumn<bool>("cyrillic");
    QTest::newRow("latin") << QStringLiteral("Correct1Horse") << false;
    QTest::newRow("russian word") << QStringLiteral("Пароль123") << true;
    QTest::newRow("one letter") << QStringLiteral("Correct1Hors\u0435") << true; // Cyrillic е
    QTest::newRow("yo") << QStringLiteral("\u0451") << true;
    QTest::newRow("greek") << QStringLiteral("\u03b1\u03b2\u03b3") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestCorePassword::cyrillicLayout() {
    QFETCH(QString, password);
    QFETCH(bool, cyrillic);
    QCOMPARE(PasswordPolicy::looksLikeCyrillicLayout(password), cyrillic);
}

void TestCorePassword::specialCharactersAreTheContractsList() {
    QCOMPARE(PasswordPolicy::specialCharacters(), QStringLiteral("?!~@#$%^&_-+*=;:,./\\|`[]{}()"));
}

QTEST_GUILESS_MAIN(TestCorePassword)
#include "tst_core_password.moc"
