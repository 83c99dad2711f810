#include "sandbox/registrationservice.h"

#include "core/cardpolicy.h"
#include "core/clock.h"
#include "core/emailpolicy.h"
#include "core/passwordpolicy.h"
#include "core/phonepolicy.h"
#include "core/region.h"
#include "sandbox/sandboxutil.h"
#include "sandbox/secretstore.h"
#include "sandbox/simulatedworld.h"

#include <QFutureWatcher>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <openssl/evp.h>

namespace signup {

namespace {

// Members join projects of this region (the sandbox's invitations carry no region of their own).
constexpr RegionId InvitedAccountRegion = RegionId::Moscow;
// The sandbox has no real project owner: every invitation comes from this address.
const char SandboxInviter[] = "owner@example.com";

// PBKDF2-HMAC-SHA256 by OpenSSL: the same bytes as QPasswordDigestor, about four times faster.
QByteArray derivePassword(const QString &password, const QByteArray &salt, int iterations) {
    const QByteArray secret = password.toUtf8();
    QByteArray key(32, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(secret.constData(), int(secret.size()),
                          reinterpret_cast<const unsigned char *>(salt.constData()), int(salt.size()),
                          iterations, EVP_sha256(), int(key.size()),
                          reinterpret_cast<unsigned char *>(key.data())) != 1)
        return {};
    return key;
}

bool constantTimeEqual(const QByteArray &a, const QByteArray &b) {
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (int i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QString invitationTokenHash(const QString &token) {
    return sha256Hex(token.toUtf8());
}

ServiceError refused(Refusal kind, ErrorCode code, const QString &message, const QString &field = {},
                     const QList<RuleId> &details = {}, qint64 retryAfter = -1) {
    return ServiceError{kind, code, message, field, details, retryAfter};
}

ServiceError rateLimited(const QString &message, qint64 wait) {
    return refused(Refusal::RateLimited, ErrorCode::RateLimited, message, {}, {}, wait);
}

ServiceError internalError(const QString &message) {
    return refused(Refusal::Internal, ErrorCode::InternalError, message);
}

ServiceError emailTaken() {
    return refused(Refusal::Conflict, ErrorCode::EmailTaken,
                   QStringLiteral("An account with this email already exists"), QStringLiteral("email"));
}

ServiceError invalidEmail(const QList<RuleId> &failed) {
    return refused(Refusal::Invalid, ErrorCode::InvalidEmail,
                   QStringLiteral("The email address is not valid"), QStringLiteral("email"), failed);
}

ServiceError invitationUsed() {
    return refused(Refusal::Conflict, ErrorCode::InvitationUsed,
                   QStringLiteral("The invitation was accepted already"));
}

ServiceError accountExistsForInvitation() {
    return refused(Refusal::Conflict, ErrorCode::AccountExists,
                   QStringLiteral("An account with this email exists: sign in and accept"),
                   QStringLiteral("email"));
}

} // namespace

RegistrationService::RegistrationService(SandboxStore &store, OutsideWorld &world, const Clock &clock,
                                         const ServiceSettings &settings, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_world(world)
    , m_clock(clock)
    , m_settings(settings) {
    m_dummySalt = randomBytes(16);
    // One core stays free for answering everyone else while sign-ins are hashed.
    m_hashPool.setMaxThreadCount(qMax(1, QThread::idealThreadCount() - 1));
}

RegistrationService::~RegistrationService() = default;

void RegistrationService::resumePendingWork() {
    for (const AccountRecord &a : m_store.accountsWithPhoneStatus(PhoneStatus::AwaitingCall))
        schedulePhoneExpiry(a.id, a.phoneExpiresAt);
    // Cards the processor had not answered before a restart are answered now.
    for (const AccountRecord &a : m_store.accountsWithCardStatus(CardStatus::Processing))
        scheduleCardProcessing(a.id, a.cardAttempt, 300);
}

// --- Password hashing

std::optional<ServiceError> RegistrationService::reserveHash() {
    // A bounded queue: a burst of sign-ins waits at most this many hashes, the rest are told to
    // come back (the thread pool itself would queue without end).
    if (m_hashesQueued >= m_settings.maxQueuedPasswordHashes)
        return refused(Refusal::Busy, ErrorCode::ServerBusy,
                       QStringLiteral("Too many sign-ins are being checked"), {}, {}, 1);
    ++m_hashesQueued;
    return std::nullopt;
}

void RegistrationService::hashPassword(const QString &password, const QByteArray &salt, int iterations,
                                       std::function<void(const QByteArray &)> done) {
    // The result comes back on this thread; if the service goes away first, done is never called
    // and the computation finishes unobserved.
    auto *watcher = new QFutureWatcher<QByteArray>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, done = std::move(done)] {
        const QByteArray hash = watcher->result();
        watcher->deleteLater();
        done(hash);
    });
    watcher->setFuture(QtConcurrent::run(&m_hashPool, derivePassword, password, salt, iterations));
}

// --- Accounts and sessions

void RegistrationService::createAccount(const NewAccount &input, SessionDone done) {
    if (const QList<RuleId> failed = EmailPolicy::failedRules(input.email); !failed.isEmpty())
        return done(invalidEmail(failed));
    if (const QList<RuleId> failed = PasswordPolicy::failedRules(input.password); !failed.isEmpty())
        return done(refused(Refusal::Invalid, ErrorCode::InvalidPassword,
                            QStringLiteral("The password does not meet the rules"),
                            QStringLiteral("password"), failed));
    const Region *region = Regions::find(regionIdFromWire(input.region));
    if (!region)
        return done(refused(Refusal::Invalid, ErrorCode::UnknownRegion, QStringLiteral("No such region"),
                            QStringLiteral("region")));
    const QString emailKey = EmailPolicy::normalized(input.email);
    if (m_store.accountByEmailKey(emailKey))
        return done(emailTaken());
    if (auto busy = reserveHash())
        return done(*busy);

    const QByteArray salt = randomBytes(16);
    const int iterations = m_settings.passwordHashIterations;
    hashPassword(input.password, salt, iterations,
                 [this, input, emailKey, regionId = region->id, salt, iterations,
                  done = std::move(done)](const QByteArray &hash) {
                     --m_hashesQueued;
                     const QDateTime now = m_clock.now();
                     AccountRecord account;
                     account.id = QStringLiteral("acc_") + randomHex(8);
                     account.email = input.email;
                     account.emailKey = emailKey;
                     account.passwordHash = QString::fromLatin1(hash.toHex());
                     account.passwordSalt = QString::fromLatin1(salt.toHex());
                     account.passwordIterations = iterations;
                     account.region = regionId;
                     account.language = input.language;
                     account.createdAt = now;
                     account.version = 1;
                     account.emailResendAvailableAt = now.addSecs(m_settings.emailResendCooldownSeconds);
                     const QString token = randomToken();
                     const QDateTime expiresAt = now.addDays(SessionLifetimeDays);
                     bool taken = false;
                     const bool ok = m_store.transaction([&] {
                         // Checked again: another request for the same address may have finished
                         // meanwhile.
                         if (m_store.accountByEmailKey(emailKey)) {
                             taken = true;
                             return false;
                         }
                         const QString linkToken = randomToken();
                         return m_store.insertAccount(account) &&
                                m_store.insertSession(sha256Hex(token.toLatin1()), account.id, expiresAt) &&
                                m_store.insertEmailLink(sha256Hex(linkToken.toLatin1()), account.id,
                                                        now.addSecs(EmailLinkLifetimeHours * 3600)) &&
                                m_world.sendConfirmationEmail(account, linkToken);
                     });
                     if (taken || (!ok && m_store.accountByEmailKey(emailKey)))
                         return done(emailTaken());
                     if (!ok)
                         return done(internalError(QStringLiteral("The account could not be stored")));
                     done(SessionGrant{token, expiresAt, account});
                 });
}

void RegistrationService::signIn(const QString &email, const QString &password, SessionDone done) {
    const QString failureBucket = QStringLiteral("signin-failures:") + emailKeyOf(email);
    // Sign-ins still being hashed count as failures until they are known: without this, parallel
    // wrong passwords would all pass the check before the first failure is recorded.
    const int pending = m_signInsHashing.value(failureBucket);
    const qint64 wait = pending >= SignInFailuresAllowed
                            ? 1
                            : retryAfter(failureBucket, SignInFailuresAllowed - pending, SignInWindowSeconds);
    if (wait > 0)
        return done(rateLimited(QStringLiteral("Too many failed sign-ins for this email"), wait));
    const QString emailKey = EmailPolicy::normalized(email);
    const auto account = emailKey.isEmpty() ? std::nullopt : m_store.accountByEmailKey(emailKey);
    // An unknown address costs the same hash as a known one.
    const QByteArray salt = account ? QByteArray::fromHex(account->passwordSalt.toLatin1()) : m_dummySalt;
    const int iterations = account ? account->passwordIterations : m_settings.passwordHashIterations;
    const QByteArray expected =
        account ? QByteArray::fromHex(account->passwordHash.toLatin1()) : QByteArray(32, 0);
    const QString accountId = account ? account->id : QString();
    if (auto busy = reserveHash())
        return done(*busy);
    ++m_signInsHashing[failureBucket];
    hashPassword(password, salt, iterations,
                 [this, expected, accountId, failureBucket, done = std::move(done)](const QByteArray &hash) {
                     --m_hashesQueued;
                     if (--m_signInsHashing[failureBucket] <= 0)
                         m_signInsHashing.remove(failureBucket);
                     const bool match = constantTimeEqual(hash, expected) && !accountId.isEmpty();
                     if (!match) {
                         const QDateTime now = m_clock.now();
                         m_store.transaction([&] { return m_store.addRateEvent(failureBucket, now); });
                         return done(refused(Refusal::Unauthorized, ErrorCode::InvalidCredentials,
                                             QStringLiteral("Wrong email or password")));
                     }
                     const auto current = m_store.account(accountId);
                     const QString token = randomToken();
                     const QDateTime expiresAt = m_clock.now().addDays(SessionLifetimeDays);
                     if (!current || !m_store.transaction([&] {
                             return m_store.insertSession(sha256Hex(token.toLatin1()), accountId, expiresAt);
                         }))
                         return done(internalError(QStringLiteral("The session could not be stored")));
                     done(SessionGrant{token, expiresAt, *current});
                 });
}

QString RegistrationService::accountIdForToken(const QString &token) {
    return token.isEmpty() ? QString() : m_store.accountForSession(sha256Hex(token.toLatin1()));
}

void RegistrationService::signOut(const QString &token) {
    m_store.transaction([&] { return m_store.revokeSession(sha256Hex(token.toLatin1())); });
}

ServiceResult<AccountRecord> RegistrationService::account(const QString &accountId) {
    auto account = m_store.account(accountId);
    if (!account)
        return refused(Refusal::Unauthorized, ErrorCode::Unauthorized,
                       QStringLiteral("The account no longer exists"));
    expirePhoneIfDue(*account);
    return *account;
}

// --- The registration object

const Region &RegistrationService::regionOf(const AccountRecord &account) const {
    const Region *region = Regions::find(regionIdFromWire(account.region));
    return region ? *region : Regions::all().first();
}

QString RegistrationService::consoleUrl(const AccountRecord &account) const {
    QString projectId = account.projectId;
    if (projectId.isEmpty()) {
        // A member without a project of their own: the project they were invited to last.
        const QList<Membership> memberships = m_store.memberships(account.id);
        if (memberships.isEmpty())
            return {};
        projectId = memberships.last().project.id;
    }
    if (m_settings.sandboxRoutes)
        return m_baseUrl + QStringLiteral("/sandbox/v1/console/") + projectId;
    const QString host = regionIdFromWire(account.region) == RegionId::Kazakhstan
                             ? QStringLiteral("kz.cloud.vk.com")
                             : QStringLiteral("msk.cloud.vk.com");
    return QStringLiteral("https://%1/app/%2/%3/main").arg(host, wireName(account.language), projectId);
}

CardState RegistrationService::cardOf(const AccountRecord &a) const {
    CardState card;
    card.status = a.cardStatus;
    card.brand = a.cardBrand;
    card.last4 = a.cardLast4;
    if (a.cardStatus == CardStatus::RequiresAction)
        card.actionUrl = m_baseUrl + QStringLiteral("/sandbox/v1/3ds/") + a.cardActionId;
    card.declineCode = a.cardDeclineCode;
    card.testAmount = regionOf(a).cardTestAmount;
    return card;
}

Registration RegistrationService::registrationOf(const AccountRecord &a) const {
    const Region &region = regionOf(a);
    Registration r;
    r.accountId = a.id;
    r.email = a.email;
    r.region = a.region;
    r.version = a.version;
    r.accountCreated = true;
    r.emailConfirmed = a.emailConfirmed;
    r.phoneConfirmed = a.phoneConfirmed();
    r.cardLinked = a.cardLinked();
    r.nextStep = !r.emailConfirmed   ? Step::ConfirmEmail
                 : !r.phoneConfirmed ? Step::ConfirmPhone
                 : !r.cardLinked     ? Step::BindCard
                                     : Step::Done;
    r.emailResendAvailableAt = a.emailResendAvailableAt;
    if (!a.phoneE164.isEmpty()) {
        PhoneState phone;
        phone.number = PhonePolicy::masked(a.phoneE164);
        phone.status = a.phoneStatus;
        phone.callTo = a.phoneCallTo;
        phone.expiresAt = a.phoneExpiresAt;
        phone.attemptsLeft = a.phoneAttemptsLeft;
        r.phone = phone;
    }
    if (a.cardStatus != CardStatus::Unknown)
        r.card = CardState::fromJson(cardOf(a).toJson());
    r.autopayment.enabled = a.autopayEnabled;
    if (a.autopayThreshold >= 0)
        r.autopayment.threshold = Money::fromMinorUnits(a.autopayThreshold, region.currency);
    if (a.autopayAmount >= 0)
        r.autopayment.amount = Money::fromMinorUnits(a.autopayAmount, region.currency);
    r.balance = Money::fromMinorUnits(a.balanceMinor, region.currency);
    r.cardTestAmount = region.cardTestAmount;
    if (a.bonusGranted)
        r.bonus = BonusState{Money::fromMinorUnits(a.bonusMinor, region.currency), a.bonusExpiresAt};
    if (!a.projectId.isEmpty())
        r.project = ProjectState{a.projectId, a.projectName};
    r.consoleUrl = consoleUrl(a);
    r.memberships = m_store.memberships(a.id);
    r.language = wireName(a.language);
    // A member works in the projects that invited them: no phone or card step is asked (§5).
    if (!r.memberships.isEmpty())
        r.nextStep = Step::Done;
    return r;
}

bool RegistrationService::saveAccount(AccountRecord &account, const AccountRecord &before) {
    AccountRecord comparable = account;
    comparable.version = before.version;
    if (registrationOf(comparable).toJson() != registrationOf(before).toJson()) {
        account.version = before.version + 1;
        const QString id = account.id;
        QMetaObject::invokeMethod(
            this, [this, id] { emit registrationChanged(id); }, Qt::QueuedConnection);
    }
    return m_store.updateAccount(account);
}

// Memberships live in their own table, so saveAccount() cannot see them change: the version is
// raised here when the registration object differs from `before`.
bool RegistrationService::saveMembershipChange(AccountRecord &account, const QJsonObject &before) {
    AccountRecord comparable = account;
    comparable.version = before.value(QStringLiteral("version")).toInteger();
    if (registrationOf(comparable).toJson() != before) {
        account.version = comparable.version + 1;
        const QString id = account.id;
        QMetaObject::invokeMethod(
            this, [this, id] { emit registrationChanged(id); }, Qt::QueuedConnection);
    }
    return m_store.updateAccount(account);
}

qint64 RegistrationService::retryAfter(const QString &bucket, int limit, qint64 windowSeconds) {
    const QDateTime now = m_clock.now();
    const QList<QDateTime> events = m_store.rateEvents(bucket, now.addSecs(-windowSeconds));
    if (events.size() < limit)
        return 0;
    // The oldest event that must leave the window before one more is allowed.
    const QDateTime freeAt = events.at(events.size() - limit).addSecs(windowSeconds);
    return qMax<qint64>(1, (now.msecsTo(freeAt) + 999) / 1000);
}

// --- Email

ServiceResult<AccountRecord> RegistrationService::changeEmail(const QString &accountId,
                                                              const QString &email) {
    auto current = account(accountId);
    if (!current.ok())
        return current;
    AccountRecord account = current.value;
    if (account.emailConfirmed)
        return refused(Refusal::Conflict, ErrorCode::AlreadyConfirmed,
                       QStringLiteral("The email address is already confirmed"));
    const QString bucket = QStringLiteral("email-change:") + account.id;
    if (const qint64 wait = retryAfter(bucket, EmailChangesPerHour, 3600))
        return rateLimited(QStringLiteral("Too many email changes"), wait);
    if (const QList<RuleId> failed = EmailPolicy::failedRules(email); !failed.isEmpty())
        return invalidEmail(failed);
    const QString emailKey = EmailPolicy::normalized(email);
    if (const auto other = m_store.accountByEmailKey(emailKey); other && other->id != account.id)
        return emailTaken();
    const AccountRecord before = account;
    const QDateTime now = m_clock.now();
    account.email = email;
    account.emailKey = emailKey;
    account.emailResendAvailableAt = now.addSecs(m_settings.emailResendCooldownSeconds);
    const QString linkToken = randomToken();
    const bool ok = m_store.transaction([&] {
        return m_store.supersedeEmailLinks(account.id) &&
               m_store.insertEmailLink(sha256Hex(linkToken.toLatin1()), account.id,
                                       now.addSecs(EmailLinkLifetimeHours * 3600)) &&
               m_world.sendConfirmationEmail(account, linkToken) && m_store.addRateEvent(bucket, now) &&
               saveAccount(account, before);
    });
    if (!ok)
        return internalError(QStringLiteral("The change could not be stored"));
    return account;
}

ServiceResult<QDateTime> RegistrationService::resendConfirmationEmail(const QString &accountId) {
    auto current = account(accountId);
    if (!current.ok())
        return *current.error;
    AccountRecord account = current.value;
    if (account.emailConfirmed)
        return refused(Refusal::Conflict, ErrorCode::AlreadyConfirmed,
                       QStringLiteral("The email address is already confirmed"));
    const QDateTime now = m_clock.now();
    if (account.emailResendAvailableAt.isValid() && now < account.emailResendAvailableAt) {
        const qint64 wait = qMax<qint64>(1, (now.msecsTo(account.emailResendAvailableAt) + 999) / 1000);
        return rateLimited(QStringLiteral("Wait before sending the email again"), wait);
    }
    const QString bucket = QStringLiteral("email-resend:") + account.id;
    if (const qint64 wait = retryAfter(bucket, ResendsPerHour, 3600))
        return rateLimited(QStringLiteral("Too many emails this hour"), wait);
    const AccountRecord before = account;
    account.emailResendAvailableAt = now.addSecs(m_settings.emailResendCooldownSeconds);
    const QString linkToken = randomToken();
    const bool ok = m_store.transaction([&] {
        return m_store.insertEmailLink(sha256Hex(linkToken.toLatin1()), account.id,
                                       now.addSecs(EmailLinkLifetimeHours * 3600)) &&
               m_world.sendConfirmationEmail(account, linkToken) && m_store.addRateEvent(bucket, now) &&
               saveAccount(account, before);
    });
    if (!ok)
        return internalError(QStringLiteral("The email could not be sent"));
    return account.emailResendAvailableAt;
}

EmailConfirmation RegistrationService::confirmEmail(const QString &token) {
    const auto link = token.isEmpty() ? std::nullopt : m_store.emailLink(sha256Hex(token.toLatin1()));
    auto account = link ? m_store.account(link->accountId) : std::nullopt;
    EmailConfirmation result;
    if (account)
        result.language = account->language;
    if (account && !link->superseded && account->emailConfirmed) {
        result.outcome = EmailConfirmation::AlreadyConfirmed;
        return result;
    }
    if (!account || link->superseded || link->expiresAt <= m_clock.now()) {
        result.outcome = EmailConfirmation::InvalidLink;
        return result;
    }
    const AccountRecord before = *account;
    account->emailConfirmed = true;
    result.outcome = m_store.transaction([&] { return saveAccount(*account, before); })
                         ? EmailConfirmation::Confirmed
                         : EmailConfirmation::Failed;
    return result;
}

// --- Phone

ServiceResult<AccountRecord> RegistrationService::startPhoneConfirmation(const QString &accountId,
                                                                         const QString &phone) {
    auto current = account(accountId);
    if (!current.ok())
        return current;
    AccountRecord account = current.value;
    if (!account.emailConfirmed)
        return refused(Refusal::Conflict, ErrorCode::StepOrder,
                       QStringLiteral("Confirm the email address first"));
    if (account.phoneConfirmed())
        return refused(Refusal::Conflict, ErrorCode::AlreadyConfirmed,
                       QStringLiteral("The phone number is already confirmed"));
    const QString bucket = QStringLiteral("phone:") + account.id;
    if (const qint64 wait = retryAfter(bucket, PhoneAttemptsPerHour, 3600))
        return rateLimited(QStringLiteral("Too many phone attempts this hour"), wait);
    const Region &region = regionOf(account);
    if (const std::optional<ErrorCode> code = PhonePolicy::problem(phone, region.phoneRegions))
        return refused(Refusal::Invalid, *code,
                       *code == ErrorCode::InvalidPhone
                           ? QStringLiteral("The phone number is not valid")
                           : QStringLiteral("This region does not take numbers of that country"),
                       QStringLiteral("phone"));
    const QString e164 = PhonePolicy::parse(phone).e164;
    if (m_store.phoneConfirmedElsewhere(e164, account.id))
        return refused(Refusal::Conflict, ErrorCode::PhoneTaken,
                       QStringLiteral("This number belongs to another account"), QStringLiteral("phone"));
    const QDateTime now = m_clock.now();
    const AccountRecord before = account;
    const bool ok = m_store.transaction([&] {
        if (!m_store.addRateEvent(bucket, now))
            return false;
        account.phoneE164 = e164;
        account.phoneStatus = PhoneStatus::AwaitingCall;
        account.phoneCallTo = m_world.phoneNumberToCall();
        account.phoneExpiresAt = now.addSecs(m_settings.phoneCallWindowSeconds);
        account.phoneAttemptsLeft =
            qMax(0, PhoneAttemptsPerHour - int(m_store.rateEvents(bucket, now.addSecs(-3600)).size()));
        return saveAccount(account, before);
    });
    if (!ok)
        return internalError(QStringLiteral("The phone number could not be stored"));
    schedulePhoneExpiry(account.id, account.phoneExpiresAt);
    return account;
}

std::optional<AccountRecord> RegistrationService::accountAwaitingCall(const QString &fromE164,
                                                                      const QString &to) {
    const QDateTime now = m_clock.now();
    for (const AccountRecord &a : m_store.accountsAwaitingCallFrom(fromE164))
        if (a.phoneExpiresAt > now && digitsOnly(a.phoneCallTo) == digitsOnly(to))
            return a;
    return std::nullopt;
}

RegistrationService::CallConfirmation RegistrationService::confirmPhoneByCall(const QString &accountId,
                                                                              const QString &e164) {
    auto account = m_store.account(accountId);
    const bool confirmable = account && account->phoneStatus == PhoneStatus::AwaitingCall &&
                             account->phoneE164 == e164 && account->phoneExpiresAt > m_clock.now() &&
                             !m_store.phoneConfirmedElsewhere(e164, account->id);
    if (!confirmable)
        return CallConfirmation::NotWaiting;
    const bool ok = m_store.transaction([&] {
        const AccountRecord before = *account;
        account->phoneStatus = PhoneStatus::Confirmed;
        if (!saveAccount(*account, before))
            return false;
        // The first account to confirm a number wins it; others waiting for it lose the call.
        for (AccountRecord other : m_store.accountsAwaitingCallFrom(e164)) {
            const AccountRecord otherBefore = other;
            other.phoneStatus = PhoneStatus::Expired;
            if (!saveAccount(other, otherBefore))
                return false;
        }
        return true;
    });
    return ok ? CallConfirmation::Confirmed : CallConfirmation::Failed;
}

bool RegistrationService::expirePhoneIfDue(AccountRecord &account) {
    // A call that was not made in time: the pending number expires (a change of the object).
    if (account.phoneStatus != PhoneStatus::AwaitingCall || account.phoneExpiresAt > m_clock.now())
        return false;
    const AccountRecord before = account;
    account.phoneStatus = PhoneStatus::Expired;
    return m_store.transaction([&] { return saveAccount(account, before); });
}

void RegistrationService::schedulePhoneExpiry(const QString &accountId, const QDateTime &expiresAt) {
    // Wakes long polls when the time runs out (or a test moves the clock past it), not only at the
    // next request. Confirmed, resubmitted or gone meanwhile: expirePhoneIfDue leaves it as it is.
    const qint64 delayMs = qMax<qint64>(0, m_clock.now().msecsTo(expiresAt));
    m_clock.callAfter(std::chrono::milliseconds(delayMs), this, [this, accountId] {
        if (auto account = m_store.account(accountId))
            expirePhoneIfDue(*account);
    });
}

// --- Card

ServiceResult<AccountRecord> RegistrationService::addCard(const QString &accountId, const CardDetails &card) {
    auto current = account(accountId);
    if (!current.ok())
        return current;
    AccountRecord account = current.value;
    if (!account.phoneConfirmed())
        return refused(Refusal::Conflict, ErrorCode::StepOrder,
                       QStringLiteral("Confirm the phone number first"));
    if (account.cardLinked())
        return refused(Refusal::Conflict, ErrorCode::AlreadyLinked,
                       QStringLiteral("A card is already linked"));
    const QString bucket = QStringLiteral("card:") + account.id;
    if (const qint64 wait = retryAfter(bucket, CardsPerHour, 3600))
        return rateLimited(QStringLiteral("Too many cards this hour"), wait);
    const Region &region = regionOf(account);
    if (const std::optional<ErrorCode> code = CardPolicy::numberProblem(card.number, region.cardBrands))
        return refused(Refusal::Invalid, *code,
                       *code == ErrorCode::UnsupportedCardBrand
                           ? QStringLiteral("This region does not take this card brand")
                           : QStringLiteral("The card number is not valid"),
                       QStringLiteral("number"));
    if (const std::optional<ErrorCode> code =
            CardPolicy::expiryProblem(card.expMonth, card.expYear, m_clock.now().date()))
        return refused(Refusal::Invalid, *code,
                       *code == ErrorCode::ExpiredCard ? QStringLiteral("The card has expired")
                                                       : QStringLiteral("The expiry date is not valid"),
                       QStringLiteral("exp"));
    if (!CardPolicy::cvcValid(card.cvc))
        return refused(Refusal::Invalid, ErrorCode::InvalidCard, QStringLiteral("The CVC must be 3 digits"),
                       QStringLiteral("cvc"));
    const QString digits = CardPolicy::normalizedNumber(card.number);
    const AccountRecord before = account;
    account.cardStatus = CardStatus::Processing;
    account.cardBrand = cardBrandId(CardPolicy::detectBrand(digits));
    account.cardLast4 = digits.right(4);
    account.cardActionId.clear();
    account.cardDeclineCode.clear();
    // The processor's opaque token for this card: only its hash is kept.
    account.cardTokenHash = sha256Hex(randomToken().toLatin1());
    account.cardPendingOutcome = m_world.cardOutcome(digits);
    account.cardAttempt += 1;
    const QDateTime now = m_clock.now();
    if (!m_store.transaction(
            [&] { return m_store.addRateEvent(bucket, now) && saveAccount(account, before); }))
        return internalError(QStringLiteral("The card could not be stored"));
    scheduleCardProcessing(account.id, account.cardAttempt, m_settings.cardProcessingMs);
    return account;
}

void RegistrationService::scheduleCardProcessing(const QString &accountId, qint64 attempt, int delayMs) {
    QTimer::singleShot(delayMs, this, [this, accountId, attempt] { processCard(accountId, attempt); });
}

void RegistrationService::processCard(const QString &accountId, qint64 attempt) {
    auto account = m_store.account(accountId);
    if (!account || account->cardAttempt != attempt || account->cardStatus != CardStatus::Processing)
        return;
    const AccountRecord before = *account;
    // A card processing with no readable answer pending links, as any other valid card does.
    const CardProcessorOutcome outcome = account->cardPendingOutcome.value_or(CardProcessorOutcome::link());
    account->cardPendingOutcome.reset();
    switch (outcome.kind) {
    case CardProcessorOutcome::Kind::ThreeDSecure:
        account->cardStatus = CardStatus::RequiresAction;
        account->cardActionId = m_world.newThreeDsSessionId();
        break;
    case CardProcessorOutcome::Kind::Declined:
        account->cardStatus = CardStatus::Declined;
        account->cardDeclineCode = wireName(outcome.declineCode);
        break;
    case CardProcessorOutcome::Kind::Link:
        account->cardStatus = CardStatus::Linked;
        activate(*account);
        break;
    }
    m_store.transaction([&] { return saveAccount(*account, before); });
}

void RegistrationService::activate(AccountRecord &account) {
    const Region &region = regionOf(account);
    account.balanceMinor += region.cardTestAmount.minorUnits();
    account.bonusGranted = true;
    account.bonusMinor = region.signupBonus.minorUnits();
    account.bonusExpiresAt = m_clock.now().addDays(60);
    account.projectId = QStringLiteral("mcs") + randomDigits(10);
    account.projectName =
        account.language == Language::Russian ? QStringLiteral("Мой проект") : QStringLiteral("My project");
    account.consoleUrl = consoleUrl(account);
}

std::optional<AccountRecord> RegistrationService::accountByThreeDsSession(const QString &sessionId) {
    return m_store.accountByCardActionId(sessionId);
}

ServiceResult<AccountRecord> RegistrationService::completeThreeDs(const QString &sessionId, bool approved) {
    auto account = m_store.accountByCardActionId(sessionId);
    if (!account)
        return refused(Refusal::NotFound, ErrorCode::NotFound, QStringLiteral("No such 3-D Secure session"));
    // A second answer changes nothing: the first decision stands.
    if (account->cardStatus == CardStatus::RequiresAction) {
        const AccountRecord before = *account;
        if (approved) {
            account->cardStatus = CardStatus::Linked;
            activate(*account);
        } else {
            account->cardStatus = CardStatus::Declined;
            account->cardDeclineCode = wireName(DeclineCode::AuthenticationFailed);
        }
        if (!m_store.transaction([&] { return saveAccount(*account, before); }))
            return internalError(QStringLiteral("The decision could not be stored"));
    }
    return *account;
}

ServiceResult<AccountRecord> RegistrationService::setAutopayment(const QString &accountId,
                                                                 const AutopaymentInput &input) {
    auto current = account(accountId);
    if (!current.ok())
        return current;
    AccountRecord account = current.value;
    if (!account.cardLinked())
        return refused(Refusal::Conflict, ErrorCode::StepOrder, QStringLiteral("Link a card first"));
    const Region &region = regionOf(account);
    if (CardPolicy::autopaymentBlock(&region, true, cardBrandFromId(account.cardBrand)) !=
        AutopaymentBlock::None)
        return refused(Refusal::Conflict, ErrorCode::AutopaymentUnavailable,
                       QStringLiteral("Autopayment is not available for this card or region"));
    std::optional<ServiceError> error;
    auto check = [&](const std::optional<Money> &money, const QString &field, const Money &min,
                     const Money &max, qint64 *minor) {
        if (!money) {
            if (!input.enabled) {
                *minor = -1;
                return true;
            }
            error = refused(Refusal::Invalid, ErrorCode::InvalidAutopayment,
                            QStringLiteral("%1 is required").arg(field), field);
            return false;
        }
        bool ok = false;
        *minor = money->minorUnits(&ok);
        if (!ok || money->currency != region.currency || *minor < min.minorUnits() ||
            *minor > max.minorUnits()) {
            error = refused(
                Refusal::Invalid, ErrorCode::InvalidAutopayment,
                QStringLiteral("%1 must be %2–%3 %4").arg(field, min.value, max.value, region.currency),
                field);
            return false;
        }
        return true;
    };
    qint64 thresholdMinor = -1, amountMinor = -1;
    if (!check(input.threshold, QStringLiteral("threshold"), Money{QStringLiteral("0.00"), region.currency},
               region.autopaymentMaxThreshold, &thresholdMinor) ||
        !check(input.amount, QStringLiteral("amount"), region.autopaymentMinAmount,
               region.autopaymentMaxAmount, &amountMinor))
        return *error;
    const AccountRecord before = account;
    account.autopayEnabled = input.enabled;
    account.autopayThreshold = thresholdMinor;
    account.autopayAmount = amountMinor;
    if (!m_store.transaction([&] { return saveAccount(account, before); }))
        return internalError(QStringLiteral("The settings could not be stored"));
    return account;
}

// --- Invitations

ServiceResult<InvitationRecord> RegistrationService::pendingInvitation(const QString &token) {
    const auto invitation = m_store.invitation(invitationTokenHash(token));
    if (!invitation)
        return refused(Refusal::NotFound, ErrorCode::InvitationNotFound,
                       QStringLiteral("No such invitation"));
    if (invitation->usedAt.isValid())
        return invitationUsed();
    if (invitation->expiresAt <= m_clock.now())
        return refused(Refusal::Gone, ErrorCode::InvitationExpired,
                       QStringLiteral("The invitation has expired"));
    return *invitation;
}

bool RegistrationService::accountExists(const QString &emailKey) {
    return m_store.accountByEmailKey(emailKey).has_value();
}

ServiceResult<CreatedInvitation> RegistrationService::createInvitation(const NewInvitation &input) {
    if (const QList<RuleId> failed = EmailPolicy::failedRules(input.email); !failed.isEmpty())
        return invalidEmail(failed);
    InvitationRecord invitation;
    invitation.email = input.email;
    invitation.emailKey = EmailPolicy::normalized(input.email);
    const auto existing = m_store.accountByEmailKey(invitation.emailKey);
    // The email is written in the invited person's language: their account's, or the one asked for.
    invitation.language = input.language ? *input.language
                          : existing     ? existing->language
                                         : Language::English;
    const bool russian = invitation.language == Language::Russian;
    invitation.roles = input.roles;
    invitation.projectId = QStringLiteral("mcs") + randomDigits(10);
    invitation.projectName = input.projectName.trimmed();
    if (invitation.projectName.isEmpty())
        invitation.projectName = russian ? QStringLiteral("Проект команды") : QStringLiteral("Team project");
    invitation.invitedBy = QLatin1String(SandboxInviter);
    invitation.createdAt = m_clock.now();
    invitation.expiresAt = invitation.createdAt.addSecs(m_settings.invitationLifetimeSeconds);
    const QString token = randomToken();
    invitation.tokenHash = invitationTokenHash(token);
    if (!m_store.transaction([&] {
            return m_store.insertInvitation(invitation) && m_world.sendInvitationEmail(invitation, token);
        }))
        return internalError(QStringLiteral("The invitation could not be stored"));
    return CreatedInvitation{invitation, token};
}

ServiceResult<AccountRecord> RegistrationService::acceptInvitation(const QString &accountId,
                                                                   const QString &token) {
    auto pending = pendingInvitation(token);
    if (!pending.ok())
        return *pending.error;
    const InvitationRecord invitation = pending.value;
    auto current = account(accountId);
    if (!current.ok())
        return current;
    AccountRecord account = current.value;
    if (account.emailKey != invitation.emailKey)
        return refused(Refusal::Forbidden, ErrorCode::InvitationEmailMismatch,
                       QStringLiteral("The invitation is for another email address"));
    const QJsonObject before = registrationOf(account).toJson();
    const QDateTime now = m_clock.now();
    // The link reached this address: an unconfirmed address of the account is confirmed by it.
    account.emailConfirmed = true;
    const bool ok = m_store.transaction([&] {
        return m_store.markInvitationUsed(invitation.tokenHash, account.id, now) &&
               m_store.insertMembership(
                   account.id,
                   Membership{ProjectState{invitation.projectId, invitation.projectName}, invitation.roles},
                   now) &&
               saveMembershipChange(account, before);
    });
    if (!ok) {
        if (const auto latest = m_store.invitation(invitation.tokenHash); latest && latest->usedAt.isValid())
            return invitationUsed();
        return internalError(QStringLiteral("The membership could not be stored"));
    }
    return account;
}

void RegistrationService::acceptInvitationWithNewAccount(const QString &token, const QString &password,
                                                         std::optional<Language> requestedLanguage,
                                                         const QString &clientAddress, SessionDone done) {
    auto pending = pendingInvitation(token);
    if (!pending.ok())
        return done(*pending.error);
    const InvitationRecord invitation = pending.value;
    const Language language = requestedLanguage.value_or(invitation.language);
    // Creating an account this way counts like POST /accounts, per client address.
    const QString bucket = QStringLiteral("signup-address:") + clientAddress;
    const QDateTime now = m_clock.now();
    m_store.transaction([&] { return m_store.addRateEvent(bucket, now); });
    if (const qint64 wait = retryAfter(bucket, m_settings.accountCreationsPerMinute + 1, 60))
        return done(rateLimited(QStringLiteral("Too many sign-ups from this address"), wait));
    if (const QList<RuleId> failed = PasswordPolicy::failedRules(password); !failed.isEmpty())
        return done(refused(Refusal::Invalid, ErrorCode::InvalidPassword,
                            QStringLiteral("The password does not meet the rules"),
                            QStringLiteral("password"), failed));
    if (m_store.accountByEmailKey(invitation.emailKey))
        return done(accountExistsForInvitation());
    const QByteArray salt = randomBytes(16);
    const int iterations = m_settings.passwordHashIterations;
    hashPassword(
        password, salt, iterations,
        [this, invitation, language, salt, iterations, done = std::move(done)](const QByteArray &hash) {
            const QDateTime now = m_clock.now();
            AccountRecord account;
            account.id = QStringLiteral("acc_") + randomHex(8);
            account.email = invitation.email;
            account.emailKey = invitation.emailKey;
            account.passwordHash = QString::fromLatin1(hash.toHex());
            account.passwordSalt = QString::fromLatin1(salt.toHex());
            account.passwordIterations = iterations;
            account.region = wireName(InvitedAccountRegion);
            account.language = language;
            account.createdAt = now;
            account.version = 1;
            // The link reached this address: it counts as confirmed (§5).
            account.emailConfirmed = true;
            const QString token = randomToken();
            const QDateTime expiresAt = now.addDays(SessionLifetimeDays);
            std::optional<ServiceError> conflict;
            const bool ok = m_store.transaction([&] {
                // Checked again: another request may have finished while the password was
                // hashed.
                if (m_store.accountByEmailKey(invitation.emailKey)) {
                    conflict = accountExistsForInvitation();
                    return false;
                }
                if (!m_store.markInvitationUsed(invitation.tokenHash, account.id, now)) {
                    conflict = invitationUsed();
                    return false;
                }
                return m_store.insertAccount(account) &&
                       m_store.insertMembership(
                           account.id,
                           Membership{ProjectState{invitation.projectId, invitation.projectName},
                                      invitation.roles},
                           now) &&
                       m_store.insertSession(sha256Hex(token.toLatin1()), account.id, expiresAt);
            });
            if (conflict)
                return done(*conflict);
            if (!ok)
                return done(internalError(QStringLiteral("The account could not be stored")));
            done(SessionGrant{token, expiresAt, account});
        });
}

// --- Support codes

QString RegistrationService::supportCodeHash(const QString &code) const {
    QString digits = code;
    digits.remove(u'-');
    if (digits.size() != 8)
        return {};
    for (QChar c : digits)
        if (c < u'0' || c > u'9')
            return {};
    return QString::fromLatin1(
        hmacSha256(m_settings.serverSecret, "support-code:" + digits.toLatin1()).toHex());
}

bool RegistrationService::supportCodeValid(const QString &codeHash) {
    const auto code = m_store.supportCode(codeHash);
    return code && !code->withdrawn && code->expiresAt > m_clock.now() &&
           m_store.account(code->accountId).has_value();
}

ServiceResult<SupportCode> RegistrationService::createSupportCode(const QString &accountId) {
    auto current = account(accountId);
    if (!current.ok())
        return *current.error;
    const QString bucket = QStringLiteral("support-code:") + accountId;
    if (const qint64 wait = retryAfter(bucket, SupportCodesPerHour, 3600))
        return rateLimited(QStringLiteral("Too many support codes this hour"), wait);
    QString digits;
    do {
        digits = randomDigits(8);
    } while (m_store.supportCode(supportCodeHash(digits)));
    const QDateTime now = m_clock.now();
    const SupportCodeRecord code{supportCodeHash(digits), accountId, now,
                                 now.addSecs(m_settings.supportCodeLifetimeSeconds), false};
    if (!m_store.transaction(
            [&] { return m_store.replaceSupportCode(code) && m_store.addRateEvent(bucket, now); }))
        return internalError(QStringLiteral("The support code could not be stored"));
    return SupportCode{digits.left(4) + u'-' + digits.mid(4), code.expiresAt};
}

ServiceResult<Done> RegistrationService::withdrawSupportCodes(const QString &accountId) {
    auto current = account(accountId);
    if (!current.ok())
        return *current.error;
    if (!m_store.transaction([&] { return m_store.withdrawSupportCodes(accountId); }))
        return internalError(QStringLiteral("The support code could not be withdrawn"));
    return Done{};
}

} // namespace signup
