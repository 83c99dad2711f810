#pragma once

#include "core/rulecheck.h"

namespace signup {

// The email rules of the contract (§2): email_length, email_format, email_plus.
class EmailPolicy {
public:
    static constexpr int MaxLength = 320;
    static constexpr int MaxLocalPartLength = 64;
    static constexpr int MaxDomainLength = 255;

    // Every rule in contract order (email_length, email_format, email_plus).
    static RuleChecks check(const QString &email);
    static QList<RuleId> failedRules(const QString &email);
    static bool isValid(const QString &email);

    // The key for uniqueness: case-folded, the domain in lower-case ASCII (punycode) form, so
    // `Ivan@Example.com` == `ivan@example.com` and `t@пример.рф` == `t@xn--e1afmkfd.xn--p1ai`.
    // Returns an empty string for an address that is not valid.
    static QString normalized(const QString &email);

    // For a likely typo of a common mailbox domain (`gmial.com`, `yandex.ri`, `mail.r`), the whole
    // address with the domain corrected; otherwise an empty string.
    static QString suggestTypoFix(const QString &email);

    // True for public mailbox providers (gmail.com, mail.ru, yandex.ru ...): the UI then hints that
    // a work address is better for a company account.
    static bool isPublicMailbox(const QString &email);
};

} // namespace signup
