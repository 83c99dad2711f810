#pragma once

// What a person (or support) would see in the Secret Service, through its own command-line
// tool rather than through our code.

#include <QProcess>
#include <QString>

namespace signup::test {

// The secret stored for (service, key), or an empty string when there is none.
inline QString secretToolLookup(const QString &service, const QString &key) {
    QProcess p;
    p.start(QStringLiteral("secret-tool"),
            {QStringLiteral("lookup"), QStringLiteral("server"), service, QStringLiteral("user"), key});
    if (!p.waitForFinished(10000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace signup::test
