// ProviderChecker: what the settings dialog asks of a provider — its model list and "Test connection" —
// with the key found the way a run finds it (a key pasted but not stored yet first, then the key
// variable, then the keychain), every answer worded for the user. Asynchronous and cancellable.
#pragma once

#include "agents/connectiontest.h"

#include <QObject>
#include <functional>

namespace harness {
class ModelCatalog;
class SecretStore;
} // namespace harness

namespace harness::ui {

class ProviderChecker : public QObject
{
    Q_OBJECT
public:
    explicit ProviderChecker(harness::SecretStore *secrets, QObject *parent = nullptr);

    void fetchModels(const harness::ProviderConfig &config, const QString &typedKey);
    void testConnection(const harness::ProviderConfig &config, const QString &typedKey, const QString &model);
    void cancelFetch();
    void cancelTest();
    bool isFetching() const { return m_fetching; }
    bool isTesting() const { return m_testing; }

    static QString describe(const harness::ProviderProblem &problem, const harness::ProviderConfig &config,
                            const QString &model = {});
    static QString describe(const harness::ConnectionReport &report, const harness::ProviderConfig &config,
                            const QString &model);

Q_SIGNALS:
    void modelsFetched(const QStringList &models);
    void modelsFailed(const QString &message);
    void tested(bool ok, const QString &message);

private:
    // Finds the key, then calls `then` with it, or `failed` with why there is none. `generation` drops
    // answers that arrive after a cancel.
    void withKey(const harness::ProviderConfig &config, const QString &typedKey, int *generation,
                 std::function<void(QString)> then, std::function<void(harness::ProviderProblem)> failed);

    harness::SecretStore *m_secrets;
    harness::ModelCatalog *m_catalog;
    harness::ConnectionTest *m_test;
    harness::ProviderConfig m_fetchConfig;
    harness::ProviderConfig m_testConfig;
    QString m_testModel;
    int m_fetchGeneration = 0;
    int m_testGeneration = 0;
    bool m_fetching = false;
    bool m_testing = false;
};

} // namespace harness::ui
