#pragma once

#include "core/registration.h"

#include <QWidget>

class QLabel;

namespace signup {

// The four steps of the sign-up with their state (icon and words), shown beside every page so
// that the customer and a support agent on the phone both see where they are.
class StepsPanel : public QWidget {
    Q_OBJECT
public:
    explicit StepsPanel(QWidget *parent = nullptr);

    void setRegistration(const Registration &registration);
    void retranslate();
    // "done" | "current" | "todo" for step 0..3 (for tests and accessibility checks).
    QString stateOf(int step) const;

private:
    void update(const Registration &registration);
    struct Row {
        QLabel *icon = nullptr;
        QLabel *title = nullptr;
        QLabel *state = nullptr;
        QString stateId;
    };
    QLabel *m_heading = nullptr;
    QList<Row> m_rows;
    Registration m_registration;
};

} // namespace signup
