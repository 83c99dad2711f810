#include "core/passwordpolicy.h"

#include <algorithm>

namespace signup {

namespace {

bool isSpecial(char16_t c) {
    static const QLatin1String specials("?!~@#$%^&_-+*=;:,./\\|`[]{}()");
    return c < 0x80 && specials.contains(QLatin1Char(char(c)));
}

bool isUpper(char16_t c) {
    return c >= 'A' && c <= 'Z';
}
bool isLower(char16_t c) {
    return c >= 'a' && c <= 'z';
}
bool isDigit(char16_t c) {
    return c >= '0' && c <= '9';
}

qsizetype codePointCount(QStringView text) {
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

// A cube (x x x) of period p contains 2p consecutive positions j with s[j] == s[j + p]. That
// stretch always covers a multiple q of p with q - start < p, so it is enough to look, at every
// multiple of p, how far the period-p match extends backwards (at most p) and forwards (at most 2p).
// A mismatch costs one comparison, so random text costs about n/p per period, n·ln(n) in all; long
// near-repeats cost more only where they are.
template <typename T> bool hasCube(const T *s, qsizetype n) {
    for (qsizetype p = 1; 3 * p <= n; ++p) {
        for (qsizetype q = 0; q + p < n; q += p) {
            qsizetype forward = 0;
            while (forward < 2 * p && q + forward + p < n && s[q + forward] == s[q + forward + p])
                ++forward;
            if (forward < p) // backward adds at most p: no cube through q
                continue;
            qsizetype backward = 0;
            while (backward < p && q - backward - 1 >= 0 && s[q - backward - 1] == s[q + p - backward - 1])
                ++backward;
            if (forward + backward >= 2 * p)
                return true;
        }
    }
    return false;
}

} // namespace

QString PasswordPolicy::specialCharacters() {
    return QStringLiteral("?!~@#$%^&_-+*=;:,./\\|`[]{}()");
}

RuleChecks PasswordPolicy::check(const QString &password) {
    const qsizetype length = codePointCount(password);
    bool charsetOk = true, upper = false, lower = false, digitOrSpecial = false;
    for (QChar qc : password) {
        const char16_t c = qc.unicode();
        if (isUpper(c))
            upper = true;
        else if (isLower(c))
            lower = true;
        else if (isDigit(c) || isSpecial(c))
            digitOrSpecial = true;
        else
            charsetOk = false;
    }
    return {
        {RuleId::PasswordLength, length >= MinLength && length <= MaxLength},
        {RuleId::PasswordCharset, charsetOk},
        {RuleId::PasswordUpper, upper},
        {RuleId::PasswordLower, lower},
        {RuleId::PasswordDigitOrSpecial, digitOrSpecial},
        {RuleId::PasswordRepeats, !hasRepeatedGroup(password)},
    };
}

QList<RuleId> PasswordPolicy::rules() {
    return {RuleId::PasswordLength, RuleId::PasswordCharset,        RuleId::PasswordUpper,
            RuleId::PasswordLower,  RuleId::PasswordDigitOrSpecial, RuleId::PasswordRepeats};
}

QList<RuleId> PasswordPolicy::failedRules(const QString &password) {
    return failedRuleIds(check(password));
}

bool PasswordPolicy::isValid(const QString &password) {
    return failedRules(password).isEmpty();
}

bool PasswordPolicy::hasRepeatedGroup(QStringView password) {
    const bool hasSurrogates =
        std::any_of(password.cbegin(), password.cend(), [](QChar c) { return c.isSurrogate(); });
    if (hasSurrogates) {
        // Compare whole code points so that an emoji counts as one character.
        const QList<uint> ucs4 = password.toUcs4();
        return hasCube(ucs4.constData(), ucs4.size());
    }
    return hasCube(password.utf16(), password.size());
}

bool PasswordPolicy::looksLikeCyrillicLayout(const QString &password) {
    return std::any_of(password.cbegin(), password.cend(),
                       [](QChar c) { return c.script() == QChar::Script_Cyrillic && c.isLetter(); });
}

} // namespace signup
