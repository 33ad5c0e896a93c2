// AssembledContext rendering and its JSON record (the `context_assembled` event payload).
#include "assembledcontext.h"
#include "core/jsonreader.h"

#include <QCryptographicHash>

namespace harness {

QJsonObject ContextItem::toJson() const
{
    QJsonObject o {{QStringLiteral("label"), label},
                   {QStringLiteral("tokens"), tokens},
                   {QStringLiteral("full_tokens"), fullTokens}};
    if (truncated)
        o.insert(QStringLiteral("truncated"), true);
    if (omitted)
        o.insert(QStringLiteral("omitted"), true);
    return o;
}

Result<ContextItem> ContextItem::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    ContextItem item;
    item.label = r.string(QStringLiteral("label"));
    item.tokens = r.integer(QStringLiteral("tokens"));
    item.fullTokens = r.integer(QStringLiteral("full_tokens"), false, item.tokens);
    item.truncated = r.boolean(QStringLiteral("truncated"));
    item.omitted = r.boolean(QStringLiteral("omitted"));
    if (r.ok() && (item.tokens < 0 || item.fullTokens < 0))
        r.fail(QStringLiteral("tokens"), QStringLiteral("must not be negative"));
    if (!r.ok())
        return r.error();
    return item;
}

QJsonObject ContextSection::toJson() const
{
    QJsonObject o {{QStringLiteral("name"), name},          {QStringLiteral("title"), title},
                   {QStringLiteral("priority"), priority},  {QStringLiteral("text"), text},
                   {QStringLiteral("tokens"), tokens},      {QStringLiteral("full_tokens"), fullTokens},
                   {QStringLiteral("truncated"), truncated}};
    if (!omittedReason.isEmpty())
        o.insert(QStringLiteral("omitted_reason"), omittedReason);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    if (!items.isEmpty()) {
        QJsonArray a;
        for (const ContextItem &item : items)
            a.append(item.toJson());
        o.insert(QStringLiteral("items"), a);
    }
    return o;
}

Result<ContextSection> ContextSection::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    ContextSection s;
    s.name = r.string(QStringLiteral("name"));
    s.title = r.optionalString(QStringLiteral("title"));
    s.priority = int(r.integer(QStringLiteral("priority"), false, 0));
    s.text = r.optionalString(QStringLiteral("text"));
    s.tokens = r.integer(QStringLiteral("tokens"));
    s.fullTokens = r.integer(QStringLiteral("full_tokens"), false, s.tokens);
    s.truncated = r.boolean(QStringLiteral("truncated"));
    s.omittedReason = r.optionalString(QStringLiteral("omitted_reason"));
    s.note = r.optionalString(QStringLiteral("note"));
    const QJsonArray items = r.array(QStringLiteral("items"));
    for (qsizetype i = 0; i < items.size() && r.ok(); ++i) {
        const QString key = QStringLiteral("items[%1]").arg(i);
        if (!items.at(i).isObject()) {
            r.fail(key, QStringLiteral("must be an object"));
            break;
        }
        auto item = ContextItem::fromJson(items.at(i).toObject(), r.fieldPath(key));
        if (!item) {
            r.adopt(item.error());
            break;
        }
        s.items.append(*item);
    }
    if (r.ok() && s.name.isEmpty())
        r.fail(QStringLiteral("name"), QStringLiteral("must not be empty"));
    if (r.ok() && s.tokens < 0)
        r.fail(QStringLiteral("tokens"), QStringLiteral("must not be negative"));
    if (!r.ok())
        return r.error();
    return s;
}

const ContextSection *AssembledContext::section(const QString &name) const
{
    for (const ContextSection &s : sections) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

QString AssembledContext::render() const
{
    QStringList parts;
    for (const ContextSection &s : sections) {
        if (s.included())
            parts.append(s.text);
    }
    return parts.join(QLatin1Char('\n'));
}

QJsonObject AssembledContext::toJson() const
{
    QJsonArray a;
    for (const ContextSection &s : sections)
        a.append(s.toJson());
    const QByteArray sha = QCryptographicHash::hash(render().toUtf8(), QCryptographicHash::Sha256).toHex();
    return QJsonObject {{QStringLiteral("budget"), budget},
                        {QStringLiteral("total_tokens"), totalTokens},
                        {QStringLiteral("estimator"), estimator},
                        {QStringLiteral("prompt_sha256"), QString::fromLatin1(sha)},
                        {QStringLiteral("sections"), a}};
}

Result<AssembledContext> AssembledContext::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("context"));
    AssembledContext c;
    c.budget = r.integer(QStringLiteral("budget"));
    c.totalTokens = r.integer(QStringLiteral("total_tokens"));
    c.estimator = r.optionalString(QStringLiteral("estimator"));
    const QString sha = r.optionalString(QStringLiteral("prompt_sha256"));
    const QJsonArray sections = r.array(QStringLiteral("sections"), true);
    for (qsizetype i = 0; i < sections.size() && r.ok(); ++i) {
        const QString key = QStringLiteral("sections[%1]").arg(i);
        if (!sections.at(i).isObject()) {
            r.fail(key, QStringLiteral("must be an object"));
            break;
        }
        auto s = ContextSection::fromJson(sections.at(i).toObject(), r.fieldPath(key));
        if (!s) {
            r.adopt(s.error());
            break;
        }
        c.sections.append(*s);
    }
    if (r.ok() && !sha.isEmpty()) {
        const QByteArray actual =
                QCryptographicHash::hash(c.render().toUtf8(), QCryptographicHash::Sha256).toHex();
        if (actual != sha.toLatin1())
            r.fail(QStringLiteral("prompt_sha256"),
                   QStringLiteral(
                           "does not match the sections' text: the record was altered or is incomplete"));
    }
    if (!r.ok())
        return r.error();
    return c;
}

} // namespace harness
