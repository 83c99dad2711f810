#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace signup {

class RegistrationController;

// Says, for as long as it is true, that progress cannot be saved: shown while the session lives
// only in memory (the keychain is missing, locked or refused), hidden as soon as the token is in
// the keychain. It cannot be dismissed: it goes when the situation does.
class KeychainIndicator : public QFrame {
    Q_OBJECT
public:
    explicit KeychainIndicator(RegistrationController *controller, QWidget *parent = nullptr);

private:
    void refresh();

    RegistrationController *m_controller;
    QLabel *m_text = nullptr;
    QPushButton *m_retry = nullptr;
};

} // namespace signup
