#include "sandbox/pages.h"

#include "sandbox/sandboxutil.h"

namespace signup {

namespace {

QString page(Language language, const QString &title, const QString &body) {
    return QStringLiteral(
               "<!DOCTYPE html>\n<html lang=\"%1\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
               "<title>%2</title><style>body{font-family:sans-serif;max-width:36em;margin:4em auto;"
               "padding:0 1em;color:#222}h1{font-size:1.5em}button{font-size:1em;padding:.5em 1.5em;"
               "margin-right:1em}.sandbox{color:#a60;font-size:.9em}</style></head><body>%3"
               "<p class=\"sandbox\">%4</p></body></html>\n")
        .arg(wireName(language), htmlEscaped(title), body,
             language == Language::Russian ? QStringLiteral("Песочница мастера регистрации VK Cloud")
                                           : QStringLiteral("VK Cloud sign-up sandbox"));
}

} // namespace

QString amountText(const Money &amount, Language language) {
    if (language != Language::Russian)
        return amount.displayNumber(QLocale(QLocale::English, QLocale::UnitedStates)) + u' ' +
               amount.currency;
    const QString symbol = amount.currency == QLatin1String("RUB")   ? QStringLiteral("₽")
                           : amount.currency == QLatin1String("KZT") ? QStringLiteral("₸")
                                                                     : amount.currency;
    return amount.displayNumber(QLocale(QLocale::Russian, QLocale::Russia)) + QChar(QChar::Nbsp) + symbol;
}

QString confirmPage(Language language, ConfirmPageKind kind) {
    const bool ru = language == Language::Russian;
    QString title, text;
    switch (kind) {
    case ConfirmPageKind::Confirmed:
        title = ru ? QStringLiteral("Адрес подтверждён") : QStringLiteral("Email confirmed");
        text = ru ? QStringLiteral(
                        "Спасибо! Адрес электронной почты подтверждён. Вернитесь в мастер регистрации, "
                        "чтобы продолжить.")
                  : QStringLiteral(
                        "Thank you! Your email address is confirmed. Return to the wizard to continue.");
        break;
    case ConfirmPageKind::AlreadyConfirmed:
        title = ru ? QStringLiteral("Адрес уже подтверждён") : QStringLiteral("Email already confirmed");
        text = ru ? QStringLiteral("Этот адрес уже подтверждён. Вернитесь в мастер регистрации.")
                  : QStringLiteral("This address is already confirmed. Return to the wizard.");
        break;
    case ConfirmPageKind::Invalid:
        title = ru ? QStringLiteral("Ссылка недействительна") : QStringLiteral("This link does not work");
        text =
            ru ? QStringLiteral("Ссылка устарела или заменена более новой. Запросите новое письмо в мастере "
                                "регистрации.")
               : QStringLiteral(
                     "The link has expired or was replaced by a newer one. Ask the wizard to send a "
                     "new email.");
        break;
    }
    return page(language, title,
                QStringLiteral("<h1>%1</h1><p>%2</p>").arg(htmlEscaped(title), htmlEscaped(text)));
}

QString threeDsPage(const QString &formAction, CardBrand brand, const QString &last4, const QString &amount,
                    Language language) {
    const bool ru = language == Language::Russian;
    // The card's payment system as people call it in Russian.
    const QString brandName =
        ru && brand == CardBrand::Mir ? QStringLiteral("«Мир»") : cardBrandDisplayName(brand);
    const QString body =
        (ru ? QStringLiteral(
                  "<h1>3-D Secure</h1><p>Банк просит подтвердить тестовое списание <b>%1</b> с карты "
                  "%2 с последними цифрами <b>%3</b>.</p><form method=\"post\" action=\"%4\">"
                  "<button type=\"submit\" name=\"decision\" value=\"approve\">Подтвердить</button>"
                  "<button type=\"submit\" name=\"decision\" value=\"decline\">Отклонить</button>"
                  "</form>")
            : QStringLiteral(
                  "<h1>3-D Secure</h1><p>Your bank asks you to confirm a test debit of <b>%1</b> from the %2 "
                  "card ending in <b>%3</b>.</p><form method=\"post\" action=\"%4\">"
                  "<button type=\"submit\" name=\"decision\" value=\"approve\">Approve</button>"
                  "<button type=\"submit\" name=\"decision\" value=\"decline\">Decline</button></form>"))
            .arg(htmlEscaped(amount), htmlEscaped(brandName), htmlEscaped(last4), htmlEscaped(formAction));
    return page(language, QStringLiteral("3-D Secure"), body);
}

QString threeDsResultPage(CardStatus cardStatus, Language language) {
    const bool ru = language == Language::Russian;
    const bool linked = cardStatus == CardStatus::Linked;
    const QString title =
        linked ? (ru ? QStringLiteral("Платёж подтверждён") : QStringLiteral("Payment confirmed"))
               : (ru ? QStringLiteral("Платёж отклонён") : QStringLiteral("Payment declined"));
    const QString text =
        linked
            ? (ru ? QStringLiteral("Карта привязана. Закройте эту страницу и вернитесь в мастер регистрации.")
                  : QStringLiteral("The card is linked. You can close this page and return to the wizard."))
            : (ru ? QStringLiteral("Банк не подтвердил платёж. Вернитесь в мастер регистрации, чтобы "
                                   "попробовать ещё раз или указать другую карту.")
                  : QStringLiteral("The bank did not confirm the payment. Return to the wizard to try "
                                   "again or use another card."));
    return page(language, title,
                QStringLiteral("<h1>%1</h1><p>%2</p>").arg(htmlEscaped(title), htmlEscaped(text)));
}

QString invitePage(Language language, const QString &projectName, bool valid) {
    const bool ru = language == Language::Russian;
    const QString title = valid ? (ru ? QStringLiteral("Приглашение в проект VK Cloud")
                                      : QStringLiteral("Invitation to a VK Cloud project"))
                                : (ru ? QStringLiteral("Приглашение недействительно")
                                      : QStringLiteral("This invitation does not work"));
    const QString text =
        valid
            ? (ru ? QStringLiteral("Вас пригласили в проект «%1». Откройте эту ссылку в мастере регистрации "
                                   "VK Cloud (vkcloud-signup <ссылка>) или вставьте её на первой странице "
                                   "мастера.")
                        .arg(projectName)
                  : QStringLiteral("You are invited to the project “%1”. Open this link with the VK Cloud "
                                   "sign-up wizard: vkcloud-signup <link>, or paste it on the wizard's "
                                   "first page.")
                        .arg(projectName))
            : (ru ? QStringLiteral("Ссылка неизвестна, устарела или уже использована. Попросите владельца "
                                   "проекта пригласить вас снова.")
                  : QStringLiteral("The link is unknown, has expired or was used already. Ask the project's "
                                   "owner to invite you again."));
    return page(language, title,
                QStringLiteral("<h1>%1</h1><p>%2</p>").arg(htmlEscaped(title), htmlEscaped(text)));
}

QString consolePage(const QString &projectId, const QString &projectName) {
    const QString body = QStringLiteral("<h1>VK Cloud management console (sandbox)</h1><p>Project <b>%1</b> "
                                        "(<code>%2</code>) is active.</p><p>This page stands in for the real "
                                        "console: the sandbox created no real project.</p>")
                             .arg(htmlEscaped(projectName), htmlEscaped(projectId));
    return page(Language::English, QStringLiteral("Management console (sandbox)"), body);
}

QString notFoundPage() {
    return page(Language::English, QStringLiteral("Not found"),
                QStringLiteral("<h1>Not found</h1><p>This page does not exist.</p>"));
}

} // namespace signup
