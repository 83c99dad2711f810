#include "core/registration.h"

#include <QJsonArray>
#include <QJsonValue>

namespace signup {

namespace {

QJsonValue stringOrNull(const QString &text) {
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonValue timeOrNull(const QDateTime &time) {
    return time.isValid() ? QJsonValue(toRfc3339(time)) : QJsonValue(QJsonValue::Null);
}

QJsonValue moneyOrNull(const Money &money) {
    return money.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(money.toJson());
}

QString stringOf(const QJsonObject &o, const QString &key) {
    return o.value(key).toString();
}

} // namespace

QString wireName(Language language) {
    switch (language) {
    case Language::English:
        return QStringLiteral("en");
    case Language::Russian:
        return QStringLiteral("ru");
    }
    return {};
}

std::optional<Language> languageFromWire(QStringView name) {
    for (Language language : {Language::English, Language::Russian})
        if (wireName(language) == name)
            return language;
    return std::nullopt;
}

QString confirmationEmailSubject(Language language) {
    switch (language) {
    case Language::English:
        return QStringLiteral("Complete your registration now");
    case Language::Russian:
        return QStringLiteral("Завершите регистрацию");
    }
    return {};
}

QString toRfc3339(const QDateTime &utc) {
    if (!utc.isValid())
        return {};
    return utc.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
}

QDateTime fromRfc3339(const QString &text) {
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QJsonObject PhoneState::toJson() const {
    return {
        {QStringLiteral("number"), number},
        {QStringLiteral("status"), wireName(status)},
        {QStringLiteral("call_to"), stringOrNull(callTo)},
        {QStringLiteral("expires_at"), timeOrNull(expiresAt)},
        {QStringLiteral("attempts_left"), attemptsLeft},
    };
}

PhoneState PhoneState::fromJson(const QJsonObject &o) {
    PhoneState state;
    state.number = stringOf(o, QStringLiteral("number"));
    state.status = phoneStatusFromWire(stringOf(o, QStringLiteral("status")));
    state.callTo = stringOf(o, QStringLiteral("call_to"));
    state.expiresAt = fromRfc3339(stringOf(o, QStringLiteral("expires_at")));
    state.attemptsLeft = o.value(QStringLiteral("attempts_left")).toInt();
    return state;
}

QJsonObject CardState::toJson() const {
    return {
        {QStringLiteral("status"), wireName(status)},
        {QStringLiteral("brand"), brand},
        {QStringLiteral("last4"), last4},
        {QStringLiteral("action_url"), stringOrNull(actionUrl)},
        {QStringLiteral("decline_code"), stringOrNull(declineCode)},
        {QStringLiteral("test_amount"), moneyOrNull(testAmount)},
    };
}

CardState CardState::fromJson(const QJsonObject &o) {
    CardState state;
    state.status = cardStatusFromWire(stringOf(o, QStringLiteral("status")));
    state.brand = stringOf(o, QStringLiteral("brand"));
    state.last4 = stringOf(o, QStringLiteral("last4"));
    state.actionUrl = stringOf(o, QStringLiteral("action_url"));
    state.declineCode = stringOf(o, QStringLiteral("decline_code"));
    state.testAmount = Money::fromJson(o.value(QStringLiteral("test_amount")));
    return state;
}

QJsonObject AutopaymentState::toJson() const {
    return {
        {QStringLiteral("enabled"), enabled},
        {QStringLiteral("threshold"), moneyOrNull(threshold)},
        {QStringLiteral("amount"), moneyOrNull(amount)},
    };
}

AutopaymentState AutopaymentState::fromJson(const QJsonObject &o) {
    AutopaymentState state;
    state.enabled = o.value(QStringLiteral("enabled")).toBool();
    state.threshold = Money::fromJson(o.value(QStringLiteral("threshold")));
    state.amount = Money::fromJson(o.value(QStringLiteral("amount")));
    return state;
}

QString wireName(PhoneStatus status) {
    switch (status) {
    case PhoneStatus::AwaitingCall:
        return QStringLiteral("awaiting_call");
    case PhoneStatus::Confirmed:
        return QStringLiteral("confirmed");
    case PhoneStatus::Expired:
        return QStringLiteral("expired");
    case PhoneStatus::Unknown:
        break;
    }
    return {};
}

QString wireName(CardStatus status) {
    switch (status) {
    case CardStatus::Processing:
        return QStringLiteral("processing");
    case CardStatus::RequiresAction:
        return QStringLiteral("requires_action");
    case CardStatus::Linked:
        return QStringLiteral("linked");
    case CardStatus::Declined:
        return QStringLiteral("declined");
    case CardStatus::Unknown:
        break;
    }
    return {};
}

PhoneStatus phoneStatusFromWire(const QString &name) {
    for (PhoneStatus s : {PhoneStatus::AwaitingCall, PhoneStatus::Confirmed, PhoneStatus::Expired})
        if (wireName(s) == name)
            return s;
    return PhoneStatus::Unknown;
}

CardStatus cardStatusFromWire(const QString &name) {
    for (CardStatus s :
         {CardStatus::Processing, CardStatus::RequiresAction, CardStatus::Linked, CardStatus::Declined})
        if (wireName(s) == name)
            return s;
    return CardStatus::Unknown;
}

QString wireName(DeclineCode code) {
    switch (code) {
    case DeclineCode::VirtualCardNotAllowed:
        return QStringLiteral("virtual_card_not_allowed");
    case DeclineCode::InsufficientFunds:
        return QStringLiteral("insufficient_funds");
    case DeclineCode::CardDeclined:
        return QStringLiteral("card_declined");
    case DeclineCode::AuthenticationFailed:
        return QStringLiteral("authentication_failed");
    case DeclineCode::Unknown:
        break;
    }
    return {};
}

DeclineCode declineCodeFromWire(QStringView name) {
    for (DeclineCode code : {DeclineCode::VirtualCardNotAllowed, DeclineCode::InsufficientFunds,
                             DeclineCode::CardDeclined, DeclineCode::AuthenticationFailed})
        if (!name.isEmpty() && wireName(code) == name)
            return code;
    return DeclineCode::Unknown;
}

QString wireName(KeyedDigitsResult result) {
    switch (result) {
    case KeyedDigitsResult::Confirmed:
        return QStringLiteral("confirmed");
    case KeyedDigitsResult::WrongDigits:
        return QStringLiteral("wrong_digits");
    case KeyedDigitsResult::CallEnded:
        return QStringLiteral("call_ended");
    case KeyedDigitsResult::Unknown:
        break;
    }
    return {};
}

KeyedDigitsResult keyedDigitsResultFromWire(QStringView name) {
    for (KeyedDigitsResult result :
         {KeyedDigitsResult::Confirmed, KeyedDigitsResult::WrongDigits, KeyedDigitsResult::CallEnded})
        if (!name.isEmpty() && wireName(result) == name)
            return result;
    return KeyedDigitsResult::Unknown;
}

QString stepWireName(Step step) {
    switch (step) {
    case Step::ConfirmEmail:
        return QStringLiteral("confirm_email");
    case Step::ConfirmPhone:
        return QStringLiteral("confirm_phone");
    case Step::BindCard:
        return QStringLiteral("bind_card");
    case Step::Done:
        return QStringLiteral("done");
    case Step::Account:
        break;
    }
    return {};
}

Step stepFromWireName(const QString &name) {
    for (Step step : {Step::ConfirmEmail, Step::ConfirmPhone, Step::BindCard, Step::Done}) {
        if (stepWireName(step) == name)
            return step;
    }
    return Step::Account;
}

QJsonObject Registration::toJson() const {
    QJsonObject bonusJson;
    if (bonus) {
        bonusJson = {{QStringLiteral("amount"), moneyOrNull(bonus->amount)},
                     {QStringLiteral("expires_at"), timeOrNull(bonus->expiresAt)}};
    }
    QJsonObject projectJson;
    if (project)
        projectJson = {{QStringLiteral("id"), project->id}, {QStringLiteral("name"), project->name}};

    QJsonArray membershipsJson;
    for (const Membership &m : memberships)
        membershipsJson.append(
            QJsonObject{{QStringLiteral("project"), QJsonObject{{QStringLiteral("id"), m.project.id},
                                                                {QStringLiteral("name"), m.project.name}}},
                        {QStringLiteral("roles"), QJsonArray::fromStringList(m.roles)}});

    const QJsonValue null(QJsonValue::Null);
    QJsonObject o{
        {QStringLiteral("account_id"), accountId},
        {QStringLiteral("email"), email},
        {QStringLiteral("region"), region},
        {QStringLiteral("version"), version},
        {QStringLiteral("steps"), QJsonObject{{QStringLiteral("account_created"), accountCreated},
                                              {QStringLiteral("email_confirmed"), emailConfirmed},
                                              {QStringLiteral("phone_confirmed"), phoneConfirmed},
                                              {QStringLiteral("card_linked"), cardLinked}}},
        {QStringLiteral("next_step"), stringOrNull(stepWireName(nextStep))},
        {QStringLiteral("email_resend_available_at"), timeOrNull(emailResendAvailableAt)},
        {QStringLiteral("phone"), phone ? QJsonValue(phone->toJson()) : null},
        {QStringLiteral("card"), card ? QJsonValue(card->toJson()) : null},
        {QStringLiteral("autopayment"), autopayment.toJson()},
        {QStringLiteral("balance"), moneyOrNull(balance)},
        {QStringLiteral("card_test_amount"), moneyOrNull(cardTestAmount)},
        {QStringLiteral("bonus"), bonus ? QJsonValue(bonusJson) : null},
        {QStringLiteral("project"), project ? QJsonValue(projectJson) : null},
        {QStringLiteral("console_url"), stringOrNull(consoleUrl)},
        {QStringLiteral("memberships"), membershipsJson},
    };
    if (!language.isEmpty())
        o.insert(QStringLiteral("language"), language);
    return o;
}

Registration Registration::fromJson(const QJsonObject &o) {
    Registration r;
    r.accountId = stringOf(o, QStringLiteral("account_id"));
    r.email = stringOf(o, QStringLiteral("email"));
    r.region = stringOf(o, QStringLiteral("region"));
    r.version = o.value(QStringLiteral("version")).toInteger();
    const QJsonObject steps = o.value(QStringLiteral("steps")).toObject();
    r.accountCreated = steps.value(QStringLiteral("account_created")).toBool();
    r.emailConfirmed = steps.value(QStringLiteral("email_confirmed")).toBool();
    r.phoneConfirmed = steps.value(QStringLiteral("phone_confirmed")).toBool();
    r.cardLinked = steps.value(QStringLiteral("card_linked")).toBool();
    r.nextStep = stepFromWireName(stringOf(o, QStringLiteral("next_step")));
    r.emailResendAvailableAt = fromRfc3339(stringOf(o, QStringLiteral("email_resend_available_at")));
    if (const QJsonValue v = o.value(QStringLiteral("phone")); v.isObject())
        r.phone = PhoneState::fromJson(v.toObject());
    if (const QJsonValue v = o.value(QStringLiteral("card")); v.isObject())
        r.card = CardState::fromJson(v.toObject());
    r.autopayment = AutopaymentState::fromJson(o.value(QStringLiteral("autopayment")).toObject());
    r.balance = Money::fromJson(o.value(QStringLiteral("balance")));
    r.cardTestAmount = Money::fromJson(o.value(QStringLiteral("card_test_amount")));
    if (const QJsonValue v = o.value(QStringLiteral("bonus")); v.isObject()) {
        const QJsonObject b = v.toObject();
        r.bonus = BonusState{Money::fromJson(b.value(QStringLiteral("amount"))),
                             fromRfc3339(stringOf(b, QStringLiteral("expires_at")))};
    }
    if (const QJsonValue v = o.value(QStringLiteral("project")); v.isObject()) {
        const QJsonObject p = v.toObject();
        r.project = ProjectState{stringOf(p, QStringLiteral("id")), stringOf(p, QStringLiteral("name"))};
    }
    r.consoleUrl = stringOf(o, QStringLiteral("console_url"));
    for (const QJsonValue &v : o.value(QStringLiteral("memberships")).toArray()) {
        const QJsonObject m = v.toObject();
        const QJsonObject p = m.value(QStringLiteral("project")).toObject();
        Membership membership;
        membership.project =
            ProjectState{stringOf(p, QStringLiteral("id")), stringOf(p, QStringLiteral("name"))};
        for (const QJsonValue &role : m.value(QStringLiteral("roles")).toArray())
            membership.roles.append(role.toString());
        r.memberships.append(membership);
    }
    r.language = stringOf(o, QStringLiteral("language"));
    return r;
}

} // namespace signup
