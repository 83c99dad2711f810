#pragma once

#include "core/region.h"
#include "core/registration.h"

#include <QString>

namespace signup {

// The few HTML pages the sandbox serves to a browser: the confirm link, the bank's 3-D Secure
// page and the stand-in for the management console. Everything else is JSON.
enum class ConfirmPageKind { Confirmed, AlreadyConfirmed, Invalid };
QString confirmPage(const QString &language, ConfirmPageKind kind); // "ru" or English
// An amount as the account's language writes it: "10 ₽" (no-break space) in Russian, "10 RUB" in English.
QString amountText(const Money &amount, const QString &language);
// language: the account's, "ru" or English.
QString threeDsPage(const QString &formAction, const QString &brand, const QString &last4,
                    const QString &amount, const QString &language);
QString threeDsResultPage(CardStatus cardStatus, const QString &language);
// The page an invitation link opens in a browser (§5): where to use the link.
QString invitePage(const QString &language, const QString &projectName, bool valid);
QString consolePage(const QString &projectId, const QString &projectName);
QString notFoundPage();

} // namespace signup
