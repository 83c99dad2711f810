#include "core/emailpolicy.h"

#include <QUrl>

#include <algorithm>
#include <array>
#include <vector>

namespace signup {

namespace {

struct EmailParts {
    bool oneAt = false;
    QString local;
    QString domain;
    QString aceDomain; // empty when the domain cannot be converted to ASCII
};

bool isAscii(const QString &text) {
    return std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
}

EmailParts split(const QString &email) {
    EmailParts parts;
    const qsizetype at = email.indexOf(u'@');
    parts.oneAt = at >= 0 && email.indexOf(u'@', at + 1) < 0;
    if (!parts.oneAt)
        return parts;
    parts.local = email.left(at);
    parts.domain = email.mid(at + 1);
    if (isAscii(parts.domain))
        parts.aceDomain = parts.domain;
    else
        parts.aceDomain = QString::fromLatin1(QUrl::toAce(parts.domain));
    return parts;
}

bool hasWhitespaceOrControl(const QString &text) {
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.isSpace() || c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
    });
}

bool isAtext(QChar c) {
    if (c.unicode() >= 0x80)
        return false;
    const char ch = char(c.unicode());
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
        return true;
    // The contract's list. '+' is an RFC 5322 atext character too: it is refused by its own rule
    // (email_plus), so an address whose only fault is a '+' fails email_plus alone, and the UI can
    // say exactly that.
    static const QLatin1String specials("!#$%&'*/=?^_`{|}~-+");
    return specials.contains(QLatin1Char(ch));
}

bool dotAtomValid(const QString &local) {
    if (local.isEmpty() || local.startsWith(u'.') || local.endsWith(u'.'))
        return false;
    QChar previous;
    for (QChar c : local) {
        if (c == u'.') {
            if (previous == u'.')
                return false;
        } else if (!isAtext(c)) {
            return false;
        }
        previous = c;
    }
    return true;
}

bool labelValid(QStringView label) {
    if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
        return false;
    return std::all_of(label.cbegin(), label.cend(), [](QChar c) {
        const char16_t u = c.unicode();
        return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '-';
    });
}

bool domainValid(const QString &ace) {
    // A trailing dot (the DNS root) is not part of a mailbox address: it gives an empty label.
    const QList<QStringView> labels = QStringView(ace).split(u'.');
    if (labels.size() < 2)
        return false;
    if (!std::all_of(labels.cbegin(), labels.cend(), labelValid))
        return false;
    const QStringView last = labels.last();
    return !std::all_of(last.cbegin(), last.cend(), [](QChar c) { return c.isDigit(); });
}

// Mailbox providers people sign up with most often here, most popular first (a tie in the typo
// distance picks the earlier one).
const QStringList &commonDomains() {
    static const QStringList domains = {
        QStringLiteral("gmail.com"),   QStringLiteral("yandex.ru"),      QStringLiteral("mail.ru"),
        QStringLiteral("ya.ru"),       QStringLiteral("bk.ru"),          QStringLiteral("inbox.ru"),
        QStringLiteral("list.ru"),     QStringLiteral("internet.ru"),    QStringLiteral("outlook.com"),
        QStringLiteral("hotmail.com"), QStringLiteral("yahoo.com"),      QStringLiteral("icloud.com"),
        QStringLiteral("rambler.ru"),  QStringLiteral("vk.com"),         QStringLiteral("yandex.kz"),
        QStringLiteral("mail.kz"),     QStringLiteral("live.com"),       QStringLiteral("me.com"),
        QStringLiteral("proton.me"),   QStringLiteral("protonmail.com"),
    };
    return domains;
}

// Real domains close to a common one that must not be "corrected".
const QStringList &otherKnownDomains() {
    static const QStringList domains = {
        QStringLiteral("yandex.com"), QStringLiteral("yandex.by"), QStringLiteral("yandex.ua"),
        QStringLiteral("mail.com"),   QStringLiteral("gmx.com"),   QStringLiteral("gmx.de"),
        QStringLiteral("vk.ru"),      QStringLiteral("ya.com"),    QStringLiteral("live.ru"),
        QStringLiteral("list.kz"),    QStringLiteral("inbox.lv"),  QStringLiteral("inbox.lt"),
        QStringLiteral("mail.ua"),    QStringLiteral("mail.by"),   QStringLiteral("tut.by"),
        QStringLiteral("ukr.net"),    QStringLiteral("bk.kz"),     QStringLiteral("msn.com"),
        QStringLiteral("aol.com"),    QStringLiteral("gmail.ru"),  QStringLiteral("googlemail.com"),
    };
    return domains;
}

// Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions).
int editDistance(QStringView a, QStringView b) {
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (qsizetype j = 0; j <= m; ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= n; ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

} // namespace

RuleChecks EmailPolicy::check(const QString &email) {
    const EmailParts parts = split(email);

    bool lengthOk = email.size() <= MaxLength;
    if (parts.oneAt) {
        const QString &domain = parts.aceDomain.isEmpty() ? parts.domain : parts.aceDomain;
        // Both forms count: the ASCII one (an IDN's punycode is longer than what was typed) and the
        // typed one (IDNA drops "ignored" code points, so thousands of them map to a short domain).
        lengthOk = email.size() <= MaxLength && parts.local.size() + 1 + domain.size() <= MaxLength &&
                   !parts.local.isEmpty() && parts.local.size() <= MaxLocalPartLength && !domain.isEmpty() &&
                   domain.size() <= MaxDomainLength && parts.domain.size() <= MaxDomainLength;
    } else if (email.isEmpty()) {
        lengthOk = false;
    }

    const bool formatOk = parts.oneAt && !hasWhitespaceOrControl(email) && dotAtomValid(parts.local) &&
                          !parts.aceDomain.isEmpty() && domainValid(parts.aceDomain);

    const bool plusOk = !email.contains(u'+');

    return {
        {RuleId::EmailLength, lengthOk},
        {RuleId::EmailFormat, formatOk},
        {RuleId::EmailPlus, plusOk},
    };
}

QList<RuleId> EmailPolicy::failedRules(const QString &email) {
    return failedRuleIds(check(email));
}

bool EmailPolicy::isValid(const QString &email) {
    return failedRules(email).isEmpty();
}

QString EmailPolicy::normalized(const QString &email) {
    if (!isValid(email))
        return {};
    const EmailParts parts = split(email);
    return parts.local.toCaseFolded() + u'@' + parts.aceDomain.toLower();
}

QString EmailPolicy::suggestTypoFix(const QString &email) {
    const EmailParts parts = split(email);
    if (!parts.oneAt || parts.local.isEmpty() || parts.domain.isEmpty())
        return {};
    const QString domain = parts.domain.trimmed().toLower();
    if (commonDomains().contains(domain) || otherKnownDomains().contains(domain))
        return {};

    QString best;
    int bestDistance = 3;
    for (const QString &candidate : commonDomains()) {
        // Short domains (ya.ru, bk.ru, vk.com) are one typo away from many real ones: allow one edit.
        const int allowed = candidate.size() <= 6 ? 1 : 2;
        const int distance = editDistance(domain, candidate);
        if (distance <= allowed && distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    if (best.isEmpty())
        return {};
    return parts.local + u'@' + best;
}

bool EmailPolicy::isPublicMailbox(const QString &email) {
    const EmailParts parts = split(email);
    if (!parts.oneAt)
        return false;
    const QString domain = parts.aceDomain.toLower();
    // vk.com is a company's own domain, listed above only for typo suggestions.
    if (domain == QLatin1String("vk.com"))
        return false;
    return commonDomains().contains(domain) || otherKnownDomains().contains(domain);
}

} // namespace signup
