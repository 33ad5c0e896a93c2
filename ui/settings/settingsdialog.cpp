// SettingsDialog: keychain calls go through agents' SecretStore (asynchronous); the sandbox probe
// (which starts bubblewrap once) runs in the thread pool.
#include "settingsdialog.h"
#include "agents/providerconfig.h"
#include "agents/secretstore.h"
#include "common/taskeditdialog.h"
#include "runtime/sandbox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace harness::ui {

namespace {
const QStringList kPhases {QStringLiteral("plan"), QStringLiteral("build"), QStringLiteral("fix"),
                           QStringLiteral("summarise"), QStringLiteral("default")};

QString defaultBaseUrl(const QString &kind)
{
    if (kind == QLatin1String("anthropic"))
        return QStringLiteral("https://api.anthropic.com");
    if (kind == QLatin1String("openai"))
        return QStringLiteral("https://api.openai.com/v1");
    return {};
}
} // namespace

QString SettingsDialog::policyPath(const QString &repositoryRoot)
{
    return QDir(repositoryRoot).filePath(QStringLiteral(".harness/policy.json"));
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
      m_tabs(new QTabWidget(this)), m_kind(new QComboBox(this)), m_providerId(new QLineEdit(this)),
      m_baseUrl(new QLineEdit(this)), m_keyEnv(new QLineEdit(this)),
      m_keyRequired(new QCheckBox(tr("The provider needs an API key"), this)),
      m_transcript(new QLineEdit(this)), m_keyStatus(new QLabel(this)), m_keyEdit(new QLineEdit(this)),
      m_storeKey(new QPushButton(tr("Store Key in Keychain"), this)),
      m_removeKey(new QPushButton(tr("Remove Key"), this)), m_maxTokens(new QSpinBox(this)),
      m_maxCost(new QDoubleSpinBox(this)), m_maxIterations(new QSpinBox(this)),
      m_maxMinutes(new QSpinBox(this)), m_planRounds(new QSpinBox(this)), m_turns(new QSpinBox(this)),
      m_sandbox(new QLabel(this)),
      m_allowUnsandboxed(new QCheckBox(tr("Run commands without the sandbox when bubblewrap is unusable "
                                          "(every run warns)"),
                                       this)),
      m_network(new QCheckBox(tr("Sandboxed commands may use the network"), this)),
      m_networkMode(new QLabel(this)), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    m_keyStatus->setObjectName(QStringLiteral("keyStatus"));
    m_keyEdit->setObjectName(QStringLiteral("apiKeyEdit"));
    m_sandbox->setObjectName(QStringLiteral("sandboxStatus"));
    m_kind->addItem(tr("Replay (recorded transcript, no tokens spent)"), QStringLiteral("replay"));
    m_kind->addItem(tr("OpenAI-compatible (OpenAI, Ollama, vLLM, llama.cpp)"), QStringLiteral("openai"));
    m_kind->addItem(tr("Anthropic Messages"), QStringLiteral("anthropic"));
    m_keyEdit->setEchoMode(QLineEdit::Password);
    m_keyEdit->setPlaceholderText(tr("Paste a new key to store it"));
    m_keyStatus->setWordWrap(true);
    m_sandbox->setWordWrap(true);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#8a1c1c;"));
    m_error->hide();
    m_keyEnv->setPlaceholderText(tr("e.g. OPENAI_API_KEY (for headless runs)"));
    m_providerId->setPlaceholderText(tr("e.g. openai, local-ollama"));

    // Provider tab.
    auto *provider = new QWidget(this);
    auto *pf = new QFormLayout(provider);
    pf->addRow(tr("&Provider:"), m_kind);
    pf->addRow(tr("Provider &id:"), m_providerId);
    pf->addRow(tr("&Base URL:"), m_baseUrl);
    pf->addRow(tr("Key &variable:"), m_keyEnv);
    pf->addRow(QString(), m_keyRequired);
    pf->addRow(tr("&Transcript:"), m_transcript);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_keyEdit, 1);
    keyRow->addWidget(m_storeKey);
    keyRow->addWidget(m_removeKey);
    pf->addRow(tr("API key:"), m_keyStatus);
    pf->addRow(QString(), keyRow);
    auto *keyNote =
            new QLabel(tr("Keys are kept in the OS keychain only — never in the project, the settings "
                          "files, the database or the logs."),
                       this);
    keyNote->setWordWrap(true);
    keyNote->setForegroundRole(QPalette::PlaceholderText);
    pf->addRow(QString(), keyNote);
    m_tabs->addTab(provider, tr("Provider"));

    // Models tab.
    auto *models = new QWidget(this);
    auto *mf = new QFormLayout(models);
    for (const QString &phase : kPhases) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("model_") + phase);
        edit->setPlaceholderText(phase == QLatin1String("default") ? tr("used by phases without their own")
                                                                   : tr("the default model"));
        m_models.insert(phase, edit);
        mf->addRow(phase == QLatin1String("plan")                ? tr("P&lan:")
                           : phase == QLatin1String("build")     ? tr("B&uild:")
                           : phase == QLatin1String("fix")       ? tr("&Fix:")
                           : phase == QLatin1String("summarise") ? tr("&Summarise:")
                                                                 : tr("&Default:"),
                   edit);
    }
    m_tabs->addTab(models, tr("Models"));

    // Budgets tab.
    auto *budgets = new QWidget(this);
    auto *bf = new QFormLayout(budgets);
    m_maxTokens->setRange(0, 2'000'000'000);
    m_maxTokens->setSingleStep(10000);
    m_maxTokens->setSpecialValueText(tr("no limit"));
    m_maxCost->setRange(0, 100000);
    m_maxCost->setPrefix(QStringLiteral("$ "));
    m_maxCost->setSpecialValueText(tr("no limit"));
    m_maxIterations->setRange(1, 100);
    m_maxMinutes->setRange(0, 24 * 60);
    m_maxMinutes->setSuffix(tr(" min"));
    m_maxMinutes->setSpecialValueText(tr("no limit"));
    m_planRounds->setRange(1, 50);
    m_turns->setRange(1, 1000);
    bf->addRow(new QLabel(tr("<b>New tasks start with</b>"), this));
    bf->addRow(tr("Max tokens:"), m_maxTokens);
    bf->addRow(tr("Max cost:"), m_maxCost);
    bf->addRow(tr("Max iterations:"), m_maxIterations);
    bf->addRow(tr("Max wall time:"), m_maxMinutes);
    bf->addRow(new QLabel(tr("<b>Every run of this project</b>"), this));
    bf->addRow(tr("Plans before escalating:"), m_planRounds);
    bf->addRow(tr("Model turns per iteration:"), m_turns);
    m_tabs->addTab(budgets, tr("Budgets"));

    // Sandbox tab.
    auto *sandbox = new QWidget(this);
    auto *sl = new QVBoxLayout(sandbox);
    sl->addWidget(m_sandbox);
    sl->addWidget(m_network);
    m_networkMode->setObjectName(QStringLiteral("networkMode"));
    m_networkMode->setWordWrap(true);
    sl->addWidget(m_networkMode);
    sl->addWidget(m_allowUnsandboxed);
    sl->addStretch(1);
    m_tabs->addTab(sandbox, tr("Sandbox"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    resize(620, 460);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateProviderFields);
    connect(m_providerId, &QLineEdit::editingFinished, this, &SettingsDialog::refreshKeyStatus);
    connect(m_storeKey, &QPushButton::clicked, this, &SettingsDialog::storeKey);
    connect(m_removeKey, &QPushButton::clicked, this, &SettingsDialog::removeKey);
    connect(&m_probe, &QFutureWatcher<SandboxStatus>::finished, this, [this]() {
        const SandboxStatus s = m_probe.result();
        if (s.available)
            m_sandbox->setText(
                    tr("<b style='color:#1b5e20'>The sandbox is usable.</b><br>bubblewrap %1 at %2: "
                       "commands run with the worktree writable, the rest read-only, home and "
                       "keyrings hidden, no network unless allowed.")
                            .arg(s.version.toHtmlEscaped(), s.executable.toHtmlEscaped()));
        else
            m_sandbox->setText(
                    tr("<b style='color:#8a1c1c'>The sandbox is not usable here.</b><br>%1<br>Runs "
                       "refuse to execute commands unless you allow unsandboxed runs below.")
                            .arg(s.reason.toHtmlEscaped()));
        Q_EMIT sandboxProbed(s.available);
    });
    m_sandbox->setText(tr("Checking whether bubblewrap is usable…"));
    m_probe.setFuture(QtConcurrent::run([]() { return Sandbox::probe(); }));
    load();
}

SettingsDialog::~SettingsDialog()
{
    m_providerId->disconnect(this); // editingFinished fires while the line edit is destroyed
    m_probe.waitForFinished();
}

void SettingsDialog::load()
{
    const Budget b = defaultBudget();
    m_maxTokens->setValue(int(qMin<qint64>(b.maxTokens, m_maxTokens->maximum())));
    m_maxCost->setValue(b.maxCost);
    m_maxIterations->setValue(b.maxIterations);
    m_maxMinutes->setValue(b.maxWallSeconds / 60);

    const bool project = !m_root.isEmpty();
    for (int i = 0; i < m_tabs->count(); ++i)
        if (i != 2 && i != 3)
            m_tabs->widget(i)->setEnabled(project);
    for (QWidget *w : std::initializer_list<QWidget *> {m_planRounds, m_turns, m_network, m_allowUnsandboxed})
        w->setEnabled(project);
    if (!project) {
        m_keyStatus->setText(tr("Open a repository to configure its provider."));
        return;
    }
    QFile file(policyPath(m_root));
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            m_error->setText(tr("%1 cannot be read: %2").arg(file.fileName(), file.errorString()));
            m_error->show();
        } else {
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
            auto policy = ProjectPolicy::fromJson(doc.object());
            if (doc.isNull() || !policy) {
                m_error->setText(tr("%1 is not valid (%2); saving replaces it.")
                                         .arg(file.fileName(),
                                              doc.isNull() ? parseError.errorString() : policy.errorText()));
                m_error->show();
            } else {
                m_policy = *policy;
                m_extra = doc.object();
            }
        }
    }
    const int kindIndex = m_kind->findData(m_policy.provider);
    m_kind->setCurrentIndex(kindIndex < 0 ? 0 : kindIndex);
    const QJsonObject pc = m_policy.providerConfig;
    m_providerId->setText(pc.value(QLatin1String("id")).toString(m_policy.provider));
    m_baseUrl->setText(pc.value(QLatin1String("base_url")).toString(defaultBaseUrl(m_policy.provider)));
    m_keyEnv->setText(pc.value(QLatin1String("api_key_env")).toString());
    m_keyRequired->setChecked(
            pc.value(QLatin1String("key_required")).toBool(m_policy.provider != QLatin1String("replay")));
    m_transcript->setText(m_policy.transcript);
    for (const QString &phase : kPhases)
        m_models[phase]->setText(m_policy.models.value(phase).toString());
    m_planRounds->setValue(m_policy.maxPlanRounds);
    m_turns->setValue(m_policy.maxTurnsPerIteration);
    m_network->setChecked(m_policy.network.enabled());
    m_networkMode->setText(tr("In force: %1. An allow-list of hosts is set in .harness/policy.json "
                              "(see docs/security.md).")
                                   .arg(m_policy.network.description()));
    m_allowUnsandboxed->setChecked(m_policy.allowUnsandboxed);
    updateProviderFields();
}

void SettingsDialog::updateProviderFields()
{
    const QString kind = m_kind->currentData().toString();
    const bool replay = kind == QLatin1String("replay");
    for (QWidget *w : std::initializer_list<QWidget *> {m_baseUrl, m_keyEnv, m_keyRequired, m_keyEdit,
                                                        m_storeKey, m_removeKey})
        w->setEnabled(!replay && !m_root.isEmpty());
    m_transcript->setEnabled(replay && !m_root.isEmpty());
    if (!replay && !m_policy.providerConfig.contains(QLatin1String("key_required")))
        m_keyRequired->setChecked(true); // hosted APIs need a key; untick for a local server
    if (!replay && m_baseUrl->text().isEmpty())
        m_baseUrl->setText(defaultBaseUrl(kind));
    if (!replay && (m_providerId->text().isEmpty() || m_providerId->text() == QLatin1String("replay")))
        m_providerId->setText(kind);
    refreshKeyStatus();
}

void SettingsDialog::setKeyStatus(const QString &text, const QString &color)
{
    m_keyStatus->setText(
            color.isEmpty()
                    ? text
                    : QStringLiteral("<span style='color:%1'>%2</span>").arg(color, text.toHtmlEscaped()));
    m_keyStatus->setProperty("plainStatus", text);
    Q_EMIT keyStatusChanged(text);
}

void SettingsDialog::refreshKeyStatus()
{
    if (m_root.isEmpty())
        return;
    if (m_kind->currentData().toString() == QLatin1String("replay")) {
        setKeyStatus(tr("The replay provider needs no key."), {});
        return;
    }
    const QString id = m_providerId->text().trimmed();
    if (id.isEmpty()) {
        setKeyStatus(tr("Give the provider an id to look up its key."), {});
        return;
    }
    m_keyBusy = true;
    setKeyStatus(tr("Asking the keychain…"), {});
    m_secrets->readKey(id, this, [this](SecretReply reply) {
        m_keyBusy = false;
        // Only whether a key exists is shown; the value is dropped here.
        switch (reply.outcome) {
        case SecretReply::Outcome::Ok:
            setKeyStatus(tr("A key is stored in the keychain."), QStringLiteral("#1b5e20"));
            break;
        case SecretReply::Outcome::NotFound:
            setKeyStatus(tr("No key is stored for this provider."), QStringLiteral("#8a5a00"));
            break;
        case SecretReply::Outcome::Unavailable:
            setKeyStatus(reply.message.isEmpty() ? SecretStore::unavailableMessage(m_keyEnv->text())
                                                 : reply.message,
                         QStringLiteral("#8a1c1c"));
            break;
        case SecretReply::Outcome::Failed:
            setKeyStatus(tr("The keychain did not answer: %1").arg(reply.message), QStringLiteral("#8a1c1c"));
            break;
        }
    });
}

void SettingsDialog::storeKey()
{
    const QString id = m_providerId->text().trimmed();
    const QString key = m_keyEdit->text().trimmed();
    if (id.isEmpty() || key.isEmpty()) {
        setKeyStatus(tr("Enter the provider id and the key first."), QStringLiteral("#8a1c1c"));
        return;
    }
    m_keyEdit->clear(); // the key leaves the dialog at once
    m_keyBusy = true;
    setKeyStatus(tr("Storing the key…"), {});
    m_secrets->writeKey(id, key, this, [this](SecretReply reply) {
        m_keyBusy = false;
        if (reply.ok())
            refreshKeyStatus();
        else
            setKeyStatus(
                    reply.outcome == SecretReply::Outcome::Unavailable
                            ? (reply.message.isEmpty() ? SecretStore::unavailableMessage() : reply.message)
                            : tr("The key was not stored: %1").arg(reply.message),
                    QStringLiteral("#8a1c1c"));
    });
}

void SettingsDialog::removeKey()
{
    const QString id = m_providerId->text().trimmed();
    if (id.isEmpty())
        return;
    m_keyBusy = true;
    m_secrets->removeKey(id, this, [this](SecretReply reply) {
        m_keyBusy = false;
        if (reply.ok() || reply.outcome == SecretReply::Outcome::NotFound)
            refreshKeyStatus();
        else
            setKeyStatus(tr("The key was not removed: %1").arg(reply.message), QStringLiteral("#8a1c1c"));
    });
}

bool SettingsDialog::save()
{
    Budget b;
    b.maxTokens = m_maxTokens->value();
    b.maxCost = m_maxCost->value();
    b.maxIterations = m_maxIterations->value();
    b.maxWallSeconds = m_maxMinutes->value() * 60;
    setDefaultBudget(b);
    if (m_root.isEmpty())
        return true;

    ProjectPolicy p = m_policy;
    p.provider = m_kind->currentData().toString();
    p.transcript = m_transcript->text().trimmed();
    p.maxPlanRounds = m_planRounds->value();
    p.maxTurnsPerIteration = m_turns->value();
    // Unchecked is off; checked keeps the allow-list policy.json gives, or is every public host.
    if (!m_network->isChecked())
        p.network = NetworkPolicy::off();
    else if (!m_policy.network.enabled())
        p.network = NetworkPolicy::publicInternet();
    p.allowUnsandboxed = m_allowUnsandboxed->isChecked();
    QJsonObject models;
    for (const QString &phase : kPhases)
        if (!m_models[phase]->text().trimmed().isEmpty())
            models.insert(phase, m_models[phase]->text().trimmed());
    p.models = models;
    if (p.provider != QLatin1String("replay")) {
        const QUrl url(m_baseUrl->text().trimmed());
        QString problem;
        if (m_providerId->text().trimmed().isEmpty())
            problem = tr("the provider needs an id (it names the provider's keychain entry)");
        else if (!url.isValid() ||
                 (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
                 url.host().isEmpty())
            problem =
                    tr("the base URL must be an http:// or https:// address, e.g. https://api.openai.com/v1");
        if (!problem.isEmpty()) {
            m_error->setText(tr("The provider settings are not valid: %1").arg(problem));
            m_error->show();
            m_tabs->setCurrentIndex(0);
            return false;
        }
        QJsonObject pc = p.providerConfig;
        pc.insert(QStringLiteral("id"), m_providerId->text().trimmed());
        pc.insert(QStringLiteral("kind"), p.provider);
        pc.insert(QStringLiteral("base_url"), m_baseUrl->text().trimmed());
        pc.insert(QStringLiteral("api_key_env"), m_keyEnv->text().trimmed());
        pc.insert(QStringLiteral("key_required"), m_keyRequired->isChecked());
        auto valid = ProviderConfig::fromJson(pc);
        if (!valid) {
            m_error->setText(tr("The provider settings are not valid: %1").arg(valid.errorText()));
            m_error->show();
            m_tabs->setCurrentIndex(0);
            return false;
        }
        p.providerConfig = valid->toJson();
    }
    QJsonObject out = m_extra;
    const QJsonObject written = p.toJson();
    for (auto it = written.begin(); it != written.end(); ++it)
        out.insert(it.key(), it.value());
    if (auto check = ProjectPolicy::fromJson(out); !check) {
        m_error->setText(tr("These settings are not valid: %1").arg(check.errorText()));
        m_error->show();
        return false;
    }
    QDir().mkpath(QFileInfo(policyPath(m_root)).absolutePath());
    QSaveFile file(policyPath(m_root));
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(out).toJson(QJsonDocument::Indented)) < 0 || !file.commit()) {
        m_error->setText(tr("%1 could not be written: %2").arg(policyPath(m_root), file.errorString()));
        m_error->show();
        return false;
    }
    m_policy = p;
    m_extra = out;
    return true;
}

QString SettingsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void SettingsDialog::accept()
{
    if (save())
        QDialog::accept();
}

} // namespace harness::ui
