// SettingsDialog: the tabs render and edit a PolicyForm; PolicyFile writes the difference to the form the
// file gave; ProviderChecker answers the model list and Test connection without blocking the window.
#include "settingsdialog.h"
#include "agents/secretstore.h"
#include "agentstab.h"
#include "apikeypanel.h"
#include "budgetstab.h"
#include "common/taskeditdialog.h"
#include "modelstab.h"
#include "providerchecker.h"
#include "providertab.h"
#include "sandboxtab.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QTabWidget>
#include <QVBoxLayout>

namespace harness::ui {

QString SettingsDialog::policyPath(const QString &repositoryRoot)
{
    return PolicyFile::pathFor(repositoryRoot);
}

Budget SettingsDialog::defaultBudget()
{
    return TaskEditDialog::defaultBudget();
}

void SettingsDialog::setDefaultBudget(const Budget &budget)
{
    QSettings().setValue(QStringLiteral("defaults/budget"),
                         QString::fromUtf8(QJsonDocument(budget.toJson()).toJson(QJsonDocument::Compact)));
}

SettingsDialog::SettingsDialog(const QString &repositoryRoot, QWidget *parent)
    : QDialog(parent), m_root(repositoryRoot), m_secrets(new SecretStore(SecretStore::kService, this)),
      m_checker(new ProviderChecker(m_secrets, this)), m_tabs(new QTabWidget(this)),
      m_provider(new ProviderTab(m_secrets, !repositoryRoot.isEmpty(), this)), m_models(new ModelsTab(this)),
      m_budgets(new BudgetsTab(!repositoryRoot.isEmpty(), this)),
      m_sandbox(new SandboxTab(!repositoryRoot.isEmpty(), this)),
      m_agents(new AgentsTab(AcpAgentDetector::defaultAgentsDir(), this)), m_prompt(new QLabel(this)),
      m_target(new QLabel(this)), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_tabs->addTab(m_provider, tr("Provider"));
    m_tabs->addTab(m_models, tr("Models"));
    m_tabs->addTab(m_budgets, tr("Budgets"));
    m_tabs->addTab(m_sandbox, tr("Sandbox"));
    m_tabs->addTab(m_agents, tr("Agents"));
    m_models->setEnabled(!repositoryRoot.isEmpty());

    m_prompt->setObjectName(QStringLiteral("providerPrompt"));
    m_prompt->setWordWrap(true);
    m_prompt->setStyleSheet(QStringLiteral("background:#fff4ce; color:#4d3800; padding:6px;"));
    m_prompt->hide();
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#8a1c1c;"));
    m_error->hide();
    m_target->setObjectName(QStringLiteral("saveTarget"));
    m_target->setWordWrap(true);
    m_target->setForegroundRole(QPalette::PlaceholderText);
    m_target->setText(
            repositoryRoot.isEmpty()
                    ? tr("Budgets for new tasks are kept in your settings; open a repository to set "
                         "its provider.")
                    : tr("Saves to %1 (only the values you change; the rest of the file stays as "
                         "it is) and your settings (budgets for new tasks).")
                              .arg(QDir::toNativeSeparators(policyPath(repositoryRoot))));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_prompt);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_target);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(680, 520);

    // The model list and the connection test: asked here, answered by the checker, shown by the tabs.
    connect(m_provider, &ProviderTab::providerChanged, this, &SettingsDialog::updateModelFetch);
    connect(m_models, &ModelsTab::fetchRequested, this, [this]() {
        m_models->setFetching(true);
        m_checker->fetchModels(m_provider->config(), m_provider->keys()->typedKey());
    });
    connect(m_models, &ModelsTab::cancelRequested, m_checker, &ProviderChecker::cancelFetch);
    connect(m_checker, &ProviderChecker::modelsFetched, this, [this](const QStringList &models) {
        m_models->setFetching(false);
        m_models->setCatalog(models);
        m_models->setFetchMessage(
                models.isEmpty() ? tr("The provider lists no models; type the model's name.")
                                 : tr("%n model(s) listed by the provider: pick one or type another.",
                                      nullptr, int(models.size())),
                false);
    });
    connect(m_checker, &ProviderChecker::modelsFailed, this, [this](const QString &message) {
        m_models->setFetching(false);
        m_models->setFetchMessage(tr("%1 You can still type the model's name.").arg(message), true);
    });
    connect(m_provider, &ProviderTab::testRequested, this, [this]() {
        m_provider->setTesting(true);
        m_checker->testConnection(m_provider->config(), m_provider->keys()->typedKey(),
                                  m_models->modelToCheck());
    });
    connect(m_provider, &ProviderTab::cancelTestRequested, m_checker, &ProviderChecker::cancelTest);
    connect(m_checker, &ProviderChecker::tested, m_provider, &ProviderTab::showTestResult);
    connect(m_provider->keys(), &ApiKeyPanel::statusChanged, this, &SettingsDialog::keyStatusChanged);
    connect(m_sandbox, &SandboxTab::probed, this, &SettingsDialog::sandboxProbed);
    load();
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::load()
{
    m_budgets->setBudget(defaultBudget());
    if (m_root.isEmpty()) {
        m_provider->setForm({});
        updateModelFetch();
        return;
    }
    m_file = PolicyFile::load(m_root);
    if (!m_file.readable())
        // Never saved over silently: Save asks first, and keeps the file as policy.json.bak.
        showError(tr("The policy file cannot be read: %1. Fix it in a text editor, or save here: you are "
                     "asked before it is replaced, and the current file is kept as a backup.")
                          .arg(m_file.problem()));
    m_loaded = PolicyForm::fromFile(m_file);
    m_provider->setForm(m_loaded);
    m_models->setModels(m_loaded.models);
    m_budgets->setForm(m_loaded);
    m_sandbox->setForm(m_loaded, m_file.policy().network.description());
    m_agents->setSelection(m_file.policy().executor, true);
    updateModelFetch();
}

void SettingsDialog::updateModelFetch()
{
    const bool http = m_provider->isHttp() && !m_root.isEmpty();
    m_models->setCatalog({});
    m_models->setFetchAvailable(http,
                                http ? QString()
                                     : tr("The model list comes from an OpenAI-compatible or Anthropic "
                                          "provider; choose one on the Provider tab."));
    if (http)
        m_models->setFetchMessage({}, false);
}

void SettingsDialog::askForProvider()
{
    m_prompt->setText(tr("This repository has no provider yet, so nothing was started. Choose the provider "
                         "that runs its tasks (the replay provider spends no tokens), then Save to start."));
    m_prompt->show();
    m_tabs->setCurrentWidget(m_provider);
}

QString SettingsDialog::problemText(PolicyForm::Problem problem) const
{
    switch (problem) {
    case PolicyForm::Problem::None:
        return {};
    case PolicyForm::Problem::NoProvider:
        return tr("No provider is chosen: pick the one that runs this repository's tasks.");
    case PolicyForm::Problem::NoTranscript:
        return tr("The replay provider needs a transcript (a .jsonl file recorded by an earlier run).");
    case PolicyForm::Problem::NoProviderId:
        return tr("The provider settings are not valid: the provider needs an id (it names the provider's "
                  "keychain entry).");
    case PolicyForm::Problem::BadBaseUrl:
        return tr("The provider settings are not valid: the base URL must be an http:// or https:// address, "
                  "e.g. https://api.openai.com/v1.");
    }
    return {};
}

void SettingsDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

bool SettingsDialog::save()
{
    setDefaultBudget(m_budgets->budget());
    if (m_root.isEmpty())
        return true;
    PolicyForm form = m_loaded;
    m_provider->applyTo(form);
    form.models = m_models->models();
    m_budgets->applyTo(form);
    m_sandbox->applyTo(form);
    // A provider left unchosen is no error here (other settings may be saved); a chosen one must run.
    if (const auto problem = form.problem();
        problem != PolicyForm::Problem::None && problem != PolicyForm::Problem::NoProvider) {
        showError(problemText(problem));
        m_tabs->setCurrentWidget(m_provider);
        return false;
    }
    if (!m_file.readable() && !m_replaceConfirmed) {
        confirmReplace();
        return false;
    }
    const auto saved = m_file.save(form.changesFrom(m_loaded), m_replaceConfirmed);
    if (!saved) {
        showError(saved.errorText());
        return false;
    }
    m_loaded = form;
    m_replaceConfirmed = false;
    showError({});
    m_saved = !saved->changed ? tr("Nothing changed in %1.").arg(QDir::toNativeSeparators(saved->path))
            : saved->backupPath.isEmpty() ? tr("Saved to %1.").arg(QDir::toNativeSeparators(saved->path))
                                          : tr("Saved to %1; the unreadable file was kept as %2.")
                                                    .arg(QDir::toNativeSeparators(saved->path),
                                                         QDir::toNativeSeparators(saved->backupPath));
    m_target->setText(m_saved);
    return true;
}

void SettingsDialog::confirmReplace()
{
    auto *box =
            new QMessageBox(QMessageBox::Warning, tr("Replace policy.json?"),
                            tr("%1 cannot be read. Replace it with these settings?\n\nThe current file is "
                               "kept next to it as policy.json.bak, so nothing is lost.")
                                    .arg(QDir::toNativeSeparators(policyPath(m_root))),
                            QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("replacePolicyConfirm"));
    box->button(QMessageBox::Yes)->setText(tr("Replace, Keeping a Backup"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        m_replaceConfirmed = true;
        if (save())
            QDialog::accept();
    });
    box->open();
}

QString SettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString SettingsDialog::savedText() const
{
    return m_saved;
}

void SettingsDialog::accept()
{
    if (save())
        QDialog::accept();
}

QComboBox *SettingsDialog::providerKind() const
{
    return m_provider->kindBox();
}
QLineEdit *SettingsDialog::providerId() const
{
    return m_provider->providerId();
}
QLineEdit *SettingsDialog::baseUrl() const
{
    return m_provider->baseUrl();
}
QLineEdit *SettingsDialog::modelEdit(const QString &phase) const
{
    return m_models->modelEdit(phase);
}
QLineEdit *SettingsDialog::keyEdit() const
{
    return m_provider->keys()->keyEdit();
}
QPushButton *SettingsDialog::storeKeyButton() const
{
    return m_provider->keys()->storeButton();
}
QPushButton *SettingsDialog::removeKeyButton() const
{
    return m_provider->keys()->removeButton();
}
QLabel *SettingsDialog::keyStatus() const
{
    return m_provider->keys()->status();
}
QLabel *SettingsDialog::sandboxStatus() const
{
    return m_sandbox->status();
}
QSpinBox *SettingsDialog::maxTokens() const
{
    return m_budgets->maxTokens();
}
bool SettingsDialog::isCheckingKey() const
{
    return m_provider->keys()->isBusy();
}
bool SettingsDialog::isProbingSandbox() const
{
    return m_sandbox->isProbing();
}
void SettingsDialog::refreshKeyStatus()
{
    m_provider->syncKeyPanel();
    m_provider->keys()->refresh();
}

void SettingsDialog::storeKey()
{
    m_provider->syncKeyPanel();
    m_provider->keys()->store();
}

void SettingsDialog::removeKey()
{
    m_provider->syncKeyPanel();
    m_provider->keys()->remove();
}

} // namespace harness::ui
