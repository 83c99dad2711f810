#include "sandbox/store.h"

#include <QFile>
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
    a.language = q.value(i++).toString();
    a.createdAt = timeFrom(q.value(i++));
    a.version = q.value(i++).toLongLong();
    a.emailConfirmed = q.value(i++).toBool();
    a.emailResendAvailableAt = timeFrom(q.value(i++));
    a.phoneE164 = q.value(i++).toString();
    a.phoneStatus = q.value(i++).toString();
    a.phoneCallTo = q.value(i++).toString();
    a.phoneExpiresAt = timeFrom(q.value(i++));
    a.phoneAttemptsLeft = q.value(i++).toInt();
    a.cardStatus = q.value(i++).toString();
    a.cardBrand = q.value(i++).toString();
    a.cardLast4 = q.value(i++).toString();
    a.cardActionId = q.value(i++).toString();
    a.cardDeclineCode = q.value(i++).toString();
    a.cardTokenHash = q.value(i++).toString();
    a.cardPendingOutcome = q.value(i++).toString();
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
        a.language,
        timeValue(a.createdAt),
        a.version,
        a.emailConfirmed ? 1 : 0,
        timeValue(a.emailResendAvailableAt),
        text(a.phoneE164),
        text(a.phoneStatus),
        text(a.phoneCallTo),
        timeValue(a.phoneExpiresAt),
        a.phoneAttemptsLeft,
        text(a.cardStatus),
        text(a.cardBrand),
        text(a.cardLast4),
        text(a.cardActionId),
        text(a.cardDeclineCode),
        text(a.cardTokenHash),
        text(a.cardPendingOutcome),
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

SandboxStore::SandboxStore()
    : m_connectionName(QStringLiteral("vksignup-sandbox-") +
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
    if (!migrate(error))
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

QList<AccountRecord> SandboxStore::accountsWithCardStatus(const QString &status) {
    QList<AccountRecord> result;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM accounts WHERE card_status = ?").arg(QLatin1String(AccountColumns)));
    q.addBindValue(status);
    if (run(q, &m_failed))
        while (q.next())
            result.append(accountFrom(q));
    return result;
}

QList<AccountRecord> SandboxStore::accountsWithPhoneStatus(const QString &status) {
    QList<AccountRecord> result;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM accounts WHERE phone_status = ?").arg(QLatin1String(AccountColumns)));
    q.addBindValue(status);
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
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(expiresAt.toMSecsSinceEpoch());
    return run(q, &m_failed);
}

QString SandboxStore::accountForSession(const QString &tokenHash) {
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT account_id FROM sessions WHERE token_hash = ? AND revoked = 0 AND expires_at > ?"));
    q.addBindValue(tokenHash);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
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
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
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
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return run(q, &m_failed);
}

bool SandboxStore::insertOutbox(const OutboxMessage &m, const QString &toKey) {
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

QList<OutboxMessage> SandboxStore::outbox(const QString &toKey) {
    QList<OutboxMessage> result;
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
            result.append(OutboxMessage{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
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
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
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

} // namespace signup
