// RuleSuggestion: reading, the check against the rules file (through RuleSet's own reader) and the event.
#include "rulesuggestion.h"

#include "rules/ruleset.h"

#include <QCryptographicHash>
#include <QDate>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace harness {

namespace {

qsizetype compactSize(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact).size();
}

} // namespace

QString RuleSuggestion::rulesArray(const QString &kind)
{
    if (kind == QLatin1String("layer"))
        return QStringLiteral("layers");
    if (kind == QLatin1String("limit"))
        return QStringLiteral("limits");
    return QStringLiteral("forbidden");
}

QStringList RuleSuggestion::kinds()
{
    return {QStringLiteral("layer"), QStringLiteral("limit"), QStringLiteral("forbidden")};
}

Result<RuleSuggestion> RuleSuggestion::fromJson(const QJsonObject &json)
{
    using R = Result<RuleSuggestion>;
    RuleSuggestion s;
    const QJsonValue kind = json.value(QStringLiteral("kind"));
    if (!kind.isString() || !kinds().contains(kind.toString()))
        return R::failure(QStringLiteral("must be one of %1").arg(kinds().join(QStringLiteral(", "))),
                          QStringLiteral("kind"));
    s.kind = kind.toString();
    const QJsonValue rule = json.value(QStringLiteral("rule"));
    if (!rule.isObject())
        return R::failure(QStringLiteral("must be an object: the entry as rules.json would hold it"),
                          QStringLiteral("rule"));
    s.rule = rule.toObject();
    if (compactSize(s.rule) > kMaxRuleBytes)
        return R::failure(QStringLiteral("is larger than %1 bytes; a rule is a few lines").arg(kMaxRuleBytes),
                          QStringLiteral("rule"));
    const QJsonValue reason = json.value(QStringLiteral("reason"));
    if (!reason.isString() || reason.toString().trimmed().isEmpty())
        return R::failure(
                QStringLiteral("is required: say what the rule prevents, for the human who decides"),
                QStringLiteral("reason"));
    s.reason = reason.toString().trimmed();
    if (s.reason.size() > kMaxReasonChars)
        return R::failure(QStringLiteral("is longer than %1 characters").arg(kMaxReasonChars),
                          QStringLiteral("reason"));
    const QJsonValue run = json.value(QStringLiteral("run"));
    if (!run.isUndefined() && !run.isNull()) {
        static const QRegularExpression shape(QStringLiteral("\\A[A-Za-z0-9_-]{1,64}\\z"));
        if (!run.isString() || !shape.match(run.toString()).hasMatch())
            return R::failure(QStringLiteral("must be a run id"), QStringLiteral("run"));
        s.run = run.toString();
    }
    return s;
}

QJsonObject RuleSuggestion::toJson() const
{
    QJsonObject o {{QStringLiteral("kind"), kind},
                   {QStringLiteral("rule"), rule},
                   {QStringLiteral("reason"), reason}};
    if (!run.isEmpty())
        o.insert(QStringLiteral("run"), run);
    return o;
}

Result<QJsonObject> RuleSuggestion::checkAgainst(const QByteArray &rulesText) const
{
    using R = Result<QJsonObject>;
    QJsonObject document {{QStringLiteral("version"), 1}};
    if (!rulesText.trimmed().isEmpty()) {
        if (auto current = RuleSet::fromJsonText(rulesText); !current)
            return R::failure(
                    QStringLiteral("the project's rules.json does not read now (%1); a human has to "
                                   "fix it before rules can be suggested")
                            .arg(current.errorText()));
        document = QJsonDocument::fromJson(rulesText).object();
    }
    QJsonObject stored = rule;
    QJsonObject origin {{QStringLiteral("incident"), QStringLiteral("suggested by an agent: %1").arg(reason)},
                        {QStringLiteral("created"), QDate::currentDate().toString(Qt::ISODate)}};
    if (!run.isEmpty())
        origin.insert(QStringLiteral("run"), run);
    stored.insert(QStringLiteral("origin"), origin);
    const QString key = RuleSuggestion::rulesArray(kind);
    QJsonArray entries = document.value(key).toArray();
    const QString at = QStringLiteral("%1[%2]").arg(key).arg(entries.size());
    entries.append(stored);
    document.insert(key, entries);
    RuleFileError detail;
    auto added =
            RuleSet::fromJsonText(QJsonDocument(document).toJson(), QStringLiteral("rules.json"), &detail);
    if (!added) {
        QString field = detail.path;
        if (field == at || field.startsWith(at + QLatin1Char('.')) || field.startsWith(at + QLatin1Char('[')))
            field = QStringLiteral("rule") + field.mid(at.size());
        return R::failure(detail.message, field);
    }
    return stored;
}

QString RuleSuggestion::id() const
{
    QJsonObject bare = rule;
    bare.remove(QStringLiteral("origin"));
    const QByteArray digest = QCryptographicHash::hash(
            kind.toUtf8() + '\n' + QJsonDocument(bare).toJson(QJsonDocument::Compact),
            QCryptographicHash::Sha256);
    return QLatin1Char('S') + QString::fromLatin1(digest.toHex().left(12));
}

RuleSuggestedPayload RuleSuggestion::payload(const QJsonObject &checkedRule) const
{
    RuleSuggestedPayload p;
    p.suggestion = id();
    p.run = run;
    p.ruleKind = kind;
    p.rule = checkedRule;
    p.reason = reason;
    return p;
}

} // namespace harness
