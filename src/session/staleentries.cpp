#include "session/staleentries.h"

#include <QPointer>
#include <QRegularExpression>
#include <memory>

#ifdef VKSIGNUP_HAVE_QTDBUS
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QMap>
#endif

namespace signup {

bool isStaleEmbeddedSandboxKey(const QString &key, const QString &currentKey) {
    if (key == currentKey)
        return false;
    if (key.startsWith(QLatin1String("sandbox:")))
        return true;
    static const QRegularExpression loopback(QStringLiteral("^https://127\\.0\\.0\\.1:(\\d{1,5})$"));
    const QRegularExpressionMatch m = loopback.match(key);
    return m.hasMatch() && m.captured(1).toInt() >= 32768;
}

#ifdef VKSIGNUP_HAVE_QTDBUS
namespace {

const QString kSecrets = QStringLiteral("org.freedesktop.secrets");

// D-Bus hands compound values over as QDBusArgument, or already converted when the type is known.
template <typename T> T fromDBus(const QVariant &value) {
    if (value.canConvert<QDBusArgument>() && value.userType() == qMetaTypeId<QDBusArgument>()) {
        T converted;
        value.value<QDBusArgument>() >> converted;
        return converted;
    }
    return value.value<T>();
}

struct Cleanup {
    QPointer<QObject> context;
    bool hasContext = false;
    std::function<void(int)> done;
    std::function<bool(const QString &)> isStale;
    int outstanding = 0;
    int removed = 0;
    bool finished = false;

    void finishIfIdle() {
        if (outstanding > 0 || finished)
            return;
        finished = true;
        if (done && (!hasContext || context))
            done(removed);
    }
};

template <typename F>
void whenAnswered(const QDBusMessage &call, const std::shared_ptr<Cleanup> &c, F onReply) {
    ++c->outstanding;
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call, 10000));
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, watcher,
                     [c, onReply](QDBusPendingCallWatcher *w) {
                         w->deleteLater();
                         if (!w->isError())
                             onReply(w->reply());
                         --c->outstanding;
                         c->finishIfIdle();
                     });
}

void inspectItem(const QString &path, const std::shared_ptr<Cleanup> &c) {
    QDBusMessage get = QDBusMessage::createMethodCall(
        kSecrets, path, QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"));
    get << QStringLiteral("org.freedesktop.Secret.Item") << QStringLiteral("Attributes");
    whenAnswered(get, c, [c, path](const QDBusMessage &reply) {
        if (reply.arguments().isEmpty())
            return;
        const auto attributes =
            fromDBus<QMap<QString, QString>>(reply.arguments().first().value<QDBusVariant>().variant());
        if (!c->isStale(attributes.value(QStringLiteral("user"))))
            return;
        const QDBusMessage del = QDBusMessage::createMethodCall(
            kSecrets, path, QStringLiteral("org.freedesktop.Secret.Item"), QStringLiteral("Delete"));
        whenAnswered(del, c, [c](const QDBusMessage &answer) {
            // "/" means deleted without a prompt; a prompt path means it would need one: left alone.
            if (!answer.arguments().isEmpty() &&
                answer.arguments().first().value<QDBusObjectPath>().path() == QLatin1String("/"))
                ++c->removed;
        });
    });
}

} // namespace
#endif

void removeStaleKeychainEntries(const QString &service, std::function<bool(const QString &key)> isStale,
                                QObject *context, std::function<void(int removed)> done) {
    auto c = std::make_shared<Cleanup>();
    c->context = context;
    c->hasContext = context != nullptr;
    c->done = std::move(done);
    c->isStale = std::move(isStale);
#ifdef VKSIGNUP_HAVE_QTDBUS
    if (QDBusConnection::sessionBus().isConnected()) {
        qDBusRegisterMetaType<QMap<QString, QString>>();
        QDBusMessage search = QDBusMessage::createMethodCall(
            kSecrets, QStringLiteral("/org/freedesktop/secrets"),
            QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("SearchItems"));
        QMap<QString, QString> attributes{{QStringLiteral("server"), service}};
        search << QVariant::fromValue(attributes);
        whenAnswered(search, c, [c](const QDBusMessage &reply) {
            // (unlocked, locked): locked items are not touched, that would prompt.
            if (reply.arguments().isEmpty())
                return;
            const auto unlocked = fromDBus<QList<QDBusObjectPath>>(reply.arguments().first());
            for (const QDBusObjectPath &item : unlocked)
                inspectItem(item.path(), c);
        });
        return;
    }
#else
    Q_UNUSED(service)
#endif
    c->finishIfIdle();
}

} // namespace signup
