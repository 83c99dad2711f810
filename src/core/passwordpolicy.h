#pragma once

#include "core/rulecheck.h"

#include <QStringView>

namespace signup {

// The password rules of the contract (§2). All checks are linear-ish in the input length so that a
// 10,000-character paste is checked while the user types without freezing the UI.
class PasswordPolicy {
public:
    static constexpr int MinLength = 8;
    static constexpr int MaxLength = 128; // counted in Unicode code points

    // The special characters the contract allows: ? ! ~ @ # $ % ^ & _ - + * = ; : , . / \ | ` [ ] { } ( )
    static QString specialCharacters();

    // Every rule in contract order: password_length, password_charset, password_upper,
    // password_lower, password_digit_or_special, password_repeats.
    static RuleChecks check(const QString &password);
    // The ids of those rules, in the same order (what a checklist shows).
    static QList<RuleId> rules();
    static QList<RuleId> failedRules(const QString &password);
    static bool isValid(const QString &password);

    // True when some group of one or more characters is repeated three or more times in a row
    // (`aaa`, `121212`, `abcabcabc`); `aa` and `abab` are fine. Case-sensitive.
    static bool hasRepeatedGroup(QStringView password);

    // True when the password contains Cyrillic letters: most likely a Russian keyboard layout.
    static bool looksLikeCyrillicLayout(const QString &password);
};

} // namespace signup
