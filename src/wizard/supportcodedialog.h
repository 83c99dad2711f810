#pragma once

#include "client/supportsession.h"

#include <QDialog>
#include <QTimer>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace signup {

// "Get help": says what support staff will see, asks for the customer's consent, then shows the
// support code to read out on the phone, how long it stays valid, and "Stop sharing". All network
// work is in the SupportSession; the dialog only shows its state.
class SupportCodeDialog : public QDialog {
    Q_OBJECT
public:
    // The session is not owned: it lives as long as the wizard's window, so the code stays valid
    // while this dialog is closed and shows again when it opens.
    explicit SupportCodeDialog(SupportSession *session, QWidget *parent = nullptr);

    // "1234-5678" as shown, empty while no code is shared.
    QString shownCode() const;
    // The code spelled digit by digit for a screen reader: "1 2 3 4, 5 6 7 8".
    static QString spokenCode(const QString &code);

private:
    void showState(SupportSession::State state);
    void updateExpiry();

    SupportSession *m_session;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_consentText = nullptr;
    QLabel *m_consentStatus = nullptr;
    QPushButton *m_share = nullptr;
    QPushButton *m_cancel = nullptr;
    QLineEdit *m_code = nullptr; // read-only: selectable and copyable, Tab goes on
    QLabel *m_expiry = nullptr;
    QPushButton *m_stop = nullptr;
    QPushButton *m_close = nullptr;
    QTimer m_tick;
    int m_shownMinutes = -1;
};

} // namespace signup
