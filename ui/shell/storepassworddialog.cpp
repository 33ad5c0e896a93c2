// StorePasswordDialog: a small form — the store's name, the refusal, the password field, the keychain box,
// Connect and Cancel. It holds the password only in its field and hands it on once per Connect.
#include "storepassworddialog.h"

#include "common/messageline.h"
#include "store/storelocation.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace harness::ui {

StorePasswordDialog::StorePasswordDialog(const StoreLocation &store, QWidget *parent)
    : QDialog(parent), m_refusal(new QLabel(this)), m_state(new QLabel(this)),
      m_password(new QLineEdit(this)), m_remember(new QCheckBox(tr("Remember in the keychain"), this))
{
    setObjectName(QStringLiteral("storePasswordDialog"));
    setWindowTitle(tr("Store Password"));
    setWindowModality(Qt::WindowModal);

    const QString name = QStringLiteral("%1@%2:%3/%4")
                                 .arg(store.postgresUser, store.postgresHost)
                                 .arg(store.postgresPort)
                                 .arg(store.postgresDatabase);
    auto *heading = new QLabel(tr("The shared store asks for a password"), this);
    QFont bold = heading->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    heading->setFont(bold);
    auto *storeName = new QLabel(name, this);
    storeName->setObjectName(QStringLiteral("storeName"));
    storeName->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont mono = storeName->font();
    mono.setFamily(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    storeName->setFont(mono);
    auto *transport = new QLabel(tr("PostgreSQL, sslmode=%1").arg(store.effectiveSslMode()), this);
    transport->setObjectName(QStringLiteral("storeTransport"));
    transport->setForegroundRole(QPalette::PlaceholderText);
    auto *about = new QLabel(tr("The password goes only into this connection and, with the box checked, into "
                                "the OS keychain; never into a file or the workbench's settings."),
                             this);
    about->setWordWrap(true);
    about->setForegroundRole(QPalette::PlaceholderText);

    m_refusal->setObjectName(QStringLiteral("storePasswordRefusal"));
    m_refusal->setWordWrap(true);
    m_refusal->hide();
    m_password->setObjectName(QStringLiteral("storePasswordField"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMinimumWidth(280);
    m_password->setAccessibleName(tr("Password of %1").arg(name));
    m_remember->setObjectName(QStringLiteral("rememberPasswordBox"));
    m_remember->setChecked(true);
    m_remember->setToolTip(tr("Kept under the keychain entry \"%1\" once the store opens. Unchecked, the "
                              "password serves this connection only and is asked for again next time.")
                                   .arg(store.keychainKey()));
    m_state->setObjectName(QStringLiteral("storePasswordState"));
    m_state->setForegroundRole(QPalette::PlaceholderText);

    auto *buttons = new QDialogButtonBox(this);
    m_connect = buttons->addButton(tr("Connect"), QDialogButtonBox::AcceptRole);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    m_connect->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));

    auto *form = new QFormLayout;
    form->addRow(tr("Store:"), storeName);
    form->addRow(QString(), transport);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(QString(), m_remember);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(m_refusal);
    layout->addLayout(form);
    layout->addWidget(about);
    layout->addWidget(m_state);
    layout->addSpacing(6);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    connect(m_password, &QLineEdit::textChanged, this, &StorePasswordDialog::updateConnect);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (m_password->text().isEmpty() || m_connecting)
            return;
        setConnecting(true);
        Q_EMIT connectRequested(m_password->text(), m_remember->isChecked());
    });
    setConnecting(false);
    m_password->setFocus();
    adjustSize();
}

void StorePasswordDialog::showRefusal(const QString &text, bool refused)
{
    setConnecting(false);
    showMessageLine(m_refusal, text, refused);
    if (!refused) // why a password is asked for at all: said plainly, not as an error
        m_refusal->setStyleSheet(QStringLiteral("padding:4px 0px;"));
    m_password->setFocus();
    m_password->selectAll();
    adjustSize(); // the wrapped lines take the height they need
}

void StorePasswordDialog::setConnecting(bool connecting)
{
    m_connecting = connecting;
    m_password->setEnabled(!connecting);
    m_remember->setEnabled(!connecting);
    m_state->setText(connecting ? tr("Connecting…") : QString());
    m_state->setVisible(connecting);
    updateConnect();
    if (isVisible())
        adjustSize();
}

void StorePasswordDialog::updateConnect()
{
    m_connect->setEnabled(!m_connecting && !m_password->text().isEmpty());
}

} // namespace harness::ui
