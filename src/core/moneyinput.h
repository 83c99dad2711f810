#pragma once

#include <QLocale>
#include <QString>
#include <QStringView>

namespace signup {

// An amount of money as a person types it into a field, read into minor units (kopecks, tiyn)
// without ever going through a float. Accepted: digits grouped by spaces ("1 000", also no-break
// and narrow no-break spaces) or by the locale's group separator ("1,000" in English, checked to
// be groups of three), and at most two decimals after "." or "," ("1000,50", "1000.5").
struct MoneyInput {
    enum class Problem {
        None,
        Empty,           // nothing typed
        NotANumber,      // letters, two decimal separators, badly grouped digits
        TooManyDecimals, // "10.505": kopecks have two digits
        Negative,        // "-5"
        BelowMinimum,
        AboveMaximum,
    };
    struct Result {
        qint64 minorUnits = 0; // meaningful when problem is None
        Problem problem = Problem::Empty;
        bool isValid() const { return problem == Problem::None; }
    };

    // Reads `text` and checks it against [minimum, maximum] (minor units, both included).
    static Result parse(QStringView text, const QLocale &locale, qint64 minimum, qint64 maximum);
    // The amount as the field shows it: grouped, decimals only when there are some ("1 000",
    // "1 000,50" in Russian; "1,000.50" in English). parse() reads it back to the same amount.
    static QString format(qint64 minorUnits, const QLocale &locale);
};

} // namespace signup
