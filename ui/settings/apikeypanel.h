// ApiKeyPanel: the API key of one provider in the OS keychain — whether one is stored (never the key
// itself), a field to paste a new one, Store and Remove. Keychain calls are asynchronous (SecretStore).
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace harness {
class SecretStore;
} // namespace harness

namespace harness::ui {

class ApiKeyPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ApiKeyPanel(harness::SecretStore *secrets, QWidget *parent = nullptr);

    // The provider whose key is shown; `keyEnv` names the variable a headless run may use instead.
    // `usesKey` false (replay, no repository) disables the panel with `why`.
    void setProvider(const QString &providerId, const QString &keyEnv, bool usesKey, const QString &why = {});
    QString typedKey() const; // a key pasted but not stored yet (for Test connection)

    QLabel *status() const { return m_status; }
    QString statusText() const { return m_plainStatus; }
    QLineEdit *keyEdit() const { return m_edit; }
    QPushButton *storeButton() const { return m_store; }
    QPushButton *removeButton() const { return m_remove; }
    bool isBusy() const { return m_busy; }

public Q_SLOTS:
    void refresh();
    void store();
    void remove();

Q_SIGNALS:
    void statusChanged(const QString &text);

private:
    void setStatus(const QString &text, const QString &color);

    harness::SecretStore *m_secrets;
    QString m_id;
    QString m_keyEnv;
    bool m_usesKey = false;
    bool m_busy = false;
    QString m_plainStatus;
    QLabel *m_status;
    QLineEdit *m_edit;
    QPushButton *m_store;
    QPushButton *m_remove;
};

} // namespace harness::ui
