#pragma once

#include "core/cardpolicy.h"
#include "core/region.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace signup {

// Status codes of the contract, typed; the wire names are converted here and nowhere else.
// Unknown is what a newer server's unknown name reads as (and what is never written).
enum class PhoneStatus { Unknown, AwaitingCall, Confirmed, Expired };
enum class CardStatus { Unknown, Processing, RequiresAction, Linked, Declined };
QString wireName(PhoneStatus status); // "awaiting_call" | "confirmed" | "expired"
QString wireName(CardStatus status);  // "processing" | "requires_action" | "linked" | "declined"
PhoneStatus phoneStatusFromWire(const QString &name);
CardStatus cardStatusFromWire(const QString &name);

// Why a card was declined (`card.decline_code`, contract §3), typed like the statuses above.
enum class DeclineCode {
    Unknown,
    VirtualCardNotAllowed,
    InsufficientFunds,
    CardDeclined,
    AuthenticationFailed
};
QString wireName(DeclineCode code); // "virtual_card_not_allowed" | "insufficient_funds" | ...
DeclineCode declineCodeFromWire(QStringView name);

// What the sandbox's phone robot answers keyed digits with (`POST /sandbox/v1/calls/{id}/dtmf`,
// contract §4 `result`), typed like the statuses above.
enum class KeyedDigitsResult { Unknown, Confirmed, WrongDigits, CallEnded };
QString wireName(KeyedDigitsResult result); // "confirmed" | "wrong_digits" | "call_ended"
KeyedDigitsResult keyedDigitsResultFromWire(QStringView name);

// The languages of the contract (`language`: "en" | "ru", §1): an account's and an invitation's
// emails and the sandbox's pages are written in one of them. The wire names are converted here and
// nowhere else. English is the contract's default.
enum class Language { English, Russian };
QString wireName(Language language); // "en" | "ru"
// nullopt for anything else (a request naming another language is refused).
std::optional<Language> languageFromWire(QStringView name);

// The contract's `registration` object (§3), as both the server writes it and the client reads it.
struct PhoneState {
    QString number; // masked: "+7 912 ***-**-89"
    PhoneStatus status = PhoneStatus::Unknown;
    QString callTo;      // the number the user calls
    QDateTime expiresAt; // UTC
    int attemptsLeft = 0;
    QJsonObject toJson() const;
    static PhoneState fromJson(const QJsonObject &o);
};

struct CardState {
    CardStatus status = CardStatus::Unknown;
    QString brand; // "mir", "visa", ...
    QString last4;
    QString actionUrl; // 3-D Secure page when status is requires_action
    QString
        declineCode; // virtual_card_not_allowed | insufficient_funds | card_declined | authentication_failed
    Money testAmount;
    DeclineCode declineReason() const { return declineCodeFromWire(declineCode); }
    CardBrand paymentSystem() const { return cardBrandFromId(brand); }
    QJsonObject toJson() const;
    static CardState fromJson(const QJsonObject &o);
};

struct AutopaymentState {
    bool enabled = false;
    Money threshold; // null when not set
    Money amount;
    QJsonObject toJson() const;
    static AutopaymentState fromJson(const QJsonObject &o);
};

struct BonusState {
    Money amount;
    QDateTime expiresAt;
};

struct ProjectState {
    QString id; // "mcs1234567890"
    QString name;
};

// A project the account works in by invitation (contract 1.1, §5).
struct Membership {
    ProjectState project;
    QStringList roles; // "project_admin", "member", "viewer", "billing_admin", "network_admin", ...
};

enum class Step { Account, ConfirmEmail, ConfirmPhone, BindCard, Done };
// "confirm_email" <-> Step::ConfirmEmail etc.; Step::Account has no wire name (no account yet).
QString stepWireName(Step step);
Step stepFromWireName(const QString &name);

struct Registration {
    QString accountId;
    QString email;
    QString region;
    qint64 version = 0;
    bool accountCreated = false;
    bool emailConfirmed = false;
    bool phoneConfirmed = false;
    bool cardLinked = false;
    Step nextStep = Step::Account;
    QDateTime emailResendAvailableAt;
    std::optional<PhoneState> phone;
    std::optional<CardState> card;
    AutopaymentState autopayment;
    Money balance;
    Money cardTestAmount;
    std::optional<BonusState> bonus;
    std::optional<ProjectState> project;
    QString consoleUrl;
    QList<Membership> memberships; // empty for an owner who joined nothing
    QString language;              // "en" | "ru": the language of the account's emails (project addition)

    bool isNull() const { return accountId.isEmpty(); }
    RegionId regionId() const { return regionIdFromWire(region); }
    QJsonObject toJson() const;
    // Tolerant reader: unknown fields are ignored, missing ones keep their defaults.
    static Registration fromJson(const QJsonObject &o);
};

// The confirmation email's subject exactly as the server sends it for an account whose emails are
// in `language` (contract 1.1, §1): fixed text per language, not a translation of the interface.
QString confirmationEmailSubject(Language language);

// RFC 3339 UTC, seconds precision: "2026-11-28T10:00:00Z".
QString toRfc3339(const QDateTime &utc);
QDateTime fromRfc3339(const QString &text);

} // namespace signup
