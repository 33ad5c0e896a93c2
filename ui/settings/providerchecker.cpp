// ProviderChecker: the words for each failure say what happened and what to do, naming the URL asked.
#include "providerchecker.h"
#include "agents/modelcatalog.h"
#include "agents/secretstore.h"

namespace harness::ui {

ProviderChecker::ProviderChecker(SecretStore *secrets, QObject *parent)
    : QObject(parent), m_secrets(secrets), m_catalog(new ModelCatalog(this)), m_test(new ConnectionTest(this))
{
    connect(m_catalog, &ModelCatalog::fetched, this, [this](const QStringList &models) {
        m_fetching = false;
        Q_EMIT modelsFetched(models);
    });
    connect(m_catalog, &ModelCatalog::failed, this, [this](const ProviderProblem &problem) {
        m_fetching = false;
        Q_EMIT modelsFailed(describe(problem, m_fetchConfig));
    });
    connect(m_test, &ConnectionTest::finished, this, [this](const ConnectionReport &report) {
        m_testing = false;
        Q_EMIT tested(report.ok(), describe(report, m_testConfig, m_testModel));
    });
}

void ProviderChecker::withKey(const ProviderConfig &config, const QString &typedKey, int *generation,
                              std::function<void(QString)> then, std::function<void(ProviderProblem)> failed)
{
    const int mine = ++*generation;
    if (!typedKey.isEmpty()) {
        then(typedKey);
        return;
    }
    if (!config.apiKeyEnv.isEmpty() && qEnvironmentVariableIsSet(qPrintable(config.apiKeyEnv))) {
        then(qEnvironmentVariable(qPrintable(config.apiKeyEnv)));
        return;
    }
    m_secrets->readKey(config.id, this, [=, this](SecretReply reply) {
        if (*generation != mine)
            return;
        if (reply.ok() || !config.keyRequired) {
            then(reply.ok() ? reply.value : QString());
            return;
        }
        ProviderProblem p;
        p.kind = ProviderProblem::Kind::NoKey;
        p.detail = reply.outcome == SecretReply::Outcome::NotFound ? QString() : reply.message;
        failed(p);
    });
}

void ProviderChecker::fetchModels(const ProviderConfig &config, const QString &typedKey)
{
    cancelFetch();
    m_fetchConfig = config;
    m_fetching = true;
    withKey(
            config, typedKey, &m_fetchGeneration,
            [this](const QString &key) { m_catalog->fetch(m_fetchConfig, key); },
            [this](const ProviderProblem &p) {
                m_fetching = false;
                Q_EMIT modelsFailed(describe(p, m_fetchConfig));
            });
}

void ProviderChecker::testConnection(const ProviderConfig &config, const QString &typedKey,
                                     const QString &model)
{
    cancelTest();
    m_testConfig = config;
    m_testModel = model.trimmed();
    m_testing = true;
    withKey(
            config, typedKey, &m_testGeneration,
            [this](const QString &key) { m_test->start(m_testConfig, key, m_testModel); },
            [this](const ProviderProblem &p) {
                m_testing = false;
                ConnectionReport r;
                r.problem = p;
                Q_EMIT tested(false, describe(r, m_testConfig, m_testModel));
            });
}

void ProviderChecker::cancelFetch()
{
    if (!m_fetching)
        return;
    ++m_fetchGeneration;
    m_catalog->cancel(); // answers "cancelled" when a request was under way
    if (m_fetching) {
        m_fetching = false;
        ProviderProblem p;
        p.kind = ProviderProblem::Kind::Cancelled;
        Q_EMIT modelsFailed(describe(p, m_fetchConfig));
    }
}

void ProviderChecker::cancelTest()
{
    if (!m_testing)
        return;
    ++m_testGeneration;
    m_test->cancel();
    if (m_testing) {
        m_testing = false;
        ConnectionReport r;
        r.problem.kind = ProviderProblem::Kind::Cancelled;
        Q_EMIT tested(false, describe(r, m_testConfig, m_testModel));
    }
}

QString ProviderChecker::describe(const ProviderProblem &problem, const ProviderConfig &config,
                                  const QString &model)
{
    using K = ProviderProblem::Kind;
    const QString url = problem.url.toDisplayString(QUrl::RemoveUserInfo);
    const QString host = problem.url.host().isEmpty() ? QUrl(config.baseUrl).host() : problem.url.host();
    const int port = problem.url.port(problem.url.scheme() == QLatin1String("https") ? 443 : 80);
    switch (problem.kind) {
    case K::None:
        return {};
    case K::NoKey:
        return problem.detail.isEmpty()
                ? tr("No API key for \"%1\": paste one above (Test connection uses it before it is stored), "
                     "store one in the keychain, or set %2.")
                          .arg(config.id,
                               config.apiKeyEnv.isEmpty() ? tr("a key variable") : config.apiKeyEnv)
                : problem.detail;
    case K::Dns:
        return tr("The host name %1 could not be resolved (DNS): check the base URL's spelling and this "
                  "machine's network.")
                .arg(host);
    case K::Refused:
        return tr("%1:%2 refused the connection: nothing listens there. Is the server running, and is the "
                  "port right?")
                .arg(host)
                .arg(port);
    case K::Tls:
        return tr("The secure connection to %1 failed (TLS: %2). Check that the base URL's scheme is right "
                  "(http:// for a local server) and that the server's certificate is valid.")
                .arg(host, problem.detail);
    case K::Timeout:
        return tr("%1 did not answer within %2 s; the check was stopped. The server may be overloaded, or "
                  "a firewall drops the connection.")
                .arg(host)
                .arg(problem.detail.toInt() / 1000.0, 0, 'g', 3);
    case K::Network:
        return tr("%1 could not be reached: %2.").arg(host, problem.detail);
    case K::KeyRejected:
        return tr("%1 rejected the API key (HTTP %2: %3). Store a valid key for \"%4\".")
                .arg(host)
                .arg(problem.httpStatus)
                .arg(problem.detail, config.id);
    case K::NotFound:
        return model.isEmpty()
                ? tr("%1 has no models list (HTTP 404 for %2): check that the base URL is the API's root%3.")
                          .arg(host, url,
                               config.kind == QLatin1String("openai") ? tr(" (usually ending in /v1)")
                                                                      : QString())
                : tr("The model \"%1\" does not exist at %2 (HTTP 404: %3). Pick one from the list on the "
                     "Models tab.")
                          .arg(model, host, problem.detail);
    case K::Http:
        return tr("%1 answered HTTP %2 for %3: %4")
                .arg(host)
                .arg(problem.httpStatus)
                .arg(url, problem.detail);
    case K::Protocol:
        return tr("%1 answered, but not with a models list (%2): is the base URL a model provider's API?")
                .arg(url, problem.detail);
    case K::Cancelled:
        return tr("Cancelled.");
    }
    return {};
}

QString ProviderChecker::describe(const ConnectionReport &report, const ProviderConfig &config,
                                  const QString &model)
{
    if (!report.ok())
        return describe(report.problem, config, report.modelChecked ? model : QString());
    const QString host = QUrl(config.baseUrl).host();
    const QString keyPart = config.keyRequired ? tr("the key is accepted") : tr("no key needed");
    if (!report.modelChecked)
        return tr("Connected to %1 in %2 ms: reachable, %3, %n model(s) listed. Name a model on the Models "
                  "tab "
                  "to check it too.",
                  nullptr, report.modelsListed)
                .arg(host)
                .arg(report.elapsedMs)
                .arg(keyPart);
    return tr("Connected to %1 in %2 ms: reachable, %3, and the model \"%4\" exists.")
            .arg(host)
            .arg(report.elapsedMs)
            .arg(keyPart, model);
}

} // namespace harness::ui
