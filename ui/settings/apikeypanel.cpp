// ApiKeyPanel: the key leaves the field as soon as Store is pressed; only "stored / not stored / no
// keychain" is ever shown.
#include "apikeypanel.h"
#include "agents/secretstore.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace harness::ui {

ApiKeyPanel::ApiKeyPanel(SecretStore *secrets, QWidget *parent)
    : QWidget(parent), m_secrets(secrets), m_status(new QLabel(this)), m_edit(new QLineEdit(this)),
      m_store(new QPushButton(tr("Store Key in Keychain"), this)),
      m_remove(new QPushButton(tr("Remove Key"), this))
{
    m_status->setObjectName(QStringLiteral("keyStatus"));
    m_status->setWordWrap(true);
    m_edit->setObjectName(QStringLiteral("apiKeyEdit"));
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setPlaceholderText(tr("Paste a new key to store it"));
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_status, 0, 0, 1, 3);
    grid->addWidget(m_edit, 1, 0);
    grid->addWidget(m_store, 1, 1);
    grid->addWidget(m_remove, 1, 2);
    grid->setColumnStretch(0, 1);
    connect(m_store, &QPushButton::clicked, this, &ApiKeyPanel::store);
    connect(m_remove, &QPushButton::clicked, this, &ApiKeyPanel::remove);
}

void ApiKeyPanel::setProvider(const QString &providerId, const QString &keyEnv, bool usesKey,
                              const QString &why)
{
    const bool changed = providerId != m_id || usesKey != m_usesKey;
    m_id = providerId;
    m_keyEnv = keyEnv;
    m_usesKey = usesKey;
    for (QWidget *w : std::initializer_list<QWidget *> {m_edit, m_store, m_remove})
        w->setEnabled(usesKey);
    if (!usesKey) {
        setStatus(why, {});
        return;
    }
    if (changed || m_plainStatus.isEmpty())
        refresh();
}

QString ApiKeyPanel::typedKey() const
{
    return m_edit->text().trimmed();
}

void ApiKeyPanel::setStatus(const QString &text, const QString &color)
{
    m_plainStatus = text;
    m_status->setText(
            color.isEmpty()
                    ? text.toHtmlEscaped()
                    : QStringLiteral("<span style='color:%1'>%2</span>").arg(color, text.toHtmlEscaped()));
    m_status->setProperty("plainStatus", text);
    Q_EMIT statusChanged(text);
}

void ApiKeyPanel::refresh()
{
    if (!m_usesKey)
        return;
    if (m_id.isEmpty()) {
        setStatus(tr("Give the provider an id to look up its key."), {});
        return;
    }
    m_busy = true;
    setStatus(tr("Asking the keychain…"), {});
    const QString id = m_id;
    m_secrets->readKey(id, this, [this, id](SecretReply reply) {
        if (id != m_id)
            return; // the id changed meanwhile; its own lookup answers
        m_busy = false;
        // Only whether a key exists is shown; the value is dropped here.
        switch (reply.outcome) {
        case SecretReply::Outcome::Ok:
            setStatus(tr("A key is stored in the keychain."), QStringLiteral("#1b5e20"));
            break;
        case SecretReply::Outcome::NotFound:
            setStatus(tr("No key is stored for this provider."), QStringLiteral("#8a5a00"));
            break;
        case SecretReply::Outcome::Unavailable:
            setStatus(reply.message.isEmpty() ? SecretStore::unavailableMessage(m_keyEnv) : reply.message,
                      QStringLiteral("#8a1c1c"));
            break;
        case SecretReply::Outcome::Failed:
            setStatus(tr("The keychain did not answer: %1").arg(reply.message), QStringLiteral("#8a1c1c"));
            break;
        }
    });
}

void ApiKeyPanel::store()
{
    const QString key = typedKey();
    if (m_id.isEmpty() || key.isEmpty()) {
        setStatus(tr("Enter the provider id and the key first."), QStringLiteral("#8a1c1c"));
        return;
    }
    m_edit->clear(); // the key leaves the dialog at once
    m_busy = true;
    setStatus(tr("Storing the key…"), {});
    m_secrets->writeKey(m_id, key, this, [this](SecretReply reply) {
        m_busy = false;
        if (reply.ok())
            refresh();
        else
            setStatus(reply.outcome == SecretReply::Outcome::Unavailable
                              ? (reply.message.isEmpty() ? SecretStore::unavailableMessage() : reply.message)
                              : tr("The key was not stored: %1").arg(reply.message),
                      QStringLiteral("#8a1c1c"));
    });
}

void ApiKeyPanel::remove()
{
    if (m_id.isEmpty())
        return;
    m_busy = true;
    m_secrets->removeKey(m_id, this, [this](SecretReply reply) {
        m_busy = false;
        if (reply.ok() || reply.outcome == SecretReply::Outcome::NotFound)
            refresh();
        else
            setStatus(tr("The key was not removed: %1").arg(reply.message), QStringLiteral("#8a1c1c"));
    });
}

} // namespace harness::ui
