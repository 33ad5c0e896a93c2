// ConnectionTest: "Test connection" for an HTTP provider — is the server reachable, is the key accepted,
// does the model exist — as one asynchronous, cancellable check that stops at the first failure.
#pragma once

#include "providerquery.h"

#include <QElapsedTimer>
#include <QStringList>

namespace harness {

class ModelCatalog;

struct ConnectionReport
{
    bool reachable = false; // an HTTP answer came back
    bool keyAccepted =
            false; // the models list was given with this key (or without one, where none is needed)
    bool modelChecked = false; // a model was named and looked up
    bool modelExists = false;
    int modelsListed = 0;
    qint64 elapsedMs = 0;
    ProviderProblem problem; // the first failure; Kind::None when everything passed

    bool ok() const { return problem.ok(); }
};

class ConnectionTest : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTest(QObject *parent = nullptr);

    // Lists the models (reachable + key), then looks up `model` when one is named: in the list, else by
    // GET models/<model> (servers that list only some). A test under way is cancelled first.
    void start(const ProviderConfig &config, const QString &apiKey, const QString &model,
               int timeoutMs = 15000);
    void cancel();
    bool isRunning() const;

Q_SIGNALS:
    void finished(const harness::ConnectionReport &report);

private:
    void listed(const QStringList &models);
    void listFailed(const ProviderProblem &problem);
    void lookedUp(const QByteArray &body, const ProviderProblem &problem);
    void finish();

    ModelCatalog *m_catalog;
    ProviderQuery *m_lookup;
    ProviderConfig m_config;
    QString m_key;
    QString m_model;
    int m_timeoutMs = 15000;
    QElapsedTimer m_clock;
    ConnectionReport m_report;
    bool m_running = false;
};

} // namespace harness

Q_DECLARE_METATYPE(harness::ConnectionReport)
