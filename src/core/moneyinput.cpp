#include "core/moneyinput.h"

#include "core/region.h"

namespace signup {

namespace {

bool isAsciiDigits(QStringView text) {
    for (QChar c : text) {
        if (c.unicode() < '0' || c.unicode() > '9')
            return false;
    }
    return true;
}

// Whitespace anywhere is grouping: people type "1 000", the field shows a no-break space.
QString withoutSpaces(QStringView text) {
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        if (!c.isSpace())
            out.append(c);
    }
    return out;
}

// "1,000,000" with ',' as the separator: a first group of 1–3 digits, then groups of exactly 3.
bool isGroupedDigits(QStringView text, QChar separator) {
    const QList<QStringView> groups = text.split(separator);
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const QStringView group = groups.at(i);
        if (!isAsciiDigits(group) || group.isEmpty() || (i == 0 ? group.size() > 3 : group.size() != 3))
            return false;
    }
    return true;
}

} // namespace

MoneyInput::Result MoneyInput::parse(QStringView typed, const QLocale &locale, qint64 minimum,
                                     qint64 maximum) {
    Result result;
    QString text = withoutSpaces(typed);
    if (text.isEmpty())
        return result; // Empty
    if (text.startsWith(u'-') || text.startsWith(u'\u2212') || text.startsWith(locale.negativeSign())) {
        result.problem = Problem::Negative;
        return result;
    }
    if (text.startsWith(u'+'))
        text.remove(0, 1);

    // The group separator of the locale when it is a mark ("," in English); a space is gone already.
    const QString groupSeparator = locale.groupSeparator();
    const QChar group =
        groupSeparator.size() == 1 && !groupSeparator.at(0).isSpace() ? groupSeparator.at(0) : QChar();
    QStringView whole(text);
    QStringView fraction;
    bool hasFraction = false;
    const qsizetype last = std::max(text.lastIndexOf(u'.'), text.lastIndexOf(u','));
    if (last >= 0) {
        const QStringView after = QStringView(text).mid(last + 1);
        // "1,000" in English is a thousand; "1,00" or "1.5" is a decimal amount.
        const bool grouping = text.at(last) == group && after.size() == 3 && isAsciiDigits(after) &&
                              isGroupedDigits(QStringView(text), group);
        if (!grouping) {
            whole = QStringView(text).left(last);
            fraction = after;
            hasFraction = true;
        }
    }
    if (!group.isNull() && whole.contains(group)) {
        if (!isGroupedDigits(whole, group)) {
            result.problem = Problem::NotANumber;
            return result;
        }
    }
    QString wholeDigits = whole.toString();
    if (!group.isNull())
        wholeDigits.remove(group);
    if (wholeDigits.isEmpty() && hasFraction && !fraction.isEmpty())
        wholeDigits = QStringLiteral("0"); // ",50"
    if (wholeDigits.isEmpty() || !isAsciiDigits(wholeDigits) || !isAsciiDigits(fraction)) {
        result.problem = Problem::NotANumber;
        return result;
    }
    if (fraction.size() > 2) {
        result.problem = Problem::TooManyDecimals;
        return result;
    }
    // More digits than any amount the contract allows: too big, and never overflowing below.
    while (wholeDigits.size() > 1 && wholeDigits.startsWith(u'0'))
        wholeDigits.remove(0, 1);
    if (wholeDigits.size() > 15) {
        result.problem = Problem::AboveMaximum;
        return result;
    }
    const Money money{wholeDigits + (fraction.isEmpty() ? QString() : u'.' + fraction.toString()), QString()};
    bool ok = false;
    const qint64 minor = money.minorUnits(&ok);
    if (!ok) {
        result.problem = Problem::NotANumber;
        return result;
    }
    result.minorUnits = minor;
    result.problem = minor < minimum   ? Problem::BelowMinimum
                     : minor > maximum ? Problem::AboveMaximum
                                       : Problem::None;
    return result;
}

QString MoneyInput::format(qint64 minorUnits, const QLocale &locale) {
    return Money::fromMinorUnits(minorUnits, QString()).displayNumber(locale);
}

} // namespace signup
