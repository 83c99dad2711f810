#pragma once

#include "core/region.h"
#include "core/registration.h"

#include <QString>

namespace signup {

// The few HTML pages the sandbox serves to a browser: the confirm link, the bank's 3-D Secure
// page and the stand-in for the management console. Everything else is JSON.
enum class ConfirmPageKind { Confirmed, AlreadyConfirmed, Invalid };
// Each page is in `language`: the account's (or the invitation's).
QString confirmPage(Language language, ConfirmPageKind kind);
// An amount as the account's language writes it: "10 ₽" (no-break space) in Russian, "10 RUB" in English.
QString amountText(const Money &amount, Language language);
QString threeDsPage(const QString &formAction, CardBrand brand, const QString &last4, const QString &amount,
                    Language language);
QString threeDsResultPage(CardStatus cardStatus, Language language);
// The page an invitation link opens in a browser (§5): where to use the link.
QString invitePage(Language language, const QString &projectName, bool valid);
QString consolePage(const QString &projectId, const QString &projectName);
QString notFoundPage();

} // namespace signup
