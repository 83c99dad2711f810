#pragma once

#include "api/apierror.h"

#include <QFrame>
#include <QTimer>
#include <QUrl>
#include <functional>

class QLabel;
class QPushButton;

namespace signup {

// The one place for problems that are not about a field: offline, TLS, server trouble, rate
// limits. Says what happened and what to do, shows the request id for support, and offers a
// Retry that repeats the action with everything the user typed.
class MessageArea : public QFrame {
    Q_OBJECT
public:
    explicit MessageArea(QWidget *parent = nullptr);

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

    QLabel *m_icon = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_text = nullptr;
    QLabel *m_requestId = nullptr;
    QLabel *m_address = nullptr;
    QPushButton *m_copy = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_dismiss = nullptr;
    QPushButton *m_help = nullptr;
    QPushButton *m_diagnostics = nullptr;
    QTimer m_countdown;
    qint64 m_retryAtMs = 0;
    std::function<void()> m_retryAction;
    ApiError m_error;
    bool m_hasError = false;
};

} // namespace signup
