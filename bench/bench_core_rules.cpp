// Figures for the rules checked on every keystroke, including exactly what one key in the account
// page's fields evaluates. Prints numbers; asserts nothing about time (a benchmark, not a test).
// `--quick` runs fewer rounds.
#include "core/emailpolicy.h"
#include "core/passwordpolicy.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <functional>

using namespace signup;

namespace {

QString squareFree(int length) {
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

// A paste that is nearly periodic everywhere (period 7 broken just before each third repeat):
// the costly shape for the repeat search.
QString nearRepeats(int length) {
    QString text;
    const QString group = QStringLiteral("Ab1!cdE");
    while (text.size() < length)
        text += group + group + group.left(6) + u'#';
    return text.left(length);
}

// Squares at every scale and no cube: T(k+1) = T(k) T(k) c(k) with a new letter c(k) each level, so
// the search finds a near-match at many periods before giving up.
QString squareRich(int length) {
    QString text = QStringLiteral("x");
    char separator = 'A';
    while (text.size() < length)
        text = text + text + QLatin1Char(separator++);
    return text.left(length);
}

volatile int sink = 0;

void measure(QTextStream &out, const QString &label, int rounds, const std::function<int()> &work) {
    sink = sink + work(); // warm-up
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < rounds; ++i)
        sink = sink + work();
    const double microseconds = double(timer.nsecsElapsed()) / 1000.0 / rounds;
    out << QStringLiteral("%1 %2 us per check (%3 rounds)\n")
               .arg(label, -58)
               .arg(microseconds, 10, 'f', 2)
               .arg(rounds);
    out.flush();
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const bool quick = app.arguments().contains(QStringLiteral("--quick"));
    const int scale = quick ? 1 : 20;
    QTextStream out(stdout);

    const QString pw8 = QStringLiteral("Xy1") + squareFree(5);
    const QString pw128 = QStringLiteral("Xy1") + squareFree(125);
    const QString pw10k = QStringLiteral("Xy1") + squareFree(9997);
    const QString near10k = nearRepeats(10000);
    const QString email = QStringLiteral("ivan.petrov@example.com");
    const QString idnEmail = QStringLiteral("ivan@пример.рф");
    const QString typo = QStringLiteral("ivan@gmial.com");

    out << "bench_core_rules" << (quick ? " (quick)" : "") << "\n";
    measure(out, QStringLiteral("password check, 8 characters"), 2000 * scale,
            [&] { return int(PasswordPolicy::failedRules(pw8).size()); });
    measure(out, QStringLiteral("password check, 128 characters"), 500 * scale,
            [&] { return int(PasswordPolicy::failedRules(pw128).size()); });
    measure(out, QStringLiteral("password check, 10,000 characters (no repeats)"), 10 * scale,
            [&] { return int(PasswordPolicy::failedRules(pw10k).size()); });
    measure(out, QStringLiteral("password check, 10,000 characters (near-periodic)"), 10 * scale,
            [&] { return int(PasswordPolicy::failedRules(near10k).size()); });
    const QString rich10k = squareRich(10000);
    measure(out, QStringLiteral("password check, 10,000 characters (squares at every scale)"), 10 * scale,
            [&] { return int(PasswordPolicy::failedRules(rich10k).size()); });
    measure(out, QStringLiteral("password check, 10,000 x 'a'"), 10 * scale,
            [&] { return int(PasswordPolicy::failedRules(QString(10000, QLatin1Char('a'))).size()); });
    measure(out, QStringLiteral("email check, ASCII"), 2000 * scale,
            [&] { return int(EmailPolicy::failedRules(email).size()); });
    measure(out, QStringLiteral("email check, IDN domain"), 2000 * scale,
            [&] { return int(EmailPolicy::failedRules(idnEmail).size()); });
    measure(out, QStringLiteral("email typo suggestion"), 2000 * scale,
            [&] { return int(EmailPolicy::suggestTypoFix(typo).size()); });

    // One key on the account page: what AccountPage::onPasswordChanged() / onEmailChanged() evaluate
    // (isComplete() then reuses their results).
    const auto passwordKey = [](const QString &password) {
        const RuleChecks checks = PasswordPolicy::check(password);
        const bool valid = failedRuleIds(checks).isEmpty();
        return int(valid) + int(PasswordPolicy::looksLikeCyrillicLayout(password));
    };
    const auto emailKey = [](const QString &typed, bool touched) {
        const QString email = typed.trimmed();
        int result = int(EmailPolicy::suggestTypoFix(email).size());
        const bool valid = EmailPolicy::isValid(email);
        if (valid && EmailPolicy::isPublicMailbox(email))
            ++result;
        if (touched) // the field was left once: its error text follows the typing
            result += int(EmailPolicy::failedRules(email).size());
        return result + int(valid);
    };
    const QString pw12 = QStringLiteral("Xy1") + squareFree(9);
    measure(out, QStringLiteral("account page, one key: password of 12 characters"), 2000 * scale,
            [&] { return passwordKey(pw12); });
    measure(out, QStringLiteral("account page, one key: password of 128 characters"), 500 * scale,
            [&] { return passwordKey(pw128); });
    measure(out, QStringLiteral("account page, paste: password of 10,000 characters"), 10 * scale,
            [&] { return passwordKey(near10k); });
    measure(out, QStringLiteral("account page, one key: email (untouched field)"), 2000 * scale,
            [&] { return emailKey(email, false); });
    measure(out, QStringLiteral("account page, one key: email (after leaving the field)"), 2000 * scale,
            [&] { return emailKey(email, true); });
    measure(out, QStringLiteral("account page, one key: email, half typed (\"ivan.petrov@exa\")"),
            2000 * scale, [&] { return emailKey(QStringLiteral("ivan.petrov@exa"), true); });
    return 0;
}
