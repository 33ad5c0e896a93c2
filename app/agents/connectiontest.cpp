// ConnectionTest: two real requests at most (the list, then one model), each with the time limit.
#include "connectiontest.h"
#include "modelcatalog.h"

namespace harness {

ConnectionTest::ConnectionTest(QObject *parent)
    : QObject(parent), m_catalog(new ModelCatalog(this)), m_lookup(new ProviderQuery(this))
{
    connect(m_catalog, &ModelCatalog::fetched, this, &ConnectionTest::listed);
    connect(m_catalog, &ModelCatalog::failed, this, &ConnectionTest::listFailed);
    connect(m_lookup, &ProviderQuery::finished, this, &ConnectionTest::lookedUp);
}

bool ConnectionTest::isRunning() const
{
    return m_running;
}

void ConnectionTest::start(const ProviderConfig &config, const QString &apiKey, const QString &model,
                           int timeoutMs)
{
    cancel();
    m_config = config;
    m_key = apiKey;
    m_model = model.trimmed();
    m_timeoutMs = timeoutMs;
    m_report = {};
    m_running = true;
    m_clock.start();
    m_catalog->fetch(config, apiKey, timeoutMs);
}

void ConnectionTest::cancel()
{
    if (!m_running)
        return;
    // Either part answers Cancelled at once, which finishes the report.
    m_catalog->cancel();
    m_lookup->cancel();
}

void ConnectionTest::listFailed(const ProviderProblem &problem)
{
    if (!m_running)
        return;
    m_report.problem = problem;
    m_report.reachable = problem.answered();
    finish();
}

void ConnectionTest::listed(const QStringList &models)
{
    if (!m_running)
        return;
    m_report.reachable = true;
    m_report.keyAccepted = true;
    m_report.modelsListed = int(models.size());
    if (m_model.isEmpty()) {
        finish();
        return;
    }
    m_report.modelChecked = true;
    if (models.contains(m_model)) {
        m_report.modelExists = true;
        finish();
        return;
    }
    m_lookup->get(m_config, m_key,
                  ProviderQuery::endpoint(m_config,
                                          QStringLiteral("models/") +
                                                  QString::fromUtf8(QUrl::toPercentEncoding(m_model))),
                  m_timeoutMs);
}

void ConnectionTest::lookedUp(const QByteArray &, const ProviderProblem &problem)
{
    if (!m_running)
        return;
    m_report.modelExists = problem.ok();
    m_report.problem = problem;
    finish();
}

void ConnectionTest::finish()
{
    m_running = false;
    m_report.elapsedMs = m_clock.elapsed();
    Q_EMIT finished(m_report);
}

} // namespace harness
