#include "wizard/donepage.h"

#include "client/invitationcontroller.h"
#include "ui_donepage.h"
#include "wizard/invitationpage.h"
#include "wizard/uitext.h"

#include <QLabel>
#include <QLocale>

namespace signup {

DonePage::DonePage(RegistrationController *controller, QWidget *parent)
    : SignupPage(controller, parent)
    , ui(std::make_unique<Ui::DonePage>()) {
    ui->setupUi(this);
    setFinalPage(true);
    ui->projectLabel->setTextFormat(Qt::PlainText); // the project's name comes from the server
    connect(ui->openConsoleButton, &QPushButton::clicked, this, [this] {
        const QString url = this->controller()->registration().consoleUrl;
        if (!url.isEmpty() && signupWizard())
            signupWizard()->openUrl(QUrl(url));
    });
    // One label per link: each is a tab stop of its own that a screen reader reads alone (one
    // label holding the whole list read all of it at every stop).
    for (int i = 0; i < kWhatsNextLinks; ++i) {
        auto *link = new QLabel(ui->whatsNextList);
        link->setObjectName(QStringLiteral("whatsNextLink%1").arg(i + 1));
        link->setTextFormat(Qt::RichText);
        link->setWordWrap(true);
        link->setTextInteractionFlags(Qt::LinksAccessibleByKeyboard | Qt::LinksAccessibleByMouse);
        ui->whatsNextLayout->addWidget(link);
        connect(link, &QLabel::linkActivated, this, [this](const QString &url) {
            if (signupWizard())
                signupWizard()->openUrl(QUrl(url));
        });
        m_whatsNext.append(link);
    }
    for (int i = 0; i < m_whatsNext.size(); ++i)
        setTabOrder(i == 0 ? static_cast<QWidget *>(ui->openConsoleButton) : m_whatsNext[i - 1],
                    m_whatsNext[i]);
    connect(controller, &RegistrationController::registrationChanged, this, &DonePage::update);
}

DonePage::~DonePage() = default;

void DonePage::initializePage() {
    update(controller()->registration());
}

QWidget *DonePage::firstField() const {
    return ui->openConsoleButton;
}

// A person who joined someone else's project by invitation has no project, balance or bonus of
// their own: the page names the project they joined and their roles in it.
static const Membership *joinedMembership(const Registration &r, const InvitationController *invitations) {
    const bool joinedNow = invitations && invitations->joined();
    if (r.memberships.isEmpty() || (r.project && !joinedNow))
        return nullptr;
    if (joinedNow)
        for (const Membership &m : r.memberships)
            if (m.project.id == invitations->invitation().project.id)
                return &m;
    return &r.memberships.last();
}

void DonePage::update(const Registration &r) {
    if (m_ownTitle.isEmpty()) {
        m_ownTitle = title();
        m_ownSubTitle = subTitle();
    }
    const Membership *member = joinedMembership(r, signupWizard() ? signupWizard()->invitations() : nullptr);
    if (member) {
        setTitle(tr("You have joined the project"));
        setSubTitle(tr("Your account is ready: you can work in the project now."));
        ui->projectLabel->setText(tr("Project: %1 (%2)").arg(member->project.name, member->project.id));
        ui->balanceLabel->setText(tr("Your roles: %1.").arg(InvitationPage::roleNames(member->roles)));
        ui->bonusLabel->hide();
        ui->openConsoleButton->setEnabled(!r.consoleUrl.isEmpty());
        ui->whatsNextTitle->hide();
        ui->whatsNextList->hide();
        return;
    }
    setTitle(m_ownTitle);
    setSubTitle(m_ownSubTitle);
    ui->whatsNextTitle->show();
    ui->whatsNextList->show();
    if (r.project)
        ui->projectLabel->setText(tr("Your project: %1 (%2)").arg(r.project->name, r.project->id));
    else
        ui->projectLabel->setText(tr("Your project is being created…"));
    ui->balanceLabel->setText(
        tr("Balance: %1, the test amount from your card.").arg(UiText::money(r.balance)));
    if (r.bonus) {
        ui->bonusLabel->setText(
            tr("Sign-up bonus: %1, valid until %2.")
                .arg(UiText::money(r.bonus->amount), UiText::date(r.bonus->expiresAt.toLocalTime().date())));
        ui->bonusLabel->show();
    } else {
        ui->bonusLabel->hide();
    }
    ui->openConsoleButton->setEnabled(!r.consoleUrl.isEmpty());
    const bool ru = QLocale().language() == QLocale::Russian;
    const QString docs =
        ru ? QStringLiteral("https://cloud.vk.com/docs/ru") : QStringLiteral("https://cloud.vk.com/docs/en");
    const QList<QPair<QString, QString>> links = {
        {QStringLiteral("/tools-for-using-services/account/instructions/account-manage/legal-entity"),
         tr("Work as a legal entity: switch the account to your company")},
        {QStringLiteral("/tools-for-using-services/account/concepts/quotasandlimits"),
         tr("Quotas and limits")},
        {QStringLiteral("/intro/billing/instructions/payment"),
         tr("Payment methods and topping up the balance")},
        {QStringLiteral("/tools-for-using-services/account/instructions/project-settings/access-manage"),
         tr("Invite colleagues and manage access")},
        {QStringLiteral("/computing/iaas/instructions/vm/vm-create"),
         tr("Create your first virtual machine")},
        {QStringLiteral("/kubernetes/k8s/instructions/create-cluster"), tr("Create a Kubernetes cluster")},
        {QStringLiteral("/dbs/dbaas/instructions/create"), tr("Create a database")},
    };
    static_assert(kWhatsNextLinks == 7);
    for (int i = 0; i < m_whatsNext.size() && i < links.size(); ++i) {
        m_whatsNext[i]->setText(QStringLiteral("•&nbsp;<a href=\"%1%2\">%3</a>")
                                    .arg(docs, links[i].first, links[i].second.toHtmlEscaped()));
        m_whatsNext[i]->setAccessibleName(links[i].second);
    }
}

} // namespace signup
