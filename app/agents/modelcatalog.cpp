// ModelCatalog: Anthropic lists at most 1000 models a page (limit, after_id); OpenAI-compatible servers
// answer in one page.
#include "modelcatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace harness {

ModelCatalog::ModelCatalog(QObject *parent) : QObject(parent), m_query(new ProviderQuery(this))
{
    connect(m_query, &ProviderQuery::finished, this, &ModelCatalog::pageArrived);
}

void ModelCatalog::fetch(const ProviderConfig &config, const QString &apiKey, int timeoutMs)
{
    cancel();
    m_config = config;
    m_key = apiKey;
    m_timeoutMs = timeoutMs;
    m_pages = 0;
    m_ids.clear();
    requestPage({});
}

void ModelCatalog::cancel()
{
    m_query->cancel();
}

void ModelCatalog::requestPage(const QString &after)
{
    QString query;
    if (m_config.kind == QLatin1String("anthropic")) {
        query = QStringLiteral("limit=1000");
        if (!after.isEmpty())
            query += QStringLiteral("&after_id=") + QString::fromUtf8(QUrl::toPercentEncoding(after));
    }
    ++m_pages;
    m_query->get(m_config, m_key, ProviderQuery::endpoint(m_config, QStringLiteral("models"), query),
                 m_timeoutMs);
}

void ModelCatalog::pageArrived(const QByteArray &body, const ProviderProblem &problem)
{
    if (!problem.ok()) {
        Q_EMIT failed(problem);
        return;
    }
    auto page = parsePage(body);
    if (!page) {
        ProviderProblem p;
        p.kind = ProviderProblem::Kind::Protocol;
        p.httpStatus = 200;
        p.detail = page.errorText();
        p.url = ProviderQuery::endpoint(m_config, QStringLiteral("models"));
        Q_EMIT failed(p);
        return;
    }
    m_ids += page->ids;
    if (!page->continueAfter.isEmpty() && m_pages < kMaxPages && m_ids.size() < kMaxModels) {
        requestPage(page->continueAfter);
        return;
    }
    m_ids = m_ids.mid(0, kMaxModels);
    m_ids.removeDuplicates();
    m_ids.sort(Qt::CaseInsensitive);
    Q_EMIT fetched(m_ids);
}

Result<ModelCatalog::Page> ModelCatalog::parsePage(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return Result<Page>::failure(QStringLiteral("the answer is not a JSON object (%1)")
                                             .arg(QString::fromUtf8(body.left(80)).simplified()));
    const QJsonValue data = doc.object().value(QLatin1String("data"));
    if (!data.isArray())
        return Result<Page>::failure(QStringLiteral("the answer has no \"data\" list of models"));
    Page page;
    for (const QJsonValue &item : data.toArray()) {
        const QString id = item.toObject().value(QLatin1String("id")).toString();
        const bool printable = std::all_of(id.cbegin(), id.cend(), [](QChar c) { return c.isPrint(); });
        if (id.isEmpty() || id.size() > 200 || !printable)
            continue; // not a model entry a person could pick
        page.ids << id;
    }
    if (doc.object().value(QLatin1String("has_more")).toBool() && !page.ids.isEmpty())
        page.continueAfter = doc.object().value(QLatin1String("last_id")).toString(page.ids.constLast());
    return page;
}

} // namespace harness
