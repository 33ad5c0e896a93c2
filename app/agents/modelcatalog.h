// ModelCatalog: the models a provider lists — GET /v1/models of an OpenAI-compatible server (OpenAI,
// Ollama, vLLM, llama.cpp) or of Anthropic, whose pages are followed — fetched asynchronously.
#pragma once

#include "core/result.h"
#include "providerquery.h"

#include <QStringList>

namespace harness {

class ModelCatalog : public QObject
{
    Q_OBJECT
public:
    explicit ModelCatalog(QObject *parent = nullptr);

    // Starts fetching (a fetch under way is cancelled); fetched() or failed() follows once.
    void fetch(const ProviderConfig &config, const QString &apiKey, int timeoutMs = 15000);
    void cancel();
    bool isFetching() const { return m_query->isRunning(); }

    // One page of a models list: {"data": [{"id": ...}, ...]} plus Anthropic's "has_more"/"last_id"
    // (the id to continue after, empty on the last page). An error names what is not as expected.
    struct Page
    {
        QStringList ids;
        QString continueAfter;
    };
    static Result<Page> parsePage(const QByteArray &body);

Q_SIGNALS:
    void fetched(const QStringList &models); // sorted, without duplicates
    void failed(const harness::ProviderProblem &problem);

private:
    void requestPage(const QString &after);
    void pageArrived(const QByteArray &body, const ProviderProblem &problem);

    static constexpr int kMaxPages = 20;
    static constexpr int kMaxModels = 5000; // a list a person can still scroll
    ProviderQuery *m_query;
    ProviderConfig m_config;
    QString m_key;
    int m_timeoutMs = 15000;
    int m_pages = 0;
    QStringList m_ids;
};

} // namespace harness
