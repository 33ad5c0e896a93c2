// Contract JSON round-trip with validation that names the bad field.
#include "contract.h"
#include "jsonreader.h"

#include <QJsonArray>

namespace harness {

QJsonObject Contract::toJson() const
{
    QJsonArray crit;
    for (const auto &c : criteria) {
        QJsonObject o {{QStringLiteral("text"), c.text}};
        if (!c.checkCommand.isEmpty())
            o.insert(QStringLiteral("check"), c.checkCommand);
        crit.append(o);
    }
    return QJsonObject {{QStringLiteral("goal"), goal},
                        {QStringLiteral("acceptance"), crit},
                        {QStringLiteral("scope"), QJsonArray::fromStringList(scope)},
                        {QStringLiteral("constraints"), QJsonArray::fromStringList(constraints)},
                        {QStringLiteral("interface_notes"), interfaceNotes},
                        {QStringLiteral("budget"), budget.toJson()}};
}

Result<Contract> Contract::fromJson(const QJsonObject &json, const QString &path)
{
    JsonReader r(json, path);
    Contract c;
    c.goal = r.string(QStringLiteral("goal"));
    const QJsonArray crit = r.array(QStringLiteral("acceptance"));
    for (qsizetype i = 0; i < crit.size() && r.ok(); ++i) {
        const QString key = QStringLiteral("acceptance[%1]").arg(i);
        if (crit.at(i).isString()) {
            c.criteria.append({crit.at(i).toString(), {}});
            continue;
        }
        if (!crit.at(i).isObject()) {
            r.fail(key, QStringLiteral("must be a string or an object with \"text\""));
            break;
        }
        const QJsonObject o = crit.at(i).toObject();
        JsonReader cr(o, r.fieldPath(key));
        AcceptanceCriterion ac {cr.string(QStringLiteral("text")),
                                cr.optionalString(QStringLiteral("check"))};
        r.adopt(cr.error());
        c.criteria.append(ac);
    }
    c.scope = r.stringList(QStringLiteral("scope"));
    c.constraints = r.stringList(QStringLiteral("constraints"));
    c.interfaceNotes = r.optionalString(QStringLiteral("interface_notes"));
    for (const QString &glob : std::as_const(c.scope)) {
        if (glob.startsWith(QLatin1Char('/')) || glob.contains(QStringLiteral(".."))) {
            r.fail(QStringLiteral("scope"),
                   QStringLiteral("\"%1\" must be a path relative to the repository, without \"..\"")
                           .arg(glob));
            break;
        }
    }
    if (json.contains(QStringLiteral("budget"))) {
        const QJsonObject b = r.object(QStringLiteral("budget"));
        if (r.ok()) {
            auto budget = Budget::fromJson(b, r.fieldPath(QStringLiteral("budget")));
            if (budget)
                c.budget = *budget;
            else
                r.adopt(budget.error());
        }
    }
    if (!r.ok())
        return r.error();
    return c;
}

} // namespace harness
