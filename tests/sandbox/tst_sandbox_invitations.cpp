// Contract 1.1: emails and pages in the account's language (§1), joining a project by invitation (§5).
#include "support/sandboxfixture.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace signup;
using namespace signup::test;

namespace {

const QString Invitations = QStringLiteral("/sandbox/v1/invitations");

QString uniqueEmail(const QString &tag) {
    return QStringLiteral("%1.%2@example.com").arg(tag, QUuid::createUuid().toString(QUuid::Id128).left(8));
}

QJsonArray outboxFor(SandboxClient &client, const QString &email) {
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("to"), email);
    return client.get(QStringLiteral("/sandbox/v1/outbox?") + query.toString(QUrl::FullyEncoded))
        .json.value(QStringLiteral("messages"))
        .toArray();
}

QStringList details(const HttpResult &r) {
    QStringList ids;
    for (const QJsonValue &v :
         r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("details")).toArray())
        ids.append(v.toString());
    return ids;
}

struct Invite {
    QString email;
    QString url;
    QString token;
    QString projectId;
    QString projectName;
};

Invite invite(SandboxClient &client, const QString &email, const QString &language = QString(),
              const QStringList &roles = {QStringLiteral("member")}) {
    QJsonObject body{{QStringLiteral("email"), email},
                     {QStringLiteral("roles"), QJsonArray::fromStringList(roles)},
                     {QStringLiteral("project_name"), QStringLiteral("Data team")}};
    if (!language.isEmpty())
        body.insert(QStringLiteral("language"), language);
    const HttpResult r = client.post(Invitations, body);
    const QJsonObject invitation = r.json.value(QStringLiteral("invitation")).toObject();
    Invite result;
    result.email = email;
    result.url = invitation.value(QStringLiteral("url")).toString();
    result.token = result.url.section(u'/', -1);
    result.projectId =
        invitation.value(QStringLiteral("project")).toObject().value(QStringLiteral("id")).toString();
    result.projectName =
        invitation.value(QStringLiteral("project")).toObject().value(QStringLiteral("name")).toString();
    return result;
}

QString acceptPath(const QString &token) {
    return QStringLiteral("/api/v1/invitations/%1/accept").arg(token);
}

QJsonObject newAccountBody(const QString &password = StrongPassword,
                           const QString &language = QStringLiteral("en")) {
    return {{QStringLiteral("password"), password}, {QStringLiteral("language"), language}};
}

} // namespace

class SandboxInvitationsTest : public QObject {
    Q_OBJECT
private slots:
    void confirmationEmailInTheAccountsLanguage();
    void confirmPageAndThreeDsPagesInRussian();
    void createInvitation();
    void createInvitationRefusesBadInput();
    void invitationTokenIsStoredOnlyAsAHash();
    void getInvitation();
    void acceptWithANewAccount();
    void acceptRefusesAWeakPassword();
    void acceptWhenTheAccountExists();
    void acceptSignedIn();
    void expiredInvitation();
    void acceptIsRateLimited();
    void idempotentAccept();
    void invitePageForABrowser();
};

void SandboxInvitationsTest::confirmationEmailInTheAccountsLanguage() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString ru = uniqueEmail(QStringLiteral("ru"));
    const QString en = uniqueEmail(QStringLiteral("en"));
    const QString ruToken = client.createAccount(ru, QStringLiteral("ru-msk"), QStringLiteral("ru"));
    QVERIFY(!client.createAccount(en).isEmpty());
    QVERIFY(!ruToken.isEmpty());

    const QJsonObject ruMessage = outboxFor(client, ru).first().toObject();
    QCOMPARE(ruMessage.value(QStringLiteral("subject")).toString(), QStringLiteral("Завершите регистрацию"));
    const QString text = ruMessage.value(QStringLiteral("text")).toString();
    QVERIFY(text.startsWith(QStringLiteral("Здравствуйте!")));
    QVERIFY(text.contains(QStringLiteral("подтвердите адрес электронной почты")));
    QVERIFY(text.contains(ruMessage.value(QStringLiteral("confirm_url")).toString()));
    QCOMPARE(outboxFor(client, en).first().toObject().value(QStringLiteral("subject")).toString(),
             QStringLiteral("Complete your registration now"));

    // The language is stored with the account and shown in its registration.
    QCOMPARE(client.registration(ruToken).value(QStringLiteral("language")).toString(), QStringLiteral("ru"));

    // A resend and a changed address are written in Russian too.
    const QString changed = uniqueEmail(QStringLiteral("ru2"));
    QCOMPARE(client
                 .put(QStringLiteral("/api/v1/registration/email"), {{QStringLiteral("email"), changed}},
                      SandboxClient::auth(ruToken))
                 .status,
             200);
    QCOMPARE(outboxFor(client, changed).first().toObject().value(QStringLiteral("subject")).toString(),
             QStringLiteral("Завершите регистрацию"));
}

void SandboxInvitationsTest::confirmPageAndThreeDsPagesInRussian() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email = uniqueEmail(QStringLiteral("page"));
    const QString token = client.createAccount(email, QStringLiteral("ru-msk"), QStringLiteral("ru"));
    QVERIFY(!token.isEmpty());
    const QString confirmUrl = client.confirmUrl(email);
    const HttpResult page = client.get(confirmUrl.mid(f.sandbox->baseUrl().toString().size()));
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("content-type").startsWith("text/html"));
    QVERIFY(page.body.contains("lang=\"ru\""));
    QVERIFY(QString::fromUtf8(page.body).contains(QStringLiteral("Адрес подтверждён")));

    QVERIFY(client.confirmPhone(token, QStringLiteral("+79123450011")));
    const HttpResult card = client.post(QStringLiteral("/api/v1/registration/card"),
                                        {{QStringLiteral("number"), QStringLiteral("4000 0000 0000 3220")},
                                         {QStringLiteral("exp_month"), 12},
                                         {QStringLiteral("exp_year"), QDate::currentDate().year() + 2},
                                         {QStringLiteral("cvc"), QStringLiteral("123")}},
                                        SandboxClient::auth(token));
    QCOMPARE(card.status, 202);
    const QJsonObject reg = client.waitForCardDecision(token);
    const QString actionUrl =
        reg.value(QStringLiteral("card")).toObject().value(QStringLiteral("action_url")).toString();
    QVERIFY(!actionUrl.isEmpty());
    const QString actionPath = actionUrl.mid(f.sandbox->baseUrl().toString().size());
    const HttpResult threeDs = client.get(actionPath);
    QCOMPARE(threeDs.status, 200);
    const QString html = QString::fromUtf8(threeDs.body);
    QVERIFY(html.contains(QStringLiteral("lang=\"ru\"")));
    QVERIFY(html.contains(QStringLiteral("Банк просит подтвердить тестовое списание")));
    // The amount as Russian writes it: no kopecks when there are none, a no-break space before ₽.
    QVERIFY2(html.contains(QStringLiteral("<b>500\u00a0₽</b>")), qPrintable(html));
    QVERIFY(html.contains(QStringLiteral("Песочница мастера регистрации VK Cloud")));
    QVERIFY(html.contains(QStringLiteral("Подтвердить")));
    QVERIFY(html.contains(QStringLiteral("Отклонить")));
    const HttpResult result = client.send("POST", actionPath, "decision=approve",
                                          {{"Content-Type", "application/x-www-form-urlencoded"}});
    QCOMPARE(result.status, 200);
    QVERIFY(QString::fromUtf8(result.body).contains(QStringLiteral("Платёж подтверждён")));
}

void SandboxInvitationsTest::createInvitation() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email = uniqueEmail(QStringLiteral("anna"));
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const HttpResult r = client.post(
        Invitations,
        {{QStringLiteral("email"), email},
         {QStringLiteral("roles"), QJsonArray{QStringLiteral("project_admin"), QStringLiteral("viewer")}},
         {QStringLiteral("project_name"), QStringLiteral("Data team")}});
    QCOMPARE(r.status, 201);
    const QJsonObject invitation = r.json.value(QStringLiteral("invitation")).toObject();
    const QString url = invitation.value(QStringLiteral("url")).toString();
    QVERIFY2(url.startsWith(f.sandbox->baseUrl().toString() + QStringLiteral("/invite/")), qPrintable(url));
    QVERIFY(url.section(u'/', -1).size() >= 22); // at least 128 bits
    const QDateTime expires =
        QDateTime::fromString(invitation.value(QStringLiteral("expires_at")).toString(), Qt::ISODate);
    QVERIFY(expires >= before.addSecs(24 * 3600 - 5) && expires <= before.addSecs(24 * 3600 + 60));
    const QJsonObject project = invitation.value(QStringLiteral("project")).toObject();
    QVERIFY(QRegularExpression(QStringLiteral("^mcs[0-9]{10}$"))
                .match(project.value(QStringLiteral("id")).toString())
                .hasMatch());
    QCOMPARE(project.value(QStringLiteral("name")).toString(), QStringLiteral("Data team"));

    const QJsonArray messages = outboxFor(client, email);
    QCOMPARE(messages.size(), 1);
    const QJsonObject message = messages.first().toObject();
    QCOMPARE(message.value(QStringLiteral("subject")).toString(),
             QStringLiteral("Invitation to a VK Cloud project"));
    QCOMPARE(message.value(QStringLiteral("invite_url")).toString(), url);
    QVERIFY(message.value(QStringLiteral("confirm_url")).isNull());
    const QString text = message.value(QStringLiteral("text")).toString();
    QVERIFY(text.contains(url));
    QVERIFY(text.contains(QStringLiteral("Data team")));
    QVERIFY(text.contains(QStringLiteral("project administrator, viewer")));

    // In Russian when asked, or when the invited address has a Russian account.
    const QString ru = uniqueEmail(QStringLiteral("ru"));
    QVERIFY(!invite(client, ru, QStringLiteral("ru")).url.isEmpty());
    QCOMPARE(outboxFor(client, ru).first().toObject().value(QStringLiteral("subject")).toString(),
             QStringLiteral("Приглашение в проект VK Cloud"));
    const QString ruAccount = uniqueEmail(QStringLiteral("ruacc"));
    QVERIFY(!client.createAccount(ruAccount, QStringLiteral("ru-msk"), QStringLiteral("ru")).isEmpty());
    QVERIFY(!invite(client, ruAccount).url.isEmpty());
    const QJsonObject ruMessage = outboxFor(client, ruAccount).first().toObject();
    QCOMPARE(ruMessage.value(QStringLiteral("subject")).toString(),
             QStringLiteral("Приглашение в проект VK Cloud"));
    QVERIFY(ruMessage.value(QStringLiteral("text"))
                .toString()
                .contains(QStringLiteral("приглашает вас в проект «Data team»")));
}

void SandboxInvitationsTest::createInvitationRefusesBadInput() {
    SandboxFixture f;
    SandboxClient client = f.client();
    HttpResult r =
        client.post(Invitations, {{QStringLiteral("email"), QStringLiteral("anna+x@example")},
                                  {QStringLiteral("roles"), QJsonArray{QStringLiteral("member")}}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_email"));
    QCOMPARE(r.errorField(), QStringLiteral("email"));
    QVERIFY(details(r).contains(QStringLiteral("email_plus")));
    r = client.post(Invitations, {{QStringLiteral("email"), uniqueEmail(QStringLiteral("x"))}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("roles"));
    r = client.post(Invitations, {{QStringLiteral("roles"), QJsonArray{QStringLiteral("member")}}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("email"));
    QCOMPARE(outboxFor(client, QString()).size(), 0);
}

void SandboxInvitationsTest::invitationTokenIsStoredOnlyAsAHash() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const Invite i = invite(client, uniqueEmail(QStringLiteral("hash")));
    QVERIFY(!i.token.isEmpty());
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(f.dir.filePath(QStringLiteral("sandbox.sqlite")));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT * FROM invitations")));
        QVERIFY(q.next());
        bool hashFound = false;
        for (int c = 0; c < q.record().count(); ++c) {
            QVERIFY(!q.value(c).toString().contains(i.token));
            hashFound =
                hashFound ||
                q.value(c).toString() ==
                    QString::fromLatin1(
                        QCryptographicHash::hash(i.token.toUtf8(), QCryptographicHash::Sha256).toHex());
        }
        QVERIFY(hashFound);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
}

void SandboxInvitationsTest::getInvitation() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email = uniqueEmail(QStringLiteral("Olga"));
    const Invite i =
        invite(client, email, QString(), {QStringLiteral("member"), QStringLiteral("network_admin")});
    const HttpResult r = client.get(QStringLiteral("/api/v1/invitations/") + i.token);
    QCOMPARE(r.status, 200);
    const QJsonObject invitation = r.json.value(QStringLiteral("invitation")).toObject();
    QCOMPARE(invitation.value(QStringLiteral("project")).toObject().value(QStringLiteral("id")).toString(),
             i.projectId);
    QCOMPARE(invitation.value(QStringLiteral("project")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("Data team"));
    QCOMPARE(invitation.value(QStringLiteral("roles")).toArray(),
             (QJsonArray{QStringLiteral("member"), QStringLiteral("network_admin")}));
    QCOMPARE(invitation.value(QStringLiteral("email")).toString(), email);
    QCOMPARE(invitation.value(QStringLiteral("invited_by")).toString(), QStringLiteral("o***@example.com"));
    QVERIFY(QDateTime::fromString(invitation.value(QStringLiteral("expires_at")).toString(), Qt::ISODate)
                .isValid());
    QCOMPARE(invitation.value(QStringLiteral("account_exists")).toBool(), false);
    QCOMPARE(invitation.value(QStringLiteral("status")).toString(), QStringLiteral("pending"));

    const HttpResult unknown =
        client.get(QStringLiteral("/api/v1/invitations/") + QStringLiteral("A").repeated(43));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.errorCode(), QStringLiteral("invitation_not_found"));
    const HttpResult unknownAccept = client.post(acceptPath(QStringLiteral("nope")), newAccountBody());
    QCOMPARE(unknownAccept.status, 404);
    QCOMPARE(unknownAccept.errorCode(), QStringLiteral("invitation_not_found"));
}

void SandboxInvitationsTest::acceptWithANewAccount() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email = uniqueEmail(QStringLiteral("new"));
    const Invite i = invite(client, email, QString(), {QStringLiteral("project_admin")});
    const HttpResult r =
        client.post(acceptPath(i.token), newAccountBody(StrongPassword, QStringLiteral("ru")));
    QCOMPARE(r.status, 201);
    const QString token =
        r.json.value(QStringLiteral("session")).toObject().value(QStringLiteral("token")).toString();
    QVERIFY(token.size() >= 22);
    const QJsonObject reg = r.json.value(QStringLiteral("registration")).toObject();
    QCOMPARE(reg.value(QStringLiteral("email")).toString(), email);
    const QJsonObject steps = reg.value(QStringLiteral("steps")).toObject();
    QCOMPARE(steps.value(QStringLiteral("account_created")).toBool(), true);
    QCOMPARE(steps.value(QStringLiteral("email_confirmed")).toBool(), true);
    QCOMPARE(steps.value(QStringLiteral("phone_confirmed")).toBool(), false);
    QCOMPARE(steps.value(QStringLiteral("card_linked")).toBool(), false);
    QCOMPARE(reg.value(QStringLiteral("next_step")).toString(), QStringLiteral("done"));
    QVERIFY(reg.value(QStringLiteral("project")).isNull());
    QCOMPARE(reg.value(QStringLiteral("language")).toString(), QStringLiteral("ru"));
    const QString consoleUrl = reg.value(QStringLiteral("console_url")).toString();
    QCOMPARE(consoleUrl,
             f.sandbox->baseUrl().toString() + QStringLiteral("/sandbox/v1/console/") + i.projectId);
    const QJsonArray memberships = reg.value(QStringLiteral("memberships")).toArray();
    QCOMPARE(memberships.size(), 1);
    QCOMPARE(memberships.first().toObject().value(QStringLiteral("project")).toObject(),
             (QJsonObject{{QStringLiteral("id"), i.projectId},
                          {QStringLiteral("name"), QStringLiteral("Data team")}}));
    QCOMPARE(memberships.first().toObject().value(QStringLiteral("roles")).toArray(),
             QJsonArray{QStringLiteral("project_admin")});

    // The session works, the console page names the project, and no confirmation email was sent.
    QCOMPARE(client.registration(token), reg);
    const HttpResult console = client.get(consoleUrl.mid(f.sandbox->baseUrl().toString().size()));
    QCOMPARE(console.status, 200);
    QVERIFY(console.body.contains("Data team"));
    QCOMPARE(outboxFor(client, email).size(), 1); // the invitation only

    // Used: both routes say so; the password signs in.
    HttpResult again = client.get(QStringLiteral("/api/v1/invitations/") + i.token);
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), QStringLiteral("invitation_used"));
    again = client.post(acceptPath(i.token), newAccountBody());
    QCOMPARE(again.status, 409);
    QCOMPARE(again.errorCode(), QStringLiteral("invitation_used"));
    const HttpResult signIn =
        client.post(QStringLiteral("/api/v1/sessions"),
                    {{QStringLiteral("email"), email}, {QStringLiteral("password"), StrongPassword}});
    QCOMPARE(signIn.status, 201);

    // An owner who joined nothing has an empty list.
    const QString owner = client.createAccount(uniqueEmail(QStringLiteral("owner")));
    QCOMPARE(client.registration(owner).value(QStringLiteral("memberships")).toArray(), QJsonArray());
}

void SandboxInvitationsTest::acceptRefusesAWeakPassword() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const Invite i = invite(client, uniqueEmail(QStringLiteral("weak")));
    HttpResult r = client.post(acceptPath(i.token), newAccountBody(QStringLiteral("пароль")));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QStringLiteral("invalid_password"));
    QCOMPARE(r.errorField(), QStringLiteral("password"));
    const QStringList failed = details(r);
    QVERIFY(failed.contains(QStringLiteral("password_length")));
    QVERIFY(failed.contains(QStringLiteral("password_charset")));
    QVERIFY(failed.contains(QStringLiteral("password_upper")));
    r = client.post(acceptPath(i.token), {{QStringLiteral("language"), QStringLiteral("en")}});
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("password"));
    r = client.post(acceptPath(i.token), newAccountBody(StrongPassword, QStringLiteral("de")));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorField(), QStringLiteral("language"));
    // Still pending.
    QCOMPARE(client.get(QStringLiteral("/api/v1/invitations/") + i.token).status, 200);
}

void SandboxInvitationsTest::acceptWhenTheAccountExists() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email = uniqueEmail(QStringLiteral("exists"));
    QVERIFY(!client.createAccount(email).isEmpty());
    const Invite i = invite(client, email.toUpper());
    const HttpResult info = client.get(QStringLiteral("/api/v1/invitations/") + i.token);
    QCOMPARE(info.json.value(QStringLiteral("invitation"))
                 .toObject()
                 .value(QStringLiteral("account_exists"))
                 .toBool(),
             true);
    const HttpResult r = client.post(acceptPath(i.token), newAccountBody());
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("account_exists"));
    QCOMPARE(client.get(QStringLiteral("/api/v1/invitations/") + i.token).status, 200);
}

void SandboxInvitationsTest::acceptSignedIn() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email = uniqueEmail(QStringLiteral("member"));
    const QString token = client.createAccount(email);
    const QString otherToken = client.createAccount(uniqueEmail(QStringLiteral("other")));
    QVERIFY(!token.isEmpty() && !otherToken.isEmpty());
    const Invite i = invite(client, email, QString(), {QStringLiteral("viewer")});

    HttpResult r = client.post(acceptPath(i.token), {}, SandboxClient::auth(otherToken));
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QStringLiteral("invitation_email_mismatch"));
    r = client.post(acceptPath(i.token), {}, SandboxClient::auth(QStringLiteral("not-a-token")));
    QCOMPARE(r.status, 401);
    r = client.post(acceptPath(QStringLiteral("unknown-token")), {}, SandboxClient::auth(token));
    QCOMPARE(r.status, 404);
    QCOMPARE(r.errorCode(), QStringLiteral("invitation_not_found"));

    const QJsonObject before = client.registration(token);
    // A long poll of the member's wizard wakes up when the membership arrives.
    QNetworkReply *poll = client.start("GET",
                                       QStringLiteral("/api/v1/registration?wait=20&since=%1")
                                           .arg(before.value(QStringLiteral("version")).toInteger()),
                                       {}, SandboxClient::auth(token));
    r = client.post(acceptPath(i.token), {}, SandboxClient::auth(token));
    QCOMPARE(r.status, 200);
    QVERIFY(r.json.value(QStringLiteral("version")).toInteger() >
            before.value(QStringLiteral("version")).toInteger());
    QCOMPARE(
        r.json.value(QStringLiteral("steps")).toObject().value(QStringLiteral("email_confirmed")).toBool(),
        true);
    QCOMPARE(r.json.value(QStringLiteral("next_step")).toString(), QStringLiteral("done"));
    QCOMPARE(r.json.value(QStringLiteral("memberships")).toArray().size(), 1);
    QCOMPARE(r.json.value(QStringLiteral("console_url")).toString(),
             f.sandbox->baseUrl().toString() + QStringLiteral("/sandbox/v1/console/") + i.projectId);
    QElapsedTimer woke;
    woke.start();
    const HttpResult polled = SandboxClient::wait(poll);
    QVERIFY(woke.elapsed() < 10000);
    QCOMPARE(polled.json.value(QStringLiteral("memberships")).toArray().size(), 1);

    r = client.post(acceptPath(i.token), {}, SandboxClient::auth(token));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QStringLiteral("invitation_used"));
}

void SandboxInvitationsTest::expiredInvitation() {
    SandboxFixture f; // invitations work for 24 h: the test moves the sandbox's clock past that
    SandboxClient client = f.client();
    const Invite i = invite(client, uniqueEmail(QStringLiteral("late")));
    QCOMPARE(client.get(QStringLiteral("/api/v1/invitations/") + i.token).status, 200);
    QVERIFY(f.sandbox->advanceClock(24 * 3600 + 1));
    const HttpResult info = client.get(QStringLiteral("/api/v1/invitations/") + i.token);
    QCOMPARE(info.status, 410);
    QCOMPARE(info.errorCode(), QStringLiteral("invitation_expired"));
    const HttpResult r = client.post(acceptPath(i.token), newAccountBody());
    QCOMPARE(r.status, 410);
    QCOMPARE(r.errorCode(), QStringLiteral("invitation_expired"));
    // Signed in as the invited address, the same.
    const QString token = client.createAccount(i.email);
    QVERIFY(!token.isEmpty());
    const HttpResult signedIn = client.post(acceptPath(i.token), {}, SandboxClient::auth(token));
    QCOMPARE(signedIn.status, 410);
    QCOMPARE(signedIn.errorCode(), QStringLiteral("invitation_expired"));
}

void SandboxInvitationsTest::acceptIsRateLimited() {
    SandboxFixture f([](SandboxOptions &o) { o.accountCreationsPerMinute = 1; });
    SandboxClient client = f.client();
    const Invite first = invite(client, uniqueEmail(QStringLiteral("one")));
    const Invite second = invite(client, uniqueEmail(QStringLiteral("two")));
    QCOMPARE(client.post(acceptPath(first.token), newAccountBody()).status, 201);
    const HttpResult r = client.post(acceptPath(second.token), newAccountBody());
    QCOMPARE(r.status, 429);
    QCOMPARE(r.errorCode(), QStringLiteral("rate_limited"));
    QVERIFY(r.header("retry-after").toInt() >= 1);
    QVERIFY(r.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("retry_after")).toInt() >=
            1);
}

void SandboxInvitationsTest::idempotentAccept() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const QString email = uniqueEmail(QStringLiteral("idem"));
    const Headers key{{"Idempotency-Key", "invite-1"}};
    const QJsonObject body{{QStringLiteral("email"), email},
                           {QStringLiteral("roles"), QJsonArray{QStringLiteral("member")}}};
    const HttpResult created = client.post(Invitations, body, key);
    QCOMPARE(created.status, 201);
    const HttpResult createdAgain = client.post(Invitations, body, key);
    QCOMPARE(createdAgain.status, 201);
    QCOMPARE(createdAgain.header("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(createdAgain.body, created.body);
    QCOMPARE(outboxFor(client, email).size(), 1);

    const QString token = created.json.value(QStringLiteral("invitation"))
                              .toObject()
                              .value(QStringLiteral("url"))
                              .toString()
                              .section(u'/', -1);
    const Headers acceptKey{{"Idempotency-Key", "accept-1"}};
    const HttpResult accepted = client.post(acceptPath(token), newAccountBody(), acceptKey);
    QCOMPARE(accepted.status, 201);
    const HttpResult replay = client.post(acceptPath(token), newAccountBody(), acceptKey);
    QCOMPARE(replay.status, 201);
    QCOMPARE(replay.header("idempotent-replayed"), QByteArray("true"));
    QCOMPARE(replay.json, accepted.json);
    const HttpResult reused =
        client.post(acceptPath(token), newAccountBody(QStringLiteral("Other-Pass2")), acceptKey);
    QCOMPARE(reused.status, 422);
    QCOMPARE(reused.errorCode(), QStringLiteral("idempotency_key_reused"));
}

void SandboxInvitationsTest::invitePageForABrowser() {
    SandboxFixture f;
    SandboxClient client = f.client();
    const Invite i = invite(client, uniqueEmail(QStringLiteral("page")), QStringLiteral("ru"));
    const HttpResult page = client.get(i.url.mid(f.sandbox->baseUrl().toString().size()));
    QCOMPARE(page.status, 200);
    QVERIFY(page.header("content-type").startsWith("text/html"));
    QVERIFY(QString::fromUtf8(page.body).contains(QStringLiteral("Вас пригласили в проект «Data team»")));
    QCOMPARE(client.get(QStringLiteral("/invite/unknown")).status, 404);
}

QTEST_GUILESS_MAIN(SandboxInvitationsTest)
#include "tst_sandbox_invitations.moc"
