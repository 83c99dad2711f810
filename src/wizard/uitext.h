#pragma once

#include "api/apierror.h"
#include "core/region.h"
#include "core/registration.h"
#include "core/rulecheck.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

namespace signup {

// Every message the wizard builds from a contract code, in one place so that pages, the
// message area and the translation stay consistent.
class UiText {
    Q_DECLARE_TR_FUNCTIONS(signup::UiText)
public:
    // "8 to 128 characters" for RuleId::PasswordLength, ...; "" for RuleId::Unknown.
    static QString ruleText(RuleId rule);
    // The message shown at a field for an error of the server or of the local check ("" for a code
    // that belongs in the message area); failedRules are the rules the check or `details` named.
    static QString fieldError(ErrorCode code, const QList<RuleId> &failedRules = {});
    // A decline code of a card, in plain words, with the way out.
    static QString declineText(DeclineCode code);
    static QString regionName(RegionId region);
    // An id this build does not know is shown as it is.
    static QString regionName(const QString &regionId);
    // A payment system's name for people ("Mir" is "Мир" in Russian).
    static QString brandName(CardBrand brand);
    // "500 ₽", "1 234,50 ₽", "3,000 RUB": grouped, kopecks (tiyn) only when there are some, and a
    // no-break space before the currency so it never wraps onto a line of its own.
    static QString money(const Money &amount);
    static QString currencySymbol(const QString &currencyCode);
    // A calendar date as a sentence needs it: "30 January 2027", in Russian "30 января 2027" (the
    // month in the genitive); no weekday.
    static QString date(const QDate &date);
    static QString countryName(const QString &regionCode);

    // A non-field error for the message area: a headline and what to do.
    struct Problem {
        QString title;
        QString advice;
        bool retryable = false;
    };
    static Problem problem(const ApiError &error);
    // True when the error belongs at a field of a page, not in the message area.
    static bool isFieldError(const ApiError &error);
};

} // namespace signup
