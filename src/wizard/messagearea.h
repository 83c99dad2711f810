#pragma once

#include "api/apierror.h"

#include <QFrame>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <memory>

namespace Ui {
class MessageArea;
}

namespace signup {

// The one place for problems that are not about a field: offline, TLS, server trouble, rate
// limits. Says what happened and what to do, shows the request id for support, and offers a
// Retry that repeats the action with everything the user typed. The form is ui/messagearea.ui.
class MessageArea : public QFrame {
    Q_OBJECT
public:
    explicit MessageArea(QWidget *parent = nullptr);
    ~MessageArea() override;

    void showError(const ApiError &error, std::function<void()> retry = {});
    // A notice that is not an error (for example: progress cannot be resumed later). Plain text.
    void showNotice(const QString &title, const QString &text, const QString &icon = QStringLiteral("info"));
    // A page that could not be opened: the address, selectable, with a Copy button.
    void showAddress(const QString &title, const QString &text, const QUrl &url);
    QString address() const;
    void clear();
    bool hasError() const { return m_hasError; }
    QString title() const;
    QString text() const;
    ApiError error() const { return m_error; }

signals:
    // "Get help" next to an error: the window opens the support code dialog.
    void helpRequested();
    void diagnosticsRequested();

private:
    void updateCountdown();
    void onRetry();

    std::unique_ptr<Ui::MessageArea> ui; // ui/messagearea.ui
    QTimer m_countdown;
    qint64 m_retryAtMs = 0;
    std::function<void()> m_retryAction;
    ApiError m_error;
    bool m_hasError = false;
};

} // namespace signup
