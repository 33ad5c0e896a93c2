// ProviderTab: who runs this repository's tasks — the provider (none chosen until the user picks one),
// its id, base URL and key, or the replay transcript — and "Test connection" with its result.
#pragma once

#include "agents/providerconfig.h"
#include "orchestration/policyform.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace harness {
class SecretStore;
} // namespace harness

namespace harness::ui {

class ApiKeyPanel;

class ProviderTab : public QWidget
{
    Q_OBJECT
public:
    ProviderTab(harness::SecretStore *secrets, bool hasRepository, QWidget *parent = nullptr);
    ~ProviderTab() override;

    // Shows the form's provider fields; a form without a provider shows "Choose a provider…".
    void setForm(const harness::PolicyForm &form);
    void applyTo(harness::PolicyForm &form) const;
    // The HTTP provider as the fields describe it (for the model list and Test connection).
    harness::ProviderConfig config() const;
    QString kind() const; // "", "replay", "openai", "anthropic"
    bool isHttp() const;

    // Points the key panel at the id and key variable as typed (it follows them when editing finishes).
    void syncKeyPanel();
    void setTesting(bool testing);
    void showTestResult(bool ok, const QString &message);

    QComboBox *kindBox() const { return m_kind; }
    QLineEdit *providerId() const { return m_id; }
    QLineEdit *baseUrl() const { return m_baseUrl; }
    QLineEdit *transcript() const { return m_transcript; }
    ApiKeyPanel *keys() const { return m_keys; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *cancelTestButton() const { return m_cancelTest; }
    QLabel *testResult() const { return m_result; }

Q_SIGNALS:
    void providerChanged(); // kind, id or base URL: a fetched model list no longer applies
    void testRequested();
    void cancelTestRequested();

private:
    void kindChanged();

    bool m_repository;
    bool m_keyRequiredSet = false; // the file said whether a key is needed
    QComboBox *m_kind;
    QLineEdit *m_id;
    QLineEdit *m_baseUrl;
    QLineEdit *m_keyEnv;
    QCheckBox *m_keyRequired;
    QLineEdit *m_transcript;
    ApiKeyPanel *m_keys;
    QPushButton *m_test;
    QPushButton *m_cancelTest;
    QLabel *m_result;
};

} // namespace harness::ui
