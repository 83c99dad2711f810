#include "wizard/supportcodedialog.h"

#include "wizard/uitext.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace signup {

SupportCodeDialog::SupportCodeDialog(SupportSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session) {
    setObjectName(QStringLiteral("supportCodeDialog"));
    setWindowTitle(tr("Get help from support"));
    auto *layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    layout->addWidget(m_pages);

    // Page 1: what is shared, and the customer's consent.
    auto *consent = new QWidget(m_pages);
    auto *consentLayout = new QVBoxLayout(consent);
    m_consentText = new QLabel(consent);
    m_consentText->setObjectName(QStringLiteral("supportConsentText"));
    m_consentText->setWordWrap(true);
    m_consentText->setTextFormat(Qt::RichText);
    m_consentText->setText(
        tr("<p>Support staff can follow your sign-up while you talk to them on the phone. If you agree, "
           "the wizard shows a code for you to read out to them. With it, for 15 minutes, they see:</p>"
           "<ul><li>which steps you have finished and where you are now;</li>"
           "<li>your email address and phone number, partly hidden (i***@example.com);</li>"
           "<li>your card's type and its last four digits, your region and balance;</li>"
           "<li>the last requests the wizard sent and whether they failed.</li></ul>"
           "<p>They never see your password, your card number or CVC, or your sign-in. They cannot "
           "change anything. You can stop sharing at any time.</p>"));
    m_consentText->setAccessibleName(tr("What support staff will see"));
    consentLayout->addWidget(m_consentText);
    m_consentStatus = new QLabel(consent);
    m_consentStatus->setObjectName(QStringLiteral("supportConsentStatus"));
    m_consentStatus->setWordWrap(true);
    m_consentStatus->hide();
    consentLayout->addWidget(m_consentStatus);
    auto *consentButtons = new QHBoxLayout;
    consentButtons->addStretch();
    m_share = new QPushButton(tr("&Share my progress"), consent);
    m_share->setObjectName(QStringLiteral("supportShareButton"));
    m_share->setDefault(true);
    m_cancel = new QPushButton(tr("Ca&ncel"), consent);
    m_cancel->setObjectName(QStringLiteral("supportCancelButton"));
    m_cancel->setAutoDefault(true);
    consentButtons->addWidget(m_share);
    consentButtons->addWidget(m_cancel);
    consentLayout->addLayout(consentButtons);
    m_pages->addWidget(consent);

    // Page 2: the code.
    auto *codePage = new QWidget(m_pages);
    auto *codeLayout = new QVBoxLayout(codePage);
    auto *intro = new QLabel(tr("Read this code out to support staff:"), codePage);
    intro->setObjectName(QStringLiteral("supportCodeIntro"));
    intro->setWordWrap(true);
    codeLayout->addWidget(intro);
    m_code = new QLineEdit(codePage);
    m_code->setReadOnly(true);
    m_code->setFrame(false);
    m_code->setObjectName(QStringLiteral("supportCode"));
    QFont big = m_code->font();
    big.setPointSizeF(big.pointSizeF() * 2.6);
    big.setBold(true);
    big.setStyleHint(QFont::Monospace);
    big.setFamily(QStringLiteral("monospace"));
    big.setLetterSpacing(QFont::PercentageSpacing, 115);
    m_code->setFont(big);
    m_code->setAlignment(Qt::AlignCenter);
    m_code->setTextMargins(12, 12, 12, 12);
    m_code->setBackgroundRole(QPalette::Window);
    codeLayout->addWidget(m_code);
    m_expiry = new QLabel(codePage);
    m_expiry->setObjectName(QStringLiteral("supportExpiry"));
    m_expiry->setAlignment(Qt::AlignCenter);
    m_expiry->setWordWrap(true);
    codeLayout->addWidget(m_expiry);
    auto *note = new QLabel(tr("Support staff see your progress only while the code is valid. "
                               "Nothing you type in a password or card field is shared."),
                            codePage);
    note->setWordWrap(true);
    codeLayout->addWidget(note);
    auto *codeButtons = new QHBoxLayout;
    codeButtons->addStretch();
    m_stop = new QPushButton(tr("S&top sharing"), codePage);
    m_stop->setObjectName(QStringLiteral("supportStopButton"));
    m_stop->setAutoDefault(true);
    m_close = new QPushButton(tr("&Close"), codePage);
    m_close->setObjectName(QStringLiteral("supportCloseButton"));
    m_close->setAutoDefault(true);
    codeButtons->addWidget(m_stop);
    codeButtons->addWidget(m_close);
    codeLayout->addLayout(codeButtons);
    m_pages->addWidget(codePage);

    connect(m_share, &QPushButton::clicked, m_session, &SupportSession::requestCode);
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_stop, &QPushButton::clicked, m_session, &SupportSession::stopSharing);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_session, &SupportSession::stateChanged, this, &SupportCodeDialog::showState);
    // Once a second for the minutes left; the words change only once a minute (see updateExpiry).
    // The session ends the code itself.
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &SupportCodeDialog::updateExpiry);
    connect(m_session->clock(), &Clock::advanced, this, &SupportCodeDialog::updateExpiry);
    showState(m_session->state());
    resize(520, sizeHint().height());
}

QString SupportCodeDialog::shownCode() const {
    return m_pages->currentIndex() == 1 ? m_code->text() : QString();
}

QString SupportCodeDialog::spokenCode(const QString &code) {
    QStringList parts;
    for (const QString &group : code.split(QLatin1Char('-'), Qt::SkipEmptyParts)) {
        QStringList digits;
        for (const QChar c : group)
            digits << QString(c);
        parts << digits.join(QLatin1Char(' '));
    }
    return parts.join(QStringLiteral(", "));
}

void SupportCodeDialog::showState(SupportSession::State state) {
    switch (state) {
    case SupportSession::State::Idle:
    case SupportSession::State::Requesting:
    case SupportSession::State::Failed: {
        const bool wasOnCode = m_pages->currentIndex() == 1;
        m_tick.stop();
        m_pages->setCurrentIndex(0);
        m_share->setEnabled(state != SupportSession::State::Requesting);
        m_share->setText(state == SupportSession::State::Idle && wasOnCode ? tr("&Share again")
                                                                           : tr("&Share my progress"));
        QString status;
        if (state == SupportSession::State::Requesting)
            status = tr("Getting a code…");
        else if (state == SupportSession::State::Failed)
            status = tr("No code: %1 %2")
                         .arg(UiText::problem(m_session->lastError()).title,
                              UiText::problem(m_session->lastError()).advice);
        else if (wasOnCode)
            status = tr("Sharing has ended: support staff no longer see your progress.");
        m_consentStatus->setText(status);
        m_consentStatus->setVisible(!status.isEmpty());
        m_consentStatus->setAccessibleName(status);
        if (state != SupportSession::State::Requesting && isVisible())
            m_share->setFocus(Qt::OtherFocusReason);
        break;
    }
    case SupportSession::State::Sharing:
    case SupportSession::State::Withdrawing: {
        const bool first = m_pages->currentIndex() != 1;
        m_pages->setCurrentIndex(1);
        const QString code = m_session->code();
        m_code->setText(code);
        // A screen reader reads the digits one by one; the name stays the same while the code does.
        m_code->setAccessibleName(tr("Support code %1").arg(spokenCode(code)));
        m_code->setAccessibleDescription(
            tr("Read it out to support staff. Valid until %1.")
                .arg(QLocale().toString(m_session->expiresAt().toLocalTime().time(), QLocale::ShortFormat)));
        m_stop->setEnabled(state == SupportSession::State::Sharing);
        m_shownMinutes = -1;
        updateExpiry();
        m_tick.start();
        if (first)
            m_code->setFocus(Qt::OtherFocusReason);
        break;
    }
    }
}

void SupportCodeDialog::updateExpiry() {
    const QDateTime expires = m_session->expiresAt();
    const qint64 seconds = m_session->secondsLeft();
    if (m_session->state() != SupportSession::State::Sharing &&
        m_session->state() != SupportSession::State::Withdrawing)
        return;
    if (seconds <= 0)
        return; // the session says when the code has ended
    // Whole minutes (rounded up): the text changes once a minute, so a screen reader is not
    // interrupted every second.
    const int minutes = int((seconds + 59) / 60);
    if (minutes == m_shownMinutes)
        return;
    m_shownMinutes = minutes;
    const QString until = QLocale().toString(expires.toLocalTime().time(), QLocale::ShortFormat);
    // English has no plural forms file: the one-minute case is its own string.
    m_expiry->setText(minutes == 1 ? tr("Valid until %1 (less than a minute left)").arg(until)
                                   : tr("Valid until %1 (%n minutes left)", nullptr, minutes).arg(until));
}

} // namespace signup
