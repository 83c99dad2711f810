#pragma once

#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>
#include <functional>
#include <memory>

namespace signup {

class MainWindow;
class RegistrationClient;
struct WizardOptions;

// A backend that runs inside the wizard's process (the embedded sandbox). The wizard library does
// not depend on the sandbox: the program that composes them (app/wizard) provides it.
// start() returns at once; started() or failed() follows on the caller's thread.
class LocalBackend : public QObject {
    Q_OBJECT
public:
    struct Options {
        QString dataDir;                // the backend's database, certificate and outbox
        int passwordHashIterations = 0; // 0: the backend's default
    };

    using QObject::QObject;
    ~LocalBackend() override = default;

    virtual void start(const Options &options) = 0;
    // Blocking: for command-line modes without a GUI thread (--diagnostics).
    virtual bool startAndWait(const Options &options, int timeoutMs) = 0;
    virtual bool isRunning() const = 0;
    virtual QUrl baseUrl() const = 0;                  // "https://127.0.0.1:<port>"
    virtual QSslCertificate caCertificate() const = 0; // the only CA its certificate chains to
    virtual QString supportKey() const = 0;
    virtual QString errorString() const = 0;

signals:
    void started();
    void failed(const QString &error);
};

// What a program adds to the wizard library.
struct WizardComposition {
    // Makes the embedded sandbox; empty: the program needs an API URL.
    std::function<std::unique_ptr<LocalBackend>()> localBackend;
    // A tool that drives the shown window (the screenshot tour, app/screenshots). Given, the program
    // accepts --screenshot-dir and calls it once the wizard shows on a throwaway sandbox.
    std::function<void(MainWindow *window, RegistrationClient *client, const WizardOptions &options)>
        screenshotTour;
};

} // namespace signup
