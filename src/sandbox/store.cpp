#include "sandbox/store.h"

#include "core/clock.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>
#include <QVariant>

namespace signup {

namespace {

QVariant timeValue(const QDateTime &t) {
    return t.isValid() ? QVariant(t.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

QDateTime timeFrom(const QVariant &v) {
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

// Schema migrations, applied in order; PRAGMA user_version holds how many ran.
const char *const Migrations[] = {
    R"(CREATE TABLE accounts (
        id TEXT PRIMARY KEY, email TEXT NOT NULL, email_key TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL, password_salt TEXT NOT NULL, password_iterations INTEGER NOT NULL,
        region TEXT NOT NULL, language TEXT NOT NULL, created_at INTEGER NOT NULL, version INTEGER NOT NULL,
        email_confirmed INTEGER NOT NULL DEFAULT 0, email_resend_available_at INTEGER,
        phone_e164 TEXT, phone_status TEXT, phone_call_to TEXT, phone_expires_at INTEGER,
        phone_attempts_left INTEGER NOT NULL DEFAULT 0,
        card_status TEXT, card_brand TEXT, card_last4 TEXT, card_action_id TEXT, card_decline_code TEXT,
        card_token_hash TEXT, card_pending_outcome TEXT, card_attempt INTEGER NOT NULL DEFAULT 0,
        autopay_enabled INTEGER NOT NULL DEFAULT 0, autopay_threshold INTEGER, autopay_amount INTEGER,
        balance_minor INTEGER NOT NULL DEFAULT 0, bonus_granted INTEGER NOT NULL DEFAULT 0,
        bonus_minor INTEGER NOT NULL DEFAULT 0, bonus_expires_at INTEGER,
        project_id TEXT, project_name TEXT, console_url TEXT))",
    "CREATE INDEX accounts_phone ON accounts(phone_e164, phone_status)",
    "CREATE INDEX accounts_card_action ON accounts(card_action_id)",
    R"(CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
        created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked INTEGER NOT NULL DEFAULT 0))",
    R"(CREATE TABLE email_links (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
        created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, superseded INTEGER NOT NULL DEFAULT 0))",
    "CREATE TABLE rate_events (bucket TEXT NOT NULL, at INTEGER NOT NULL)",
    "CREATE INDEX rate_events_bucket ON rate_events(bucket, at)",
    R"(CREATE TABLE idempotency (caller TEXT NOT NULL, key TEXT NOT NULL, request_hash TEXT NOT NULL,
        status INTEGER NOT NULL, content_type TEXT NOT NULL, body BLOB NOT NULL, created_at INTEGER NOT NULL,
        PRIMARY KEY (caller, key)))",
    // The sandbox's stand-in for the recipients' mailboxes (the outside world, not the server's
    // own records): what a real mail server would have delivered.
    R"(CREATE TABLE sandbox_outbox (id TEXT PRIMARY KEY, to_addr TEXT NOT NULL, to_key TEXT NOT NULL,
        subject TEXT NOT NULL, text TEXT NOT NULL, confirm_url TEXT NOT NULL, sent_at INTEGER NOT NULL))",
    "CREATE INDEX sandbox_outbox_to ON sandbox_outbox(to_key, sent_at)",
    R"(CREATE TABLE sandbox_calls (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, phone_e164 TEXT NOT NULL,
        digits TEXT NOT NULL, wrong_tries INTEGER NOT NULL DEFAULT 0, ended INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL))",
};

const char AccountColumns[] =
    "id, email, email_key, password_hash, password_salt, password_iterations, region, language, created_at, "
    "version, email_confirmed, email_resend_available_at, phone_e164, phone_status, phone_call_to, "
    "phone_expires_at, phone_attempts_left, card_status, card_brand, card_last4, card_action_id, "
    "card_decline_code, card_token_hash, card_pending_outcome, card_attempt, autopay_enabled, "
    "autopay_threshold, autopay_amount, balance_minor, bonus_granted, bonus_minor, bonus_expires_at, "
    "project_id, project_name, console_url";

// The language columns hold the contract's names, which the server checked before storing them.
Language storedLanguage(const QVariant &v) {
    return languageFromWire(v.toString()).value_or(Language::English);
}

// card_pending_outcome keeps the text the column has always held ("link", "3ds", "decline:<code>"),
// so a sandbox database written by an earlier build still reads; converted here and nowhere else.
QString pendingOutcomeText(const std::optional<CardProcessorOutcome> &outcome) {
    if (!outcome)
        return {};
    switch (outcome->kind) {
    case CardProcessorOutcome::Kind::Link:
        return QStringLiteral("link");
    case CardProcessorOutcome::Kind::ThreeDSecure:
        return QStringLiteral("3ds");
    case CardProcessorOutcome::Kind::Declined:
        return QStringLiteral("decline:") + wireName(outcome->declineCode);
    }
    return {};
}

std::optional<CardProcessorOutcome> pendingOutcomeFrom(const QString &text) {
    static const QLatin1String declinePrefix("decline:");
    if (text == pendingOutcomeText(CardProcessorOutcome::link()))
        return CardProcessorOutcome::link();
    if (text == pendingOutcomeText(CardProcessorOutcome::threeDSecure()))
        return CardProcessorOutcome::threeDSecure();
    if (text.startsWith(declinePrefix))
        return CardProcessorOutcome::declined(
            declineCodeFromWire(QStringView(text).mid(declinePrefix.size())));
    return std::nullopt;
}

AccountRecord accountFrom(const QSqlQuery &q) {
    AccountRecord a;
    int i = 0;
    a.id = q.value(i++).toString();
    a.email = q.value(i++).toString();
    a.emailKey = q.value(i++).toString();
    a.passwordHash = q.value(i++).toString();
    a.passwordSalt = q.value(i++).toString();
    a.passwordIterations = q.value(i++).toInt();
    a.region = q.value(i++).toString();
    a.language = storedLanguage(q.value(i++));
    a.createdAt = timeFrom(q.value(i++));
    a.version = q.value(i++).toLongLong();
    a.emailConfirmed = q.value(i++).toBool();
    a.emailResendAvailableAt = timeFrom(q.value(i++));
    a.phoneE164 = q.value(i++).toString();
    a.phoneStatus = phoneStatusFromWire(q.value(i++).toString());
    a.phoneCallTo = q.value(i++).toString();
    a.phoneExpiresAt = timeFrom(q.value(i++));
    a.phoneAttemptsLeft = q.value(i++).toInt();
    a.cardStatus = cardStatusFromWire(q.value(i++).toString());
    a.cardBrand = q.value(i++).toString();
    a.cardLast4 = q.value(i++).toString();
    a.cardActionId = q.value(i++).toString();
    a.cardDeclineCode = q.value(i++).toString();
    a.cardTokenHash = q.value(i++).toString();
    a.cardPendingOutcome = pendingOutcomeFrom(q.value(i++).toString());
    a.cardAttempt = q.value(i++).toLongLong();
    a.autopayEnabled = q.value(i++).toBool();
    const QVariant threshold = q.value(i++);
    a.autopayThreshold = threshold.isNull() ? -1 : threshold.toLongLong();
    const QVariant amount = q.value(i++);
    a.autopayAmount = amount.isNull() ? -1 : amount.toLongLong();
    a.balanceMinor = q.value(i++).toLongLong();
    a.bonusGranted = q.value(i++).toBool();
    a.bonusMinor = q.value(i++).toLongLong();
    a.bonusExpiresAt = timeFrom(q.value(i++));
    a.projectId = q.value(i++).toString();
    a.projectName = q.value(i++).toString();
    a.consoleUrl = q.value(i++).toString();
    return a;
}

QVariant text(const QString &s) {
    return s.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s);
}

void bindAccount(QSqlQuery &q, const AccountRecord &a) {
    QVariantList values = {
        a.id,
        a.email,
        a.emailKey,
        a.passwordHash,
        a.passwordSalt,
        a.passwordIterations,
        a.region,
        wireName(a.language),
        timeValue(a.createdAt),
        a.version,
        a.emailConfirmed ? 1 : 0,
        timeValue(a.emailResendAvailableAt),
        text(a.phoneE164),
        text(wireName(a.phoneStatus)),
        text(a.phoneCallTo),
        timeValue(a.phoneExpiresAt),
        a.phoneAttemptsLeft,
        text(wireName(a.cardStatus)),
        text(a.cardBrand),
        text(a.cardLast4),
        text(a.cardActionId),
        text(a.cardDeclineCode),
        text(a.cardTokenHash),
        text(pendingOutcomeText(a.cardPendingOutcome)),
        a.cardAttempt,
        a.autopayEnabled ? 1 : 0,
        a.autopayThreshold < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(a.autopayThreshold),
        a.autopayAmount < 0 ? QVariant(QMetaType::fromType<qint64>()) : QVariant(a.autopayAmount),
        a.balanceMinor,
        a.bonusGranted ? 1 : 0,
        a.bonusMinor,
        timeValue(a.bonusExpiresAt),
        text(a.projectId),
        text(a.projectName),
        text(a.consoleUrl)};
    for (const QVariant &v : values)
        q.addBindValue(v);
}

} // namespace

SandboxStore::SandboxStore(const Clock &clock)
    : m_clock(clock)
    , m_connectionName(QStringLiteral("vksignup-sandbox-") +
                       QUuid::createUuid().toString(QUuid::WithoutBraces)) {}

SandboxStore::~SandboxStore() {
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SandboxStore::open(const QString &path, QString *error) {
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(path, m_db.lastError().text());
        return false;
    }
    QSqlQuery q(m_db);
    for (const char *pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON",
          // Deleted rows are overwritten, not left in free pages.
          "PRAGMA secure_delete=ON"}) {
        if (!q.exec(QLatin1String(pragma))) {
            *error = q.lastError().text();
            return false;
        }
    }
    // The database holds password hashes: only the owner may read it.
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::setPermissions(path + QLatin1String(suffix), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!migrate(error) || !ensureFeatureTables(error))
        return false;
    // Idempotency records of earlier versions held the key and the answer (tokens) in clear and
    // a plain hash of the body; today's keys are 64 hex digits of a keyed hash.
    if (q.exec(QStringLiteral("DELETE FROM idempotency WHERE length(key) <> 64 OR key GLOB '*[^0-9a-f]*'")) &&
        q.numRowsAffected() > 0)
        q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return true;
}

bool SandboxStore::migrate(QString *error) {
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA user_version"));
    const int current = q.next() ? q.value(0).toInt() : 0;
    const int target = int(std::size(Migrations));
    if (current > target) {
        *error = QStringLiteral("the database schema (version %1) is newer than this program (%2)")
                     .arg(current)
                     .arg(target);
        return false;
    }
    if (current == target)
        return true;
    if (!m_db.transaction()) {
        *error = m_db.lastError().text();
        return false;
    }
    for (int i = current; i < target; ++i) {
        if (!q.exec(QLatin1String(Migrations[i]))) {
            *error = QStringLiteral("migration %1 failed: %2").arg(i + 1).arg(q.lastError().text());
            m_db.rollback();
            return false;
        }
    }
    q.exec(QStringLiteral("PRAGMA user_version = %1").arg(target));
    if (!m_db.commit()) {
        *error = m_db.lastError().text();
        return false;
    }
    return true;
}

bool SandboxStore::begin() {
    m_failed = false;
    return m_db.transaction();
}

bool SandboxStore::finish(bool ok) {
    if (ok && !m_failed)
        return m_db.commit();
    m_db.rollback();
    return false;
}

namespace {
bool run(QSqlQuery &q, bool *failed) {
    if (q.exec())
        return true;
    qWarning("sandbox: SQL error: %s", qPrintable(q.lastError().text()));
    *failed = true;
    return false;
}
} // namespace

std::optional<AccountRecord> SandboxStore::account(const QString &id) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM accounts WHERE id = ?").arg(QLatin1String(AccountColumns)));
    q.addBindValue(id);
    if (run(q, &m_failed) && q.next())
        return accountFrom(q);
    return std::nullopt;
}

std::optional<AccountRecord> SandboxStore::accountByEmailKey(const QString &emailKey) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM accounts WHERE email_key = ?").arg(QLatin1String(AccountColumns)));
    q.addBindValue(emailKey);
    if (run(q, &m_failed) && q.next())
        return accountFrom(q);
    return std::nullopt;
}

QList<AccountRecord> SandboxStore::accountsAwaitingCallFrom(const QString &e164) {
    QList<AccountRecord> result;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM accounts WHERE phone_e164 = ? AND phone_status = 'awaiting_call' "
                       "ORDER BY phone_expires_at DESC")
            .arg(QLatin1String(AccountColumns)));
    q.addBindValue(e164);
    if (run(q, &m_failed))
        while (q.next())
            result.append(accountFrom(q));
    return result;
}

QList<AccountRecord> SandboxStore::accountsWithCardStatus(CardStatus status) {
    QList<AccountRecord> result;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM accounts WHERE card_status = ?").arg(QLatin1String(AccountColumns)));
    q.addBindValue(wireName(status));
    if (run(q, &m_failed))
        while (q.next())
            result.append(accountFrom(q));
    return result;
}

QList<AccountRecord> SandboxStore::accountsWithPhoneStatus(PhoneStatus status) {
    QList<AccountRecord> result;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM accounts WHERE phone_status = ?").arg(QLatin1String(AccountColumns)));
    q.addBindValue(wireName(status));
    if (run(q, &m_failed))
        while (q.next())
            result.append(accountFrom(q));
    return result;
}

std::optional<AccountRecord> SandboxStore::accountByCardActionId(const QString &actionId) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM accounts WHERE card_action_id = ?")
                  .arg(QLatin1String(AccountColumns)));
    q.addBindValue(actionId);
    if (run(q, &m_failed) && q.next())
        return accountFrom(q);
    return std::nullopt;
}

std::optional<AccountRecord> SandboxStore::accountByProjectId(const QString &projectId) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM accounts WHERE project_id = ?").arg(QLatin1String(AccountColumns)));
    q.addBindValue(projectId);
    if (run(q, &m_failed) && q.next())
        return accountFrom(q);
    return std::nullopt;
}

bool SandboxStore::phoneConfirmedElsewhere(const QString &e164, const QString &exceptAccountId) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT 1 FROM accounts WHERE phone_e164 = ? AND phone_status = 'confirmed' AND id <> ? LIMIT 1"));
    q.addBindValue(e164);
    q.addBindValue(exceptAccountId);
    return run(q, &m_failed) && q.next();
}

bool SandboxStore::insertAccount(const AccountRecord &a) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO accounts (%1) VALUES (%2)")
            .arg(QLatin1String(AccountColumns),
                 QStringList(QLatin1String(AccountColumns).count(u',') + 1, QStringLiteral("?")).join(u',')));
    bindAccount(q, a);
    return run(q, &m_failed);
}

bool SandboxStore::updateAccount(const AccountRecord &a) {
    QStringList assignments;
    for (const QString &column : QLatin1String(AccountColumns).toString().split(QStringLiteral(", ")))
        assignments.append(column + QStringLiteral(" = ?"));
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("UPDATE accounts SET %1 WHERE id = ?").arg(assignments.join(QStringLiteral(", "))));
    bindAccount(q, a);
    q.addBindValue(a.id);
    return run(q, &m_failed) && q.numRowsAffected() == 1;
}

bool SandboxStore::insertSession(const QString &tokenHash, const QString &accountId,
                                 const QDateTime &expiresAt) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES (?,?,?,?)"));
    q.addBindValue(tokenHash);
    q.addBindValue(accountId);
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(expiresAt.toMSecsSinceEpoch());
    return run(q, &m_failed);
}

QString SandboxStore::accountForSession(const QString &tokenHash) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT account_id FROM sessions WHERE token_hash = ? AND revoked = 0 AND expires_at > ?"));
    q.addBindValue(tokenHash);
    q.addBindValue(m_clock.nowMs());
    if (run(q, &m_failed) && q.next())
        return q.value(0).toString();
    return {};
}

bool SandboxStore::revokeSession(const QString &tokenHash) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sessions SET revoked = 1 WHERE token_hash = ?"));
    q.addBindValue(tokenHash);
    return run(q, &m_failed);
}

bool SandboxStore::insertEmailLink(const QString &tokenHash, const QString &accountId,
                                   const QDateTime &expiresAt) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO email_links (token_hash, account_id, created_at, expires_at) VALUES (?,?,?,?)"));
    q.addBindValue(tokenHash);
    q.addBindValue(accountId);
    q.addBindValue(m_clock.nowMs());
    q.addBindValue(expiresAt.toMSecsSinceEpoch());
    return run(q, &m_failed);
}

bool SandboxStore::supersedeEmailLinks(const QString &accountId) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE email_links SET superseded = 1 WHERE account_id = ?"));
    q.addBindValue(accountId);
    return run(q, &m_failed);
}

std::optional<SandboxStore::EmailLink> SandboxStore::emailLink(const QString &tokenHash) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT account_id, expires_at, superseded FROM email_links WHERE token_hash = ?"));
    q.addBindValue(tokenHash);
    if (run(q, &m_failed) && q.next())
        return EmailLink{q.value(0).toString(), timeFrom(q.value(1)), q.value(2).toBool()};
    return std::nullopt;
}

bool SandboxStore::addRateEvent(const QString &bucket, const QDateTime &at) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO rate_events (bucket, at) VALUES (?, ?)"));
    q.addBindValue(bucket);
    q.addBindValue(at.toMSecsSinceEpoch());
    return run(q, &m_failed);
}

QList<QDateTime> SandboxStore::rateEvents(const QString &bucket, const QDateTime &since) {
    QList<QDateTime> result;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT at FROM rate_events WHERE bucket = ? AND at > ? ORDER BY at"));
    q.addBindValue(bucket);
    q.addBindValue(since.toMSecsSinceEpoch());
    if (run(q, &m_failed))
        while (q.next())
            result.append(timeFrom(q.value(0)));
    return result;
}

std::optional<StoredResponse> SandboxStore::storedResponse(const QString &caller, const QString &key,
                                                           const QDateTime &since) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT request_hash, status, content_type, body FROM idempotency "
                             "WHERE caller = ? AND key = ? AND created_at > ?"));
    q.addBindValue(caller);
    q.addBindValue(key);
    q.addBindValue(since.toMSecsSinceEpoch());
    if (run(q, &m_failed) && q.next())
        return StoredResponse{q.value(0).toString(), q.value(1).toInt(), q.value(2).toByteArray(),
                              q.value(3).toByteArray()};
    return std::nullopt;
}

bool SandboxStore::storeResponse(const QString &caller, const QString &key, const StoredResponse &r) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO idempotency (caller, key, request_hash, status, content_type, "
                       "body, created_at) VALUES (?,?,?,?,?,?,?)"));
    q.addBindValue(caller);
    q.addBindValue(key);
    q.addBindValue(r.requestHash);
    q.addBindValue(r.status);
    q.addBindValue(QString::fromLatin1(r.contentType));
    q.addBindValue(r.body.isNull() ? QByteArray("") : r.body); // a 204 has no body, the column is NOT NULL
    q.addBindValue(m_clock.nowMs());
    return run(q, &m_failed);
}

bool SandboxStore::insertOutbox(const OutboxRecord &m, const QString &toKey) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO sandbox_outbox (id, to_addr, to_key, subject, text, confirm_url, sent_at) "
        "VALUES (?,?,?,?,?,?,?)"));
    q.addBindValue(m.id);
    q.addBindValue(m.to);
    q.addBindValue(toKey);
    q.addBindValue(m.subject);
    q.addBindValue(m.text);
    q.addBindValue(m.confirmUrl);
    q.addBindValue(m.sentAt.toMSecsSinceEpoch());
    return run(q, &m_failed);
}

QList<OutboxRecord> SandboxStore::outbox(const QString &toKey) {
    QList<OutboxRecord> result;
    QSqlQuery q(m_db);
    if (toKey.isEmpty()) {
        q.prepare(
            QStringLiteral("SELECT id, to_addr, subject, text, confirm_url, sent_at FROM sandbox_outbox "
                           "ORDER BY sent_at DESC, rowid DESC LIMIT 200"));
    } else {
        q.prepare(
            QStringLiteral("SELECT id, to_addr, subject, text, confirm_url, sent_at FROM sandbox_outbox "
                           "WHERE to_key = ? ORDER BY sent_at DESC, rowid DESC"));
        q.addBindValue(toKey);
    }
    if (run(q, &m_failed))
        while (q.next())
            result.append(OutboxRecord{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                                       q.value(3).toString(), q.value(4).toString(), timeFrom(q.value(5))});
    return result;
}

bool SandboxStore::purgeExpired(const QDateTime &now) {
    const qint64 dayAgo = now.addDays(-1).toMSecsSinceEpoch();
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const qint64 weekAgo = now.addDays(-7).toMSecsSinceEpoch();
    const QList<QPair<const char *, qint64>> statements{
        {"DELETE FROM rate_events WHERE at < ?", dayAgo},
        {"DELETE FROM idempotency WHERE created_at < ?", dayAgo},
        {"DELETE FROM sessions WHERE expires_at < ?", nowMs},
        // A link a week past its expiry answers "expired" no more usefully than "unknown".
        {"DELETE FROM email_links WHERE expires_at < ?", weekAgo},
        {"DELETE FROM sandbox_calls WHERE created_at < ?", dayAgo},
        {"DELETE FROM sandbox_outbox WHERE sent_at < ?", weekAgo},
        // The outbox keeps its newest messages only.
        {"DELETE FROM sandbox_outbox WHERE rowid <= (SELECT rowid FROM sandbox_outbox ORDER BY rowid DESC "
         "LIMIT 1 OFFSET ?)",
         MaxOutboxMessages},
    };
    return transaction([&] {
        for (const auto &[sql, bound] : statements) {
            QSqlQuery q(m_db);
            q.prepare(QLatin1String(sql));
            q.addBindValue(bound);
            if (!run(q, &m_failed))
                return false;
        }
        return true;
    });
}

bool SandboxStore::insertCall(const CallRecord &c) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO sandbox_calls (id, account_id, phone_e164, digits, wrong_tries, ended, "
                       "created_at) VALUES (?,?,?,?,?,?,?)"));
    q.addBindValue(c.id);
    q.addBindValue(c.accountId);
    q.addBindValue(c.phoneE164);
    q.addBindValue(c.digits);
    q.addBindValue(c.wrongTries);
    q.addBindValue(c.ended ? 1 : 0);
    q.addBindValue(m_clock.nowMs());
    return run(q, &m_failed);
}

std::optional<CallRecord> SandboxStore::call(const QString &id) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT id, account_id, phone_e164, digits, wrong_tries, ended FROM sandbox_calls WHERE id = ?"));
    q.addBindValue(id);
    if (run(q, &m_failed) && q.next())
        return CallRecord{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                          q.value(3).toString(), q.value(4).toInt(),    q.value(5).toBool()};
    return std::nullopt;
}

bool SandboxStore::updateCall(const CallRecord &c) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sandbox_calls SET wrong_tries = ?, ended = ? WHERE id = ?"));
    q.addBindValue(c.wrongTries);
    q.addBindValue(c.ended ? 1 : 0);
    q.addBindValue(c.id);
    return run(q, &m_failed);
}

// ---------------------------------------------------------------------------------------------
// Contract 1.1: invitations, memberships, support codes and the API events support staff see.
// These tables are created with IF NOT EXISTS, independently of the numbered migrations above.

namespace {

const char *const FeatureTables[] = {
    R"(CREATE TABLE IF NOT EXISTS invitations (token_hash TEXT PRIMARY KEY, email TEXT NOT NULL,
        email_key TEXT NOT NULL, roles TEXT NOT NULL, project_id TEXT NOT NULL, project_name TEXT NOT NULL,
        invited_by TEXT NOT NULL, language TEXT NOT NULL, created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL, used_at INTEGER, used_by TEXT))",
    "CREATE INDEX IF NOT EXISTS invitations_project ON invitations(project_id)",
    R"(CREATE TABLE IF NOT EXISTS memberships (account_id TEXT NOT NULL REFERENCES accounts(id),
        project_id TEXT NOT NULL, project_name TEXT NOT NULL, roles TEXT NOT NULL, joined_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, project_id)))",
    R"(CREATE TABLE IF NOT EXISTS sandbox_outbox_invites (message_id TEXT PRIMARY KEY,
        invite_path TEXT NOT NULL))",
    R"(CREATE TABLE IF NOT EXISTS support_codes (code_hash TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts(id), created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL, withdrawn INTEGER NOT NULL DEFAULT 0))",
    "CREATE INDEX IF NOT EXISTS support_codes_account ON support_codes(account_id)",
    R"(CREATE TABLE IF NOT EXISTS api_events (id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT NOT NULL, at INTEGER NOT NULL, request_id TEXT NOT NULL, method TEXT NOT NULL,
        route TEXT NOT NULL, status INTEGER NOT NULL, error_code TEXT))",
    "CREATE INDEX IF NOT EXISTS api_events_account ON api_events(account_id, id)",
};

QString rolesText(const QStringList &roles) {
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(roles)).toJson(QJsonDocument::Compact));
}

QStringList rolesFrom(const QVariant &v) {
    QStringList roles;
    for (const QJsonValue &role : QJsonDocument::fromJson(v.toString().toUtf8()).array())
        roles.append(role.toString());
    return roles;
}

} // namespace

bool SandboxStore::ensureFeatureTables(QString *error) {
    QSqlQuery q(m_db);
    for (const char *sql : FeatureTables) {
        if (!q.exec(QLatin1String(sql))) {
            *error = QStringLiteral("cannot create a table: %1").arg(q.lastError().text());
            return false;
        }
    }
    return true;
}

bool SandboxStore::insertInvitation(const InvitationRecord &i) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO invitations (token_hash, email, email_key, roles, project_id, project_name, invited_by, "
        "language, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?)"));
    for (const QVariant &v :
         QVariantList{i.tokenHash, i.email, i.emailKey, rolesText(i.roles), i.projectId, i.projectName,
                      i.invitedBy, wireName(i.language), timeValue(i.createdAt), timeValue(i.expiresAt)})
        q.addBindValue(v);
    return run(q, &m_failed);
}

std::optional<InvitationRecord> SandboxStore::invitation(const QString &tokenHash) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT token_hash, email, email_key, roles, project_id, project_name, invited_by, "
                       "language, created_at, expires_at, used_at, used_by FROM invitations "
                       "WHERE token_hash = ?"));
    q.addBindValue(tokenHash);
    if (!run(q, &m_failed) || !q.next())
        return std::nullopt;
    InvitationRecord i;
    i.tokenHash = q.value(0).toString();
    i.email = q.value(1).toString();
    i.emailKey = q.value(2).toString();
    i.roles = rolesFrom(q.value(3));
    i.projectId = q.value(4).toString();
    i.projectName = q.value(5).toString();
    i.invitedBy = q.value(6).toString();
    i.language = storedLanguage(q.value(7));
    i.createdAt = timeFrom(q.value(8));
    i.expiresAt = timeFrom(q.value(9));
    i.usedAt = timeFrom(q.value(10));
    i.usedBy = q.value(11).toString();
    return i;
}

bool SandboxStore::markInvitationUsed(const QString &tokenHash, const QString &accountId,
                                      const QDateTime &at) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE invitations SET used_at = ?, used_by = ? WHERE token_hash = ? AND used_at IS NULL"));
    q.addBindValue(at.toMSecsSinceEpoch());
    q.addBindValue(accountId);
    q.addBindValue(tokenHash);
    return run(q, &m_failed) && q.numRowsAffected() == 1;
}

bool SandboxStore::insertMembership(const QString &accountId, const Membership &m, const QDateTime &at) {
    QSqlQuery q(m_db);
    // Joining a project again (a second invitation) keeps one membership with the newest roles.
    q.prepare(
        QStringLiteral("INSERT INTO memberships (account_id, project_id, project_name, roles, joined_at) "
                       "VALUES (?,?,?,?,?) ON CONFLICT (account_id, project_id) DO UPDATE SET "
                       "roles = excluded.roles, project_name = excluded.project_name"));
    q.addBindValue(accountId);
    q.addBindValue(m.project.id);
    q.addBindValue(m.project.name);
    q.addBindValue(rolesText(m.roles));
    q.addBindValue(at.toMSecsSinceEpoch());
    return run(q, &m_failed);
}

QList<Membership> SandboxStore::memberships(const QString &accountId) {
    QList<Membership> result;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT project_id, project_name, roles FROM memberships WHERE account_id = ? "
                             "ORDER BY joined_at, rowid"));
    q.addBindValue(accountId);
    if (run(q, &m_failed))
        while (q.next())
            result.append(Membership{ProjectState{q.value(0).toString(), q.value(1).toString()},
                                     rolesFrom(q.value(2))});
    return result;
}

QString SandboxStore::projectNameOf(const QString &projectId) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT project_name FROM invitations WHERE project_id = ? LIMIT 1"));
    q.addBindValue(projectId);
    if (run(q, &m_failed) && q.next())
        return q.value(0).toString();
    return {};
}

bool SandboxStore::setOutboxInvitePath(const QString &messageId, const QString &invitePath) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO sandbox_outbox_invites (message_id, invite_path) VALUES (?, ?)"));
    q.addBindValue(messageId);
    q.addBindValue(invitePath);
    return run(q, &m_failed);
}

QString SandboxStore::outboxInvitePath(const QString &messageId) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT invite_path FROM sandbox_outbox_invites WHERE message_id = ?"));
    q.addBindValue(messageId);
    if (run(q, &m_failed) && q.next())
        return q.value(0).toString();
    return {};
}

bool SandboxStore::replaceSupportCode(const SupportCodeRecord &c) {
    if (!withdrawSupportCodes(c.accountId))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO support_codes (code_hash, account_id, created_at, expires_at) VALUES (?,?,?,?)"));
    q.addBindValue(c.codeHash);
    q.addBindValue(c.accountId);
    q.addBindValue(timeValue(c.createdAt));
    q.addBindValue(timeValue(c.expiresAt));
    return run(q, &m_failed);
}

std::optional<SupportCodeRecord> SandboxStore::supportCode(const QString &codeHash) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT code_hash, account_id, created_at, expires_at, withdrawn FROM "
                             "support_codes WHERE code_hash = ?"));
    q.addBindValue(codeHash);
    if (run(q, &m_failed) && q.next())
        return SupportCodeRecord{q.value(0).toString(), q.value(1).toString(), timeFrom(q.value(2)),
                                 timeFrom(q.value(3)), q.value(4).toBool()};
    return std::nullopt;
}

bool SandboxStore::withdrawSupportCodes(const QString &accountId) {
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("UPDATE support_codes SET withdrawn = 1 WHERE account_id = ? AND withdrawn = 0"));
    q.addBindValue(accountId);
    return run(q, &m_failed);
}

bool SandboxStore::addApiEvent(const QString &accountId, const ApiEventRecord &e) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO api_events (account_id, at, request_id, method, route, status, "
                             "error_code) VALUES (?,?,?,?,?,?,?)"));
    q.addBindValue(accountId);
    q.addBindValue(timeValue(e.at));
    q.addBindValue(e.requestId);
    q.addBindValue(e.method);
    q.addBindValue(e.route);
    q.addBindValue(e.status);
    q.addBindValue(text(e.errorCode.isEmpty() ? QString() : e.errorCode));
    if (!run(q, &m_failed))
        return false;
    QSqlQuery trim(m_db);
    trim.prepare(QStringLiteral("DELETE FROM api_events WHERE account_id = ? AND id NOT IN (SELECT id FROM "
                                "api_events WHERE account_id = ? ORDER BY id DESC LIMIT 50)"));
    trim.addBindValue(accountId);
    trim.addBindValue(accountId);
    return run(trim, &m_failed);
}

QList<ApiEventRecord> SandboxStore::apiEvents(const QString &accountId) {
    QList<ApiEventRecord> result;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT at, request_id, method, route, status, error_code, id FROM api_events "
                             "WHERE account_id = ? ORDER BY id DESC LIMIT 50"));
    q.addBindValue(accountId);
    if (run(q, &m_failed))
        while (q.next())
            result.append(ApiEventRecord{timeFrom(q.value(0)), q.value(1).toString(), q.value(2).toString(),
                                         q.value(3).toString(), q.value(4).toInt(), q.value(5).toString(),
                                         q.value(6).toLongLong()});
    return result;
}

} // namespace signup
