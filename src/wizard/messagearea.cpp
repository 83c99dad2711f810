#include "wizard/messagearea.h"

#include "wizard/fielderror.h"
#include "wizard/icons.h"
#include "wizard/uitext.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace signup {

MessageArea::MessageArea(QWidget *parent)
    : QFrame(parent) {
    setObjectName(QStringLiteral("messageArea"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    m_icon = new QLabel(this);
    m_icon->setFixedSize(24, 24);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    auto *textColumn = new QVBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("messageTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_requestId = new QLabel(this);
    m_requestId->setObjectName(QStringLiteral("messageRequestId"));
    m_requestId->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_requestId->setForegroundRole(QPalette::PlaceholderText);
    m_requestId->setTextFormat(Qt::PlainText); // the request id comes from the server
    m_address = new QLabel(this);
    m_address->setObjectName(QStringLiteral("messageAddress"));
    m_address->setTextFormat(Qt::PlainText);
    m_address->setWordWrap(true);
    m_address->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_address->hide();
    textColumn->addWidget(m_title);
    textColumn->addWidget(m_text);
    textColumn->addWidget(m_requestId);
    textColumn->addWidget(m_address);
    layout->addLayout(textColumn, 1);
    auto *buttons = new QVBoxLayout;
    m_retry = new QPushButton(this);
    m_retry->setObjectName(QStringLiteral("retryButton"));
    m_retry->setAutoDefault(true);
    m_retry->setAccessibleName(tr("Retry"));
    m_dismiss = new QPushButton(this);
    m_dismiss->setObjectName(QStringLiteral("dismissMessageButton"));
    m_dismiss->setAutoDefault(true);
    m_copy = new QPushButton(this);
    m_copy->setObjectName(QStringLiteral("copyAddressButton"));
    m_copy->setAutoDefault(true);
    m_copy->hide();
    buttons->addWidget(m_retry);
    buttons->addWidget(m_copy);
    buttons->addWidget(m_dismiss);
    // No mnemonic: F1 opens the same dialog on every page.
    m_help = new QPushButton(tr("Get help (F1)"), this);
    m_help->setObjectName(QStringLiteral("messageHelpButton"));
    m_help->setAutoDefault(true);
    m_help->hide();
    buttons->addWidget(m_help);
    connect(m_help, &QPushButton::clicked, this, &MessageArea::helpRequested);
    m_diagnostics = new QPushButton(tr("Copy diagnostics"), this);
    m_diagnostics->setObjectName(QStringLiteral("messageDiagnosticsButton"));
    m_diagnostics->setAutoDefault(true);
    m_diagnostics->hide();
    buttons->addWidget(m_diagnostics);
    connect(m_diagnostics, &QPushButton::clicked, this, &MessageArea::diagnosticsRequested);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(m_retry, &QPushButton::clicked, this, &MessageArea::onRetry);
    connect(m_dismiss, &QPushButton::clicked, this, &MessageArea::clear);
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_address->text());
        m_copy->setText(tr("Copied"));
    });
    m_countdown.setInterval(500);
    connect(&m_countdown, &QTimer::timeout, this, &MessageArea::updateCountdown);
    setAccessibleName(tr("Message"));
    hide();
}

void MessageArea::showError(const ApiError &error, std::function<void()> retry) {
    const UiText::Problem problem = UiText::problem(error);
    m_error = error;
    m_hasError = true;
    m_retryAction = problem.retryable ? std::move(retry) : std::function<void()>();
    const bool warning = error.kind == ApiError::Kind::Http && error.httpStatus < 500;
    m_icon->setPixmap(
        Icons::pixmap(warning ? QStringLiteral("warning") : QStringLiteral("error"), 24, 24, this));
    m_icon->setAccessibleName(warning ? tr("Warning") : tr("Error"));
    m_title->setText(problem.title);
    m_text->setText(problem.advice);
    m_requestId->setVisible(!error.requestId.isEmpty());
    m_address->hide();
    m_copy->hide();
    m_text->setTextFormat(Qt::AutoText);
    m_requestId->setText(tr("Request id for support: %1").arg(error.requestId));
    m_retry->setText(tr("&Retry"));
    m_retry->setVisible(bool(m_retryAction));
    m_retry->setEnabled(true);
    m_dismiss->setText(tr("Dismiss"));
    m_help->show();
    m_diagnostics->show();
    m_retryAtMs = 0;
    if (error.retryAfterSeconds > 0) {
        m_retryAtMs = QDateTime::currentMSecsSinceEpoch() + qint64(error.retryAfterSeconds) * 1000;
        m_countdown.start();
        updateCountdown();
    } else {
        m_countdown.stop();
    }
    setAccessibleDescription(problem.title + QLatin1Char(' ') + problem.advice);
    show();
}

void MessageArea::showNotice(const QString &title, const QString &text, const QString &icon) {
    m_error = ApiError();
    m_hasError = false;
    m_retryAction = {};
    m_countdown.stop();
    m_icon->setPixmap(Icons::pixmap(icon, 24, 24, this));
    m_icon->setAccessibleName(icon == QLatin1String("error")     ? tr("Error")
                              : icon == QLatin1String("warning") ? tr("Warning")
                                                                 : tr("Information"));
    m_title->setText(title);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setText(text);
    m_requestId->hide();
    m_address->hide();
    m_copy->hide();
    m_retry->hide();
    m_help->hide();
    m_diagnostics->hide();
    m_dismiss->setText(tr("Dismiss"));
    setAccessibleDescription(title + QLatin1Char(' ') + text);
    show();
}

void MessageArea::showAddress(const QString &title, const QString &text, const QUrl &url) {
    showNotice(title, text, QStringLiteral("warning"));
    m_address->setText(url.toString(QUrl::FullyEncoded));
    m_address->show();
    m_copy->setText(tr("Copy a&ddress"));
    m_copy->show();
    setAccessibleDescription(title + QLatin1Char(' ') + text + QLatin1Char(' ') + m_address->text());
}

QString MessageArea::address() const {
    return m_address->isHidden() ? QString() : m_address->text();
}

void MessageArea::clear() {
    m_countdown.stop();
    m_retryAction = {};
    m_hasError = false;
    m_error = ApiError();
    hide();
}

QString MessageArea::title() const {
    return isVisible() || !isHidden() ? m_title->text() : QString();
}

QString MessageArea::text() const {
    return m_text->text();
}

void MessageArea::updateCountdown() {
    const qint64 left = m_retryAtMs - QDateTime::currentMSecsSinceEpoch();
    if (left <= 0) {
        m_countdown.stop();
        m_retry->setEnabled(true);
        m_retry->setText(tr("&Retry"));
        setDescriptionIfChanged(m_retry, QString());
        return;
    }
    const int seconds = int((left + 999) / 1000);
    m_retry->setEnabled(false);
    m_retry->setText(tr("Retry in %1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')));
    // The name stays "Retry"; the wait is in the description, in whole minutes.
    setDescriptionIfChanged(m_retry, seconds > 60
                                         ? tr("Available in %n minutes.", nullptr, (seconds + 59) / 60)
                                         : tr("Available in less than a minute."));
}

void MessageArea::onRetry() {
    auto action = m_retryAction;
    clear();
    if (action)
        action();
}

} // namespace signup
