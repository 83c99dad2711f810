#include "wizard/messagearea.h"

#include "ui_messagearea.h"
#include "wizard/fielderror.h"
#include "wizard/icons.h"
#include "wizard/uitext.h"

#include <QClipboard>
#include <QDateTime>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>

namespace signup {

MessageArea::MessageArea(QWidget *parent)
    : QFrame(parent)
    , ui(std::make_unique<Ui::MessageArea>()) {
    ui->setupUi(this);
    setBackgroundRole(QPalette::AlternateBase);
    ui->messageRequestId->setForegroundRole(QPalette::PlaceholderText); // the id comes from the server
    ui->messageAddress->hide();
    ui->copyAddressButton->hide();
    ui->messageHelpButton->hide();
    ui->messageDiagnosticsButton->hide();
    connect(ui->messageHelpButton, &QPushButton::clicked, this, &MessageArea::helpRequested);
    connect(ui->messageDiagnosticsButton, &QPushButton::clicked, this, &MessageArea::diagnosticsRequested);
    connect(ui->retryButton, &QPushButton::clicked, this, &MessageArea::onRetry);
    connect(ui->dismissMessageButton, &QPushButton::clicked, this, &MessageArea::clear);
    connect(ui->copyAddressButton, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(ui->messageAddress->text());
        ui->copyAddressButton->setText(tr("Copied"));
    });
    m_countdown.setInterval(500);
    connect(&m_countdown, &QTimer::timeout, this, &MessageArea::updateCountdown);
    hide();
}

MessageArea::~MessageArea() = default;

void MessageArea::showError(const ApiError &error, std::function<void()> retry) {
    const UiText::Problem problem = UiText::problem(error);
    m_error = error;
    m_hasError = true;
    m_retryAction = problem.retryable ? std::move(retry) : std::function<void()>();
    const bool warning = error.kind == ApiError::Kind::Http && error.httpStatus < 500;
    ui->messageIcon->setPixmap(
        Icons::pixmap(warning ? QStringLiteral("warning") : QStringLiteral("error"), 24, 24, this));
    ui->messageIcon->setAccessibleName(warning ? tr("Warning") : tr("Error"));
    ui->messageTitle->setText(problem.title);
    ui->messageText->setText(problem.advice);
    ui->messageRequestId->setVisible(!error.requestId.isEmpty());
    ui->messageAddress->hide();
    ui->copyAddressButton->hide();
    ui->messageText->setTextFormat(Qt::AutoText);
    ui->messageRequestId->setText(tr("Request id for support: %1").arg(error.requestId));
    ui->retryButton->setText(tr("&Retry"));
    ui->retryButton->setVisible(bool(m_retryAction));
    ui->retryButton->setEnabled(true);
    ui->dismissMessageButton->setText(tr("Dismiss"));
    ui->messageHelpButton->show();
    ui->messageDiagnosticsButton->show();
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
    ui->messageIcon->setPixmap(Icons::pixmap(icon, 24, 24, this));
    ui->messageIcon->setAccessibleName(icon == QLatin1String("error")     ? tr("Error")
                                       : icon == QLatin1String("warning") ? tr("Warning")
                                                                          : tr("Information"));
    ui->messageTitle->setText(title);
    ui->messageText->setTextFormat(Qt::PlainText);
    ui->messageText->setText(text);
    ui->messageRequestId->hide();
    ui->messageAddress->hide();
    ui->copyAddressButton->hide();
    ui->retryButton->hide();
    ui->messageHelpButton->hide();
    ui->messageDiagnosticsButton->hide();
    ui->dismissMessageButton->setText(tr("Dismiss"));
    setAccessibleDescription(title + QLatin1Char(' ') + text);
    show();
}

void MessageArea::showAddress(const QString &title, const QString &text, const QUrl &url) {
    showNotice(title, text, QStringLiteral("warning"));
    ui->messageAddress->setText(url.toString(QUrl::FullyEncoded));
    ui->messageAddress->show();
    ui->copyAddressButton->setText(tr("Copy a&ddress"));
    ui->copyAddressButton->show();
    setAccessibleDescription(title + QLatin1Char(' ') + text + QLatin1Char(' ') + ui->messageAddress->text());
}

QString MessageArea::address() const {
    return ui->messageAddress->isHidden() ? QString() : ui->messageAddress->text();
}

void MessageArea::clear() {
    m_countdown.stop();
    m_retryAction = {};
    m_hasError = false;
    m_error = ApiError();
    hide();
}

QString MessageArea::title() const {
    return isVisible() || !isHidden() ? ui->messageTitle->text() : QString();
}

QString MessageArea::text() const {
    return ui->messageText->text();
}

void MessageArea::updateCountdown() {
    const qint64 left = m_retryAtMs - QDateTime::currentMSecsSinceEpoch();
    if (left <= 0) {
        m_countdown.stop();
        ui->retryButton->setEnabled(true);
        ui->retryButton->setText(tr("&Retry"));
        setDescriptionIfChanged(ui->retryButton, QString());
        return;
    }
    const int seconds = int((left + 999) / 1000);
    ui->retryButton->setEnabled(false);
    ui->retryButton->setText(
        tr("Retry in %1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')));
    // The name stays "Retry"; the wait is in the description, in whole minutes.
    setDescriptionIfChanged(ui->retryButton,
                            seconds > 60 ? tr("Available in %n minutes.", nullptr, (seconds + 59) / 60)
                                         : tr("Available in less than a minute."));
}

void MessageArea::onRetry() {
    auto action = m_retryAction;
    clear();
    if (action)
        action();
}

} // namespace signup
