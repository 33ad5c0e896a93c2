// SettingsDialog: the project's provider and base URL, the model per phase, budgets, the sandbox status
// (is bubblewrap usable here) and the API key in the OS keychain — whether one is stored, never the key
// itself. Saves .harness/policy.json of the open repository; default task budgets go to QSettings.
#pragma once

#include "core/budget.h"
#include "orchestration/projectpolicy.h"
#include "runtime/sandbox.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QHash>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace harness {
class SecretStore;
} // namespace harness

namespace harness::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // repositoryRoot may be empty: project settings are then disabled and say why.
    explicit SettingsDialog(const QString &repositoryRoot, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    static QString policyPath(const QString &repositoryRoot);
    // The budget new tasks start with (QSettings "defaults/budget").
    static Budget defaultBudget();
    static void setDefaultBudget(const Budget &budget);

    // Writes policy.json and the default budget; false (and a message in the dialog) on failure.
    bool save();
    QString errorText() const;

    QTabWidget *tabs() const { return m_tabs; }
    QComboBox *providerKind() const { return m_kind; }
    QLineEdit *providerId() const { return m_providerId; }
    QLineEdit *baseUrl() const { return m_baseUrl; }
    QLineEdit *modelEdit(const QString &phase) const { return m_models.value(phase); }
    QLineEdit *keyEdit() const { return m_keyEdit; }
    QPushButton *storeKeyButton() const { return m_storeKey; }
    QPushButton *removeKeyButton() const { return m_removeKey; }
    QLabel *keyStatus() const { return m_keyStatus; }
    QLabel *sandboxStatus() const { return m_sandbox; }
    QSpinBox *maxTokens() const { return m_maxTokens; }
    bool isCheckingKey() const { return m_keyBusy; }
    bool isProbingSandbox() const { return m_probe.isRunning(); }

public Q_SLOTS:
    void refreshKeyStatus();
    void storeKey();
    void removeKey();
    void accept() override;

Q_SIGNALS:
    void keyStatusChanged(const QString &text);
    void sandboxProbed(bool available);

private:
    void load();
    void updateProviderFields();
    void setKeyStatus(const QString &text, const QString &color);

    QString m_root;
    ProjectPolicy m_policy;
    QJsonObject m_extra; // keys of policy.json this dialog does not edit, kept as they are
    harness::SecretStore *m_secrets;
    bool m_keyBusy = false;
    QFutureWatcher<SandboxStatus> m_probe;
    QTabWidget *m_tabs;
    QComboBox *m_kind;
    QLineEdit *m_providerId;
    QLineEdit *m_baseUrl;
    QLineEdit *m_keyEnv;
    QCheckBox *m_keyRequired;
    QLineEdit *m_transcript;
    QLabel *m_keyStatus;
    QLineEdit *m_keyEdit;
    QPushButton *m_storeKey;
    QPushButton *m_removeKey;
    QHash<QString, QLineEdit *> m_models;
    QSpinBox *m_maxTokens;
    QDoubleSpinBox *m_maxCost;
    QSpinBox *m_maxIterations;
    QSpinBox *m_maxMinutes;
    QSpinBox *m_planRounds;
    QSpinBox *m_turns;
    QLabel *m_sandbox;
    QCheckBox *m_allowUnsandboxed;
    QCheckBox *m_network;
    QLabel *m_networkMode; // the mode in force, read-only (the allow-list is edited in policy.json)
    QLabel *m_error;
};

} // namespace harness::ui
