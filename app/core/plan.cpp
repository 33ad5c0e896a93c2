// Plan validation, canonical hashing and JSON round-trip.
#include "plan.h"
#include "jsonreader.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace harness {

QStringList Plan::touchedFiles() const
{
    QStringList out;
    for (const auto &s : steps)
        for (const auto &f : s.files)
            if (!out.contains(f))
                out << f;
    return out;
}

QJsonObject Plan::toJson() const
{
    QJsonArray stepArray;
    for (const auto &s : steps)
        stepArray.append(QJsonObject {{QStringLiteral("description"), s.description},
                                      {QStringLiteral("files"), QJsonArray::fromStringList(s.files)}});
    QJsonArray subArray;
    for (const auto &s : subtasks)
        subArray.append(QJsonObject {{QStringLiteral("title"), s.title},
                                     {QStringLiteral("goal"), s.goal},
                                     {QStringLiteral("scope"), QJsonArray::fromStringList(s.scope)}});
    return QJsonObject {{QStringLiteral("summary"), summary},
                        {QStringLiteral("steps"), stepArray},
                        {QStringLiteral("risks"), QJsonArray::fromStringList(risks)},
                        {QStringLiteral("tests"), QJsonArray::fromStringList(testsToAdd)},
                        {QStringLiteral("subtasks"), subArray}};
}

Result<Plan> Plan::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("plan"));
    Plan p;
    p.summary = r.string(QStringLiteral("summary"));
    const QJsonArray steps = r.array(QStringLiteral("steps"), true);
    if (r.ok() && steps.isEmpty())
        r.fail(QStringLiteral("steps"), QStringLiteral("must list at least one step"));
    for (qsizetype i = 0; i < steps.size() && r.ok(); ++i) {
        const QString key = QStringLiteral("steps[%1]").arg(i);
        if (!steps.at(i).isObject()) {
            r.fail(key, QStringLiteral("must be an object with \"description\" and \"files\""));
            break;
        }
        const QJsonObject so = steps.at(i).toObject();
        JsonReader sr(so, r.fieldPath(key));
        PlanStep step {sr.string(QStringLiteral("description")), sr.stringList(QStringLiteral("files"))};
        for (const QString &f : std::as_const(step.files))
            if (f.startsWith(QLatin1Char('/')) || f.split(QLatin1Char('/')).contains(QStringLiteral("..")))
                sr.fail(QStringLiteral("files"),
                        QStringLiteral("\"%1\" must be relative to the repository").arg(f));
        r.adopt(sr.error());
        p.steps.append(step);
    }
    p.risks = r.stringList(QStringLiteral("risks"));
    p.testsToAdd = r.stringList(QStringLiteral("tests"));
    const QJsonArray subs = r.array(QStringLiteral("subtasks"));
    for (qsizetype i = 0; i < subs.size() && r.ok(); ++i) {
        const QString key = QStringLiteral("subtasks[%1]").arg(i);
        if (!subs.at(i).isObject()) {
            r.fail(key, QStringLiteral("must be an object with \"title\" and \"goal\""));
            break;
        }
        const QJsonObject so = subs.at(i).toObject();
        JsonReader sr(so, r.fieldPath(key));
        ProposedSubtask st {sr.string(QStringLiteral("title")), sr.string(QStringLiteral("goal")),
                            sr.stringList(QStringLiteral("scope"))};
        r.adopt(sr.error());
        p.subtasks.append(st);
    }
    if (!r.ok())
        return r.error();
    return p;
}

QByteArray Plan::hash() const
{
    return QCryptographicHash::hash(QJsonDocument(toJson()).toJson(QJsonDocument::Compact),
                                    QCryptographicHash::Sha256)
            .toHex();
}

} // namespace harness
