// ProviderTab: switching the kind fills the usual base URL and id once; what the user typed stays.
#include "providertab.h"
#include "apikeypanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace harness::ui {

namespace {
QString defaultBaseUrl(const QString &kind)
{
    if (kind == QLatin1String("anthropic"))
        return QStringLiteral("https://api.anthropic.com");
    if (kind == QLatin1String("openai"))
        return QStringLiteral("https://api.openai.com/v1");
    return {};
}
} // namespace

ProviderTab::ProviderTab(SecretStore *secrets, bool hasRepository, QWidget *parent)
    : QWidget(parent), m_repository(hasRepository), m_kind(new QComboBox(this)), m_id(new QLineEdit(this)),
      m_baseUrl(new QLineEdit(this)), m_keyEnv(new QLineEdit(this)),
      m_keyRequired(new QCheckBox(tr("The provider needs an API key"), this)),
      m_transcript(new QLineEdit(this)), m_keys(new ApiKeyPanel(secrets, this)),
      m_test(new QPushButton(tr("Test Connection"), this)), m_cancelTest(new QPushButton(tr("Cancel"), this)),
      m_result(new QLabel(this))
{
    m_kind->setObjectName(QStringLiteral("providerKind"));
    m_kind->addItem(tr("Replay (recorded transcript, no tokens spent)"), QStringLiteral("replay"));
    m_kind->addItem(tr("OpenAI-compatible (OpenAI, Ollama, vLLM, llama.cpp)"), QStringLiteral("openai"));
    m_kind->addItem(tr("Anthropic Messages"), QStringLiteral("anthropic"));
    m_id->setPlaceholderText(tr("e.g. openai, local-ollama"));
    m_keyEnv->setPlaceholderText(tr("e.g. OPENAI_API_KEY (for headless runs)"));
    m_transcript->setPlaceholderText(tr("e.g. .harness/replay/session.jsonl"));
    m_test->setObjectName(QStringLiteral("testConnection"));
    m_cancelTest->setObjectName(QStringLiteral("cancelTestConnection"));
    m_cancelTest->hide();
    m_result->setObjectName(QStringLiteral("connectionResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Provider:"), m_kind);
    form->addRow(tr("Provider &id:"), m_id);
    form->addRow(tr("&Base URL:"), m_baseUrl);
    form->addRow(tr("Key &variable:"), m_keyEnv);
    form->addRow(QString(), m_keyRequired);
    form->addRow(tr("&Transcript:"), m_transcript);
    form->addRow(tr("API key:"), m_keys);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_cancelTest);
    testRow->addStretch(1);
    form->addRow(QString(), testRow);
    form->addRow(QString(), m_result);
    auto *note = new QLabel(tr("Keys are kept in the OS keychain only — never in the project, the settings "
                               "files, the database or the logs."),
                            this);
    note->setWordWrap(true);
    note->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), note);

    connect(m_kind, &QComboBox::currentIndexChanged, this, &ProviderTab::kindChanged);
    connect(m_id, &QLineEdit::editingFinished, this, &ProviderTab::syncKeyPanel);
    connect(m_id, &QLineEdit::textEdited, this, &ProviderTab::providerChanged);
    connect(m_baseUrl, &QLineEdit::textEdited, this, &ProviderTab::providerChanged);
    connect(m_test, &QPushButton::clicked, this, &ProviderTab::testRequested);
    connect(m_cancelTest, &QPushButton::clicked, this, &ProviderTab::cancelTestRequested);
    setEnabled(hasRepository);
}

ProviderTab::~ProviderTab()
{
    m_id->disconnect(this); // editingFinished fires while the line edit is destroyed
}

void ProviderTab::setForm(const PolicyForm &form)
{
    const QSignalBlocker block(m_kind);
    if (m_kind->findData(QString()) >= 0)
        m_kind->removeItem(m_kind->findData(QString()));
    if (form.provider.isEmpty())
        m_kind->insertItem(0, tr("Choose a provider…"), QString());
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(form.provider)));
    m_id->setText(form.providerId);
    m_baseUrl->setText(form.baseUrl);
    m_keyEnv->setText(form.apiKeyEnv);
    m_keyRequired->setChecked(form.keyRequired);
    m_keyRequiredSet = !form.providerId.isEmpty();
    m_transcript->setText(form.transcript);
    kindChanged();
}

QString ProviderTab::kind() const
{
    return m_kind->currentData().toString();
}

bool ProviderTab::isHttp() const
{
    return kind() == QLatin1String("openai") || kind() == QLatin1String("anthropic");
}

void ProviderTab::applyTo(PolicyForm &form) const
{
    form.provider = kind();
    form.transcript = m_transcript->text().trimmed();
    if (isHttp()) {
        form.providerId = m_id->text().trimmed();
        form.baseUrl = m_baseUrl->text().trimmed();
        form.apiKeyEnv = m_keyEnv->text().trimmed();
        form.keyRequired = m_keyRequired->isChecked();
    }
}

ProviderConfig ProviderTab::config() const
{
    ProviderConfig c;
    c.id = m_id->text().trimmed();
    c.kind = kind();
    c.baseUrl = m_baseUrl->text().trimmed();
    c.apiKeyEnv = m_keyEnv->text().trimmed();
    c.keyRequired = m_keyRequired->isChecked();
    return c;
}

void ProviderTab::kindChanged()
{
    // The placeholder goes once a provider is picked: there is no way back to "none".
    if (const int none = m_kind->findData(QString()); none >= 0 && m_kind->currentIndex() != none) {
        const QSignalBlocker block(m_kind);
        m_kind->removeItem(none);
    }
    const bool http = isHttp();
    for (QWidget *w : std::initializer_list<QWidget *> {m_id, m_baseUrl, m_keyEnv, m_keyRequired, m_test})
        w->setEnabled(http && m_repository);
    m_transcript->setEnabled(kind() == QLatin1String("replay") && m_repository);
    if (http) {
        if (!m_keyRequiredSet)
            m_keyRequired->setChecked(true); // hosted APIs need a key; untick for a local server
        if (m_baseUrl->text().isEmpty() ||
            m_baseUrl->text() ==
                    defaultBaseUrl(kind() == QLatin1String("openai") ? QStringLiteral("anthropic")
                                                                     : QStringLiteral("openai")))
            m_baseUrl->setText(defaultBaseUrl(kind()));
        if (m_id->text().isEmpty() || m_id->text() == QLatin1String("openai") ||
            m_id->text() == QLatin1String("anthropic"))
            m_id->setText(kind());
    }
    m_result->clear();
    syncKeyPanel();
    Q_EMIT providerChanged();
}

void ProviderTab::syncKeyPanel()
{
    const QString why = !m_repository           ? tr("Open a repository to configure its provider.")
            : kind() == QLatin1String("replay") ? tr("The replay provider needs no key.")
            : kind().isEmpty()                  ? tr("Choose a provider first.")
                                                : QString();
    m_keys->setProvider(m_id->text().trimmed(), m_keyEnv->text().trimmed(), why.isEmpty(), why);
}

void ProviderTab::setTesting(bool testing)
{
    m_test->setEnabled(!testing && isHttp() && m_repository);
    m_cancelTest->setVisible(testing);
    if (testing) {
        m_result->setStyleSheet(QString());
        m_result->setText(tr("Testing the connection…"));
    }
}

void ProviderTab::showTestResult(bool ok, const QString &message)
{
    setTesting(false);
    m_result->setStyleSheet(ok ? QStringLiteral("color:#1b5e20;") : QStringLiteral("color:#8a1c1c;"));
    m_result->setText(message);
}

} // namespace harness::ui
