#include "wizard/uitext.h"

#include "core/cardpolicy.h"
#include "core/phonepolicy.h"
#include "core/region.h"

#include <QLocale>

namespace signup {

QString UiText::ruleText(const QString &id) {
    if (id == QLatin1String("email_length"))
        return tr("Not longer than 320 characters (64 before the @)");
    if (id == QLatin1String("email_format"))
        return tr("Looks like name@company.com");
    if (id == QLatin1String("email_plus"))
        return tr("No \"+\" in the address");
    if (id == QLatin1String("password_length"))
        return tr("8 to 128 characters");
    if (id == QLatin1String("password_charset"))
        return tr("Only Latin letters, digits and ? ! ~ @ # $ % ^ & _ - + * = ; : , . / \\ | ` [ ] { } ( )");
    if (id == QLatin1String("password_upper"))
        return tr("At least one capital letter (A–Z)");
    if (id == QLatin1String("password_lower"))
        return tr("At least one small letter (a–z)");
    if (id == QLatin1String("password_digit_or_special"))
        return tr("At least one digit or special character");
    if (id == QLatin1String("password_repeats"))
        return tr("Nothing repeated three times in a row (like aaa or 121212)");
    return id;
}

QString UiText::fieldError(const QString &code, const QStringList &details) {
    if (code == QLatin1String("email_taken"))
        return tr("An account with this email already exists. Sign in to continue its registration, or use "
                  "another address.");
    if (code == QLatin1String("invalid_email")) {
        if (details.contains(QLatin1String("email_plus")))
            return tr("The \"+\" character is not allowed in the address.");
        if (details.contains(QLatin1String("email_length")))
            return tr("This address is too long.");
        return tr("This does not look like an email address. Check it for typos.");
    }
    if (code == QLatin1String("invalid_password"))
        return tr("The password does not meet the rules marked below.");
    if (code == QLatin1String("unknown_region"))
        return tr("Choose a region from the list.");
    if (code == QLatin1String("invalid_credentials"))
        return tr("The email or password is wrong. Check the keyboard layout and Caps Lock.");
    if (code == QLatin1String("invalid_phone"))
        return tr(
            "This is not a valid mobile number. Include the country code, for example +7 912 345-67-89.");
    if (code == QLatin1String("phone_region_not_allowed"))
        return tr(
            "This account is in the Moscow region, where only Russian numbers (+7, Russia) can be confirmed, "
            "and an account's region cannot be changed once it exists. Enter a Russian mobile number. With "
            "only a number of another country, create a new account with another email in the Kazakhstan "
            "region, which accepts any mobile number.");
    if (code == QLatin1String("phone_taken"))
        return tr(
            "This number is already confirmed on another account. Use another number, or sign in to the "
            "account that has it.");
    if (code == QLatin1String("unsupported_card_brand"))
        return tr("Cards of this payment system are not accepted in your region.");
    if (code == QLatin1String("expired_card"))
        return tr("This card has expired. Use a card that is still valid.");
    if (code == QLatin1String("invalid_card"))
        return tr("Check this field: the card details are not valid.");
    if (code == QLatin1String("invalid_autopayment"))
        return tr("Check the threshold and the amount: they are outside the allowed range.");
    if (code == QLatin1String("autopayment_unavailable"))
        return tr("Autopayment is not available for this card or region.");
    return QString();
}

QString UiText::declineText(const QString &code) {
    if (code == QLatin1String("virtual_card_not_allowed"))
        return tr("Virtual cards cannot be linked. Use a physical bank card.");
    if (code == QLatin1String("insufficient_funds"))
        return tr(
            "There is not enough money on the card for the test amount. Top up the card or use another one.");
    if (code == QLatin1String("card_declined"))
        return tr(
            "Your bank declined the payment. Call the bank (the number is on the back of the card) or use "
            "another card.");
    if (code == QLatin1String("authentication_failed"))
        return tr("The bank's confirmation (3-D Secure) did not succeed. Add the card again and confirm the "
                  "payment on the bank's page, or use another card.");
    return tr("The card was declined. Use another card.");
}

QString UiText::regionName(const QString &id) {
    if (id == QLatin1String("ru-msk"))
        return tr("Moscow");
    if (id == QLatin1String("kz-ast"))
        return tr("Kazakhstan");
    return id;
}

QString UiText::brandName(const QString &id) {
    if (id == QLatin1String("mir"))
        return tr("Mir", "payment system");
    return cardBrandDisplayName(cardBrandFromId(id));
}

QString UiText::money(const Money &amount) {
    if (amount.isNull())
        return QString();
    const QString value = amount.displayNumber(QLocale());
    // The space between is a no-break space (U+00A0).
    return tr("%1 %2", "amount and currency, with a no-break space")
        .arg(value, currencySymbol(amount.currency));
}

QString UiText::currencySymbol(const QString &currencyCode) {
    if (currencyCode == QLatin1String("RUB"))
        return tr("RUB");
    if (currencyCode == QLatin1String("KZT"))
        return tr("KZT");
    return currencyCode;
}

QString UiText::date(const QDate &date) {
    // "MMMM" next to a day is the month's format form: the genitive in Russian ("января").
    return QLocale().toString(date, QStringLiteral("d MMMM yyyy"));
}

QString UiText::countryName(const QString &code) {
    if (code == QLatin1String("RU"))
        return tr("Russia");
    if (code == QLatin1String("KZ"))
        return tr("Kazakhstan");
    const QLocale::Territory territory = QLocale::codeToTerritory(code);
    if (territory != QLocale::AnyTerritory) {
        if (QLocale().language() == QLocale::Russian) {
            const QLocale russian(QLocale::Russian, territory);
            const QString native = russian.nativeTerritoryName();
            if (russian.territory() == territory && !native.isEmpty())
                return native;
        }
        return QLocale::territoryToString(territory);
    }
    const QString english = PhonePolicy::countryName(code);
    return english.isEmpty() ? code : english;
}

bool UiText::isFieldError(const ApiError &error) {
    return error.kind == ApiError::Kind::Http && !error.field.isEmpty() &&
           !fieldError(error.code, error.details).isEmpty();
}

UiText::Problem UiText::problem(const ApiError &error) {
    Problem p;
    p.retryable = error.isTransient();
    switch (error.kind) {
    case ApiError::Kind::None:
    case ApiError::Kind::Cancelled:
        return p;
    case ApiError::Kind::Network:
        p.title = tr("No connection to the server");
        p.advice = tr(
            "Check that this computer is online (a VPN or proxy can also get in the way), then press Retry. "
            "Everything you typed is kept.");
        p.retryable = true;
        return p;
    case ApiError::Kind::Timeout:
        p.title = tr("The server is taking too long to answer");
        p.advice = tr("The connection may be slow. Press Retry: nothing will be done twice.");
        p.retryable = true;
        return p;
    case ApiError::Kind::Tls:
        switch (error.tls) {
        case ApiError::TlsFailure::UntrustedCertificate:
            p.title = tr("The server's certificate is not trusted");
            p.advice =
                tr("The connection is not secure, so the wizard stopped. If your company inspects traffic, "
                   "ask IT for its certificate and start the wizard with --ca-cert.");
            break;
        case ApiError::TlsFailure::HostNameMismatch:
            p.title = tr("The server's certificate is for another address");
            p.advice = tr(
                "The connection is not secure, so the wizard stopped. Check the server address (--api-url).");
            break;
        case ApiError::TlsFailure::Expired:
            p.title = tr("The server's certificate has expired");
            p.advice = tr("Check that this computer's date and time are right, then press Retry.");
            break;
        default:
            p.title = tr("A secure connection could not be set up");
            p.advice = tr(
                "The connection is not secure, so the wizard stopped. Try again later or contact support.");
            break;
        }
        p.retryable = true;
        return p;
    case ApiError::Kind::BadResponse:
        p.title = tr("The server sent an answer the wizard does not understand");
        p.advice = tr("Press Retry. If it happens again, contact support with the request id below.");
        p.retryable = true;
        return p;
    case ApiError::Kind::Http:
        break;
    }

    const QString &code = error.code;
    if (code == QLatin1String("rate_limited")) {
        p.title = tr("Too many attempts");
        p.advice = tr("Wait a little: Retry becomes available when the countdown ends.");
        p.retryable = true;
    } else if (code == QLatin1String("unauthorized")) {
        p.title = tr("Your session has ended");
        p.advice = tr("Sign in again with your email and password to continue where you stopped.");
        p.retryable = false;
    } else if (code == QLatin1String("step_order")) {
        p.title = tr("An earlier step is not finished yet");
        p.advice = tr("The wizard has been brought up to date. Finish the step shown on the left first.");
    } else if (code == QLatin1String("already_confirmed") || code == QLatin1String("already_linked")) {
        p.title = tr("This step is already done");
        p.advice = tr("The wizard has been brought up to date and moves on.");
    } else if (code == QLatin1String("request_in_progress")) {
        p.title = tr("The previous request is still being processed");
        p.advice = tr("Wait a few seconds and press Retry.");
        p.retryable = true;
    } else if (code == QLatin1String("invalid_credentials")) {
        p.title = tr("Wrong email or password");
        p.advice = fieldError(code);
    } else if (error.httpStatus >= 500) {
        p.title = tr("The server has a problem");
        p.advice =
            tr("It is not something you did. Press Retry in a minute; nothing will be done twice. If it "
               "goes on, contact support with the request id below.");
        p.retryable = true;
    } else {
        const QString fieldText = fieldError(code, error.details);
        p.title = tr("The request was not accepted");
        p.advice = fieldText.isEmpty()
                       ? tr("Press Retry. If it happens again, contact support with the request id "
                            "below.")
                       : fieldText;
    }
    return p;
}

} // namespace signup
