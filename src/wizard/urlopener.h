#pragma once

#include <QObject>
#include <QUrl>
#include <functional>

namespace signup {

// Hands addresses to the system browser, and only addresses the wizard expects: https on the
// backend's own host (the embedded sandbox: its exact origin) or on VK Cloud's hosts (cloud.vk.com,
// *.vk.com, *.mcs.mail.ru). A server sends action_url and console_url; a malicious one must not
// make the desktop open file://, smb:// or a custom scheme.
//
// Whether the browser really opened is reported: on Linux xdg-open's exit status is awaited (off
// the GUI thread's critical path: asynchronously), elsewhere QDesktopServices::openUrl's answer.
class UrlOpener : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Opened, Refused, Failed };
    Q_ENUM(Outcome)

    explicit UrlOpener(QObject *parent = nullptr);

    // Empty reason when allowed; otherwise English, for the terminal.
    static QString refusalReason(const QUrl &url, const QUrl &backend);

    // Replaces the system browser (tests, the screenshot run): returns whether it opened.
    void setLauncher(std::function<bool(const QUrl &)> launcher) { m_launcher = std::move(launcher); }

    // `done` runs exactly once, later, unless `context` is gone.
    void open(const QUrl &url, const QUrl &backend, QObject *context, std::function<void(Outcome)> done);

private:
    void launchWithSystem(const QUrl &url, std::function<void(bool)> finished);
    std::function<bool(const QUrl &)> m_launcher;
};

} // namespace signup
