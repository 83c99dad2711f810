#pragma once

#include <QObject>
#include <QString>
#include <functional>

class QWidget;

namespace signup {

class MainWindow;
class RegistrationClient;

// Walks the wizard on a sandbox through every page as a user would (typing into the fields,
// using the sandbox tools for the email, the call and the bank) and saves a PNG of the window
// at each stop: docs/screenshots/ is made this way (scripts/screenshots.sh).
class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow *window, RegistrationClient *client, const QString &directory,
                   const QString &language, QObject *parent = nullptr);

    void start();

signals:
    void finished(bool ok);

private:
    void shootInvitation();
    using Step = std::function<void()>;
    void waitFor(const QString &what, std::function<bool()> condition, Step then, int timeoutMs = 20000);
    void shoot(const QString &name);
    void type(QWidget *widget, const QString &text);
    void click(const QString &objectName);
    template <typename T> T *find(const QString &objectName) const;
    void fail(const QString &why);

    MainWindow *m_window;
    RegistrationClient *m_client;
    QString m_directory;
    QString m_language;
    int m_counter = 0;
};

} // namespace signup
