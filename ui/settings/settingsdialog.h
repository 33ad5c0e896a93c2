// SettingsDialog: assembles the settings tabs — Provider (and its API key in the OS keychain, never shown),
// Models (fetched from the provider or typed), Budgets, Sandbox, Agents (the external agents installed and
// the one policy.json selects) — over the open repository's
// .harness/policy.json, and saves only the values the user changed, saying which file it writes.
// Default task budgets go to QSettings.
#pragma once

#include "core/budget.h"
#include "orchestration/policyfile.h"
#include "orchestration/policyform.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace harness {
class SecretStore;
} // namespace harness

namespace harness::ui {

class AgentsTab;
class BudgetsTab;
class ModelsTab;
class ProviderChecker;
class ProviderTab;
class SandboxTab;

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

    // Opened by Start in a repository whose policy names no provider: says so above the tabs and shows
    // the Provider tab. Nothing has started; saving a provider lets Start go on.
    void askForProvider();

    // Writes policy.json (only the changed values) and the default budget; false (and a message in the
    // dialog) on failure or while the user is asked to confirm replacing an unreadable file.
    bool save();
    QString errorText() const;
    QString savedText() const; // "Saved to …" after a save that wrote the file

    QTabWidget *tabs() const { return m_tabs; }
    ProviderTab *providerTab() const { return m_provider; }
    ModelsTab *modelsTab() const { return m_models; }
    AgentsTab *agentsTab() const { return m_agents; }
    QComboBox *providerKind() const;
    QLineEdit *providerId() const;
    QLineEdit *baseUrl() const;
    QLineEdit *modelEdit(const QString &phase) const;
    QLineEdit *keyEdit() const;
    QPushButton *storeKeyButton() const;
    QPushButton *removeKeyButton() const;
    QLabel *keyStatus() const;
    QLabel *sandboxStatus() const;
    QSpinBox *maxTokens() const;
    bool isCheckingKey() const;
    bool isProbingSandbox() const;
    ProviderChecker *checker() const { return m_checker; }

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
    void confirmReplace();
    void showError(const QString &text);
    QString problemText(harness::PolicyForm::Problem problem) const;
    void updateModelFetch();

    QString m_root;
    harness::PolicyFile m_file;
    harness::PolicyForm m_loaded; // the form as the file gave it: a save writes what differs from it
    bool m_replaceConfirmed = false;
    harness::SecretStore *m_secrets;
    ProviderChecker *m_checker;
    QTabWidget *m_tabs;
    ProviderTab *m_provider;
    ModelsTab *m_models;
    BudgetsTab *m_budgets;
    SandboxTab *m_sandbox;
    AgentsTab *m_agents;
    QLabel *m_prompt;
    QLabel *m_target;
    QLabel *m_error;
    QString m_saved;
};

} // namespace harness::ui
