#pragma once

#include "client/supportviewer.h"

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;
class QGroupBox;

namespace signup {

class RegistrationClient;
class KeychainTokenStore;
class StepsPanel;

// Support mode (vkcloud-signup --support): support staff type the code a customer reads out and
// follow that customer's sign-up live, read-only: the same steps panel as the wizard, the masked
// registration and the last API calls with the wizard's own words for each error.
//
// The support key lives in the OS keychain under its own entry (never on disk); it is asked for once
// with a masked field and can be forgotten. A key given on the command line (or the embedded
// sandbox's, for rehearsal) is used for this run only and not stored.
class SupportWindow : public QMainWindow {
    Q_OBJECT
public:
    // Neither client nor keyStore is owned; both must outlive the window.
    SupportWindow(RegistrationClient *client, KeychainTokenStore *keyStore, const QString &givenKey = {},
                  QWidget *parent = nullptr);
    ~SupportWindow() override;

    SupportViewer *viewer() const { return m_viewer; }
    StepsPanel *stepsPanel() const { return m_steps; }
    // What the status line says (for tests and the screen reader).
    QString statusText() const;
    // Keychain entry of the support key: the session token's service with this key name.
    static QString keychainKeyFor(const QString &origin);

    // The wizard's words for an error code of a call, as the customer saw it.
    static QString errorWords(int status, const QString &errorCode);

private:
    void useKey(const QString &key, bool remembered);
    void saveKey();
    void forgetKey();
    void follow();
    void showState(SupportViewer::State state);
    void showView(const SupportView &view);
    void setStatus(const QString &text);

    RegistrationClient *m_client;
    KeychainTokenStore *m_keys;
    SupportViewer *m_viewer;
    QGroupBox *m_keyGroup = nullptr;
    QLabel *m_keyState = nullptr;
    QLineEdit *m_keyEdit = nullptr;
    QLabel *m_keyLabel = nullptr;
    QPushButton *m_saveKey = nullptr;
    QPushButton *m_forgetKey = nullptr;
    QLineEdit *m_codeEdit = nullptr;
    QPushButton *m_follow = nullptr;
    QLabel *m_status = nullptr;
    StepsPanel *m_steps = nullptr;
    QLabel *m_email = nullptr;
    QLabel *m_phone = nullptr;
    QLabel *m_card = nullptr;
    QLabel *m_region = nullptr;
    QLabel *m_balance = nullptr;
    QTreeWidget *m_events = nullptr;
};

} // namespace signup
