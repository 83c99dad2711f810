#include "core/emailpolicy.h"

#include <QTest>

using signup::EmailPolicy;

class TestCoreEmail : public QObject {
    Q_OBJECT

private slots:
    void failedRules_data();
    void failedRules();
    void checkListsEveryRuleInOrder();
    void normalized_data();
    void normalized();
    void typoSuggestion_data();
    void typoSuggestion();
    void publicMailbox_data();
    void publicMailbox();
};

// The failed rules as the server lists them in `details`.
static QStringList wireNames(const QList<signup::RuleId> &ids) {
    QStringList names;
    for (signup::RuleId id : ids)
        names << signup::wireName(id);
    return names;
}

static QString repeated(char c, int count) {
    return QString(count, QLatin1Char(c));
}

void TestCoreEmail::failedRules_data() {
    QTest::addColumn<QString>("email");
    QTest::addColumn<QStringList>("failed");

    const QStringList none;
    const QStringList length{QStringLiteral("email_length")};
    const QStringList format{QStringLiteral("email_format")};
    const QStringList plus{QStringLiteral("email_plus")};
    const QStringList lengthFormat{QStringLiteral("email_length"), QStringLiteral("email_format")};

    QTest::newRow("plain") << QStringLiteral("ivan@example.com") << none;
    QTest::newRow("upper case") << QStringLiteral("Ivan.Petrov@Example.COM") << none;
    QTest::newRow("dots inside local") << QStringLiteral("ivan.i.petrov@example.com") << none;
    QTest::newRow("all specials") << QStringLiteral("a!#$%&'*/=?^_`{|}~-z@example.com") << none;
    QTest::newRow("digits local") << QStringLiteral("1234567@example.com") << none;
    QTest::newRow("subdomain") << QStringLiteral("ivan@mail.corp.example.co.uk") << none;
    QTest::newRow("hyphen in label") << QStringLiteral("ivan@my-company.ru") << none;
    QTest::newRow("digits in label") << QStringLiteral("ivan@123.example.ru") << none;
    QTest::newRow("single char local") << QStringLiteral("a@b.co") << none;
    QTest::newRow("IDN domain") << QStringLiteral("t@пример.рф") << none;
    QTest::newRow("IDN punycode") << QStringLiteral("t@xn--e1afmkfd.xn--p1ai") << none;
    QTest::newRow("IDN mixed") << QStringLiteral("ivan@почта.example.com") << none;
    QTest::newRow("local 64") << repeated('a', 64) + QStringLiteral("@example.com") << none;
    QTest::newRow("local 65") << repeated('a', 65) + QStringLiteral("@example.com") << length;
    QTest::newRow("label 63") << QStringLiteral("a@") + repeated('b', 63) + QStringLiteral(".com") << none;
    QTest::newRow("label 64") << QStringLiteral("a@") + repeated('b', 64) + QStringLiteral(".com") << format;

    // 64 + 1 + 255 = 320: the domain is four labels of 63 and ".ru" (63*4 + 3 = 255).
    const QString label63 = repeated('d', 63);
    const QString domain255 =
        label63 + u'.' + label63 + u'.' + label63 + u'.' + label63.left(60) + QStringLiteral(".ru");
    const QString local64 = repeated('l', 64);
    QTest::newRow("total 320") << local64 + u'@' + domain255 << none;
    const QString domain256 =
        label63 + u'.' + label63 + u'.' + label63 + u'.' + label63.left(61) + QStringLiteral(".ru");
    QTest::newRow("total 321 (domain 256)") << local64 + u'@' + domain256 << length;
    QTest::newRow("domain 256 short local") << QStringLiteral("a@") + domain256 << length;
    QTest::newRow("total 400") << repeated('a', 70) + u'@' + domain256 + repeated('x', 60) << length;
    // IDNA maps "ignored" code points (variation selectors) to nothing: the ASCII form of this domain
    // is example.com, but what was typed is over 2,000 characters long.
    QTest::newRow("ignored code points")
        << QStringLiteral("ivan@example") + QString(2000, QChar(0xFE0F)) + QStringLiteral(".com") << length;
    QTest::newRow("ignored code points, short")
        << QStringLiteral("ivan@exa") + QString(3, QChar(0xFE0F)) + QStringLiteral("mple.com") << none;
    // An IDN domain is measured in punycode: 40 Cyrillic letters become far more than 40 ASCII ones.
    // Ten labels of 20 Cyrillic letters: 212 characters as typed, well over 255 in punycode.
    QStringList cyrillicLabels(10, QString(20, QChar(0x0436))); // ж
    const QString idnDomain = cyrillicLabels.join(u'.') + QStringLiteral(".рф");
    QTest::newRow("IDN length counted in punycode") << QStringLiteral("a@") + idnDomain << length;
    QTest::newRow("IDN short enough")
        << QStringLiteral("a@") + cyrillicLabels.mid(0, 5).join(u'.') + QStringLiteral(".рф") << none;

    QTest::newRow("empty") << QString() << lengthFormat;
    QTest::newRow("no at") << QStringLiteral("ivan.example.com") << format;
    QTest::newRow("two at") << QStringLiteral("ivan@ivan@example.com") << format;
    QTest::newRow("empty local") << QStringLiteral("@example.com") << lengthFormat;
    QTest::newRow("empty domain") << QStringLiteral("ivan@") << lengthFormat;
    QTest::newRow("leading dot") << QStringLiteral(".ivan@example.com") << format;
    QTest::newRow("trailing dot local") << QStringLiteral("ivan.@example.com") << format;
    QTest::newRow("double dot local") << QStringLiteral("iv..an@example.com") << format;
    QTest::newRow("quoted local") << QStringLiteral("\"ivan\"@example.com") << format;
    QTest::newRow("comma") << QStringLiteral("iv,an@example.com") << format;
    QTest::newRow("parenthesis") << QStringLiteral("iv(an)@example.com") << format;
    QTest::newRow("cyrillic local") << QStringLiteral("иван@example.com") << format;
    QTest::newRow("single label") << QStringLiteral("ivan@localhost") << format;
    QTest::newRow("trailing dot domain") << QStringLiteral("ivan@example.com.") << format;
    QTest::newRow("leading dot domain") << QStringLiteral("ivan@.example.com") << format;
    QTest::newRow("double dot domain") << QStringLiteral("ivan@example..com") << format;
    QTest::newRow("label starts with hyphen") << QStringLiteral("ivan@-example.com") << format;
    QTest::newRow("label ends with hyphen") << QStringLiteral("ivan@example-.com") << format;
    QTest::newRow("underscore in domain") << QStringLiteral("ivan@ex_ample.com") << format;
    QTest::newRow("numeric tld") << QStringLiteral("ivan@example.123") << format;
    QTest::newRow("ip literal") << QStringLiteral("ivan@[127.0.0.1]") << format;
    QTest::newRow("ip address") << QStringLiteral("ivan@127.0.0.1") << format;
    QTest::newRow("space inside") << QStringLiteral("iv an@example.com") << format;
    QTest::newRow("leading space") << QStringLiteral(" ivan@example.com") << format;
    QTest::newRow("trailing space") << QStringLiteral("ivan@example.com ") << format;
    QTest::newRow("tab") << QStringLiteral("ivan@exam\tple.com") << format;
    QTest::newRow("newline") << QStringLiteral("ivan@example.com\n") << format;
    QTest::newRow("nbsp") << QStringLiteral("ivan\u00a0@example.com") << format;
    QTest::newRow("control char") << QStringLiteral("iv\u0001an@example.com") << format;
    QTest::newRow("zero width space") << QStringLiteral("ivan@exa\u200bmple.com") << format;
    QTest::newRow("plus in local") << QStringLiteral("ivan+cloud@example.com") << plus;
    QTest::newRow("plus first") << QStringLiteral("+ivan@example.com") << plus;
    QTest::newRow("plus last in local") << QStringLiteral("ivan+@example.com") << plus;
    QTest::newRow("plus in domain") << QStringLiteral("ivan@exa+mple.com")
                                    << QStringList{QStringLiteral("email_format"),
                                                   QStringLiteral("email_plus")};
    QTest::newRow("plus at the end") << QStringLiteral("ivan@example.com+")
                                     << QStringList{QStringLiteral("email_format"),
                                                    QStringLiteral("email_plus")};
    QTest::newRow("plus only") << QStringLiteral("+")
                               << QStringList{QStringLiteral("email_format"), QStringLiteral("email_plus")};
}

void TestCoreEmail::failedRules() {
    QFETCH(QString, email);
    QFETCH(QStringList, failed);
    QCOMPARE(wireNames(EmailPolicy::failedRules(email)), failed);
    QCOMPARE(EmailPolicy::isValid(email), failed.isEmpty());
    QCOMPARE(EmailPolicy::normalized(email).isEmpty(), !failed.isEmpty());
}

void TestCoreEmail::checkListsEveryRuleInOrder() {
    const signup::RuleChecks checks = EmailPolicy::check(QStringLiteral("ivan@example.com"));
    QStringList ids;
    for (const signup::RuleCheck &check : checks)
        ids << signup::wireName(check.id);
    QCOMPARE(ids, (QStringList{QStringLiteral("email_length"), QStringLiteral("email_format"),
                               QStringLiteral("email_plus")}));
}

void TestCoreEmail::normalized_data() {
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("same");

    QTest::newRow("case") << QStringLiteral("Ivan@Example.com") << QStringLiteral("ivan@example.com") << true;
    QTest::newRow("upper domain") << QStringLiteral("ivan@EXAMPLE.COM") << QStringLiteral("ivan@example.com")
                                  << true;
    QTest::newRow("idn vs punycode") << QStringLiteral("t@пример.рф")
                                     << QStringLiteral("t@xn--e1afmkfd.xn--p1ai") << true;
    QTest::newRow("idn upper") << QStringLiteral("T@ПРИМЕР.РФ") << QStringLiteral("t@xn--e1afmkfd.xn--p1ai")
                               << true;
    QTest::newRow("punycode upper") << QStringLiteral("t@XN--E1AFMKFD.XN--P1AI")
                                    << QStringLiteral("t@пример.рф") << true;
    QTest::newRow("different local") << QStringLiteral("ivan@example.com")
                                     << QStringLiteral("ivan1@example.com") << false;
    QTest::newRow("different domain")
        << QStringLiteral("ivan@example.com") << QStringLiteral("ivan@example.ru") << false;
    QTest::newRow("dots matter") << QStringLiteral("i.van@example.com") << QStringLiteral("ivan@example.com")
                                 << false;
}

void TestCoreEmail::normalized() {
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, same);
    QVERIFY(!EmailPolicy::normalized(a).isEmpty());
    QCOMPARE(EmailPolicy::normalized(a) == EmailPolicy::normalized(b), same);
}

void TestCoreEmail::typoSuggestion_data() {
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("suggestion");

    QTest::newRow("gmial.com") << QStringLiteral("ivan@gmial.com") << QStringLiteral("ivan@gmail.com");
    QTest::newRow("gmail.con") << QStringLiteral("ivan@gmail.con") << QStringLiteral("ivan@gmail.com");
    QTest::newRow("gmail.co") << QStringLiteral("ivan@gmail.co") << QStringLiteral("ivan@gmail.com");
    QTest::newRow("gmai.com") << QStringLiteral("ivan@gmai.com") << QStringLiteral("ivan@gmail.com");
    QTest::newRow("gmailcom") << QStringLiteral("ivan@gmailcom") << QStringLiteral("ivan@gmail.com");
    QTest::newRow("Gmial upper") << QStringLiteral("Ivan@GMIAL.COM") << QStringLiteral("Ivan@gmail.com");
    QTest::newRow("yandex.ri") << QStringLiteral("ivan@yandex.ri") << QStringLiteral("ivan@yandex.ru");
    QTest::newRow("yadnex.ru") << QStringLiteral("ivan@yadnex.ru") << QStringLiteral("ivan@yandex.ru");
    QTest::newRow("yandx.ru") << QStringLiteral("ivan@yandx.ru") << QStringLiteral("ivan@yandex.ru");
    QTest::newRow("mail.r") << QStringLiteral("ivan@mail.r") << QStringLiteral("ivan@mail.ru");
    QTest::newRow("mial.ru") << QStringLiteral("ivan@mial.ru") << QStringLiteral("ivan@mail.ru");
    QTest::newRow("mail.ry") << QStringLiteral("ivan@mail.ry") << QStringLiteral("ivan@mail.ru");
    QTest::newRow("bk.ry") << QStringLiteral("ivan@bk.ry") << QStringLiteral("ivan@bk.ru");
    QTest::newRow("inbox.ri") << QStringLiteral("ivan@inbox.ri") << QStringLiteral("ivan@inbox.ru");
    QTest::newRow("inbx.ru") << QStringLiteral("ivan@inbx.ru") << QStringLiteral("ivan@inbox.ru");
    QTest::newRow("lst.ru") << QStringLiteral("ivan@lst.ru") << QStringLiteral("ivan@list.ru");
    QTest::newRow("outlok.com") << QStringLiteral("ivan@outlok.com") << QStringLiteral("ivan@outlook.com");
    QTest::newRow("hotmial.com") << QStringLiteral("ivan@hotmial.com") << QStringLiteral("ivan@hotmail.com");
    QTest::newRow("yahooo.com") << QStringLiteral("ivan@yahooo.com") << QStringLiteral("ivan@yahoo.com");
    QTest::newRow("icloud.cmo") << QStringLiteral("ivan@icloud.cmo") << QStringLiteral("ivan@icloud.com");
    QTest::newRow("rambler.ry") << QStringLiteral("ivan@rambler.ry") << QStringLiteral("ivan@rambler.ru");
    QTest::newRow("known gmail.com") << QStringLiteral("ivan@gmail.com") << QString();
    QTest::newRow("known yandex.ru") << QStringLiteral("ivan@yandex.ru") << QString();
    QTest::newRow("known ya.ru") << QStringLiteral("ivan@ya.ru") << QString();
    QTest::newRow("known mail.ru") << QStringLiteral("ivan@mail.ru") << QString();
    QTest::newRow("real yandex.com") << QStringLiteral("ivan@yandex.com") << QString();
    QTest::newRow("real mail.com") << QStringLiteral("ivan@mail.com") << QString();
    QTest::newRow("real vk.ru") << QStringLiteral("ivan@vk.ru") << QString();
    QTest::newRow("company domain") << QStringLiteral("ivan@example.com") << QString();
    QTest::newRow("far from everything") << QStringLiteral("ivan@mycompany.ru") << QString();
    QTest::newRow("no at") << QStringLiteral("gmial.com") << QString();
    QTest::newRow("no local") << QStringLiteral("@gmial.com") << QString();
}

void TestCoreEmail::typoSuggestion() {
    QFETCH(QString, email);
    QFETCH(QString, suggestion);
    QCOMPARE(EmailPolicy::suggestTypoFix(email), suggestion);
}

void TestCoreEmail::publicMailbox_data() {
    QTest::addColumn<QString>("email");
    QTest::addColumn<bool>("isPublic");
    QTest::newRow("gmail") << QStringLiteral("ivan@gmail.com") << true;
    QTest::newRow("yandex upper") << QStringLiteral("ivan@Yandex.RU") << true;
    QTest::newRow("mail.ru") << QStringLiteral("ivan@mail.ru") << true;
    QTest::newRow("company") << QStringLiteral("ivan@example.com") << false;
    QTest::newRow("vk.com") << QStringLiteral("ivan@vk.com") << false;
    QTest::newRow("garbage") << QStringLiteral("not an email") << false;
}

void TestCoreEmail::publicMailbox() {
    QFETCH(QString, email);
    QFETCH(bool, isPublic);
    QCOMPARE(EmailPolicy::isPublicMailbox(email), isPublic);
}

QTEST_GUILESS_MAIN(TestCoreEmail)
#include "tst_core_email.moc"
