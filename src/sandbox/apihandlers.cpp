// The API endpoints of the contract (§3).
#include "sandbox/sandboxserver.h"

#include "core/cardpolicy.h"
#include "core/emailpolicy.h"
#include "core/passwordpolicy.h"
#include "core/phonepolicy.h"
#include "core/region.h"
#include "core/registration.h"
#include "sandbox/pages.h"
#include "sandbox/sandboxutil.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <openssl/evp.h>

namespace signup {

namespace {

constexpr int SessionLifetimeDays = 30;
constexpr int EmailLinkLifetimeHours = 24;
constexpr int PhoneAttemptsPerHour = 5;
constexpr int EmailChangesPerHour = 5;
constexpr int ResendsPerHour = 5;
constexpr int CardsPerHour = 10;
constexpr int SignInFailuresAllowed = 5;
constexpr int SignInWindowSeconds = 15 * 60;
const char SandboxCallTo[] = "+7 800 555-35-35";
const char BasePlaceholder[] = "{base_url}";

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

// Derives the key on pool and calls done on owner's thread. If owner goes away first (the
// server stops), done is never called; the computation finishes unobserved.
void hashPassword(QObject *owner, QThreadPool *pool, const QString &password, const QByteArray &salt,
                  int iterations, std::function<void(const QByteArray &)> done) {
    auto *watcher = new QFutureWatcher<QByteArray>(owner);
    QObject::connect(watcher, &QFutureWatcherBase::finished, owner, [watcher, done = std::move(done)] {
        const QByteArray hash = watcher->result();
        watcher->deleteLater();
        done(hash);
    });
    watcher->setFuture(QtConcurrent::run(pool, derivePassword, password, salt, iterations));
}

bool constantTimeEqual(const QByteArray &a, const QByteArray &b) {
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (int i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

// The processor's answer for a test card (§4); any other valid card links.
QString cardOutcome(const QString &digits) {
    if (digits == QLatin1String("4000000000000002"))
        return QStringLiteral("decline:card_declined");
    if (digits == QLatin1String("4000000000009995"))
        return QStringLiteral("decline:insufficient_funds");
    if (digits == QLatin1String("2200000000000012"))
        return QStringLiteral("decline:virtual_card_not_allowed");
    if (digits == QLatin1String("4000000000003220"))
        return QStringLiteral("3ds");
    return QStringLiteral("link");
}

// A money field that may be null: false when present but not {"value": string, "currency": string}.
bool readMoney(const QJsonValue &v, std::optional<Money> *out) {
    if (v.isUndefined() || v.isNull()) {
        *out = std::nullopt;
        return true;
    }
    if (!v.isObject())
        return false;
    const QJsonObject o = v.toObject();
    if (!o.value(QStringLiteral("value")).isString() || !o.value(QStringLiteral("currency")).isString())
        return false;
    *out = Money{o.value(QStringLiteral("value")).toString(), o.value(QStringLiteral("currency")).toString()};
    return true;
}

} // namespace

bool SandboxServer::reserveHash(const ExchangePtr &ex) {
    // A bounded queue: a burst of sign-ins waits at most this many hashes, the rest are told to
    // come back (the thread pool itself would queue without end).
    if (m_hashesQueued >= m_options.maxQueuedPasswordHashes) {
        fail(ex, 503, QStringLiteral("server_busy"), QStringLiteral("Too many sign-ins are being checked"),
             {}, {}, 1);
        return false;
    }
    ++m_hashesQueued;
    return true;
}

bool SandboxServer::sendConfirmationEmail(const AccountRecord &account) {
    const QString token = randomToken();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_store->insertEmailLink(sha256Hex(token.toLatin1()), account.id,
                                  now.addSecs(EmailLinkLifetimeHours * 3600)))
        return false;
    const QString path = QStringLiteral("/api/v1/email/confirm?token=") + token;
    const bool russian = account.language == QLatin1String("ru");
    const QString link = QLatin1String(BasePlaceholder) + path;
    const QString text =
        russian ? QStringLiteral("Здравствуйте!\n\nЧтобы завершить регистрацию в VK Cloud, подтвердите адрес "
                                 "электронной почты по ссылке:\n\n%1\n\nСсылка действует 24 часа. Если вы не "
                                 "регистрировались, просто удалите это письмо.\n\nКоманда VK Cloud\n")
                      .arg(link)
                : QStringLiteral(
                      "Hello,\n\nTo finish signing up for VK Cloud, confirm your email address by "
                      "opening this link:\n\n%1\n\nThe link works for 24 hours. If you did not sign up, "
                      "just delete this message.\n\nThe VK Cloud team\n")
                      .arg(link);
    OutboxRecord message{QStringLiteral("msg_") + randomHex(8),
                         account.email,
                         confirmationEmailSubject(account.language),
                         text,
                         path,
                         now};
    if (!m_store->insertOutbox(message, account.emailKey))
        return false;

    // The same message as a file a mail client can open.
    const QString base = m_baseUrl.toString();
    const QByteArray eml =
        "From: VK Cloud <noreply@cloud.vk.com>\r\nTo: " + account.email.toUtf8() + "\r\nSubject: =?utf-8?B?" +
        message.subject.toUtf8().toBase64() + "?=\r\nDate: " + now.toString(Qt::RFC2822Date).toLatin1() +
        "\r\nMessage-ID: <" + message.id.toLatin1() +
        "@sandbox.cloud.vk.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
        "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" +
        QString(text).replace(QLatin1String(BasePlaceholder), base).toUtf8().replace("\n", "\r\n");
    QFile file(
        QDir(m_options.dataDir)
            .absoluteFilePath(QStringLiteral("outbox/%1-%2.eml")
                                  .arg(now.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")), message.id)));
    if (file.open(QIODevice::WriteOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        file.write(eml);
    return true;
}

void SandboxServer::getRegions(const ExchangePtr &ex) {
    QJsonArray regions;
    for (const Region &region : Regions::all())
        regions.append(region.toJson());
    replyJson(ex, 200, QJsonObject{{QStringLiteral("regions"), regions}});
}

void SandboxServer::postAccounts(const ExchangePtr &ex) {
    QString email, password, regionId, language = QStringLiteral("en");
    if (!readString(ex, QStringLiteral("email"), &email) ||
        !readString(ex, QStringLiteral("password"), &password) ||
        !readString(ex, QStringLiteral("region"), &regionId))
        return;
    const QJsonValue languageValue = ex->json.value(QStringLiteral("language"));
    if (!languageValue.isUndefined()) {
        if (languageValue.toString() != QLatin1String("en") &&
            languageValue.toString() != QLatin1String("ru")) {
            fail(ex, 400, QStringLiteral("malformed_request"),
                 QStringLiteral("language must be \"en\" or \"ru\""), QStringLiteral("language"));
            return;
        }
        language = languageValue.toString();
    }
    // This request was counted when it arrived (every request counts).
    if (ex->addressRetryAfter > 0) {
        fail(ex, 429, QStringLiteral("rate_limited"), QStringLiteral("Too many sign-ups from this address"),
             {}, {}, ex->addressRetryAfter);
        return;
    }
    if (const QStringList failed = EmailPolicy::failedRules(email); !failed.isEmpty()) {
        fail(ex, 422, QStringLiteral("invalid_email"), QStringLiteral("The email address is not valid"),
             QStringLiteral("email"), failed);
        return;
    }
    if (const QStringList failed = PasswordPolicy::failedRules(password); !failed.isEmpty()) {
        fail(ex, 422, QStringLiteral("invalid_password"),
             QStringLiteral("The password does not meet the rules"), QStringLiteral("password"), failed);
        return;
    }
    const Region *region = Regions::find(regionId);
    if (!region) {
        fail(ex, 422, QStringLiteral("unknown_region"), QStringLiteral("No such region"),
             QStringLiteral("region"));
        return;
    }
    const QString emailKey = EmailPolicy::normalized(email);
    if (m_store->accountByEmailKey(emailKey)) {
        fail(ex, 409, QStringLiteral("email_taken"),
             QStringLiteral("An account with this email already exists"), QStringLiteral("email"));
        return;
    }

    const QByteArray salt = randomBytes(16);
    const int iterations = m_options.passwordHashIterations;
    if (!reserveHash(ex))
        return;
    hashPassword(
        this, &m_hashPool, password, salt, iterations,
        [this, ex, email, emailKey, regionId = region->id, language, salt,
         iterations](const QByteArray &hash) {
            --m_hashesQueued;
            const QDateTime now = QDateTime::currentDateTimeUtc();
            AccountRecord account;
            account.id = QStringLiteral("acc_") + randomHex(8);
            account.email = email;
            account.emailKey = emailKey;
            account.passwordHash = QString::fromLatin1(hash.toHex());
            account.passwordSalt = QString::fromLatin1(salt.toHex());
            account.passwordIterations = iterations;
            account.region = regionId;
            account.language = language;
            account.createdAt = now;
            account.version = 1;
            account.emailResendAvailableAt = now.addSecs(m_options.emailResendCooldownSeconds);
            const QString token = randomToken();
            const QDateTime expiresAt = now.addDays(SessionLifetimeDays);
            bool taken = false;
            const bool ok = m_store->transaction([&] {
                // Checked again: another request for the same address may have finished meanwhile.
                if (m_store->accountByEmailKey(emailKey)) {
                    taken = true;
                    return false;
                }
                return m_store->insertAccount(account) &&
                       m_store->insertSession(sha256Hex(token.toLatin1()), account.id, expiresAt) &&
                       sendConfirmationEmail(account);
            });
            if (taken || (!ok && m_store->accountByEmailKey(emailKey))) {
                fail(ex, 409, QStringLiteral("email_taken"),
                     QStringLiteral("An account with this email already exists"), QStringLiteral("email"));
                return;
            }
            if (!ok) {
                fail(ex, 500, QStringLiteral("internal_error"),
                     QStringLiteral("The account could not be stored"));
                return;
            }
            ex->accountId = account.id; // the call now belongs to this registration (§6 events)
            replyJson(ex, 201,
                      QJsonObject{{QStringLiteral("session"),
                                   QJsonObject{{QStringLiteral("token"), token},
                                               {QStringLiteral("expires_at"), toRfc3339(expiresAt)}}},
                                  {QStringLiteral("registration"), registrationJson(account)}});
        });
}

void SandboxServer::postSessions(const ExchangePtr &ex) {
    QString email, password;
    if (!readString(ex, QStringLiteral("email"), &email) ||
        !readString(ex, QStringLiteral("password"), &password))
        return;
    // Counted when the request arrived, per client address.
    if (ex->addressRetryAfter > 0) {
        fail(ex, 429, QStringLiteral("rate_limited"), QStringLiteral("Too many sign-ins from this address"),
             {}, {}, ex->addressRetryAfter);
        return;
    }
    const QString failureBucket = QStringLiteral("signin-failures:") + emailKeyOf(email);
    // Sign-ins still being hashed count as failures until they are known: without this, parallel
    // wrong passwords would all pass the check before the first failure is recorded.
    const int pending = m_signInsHashing.value(failureBucket);
    const qint64 wait = pending >= SignInFailuresAllowed
                            ? 1
                            : retryAfter(failureBucket, SignInFailuresAllowed - pending, SignInWindowSeconds);
    if (wait > 0) {
        fail(ex, 429, QStringLiteral("rate_limited"),
             QStringLiteral("Too many failed sign-ins for this email"), {}, {}, wait);
        return;
    }
    const QString emailKey = EmailPolicy::normalized(email);
    const auto account = emailKey.isEmpty() ? std::nullopt : m_store->accountByEmailKey(emailKey);
    // An unknown address costs the same hash as a known one.
    const QByteArray salt = account ? QByteArray::fromHex(account->passwordSalt.toLatin1()) : m_dummySalt;
    const int iterations = account ? account->passwordIterations : m_options.passwordHashIterations;
    const QByteArray expected =
        account ? QByteArray::fromHex(account->passwordHash.toLatin1()) : QByteArray(32, 0);
    const QString accountId = account ? account->id : QString();
    if (!reserveHash(ex))
        return;
    ++m_signInsHashing[failureBucket];
    hashPassword(this, &m_hashPool, password, salt, iterations,
                 [this, ex, expected, accountId, failureBucket](const QByteArray &hash) {
                     --m_hashesQueued;
                     if (--m_signInsHashing[failureBucket] <= 0)
                         m_signInsHashing.remove(failureBucket);
                     const bool match = constantTimeEqual(hash, expected) && !accountId.isEmpty();
                     if (!match) {
                         const QDateTime now = QDateTime::currentDateTimeUtc();
                         m_store->transaction([&] { return m_store->addRateEvent(failureBucket, now); });
                         fail(ex, 401, QStringLiteral("invalid_credentials"),
                              QStringLiteral("Wrong email or password"));
                         return;
                     }
                     const auto current = m_store->account(accountId);
                     const QString token = randomToken();
                     const QDateTime expiresAt = QDateTime::currentDateTimeUtc().addDays(SessionLifetimeDays);
                     if (!current || !m_store->transaction([&] {
                             return m_store->insertSession(sha256Hex(token.toLatin1()), accountId, expiresAt);
                         })) {
                         fail(ex, 500, QStringLiteral("internal_error"),
                              QStringLiteral("The session could not be stored"));
                         return;
                     }
                     ex->accountId = accountId; // the call now belongs to this registration (§6 events)
                     replyJson(
                         ex, 201,
                         QJsonObject{{QStringLiteral("session"),
                                      QJsonObject{{QStringLiteral("token"), token},
                                                  {QStringLiteral("expires_at"), toRfc3339(expiresAt)}}},
                                     {QStringLiteral("registration"), registrationJson(*current)}});
                 });
}

void SandboxServer::deleteSession(const ExchangePtr &ex) {
    const QByteArray token = ex->header("authorization").mid(7).trimmed();
    m_store->transaction([&] { return m_store->revokeSession(sha256Hex(token)); });
    replyJson(ex, 204, {});
}

void SandboxServer::getRegistration(const ExchangePtr &ex) {
    auto account = currentAccount(ex);
    if (!account)
        return;
    int wait = 0;
    qint64 since = -1;
    bool hasSince = false;
    if (ex->query.hasQueryItem(QStringLiteral("wait"))) {
        bool ok = false;
        wait = ex->query.queryItemValue(QStringLiteral("wait")).toInt(&ok);
        if (!ok || wait < 0) {
            fail(ex, 400, QStringLiteral("malformed_request"),
                 QStringLiteral("wait must be a whole number of seconds"), QStringLiteral("wait"));
            return;
        }
        wait = qMin(wait, 30);
    }
    if (ex->query.hasQueryItem(QStringLiteral("since"))) {
        bool ok = false;
        since = ex->query.queryItemValue(QStringLiteral("since")).toLongLong(&ok);
        if (!ok) {
            fail(ex, 400, QStringLiteral("malformed_request"),
                 QStringLiteral("since must be a version number"), QStringLiteral("since"));
            return;
        }
        hasSince = true;
    }
    if (wait == 0 || !hasSince || account->version > since) {
        replyJson(ex, 200, registrationJson(*account));
        return;
    }
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    const QString accountId = account->id;
    connect(timer, &QTimer::timeout, this, [this, ex, accountId, timer] {
        for (auto it = m_waiters.find(accountId); it != m_waiters.end() && it.key() == accountId; ++it) {
            if (it->exchange == ex) {
                m_waiters.erase(it);
                break;
            }
        }
        timer->deleteLater();
        const auto current = m_store->account(accountId);
        if (current)
            replyJson(ex, 200, registrationJson(*current));
        else
            fail(ex, 401, QStringLiteral("unauthorized"), QStringLiteral("The account no longer exists"));
    });
    // A bounded number of long polls per account: the oldest is answered now to make room.
    if (m_waiters.count(accountId) >= MaxLongPollsPerAccount) {
        auto oldest = m_waiters.end();
        for (auto it = m_waiters.find(accountId); it != m_waiters.end() && it.key() == accountId; ++it)
            if (oldest == m_waiters.end() ||
                it->exchange->timer.elapsed() > oldest->exchange->timer.elapsed())
                oldest = it;
        const Waiter evicted = *oldest;
        m_waiters.erase(oldest);
        delete evicted.timer;
        replyJson(evicted.exchange, 200, registrationJson(*account));
    }
    m_waiters.insert(accountId, Waiter{ex, since, timer});
    timer->start(wait * 1000);
}

void SandboxServer::putEmail(const ExchangePtr &ex) {
    auto account = currentAccount(ex);
    if (!account)
        return;
    QString email;
    if (!readString(ex, QStringLiteral("email"), &email))
        return;
    if (account->emailConfirmed) {
        fail(ex, 409, QStringLiteral("already_confirmed"),
             QStringLiteral("The email address is already confirmed"));
        return;
    }
    const QString bucket = QStringLiteral("email-change:") + account->id;
    if (const qint64 wait = retryAfter(bucket, EmailChangesPerHour, 3600)) {
        fail(ex, 429, QStringLiteral("rate_limited"), QStringLiteral("Too many email changes"), {}, {}, wait);
        return;
    }
    if (const QStringList failed = EmailPolicy::failedRules(email); !failed.isEmpty()) {
        fail(ex, 422, QStringLiteral("invalid_email"), QStringLiteral("The email address is not valid"),
             QStringLiteral("email"), failed);
        return;
    }
    const QString emailKey = EmailPolicy::normalized(email);
    if (const auto other = m_store->accountByEmailKey(emailKey); other && other->id != account->id) {
        fail(ex, 409, QStringLiteral("email_taken"),
             QStringLiteral("An account with this email already exists"), QStringLiteral("email"));
        return;
    }
    const AccountRecord before = *account;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    account->email = email;
    account->emailKey = emailKey;
    account->emailResendAvailableAt = now.addSecs(m_options.emailResendCooldownSeconds);
    const bool ok = m_store->transaction([&] {
        return m_store->supersedeEmailLinks(account->id) && sendConfirmationEmail(*account) &&
               m_store->addRateEvent(bucket, now) && saveAccount(*account, before);
    });
    if (!ok) {
        fail(ex, 500, QStringLiteral("internal_error"), QStringLiteral("The change could not be stored"));
        return;
    }
    replyJson(ex, 200, registrationJson(*account));
}

void SandboxServer::postEmailResend(const ExchangePtr &ex) {
    auto account = currentAccount(ex);
    if (!account)
        return;
    if (account->emailConfirmed) {
        fail(ex, 409, QStringLiteral("already_confirmed"),
             QStringLiteral("The email address is already confirmed"));
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (account->emailResendAvailableAt.isValid() && now < account->emailResendAvailableAt) {
        const qint64 wait = qMax<qint64>(1, (now.msecsTo(account->emailResendAvailableAt) + 999) / 1000);
        fail(ex, 429, QStringLiteral("rate_limited"), QStringLiteral("Wait before sending the email again"),
             {}, {}, wait);
        return;
    }
    const QString bucket = QStringLiteral("email-resend:") + account->id;
    if (const qint64 wait = retryAfter(bucket, ResendsPerHour, 3600)) {
        fail(ex, 429, QStringLiteral("rate_limited"), QStringLiteral("Too many emails this hour"), {}, {},
             wait);
        return;
    }
    const AccountRecord before = *account;
    account->emailResendAvailableAt = now.addSecs(m_options.emailResendCooldownSeconds);
    const bool ok = m_store->transaction([&] {
        return sendConfirmationEmail(*account) && m_store->addRateEvent(bucket, now) &&
               saveAccount(*account, before);
    });
    if (!ok) {
        fail(ex, 500, QStringLiteral("internal_error"), QStringLiteral("The email could not be sent"));
        return;
    }
    replyJson(
        ex, 202,
        QJsonObject{{QStringLiteral("resend_available_at"), toRfc3339(account->emailResendAvailableAt)}});
}

void SandboxServer::getEmailConfirm(const ExchangePtr &ex) {
    const QString token = ex->query.queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded);
    const auto link = token.isEmpty() ? std::nullopt : m_store->emailLink(sha256Hex(token.toLatin1()));
    auto account = link ? m_store->account(link->accountId) : std::nullopt;
    const QString language = account ? account->language : QString();
    const bool json = ex->wantsJson();
    const QDateTime now = QDateTime::currentDateTimeUtc();

    if (account && !link->superseded && account->emailConfirmed) {
        if (json)
            replyJson(ex, 200,
                      QJsonObject{{QStringLiteral("registration_step"), QStringLiteral("email_confirmed")},
                                  {QStringLiteral("already_confirmed"), true}});
        else
            replyHtml(ex, 200, confirmPage(language, ConfirmPageKind::AlreadyConfirmed));
        return;
    }
    if (!account || link->superseded || link->expiresAt <= now) {
        if (json) {
            fail(ex, 400, QStringLiteral("invalid_confirmation_link"),
                 QStringLiteral("The link is unknown, expired or superseded by a newer one"));
        } else {
            replyHtml(ex, 400, confirmPage(language, ConfirmPageKind::Invalid));
        }
        return;
    }
    const AccountRecord before = *account;
    account->emailConfirmed = true;
    if (!m_store->transaction([&] { return saveAccount(*account, before); })) {
        fail(ex, 500, QStringLiteral("internal_error"),
             QStringLiteral("The confirmation could not be stored"));
        return;
    }
    if (json)
        replyJson(ex, 200,
                  QJsonObject{{QStringLiteral("registration_step"), QStringLiteral("email_confirmed")}});
    else
        replyHtml(ex, 200, confirmPage(language, ConfirmPageKind::Confirmed));
}

void SandboxServer::postPhone(const ExchangePtr &ex) {
    auto account = currentAccount(ex);
    if (!account)
        return;
    QString phone;
    if (!readString(ex, QStringLiteral("phone"), &phone))
        return;
    if (!account->emailConfirmed) {
        fail(ex, 409, QStringLiteral("step_order"), QStringLiteral("Confirm the email address first"));
        return;
    }
    if (account->phoneConfirmed()) {
        fail(ex, 409, QStringLiteral("already_confirmed"),
             QStringLiteral("The phone number is already confirmed"));
        return;
    }
    const QString bucket = QStringLiteral("phone:") + account->id;
    if (const qint64 wait = retryAfter(bucket, PhoneAttemptsPerHour, 3600)) {
        fail(ex, 429, QStringLiteral("rate_limited"), QStringLiteral("Too many phone attempts this hour"), {},
             {}, wait);
        return;
    }
    const Region &region = regionOf(*account);
    if (const QString code = PhonePolicy::check(phone, region.phoneRegions); !code.isEmpty()) {
        fail(ex, 422, code,
             code == QLatin1String("invalid_phone")
                 ? QStringLiteral("The phone number is not valid")
                 : QStringLiteral("This region does not take numbers of that country"),
             QStringLiteral("phone"));
        return;
    }
    const QString e164 = PhonePolicy::parse(phone).e164;
    if (m_store->phoneConfirmedElsewhere(e164, account->id)) {
        fail(ex, 409, QStringLiteral("phone_taken"), QStringLiteral("This number belongs to another account"),
             QStringLiteral("phone"));
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const AccountRecord before = *account;
    const bool ok = m_store->transaction([&] {
        if (!m_store->addRateEvent(bucket, now))
            return false;
        account->phoneE164 = e164;
        account->phoneStatus = PhoneStatus::AwaitingCall;
        account->phoneCallTo = QLatin1String(SandboxCallTo);
        account->phoneExpiresAt = now.addSecs(m_options.phoneCallWindowSeconds);
        account->phoneAttemptsLeft =
            qMax(0, PhoneAttemptsPerHour - int(m_store->rateEvents(bucket, now.addSecs(-3600)).size()));
        return saveAccount(*account, before);
    });
    if (!ok) {
        fail(ex, 500, QStringLiteral("internal_error"),
             QStringLiteral("The phone number could not be stored"));
        return;
    }
    schedulePhoneExpiry(account->id, account->phoneExpiresAt);
    replyJson(
        ex, 202,
        QJsonObject{{QStringLiteral("phone"), registrationJson(*account).value(QStringLiteral("phone"))}});
}

void SandboxServer::postCard(const ExchangePtr &ex) {
    auto account = currentAccount(ex);
    if (!account)
        return;
    QString number, cvc;
    int month = 0, year = 0;
    if (!readString(ex, QStringLiteral("number"), &number) ||
        !readInt(ex, QStringLiteral("exp_month"), &month) ||
        !readInt(ex, QStringLiteral("exp_year"), &year) || !readString(ex, QStringLiteral("cvc"), &cvc))
        return;
    if (!account->phoneConfirmed()) {
        fail(ex, 409, QStringLiteral("step_order"), QStringLiteral("Confirm the phone number first"));
        return;
    }
    if (account->cardLinked()) {
        fail(ex, 409, QStringLiteral("already_linked"), QStringLiteral("A card is already linked"));
        return;
    }
    const QString bucket = QStringLiteral("card:") + account->id;
    if (const qint64 wait = retryAfter(bucket, CardsPerHour, 3600)) {
        fail(ex, 429, QStringLiteral("rate_limited"), QStringLiteral("Too many cards this hour"), {}, {},
             wait);
        return;
    }
    const Region &region = regionOf(*account);
    if (const QString code = CardPolicy::checkNumber(number, region.cardBrands); !code.isEmpty()) {
        fail(ex, 422, code,
             code == QLatin1String("unsupported_card_brand")
                 ? QStringLiteral("This region does not take this card brand")
                 : QStringLiteral("The card number is not valid"),
             QStringLiteral("number"));
        return;
    }
    if (const QString code = CardPolicy::checkExpiry(month, year, QDateTime::currentDateTimeUtc().date());
        !code.isEmpty()) {
        fail(ex, 422, code,
             code == QLatin1String("expired_card") ? QStringLiteral("The card has expired")
                                                   : QStringLiteral("The expiry date is not valid"),
             QStringLiteral("exp"));
        return;
    }
    if (!CardPolicy::cvcValid(cvc)) {
        fail(ex, 422, QStringLiteral("invalid_card"), QStringLiteral("The CVC must be 3 digits"),
             QStringLiteral("cvc"));
        return;
    }
    const QString digits = CardPolicy::normalizedNumber(number);
    const AccountRecord before = *account;
    account->cardStatus = CardStatus::Processing;
    account->cardBrand = cardBrandId(CardPolicy::detectBrand(digits));
    account->cardLast4 = digits.right(4);
    account->cardActionId.clear();
    account->cardDeclineCode.clear();
    // The processor's opaque token for this card: only its hash is kept.
    account->cardTokenHash = sha256Hex(randomToken().toLatin1());
    account->cardPendingOutcome = cardOutcome(digits);
    account->cardAttempt += 1;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_store->transaction(
            [&] { return m_store->addRateEvent(bucket, now) && saveAccount(*account, before); })) {
        fail(ex, 500, QStringLiteral("internal_error"), QStringLiteral("The card could not be stored"));
        return;
    }
    scheduleCardProcessing(account->id, account->cardAttempt, m_options.cardProcessingMs);
    replyJson(ex, 202, QJsonObject{{QStringLiteral("card"), cardJson(*account)}});
}

void SandboxServer::scheduleCardProcessing(const QString &accountId, qint64 attempt, int delayMs) {
    QTimer::singleShot(delayMs, this, [this, accountId, attempt] { processCard(accountId, attempt); });
}

void SandboxServer::processCard(const QString &accountId, qint64 attempt) {
    auto account = m_store->account(accountId);
    if (!account || account->cardAttempt != attempt || account->cardStatus != CardStatus::Processing)
        return;
    const AccountRecord before = *account;
    const QString outcome = account->cardPendingOutcome;
    account->cardPendingOutcome.clear();
    if (outcome == QLatin1String("3ds")) {
        account->cardStatus = CardStatus::RequiresAction;
        account->cardActionId = QStringLiteral("3ds_") + randomHex(16);
    } else if (outcome.startsWith(QLatin1String("decline:"))) {
        account->cardStatus = CardStatus::Declined;
        account->cardDeclineCode = outcome.mid(8);
    } else {
        account->cardStatus = CardStatus::Linked;
        activate(*account);
    }
    m_store->transaction([&] { return saveAccount(*account, before); });
}

void SandboxServer::activate(AccountRecord &account) {
    const Region &region = regionOf(account);
    account.balanceMinor += region.cardTestAmount.minorUnits();
    account.bonusGranted = true;
    account.bonusMinor = region.signupBonus.minorUnits();
    account.bonusExpiresAt = QDateTime::currentDateTimeUtc().addDays(60);
    account.projectId = QStringLiteral("mcs") + randomDigits(10);
    account.projectName =
        account.language == QLatin1String("ru") ? QStringLiteral("Мой проект") : QStringLiteral("My project");
    account.consoleUrl = consoleUrl(account);
}

void SandboxServer::putAutopayment(const ExchangePtr &ex) {
    auto account = currentAccount(ex);
    if (!account)
        return;
    const QJsonValue enabledValue = ex->json.value(QStringLiteral("enabled"));
    if (!enabledValue.isBool()) {
        fail(ex, 400, QStringLiteral("malformed_request"), QStringLiteral("enabled must be true or false"),
             QStringLiteral("enabled"));
        return;
    }
    std::optional<Money> threshold, amount;
    if (!readMoney(ex->json.value(QStringLiteral("threshold")), &threshold)) {
        fail(ex, 400, QStringLiteral("malformed_request"), QStringLiteral("threshold must be money or null"),
             QStringLiteral("threshold"));
        return;
    }
    if (!readMoney(ex->json.value(QStringLiteral("amount")), &amount)) {
        fail(ex, 400, QStringLiteral("malformed_request"), QStringLiteral("amount must be money or null"),
             QStringLiteral("amount"));
        return;
    }
    const bool enabled = enabledValue.toBool();
    if (!account->cardLinked()) {
        fail(ex, 409, QStringLiteral("step_order"), QStringLiteral("Link a card first"));
        return;
    }
    const Region &region = regionOf(*account);
    if (CardPolicy::autopaymentBlock(&region, true, account->cardBrand) != AutopaymentBlock::None) {
        fail(ex, 409, QStringLiteral("autopayment_unavailable"),
             QStringLiteral("Autopayment is not available for this card or region"));
        return;
    }
    auto check = [&](const std::optional<Money> &money, const QString &field, const Money &min,
                     const Money &max, qint64 *minor) {
        if (!money) {
            if (!enabled) {
                *minor = -1;
                return true;
            }
            fail(ex, 422, QStringLiteral("invalid_autopayment"), QStringLiteral("%1 is required").arg(field),
                 field);
            return false;
        }
        bool ok = false;
        *minor = money->minorUnits(&ok);
        if (!ok || money->currency != region.currency || *minor < min.minorUnits() ||
            *minor > max.minorUnits()) {
            fail(ex, 422, QStringLiteral("invalid_autopayment"),
                 QStringLiteral("%1 must be %2–%3 %4").arg(field, min.value, max.value, region.currency),
                 field);
            return false;
        }
        return true;
    };
    qint64 thresholdMinor = -1, amountMinor = -1;
    if (!check(threshold, QStringLiteral("threshold"), Money{QStringLiteral("0.00"), region.currency},
               region.autopaymentMaxThreshold, &thresholdMinor) ||
        !check(amount, QStringLiteral("amount"), region.autopaymentMinAmount, region.autopaymentMaxAmount,
               &amountMinor))
        return;
    const AccountRecord before = *account;
    account->autopayEnabled = enabled;
    account->autopayThreshold = thresholdMinor;
    account->autopayAmount = amountMinor;
    if (!m_store->transaction([&] { return saveAccount(*account, before); })) {
        fail(ex, 500, QStringLiteral("internal_error"), QStringLiteral("The settings could not be stored"));
        return;
    }
    replyJson(ex, 200, registrationJson(*account));
}

} // namespace signup
