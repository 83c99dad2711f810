#include "wizard/uitext.h"

#include "core/cardpolicy.h"
#include "core/phonepolicy.h"
#include "core/region.h"

#include <QLocale>

namespace signup {

QString UiText::ruleText(RuleId rule) {
    // No default: a rule added to RuleId does not build until it has its words here.
    switch (rule) {
    case RuleId::EmailLength:
        return tr("Not longer than 320 characters (64 before the @)");
    case RuleId::EmailFormat:
        return tr("Looks like name@company.com");
    case RuleId::EmailPlus:
        return tr("No \"+\" in the address");
    case RuleId::PasswordLength:
        return tr("8 to 128 characters");
    case RuleId::PasswordCharset:
        return tr("Only Latin letters, digits and ? ! ~ @ # $ % ^ & _ - + * = ; : , . / \\ | ` [ ] { } ( )");
    case RuleId::PasswordUpper:
        return tr("At least one capital letter (A–Z)");
    case RuleId::PasswordLower:
        return tr("At least one small letter (a–z)");
    case RuleId::PasswordDigitOrSpecial:
        return tr("At least one digit or special character");
    case RuleId::PasswordRepeats:
        return tr("Nothing repeated three times in a row (like aaa or 121212)");
    case RuleId::Unknown:
        break;
    }
    return {};
}

QString UiText::fieldError(ErrorCode code, const QList<RuleId> &failedRules) {
    switch (code) {
    case ErrorCode::EmailTaken:
        return tr("An account with this email already exists. Sign in to continue its registration, or use "
                  "another address.");
    case ErrorCode::InvalidEmail:
        if (failedRules.contains(RuleId::EmailPlus))
            return tr("The \"+\" character is not allowed in the address.");
        if (failedRules.contains(RuleId::EmailLength))
            return tr("This address is too long.");
        return tr("This does not look like an email address. Check it for typos.");
    case ErrorCode::InvalidPassword:
        return tr("The password does not meet the rules marked below.");
    case ErrorCode::UnknownRegion:
        return tr("Choose a region from the list.");
    case ErrorCode::InvalidCredentials:
        return tr("The email or password is wrong. Check the keyboard layout and Caps Lock.");
    case ErrorCode::InvalidPhone:
        return tr(
            "This is not a valid mobile number. Include the country code, for example +7 912 345-67-89.");
    case ErrorCode::PhoneRegionNotAllowed:
        return tr(
            "This account is in the Moscow region, where only Russian numbers (+7, Russia) can be confirmed, "
            "and an account's region cannot be changed once it exists. Enter a Russian mobile number. With "
            "only a number of another country, create a new account with another email in the Kazakhstan "
            "region, which accepts any mobile number.");
    case ErrorCode::PhoneTaken:
        return tr(
            "This number is already confirmed on another account. Use another number, or sign in to the "
            "account that has it.");
    case ErrorCode::UnsupportedCardBrand:
        return tr("Cards of this payment system are not accepted in your region.");
    case ErrorCode::ExpiredCard:
        return tr("This card has expired. Use a card that is still valid.");
    case ErrorCode::InvalidCard:
        return tr("Check this field: the card details are not valid.");
    case ErrorCode::InvalidAutopayment:
        return tr("Check the threshold and the amount: they are outside the allowed range.");
    case ErrorCode::AutopaymentUnavailable:
        return tr("Autopayment is not available for this card or region.");
    // Not about a field: the message area says these (see problem()).
    case ErrorCode::Unknown:
    case ErrorCode::MalformedRequest:
    case ErrorCode::PayloadTooLarge:
    case ErrorCode::HeadersTooLarge:
    case ErrorCode::Unauthorized:
    case ErrorCode::NotFound:
    case ErrorCode::MethodNotAllowed:
    case ErrorCode::RequestTimeout:
    case ErrorCode::IdempotencyKeyReused:
    case ErrorCode::RequestInProgress:
    case ErrorCode::RateLimited:
    case ErrorCode::InternalError:
    case ErrorCode::NotImplemented:
    case ErrorCode::ServerBusy:
    case ErrorCode::HttpVersionNotSupported:
    case ErrorCode::InvalidConfirmationLink:
    case ErrorCode::StepOrder:
    case ErrorCode::AlreadyConfirmed:
    case ErrorCode::AlreadyLinked:
    case ErrorCode::InvitationNotFound:
    case ErrorCode::InvitationExpired:
    case ErrorCode::InvitationUsed:
    case ErrorCode::AccountExists:
    case ErrorCode::InvitationEmailMismatch:
    case ErrorCode::SupportCodeNotFound:
    case ErrorCode::SandboxFault:
    case ErrorCode::FaultPlanFull:
    case ErrorCode::InvitationLinkInvalid:
        break;
    }
    return QString();
}

QString UiText::declineText(DeclineCode code) {
    switch (code) {
    case DeclineCode::VirtualCardNotAllowed:
        return tr("Virtual cards cannot be linked. Use a physical bank card.");
    case DeclineCode::InsufficientFunds:
        return tr(
            "There is not enough money on the card for the test amount. Top up the card or use another one.");
    case DeclineCode::CardDeclined:
        return tr(
            "Your bank declined the payment. Call the bank (the number is on the back of the card) or use "
            "another card.");
    case DeclineCode::AuthenticationFailed:
        return tr("The bank's confirmation (3-D Secure) did not succeed. Add the card again and confirm the "
                  "payment on the bank's page, or use another card.");
    case DeclineCode::Unknown:
        break;
    }
    return tr("The card was declined. Use another card.");
}

QString UiText::regionName(RegionId region) {
    switch (region) {
    case RegionId::Moscow:
        return tr("Moscow");
    case RegionId::Kazakhstan:
        return tr("Kazakhstan");
    case RegionId::Unknown:
        break;
    }
    return QString();
}

QString UiText::regionName(const QString &id) {
    const RegionId region = regionIdFromWire(id);
    return region == RegionId::Unknown ? id : regionName(region);
}

QString UiText::brandName(CardBrand brand) {
    if (brand == CardBrand::Mir) // the only one whose name is translated ("Мир")
        return tr("Mir", "payment system");
    return cardBrandDisplayName(brand);
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
           !fieldError(error.code, error.failedRules()).isEmpty();
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

    switch (error.code) {
    case ErrorCode::RateLimited:
        p.title = tr("Too many attempts");
        p.advice = tr("Wait a little: Retry becomes available when the countdown ends.");
        p.retryable = true;
        return p;
    case ErrorCode::Unauthorized:
        p.title = tr("Your session has ended");
        p.advice = tr("Sign in again with your email and password to continue where you stopped.");
        p.retryable = false;
        return p;
    case ErrorCode::StepOrder:
        p.title = tr("An earlier step is not finished yet");
        p.advice = tr("The wizard has been brought up to date. Finish the step shown on the left first.");
        return p;
    case ErrorCode::AlreadyConfirmed:
    case ErrorCode::AlreadyLinked:
        p.title = tr("This step is already done");
        p.advice = tr("The wizard has been brought up to date and moves on.");
        return p;
    case ErrorCode::RequestInProgress:
        p.title = tr("The previous request is still being processed");
        p.advice = tr("Wait a few seconds and press Retry.");
        p.retryable = true;
        return p;
    case ErrorCode::InvalidCredentials:
        p.title = tr("Wrong email or password");
        p.advice = fieldError(error.code);
        return p;
    default:
        // The rest is told by the status (5xx) or by the field's words.
        break;
    }
    if (error.httpStatus >= 500) {
        p.title = tr("The server has a problem");
        p.advice =
            tr("It is not something you did. Press Retry in a minute; nothing will be done twice. If it "
               "goes on, contact support with the request id below.");
        p.retryable = true;
    } else {
        const QString fieldText = fieldError(error.code, error.failedRules());
        p.title = tr("The request was not accepted");
        p.advice = fieldText.isEmpty()
                       ? tr("Press Retry. If it happens again, contact support with the request id "
                            "below.")
                       : fieldText;
    }
    return p;
}

} // namespace signup
