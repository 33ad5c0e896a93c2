// RuleSuggestionInbox: folding suggestions and decisions; adding a suggested rule to a rule set.
#include "rulesuggestioninbox.h"
#include "rulesuggestion.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace harness {

QString PendingRuleSuggestion::ruleId() const
{
    return suggested.rule.value(QStringLiteral("id")).toString();
}

QString PendingRuleSuggestion::message() const
{
    return suggested.rule.value(QStringLiteral("message")).toString();
}

void RuleSuggestionInbox::apply(const Event &event)
{
    if (!event.runId.isEmpty())
        return;
    m_lastSeq = qMax(m_lastSeq, event.seq);
    if (auto s = payloadIf<RuleSuggestedPayload>(event)) {
        PendingRuleSuggestion p;
        p.seq = event.seq;
        p.time = event.time;
        p.actor = event.actor;
        p.suggested = *s;
        m_suggested[s->suggestion].append(p);
    } else if (auto d = payloadIf<RuleSuggestionDecidedPayload>(event)) {
        RuleSuggestionDecision &decided = m_decided[d->suggestion];
        if (d->eventSeq >= decided.eventSeq)
            decided = {d->decision, event.actor, event.time, d->eventSeq};
    }
}

QList<PendingRuleSuggestion> RuleSuggestionInbox::pending() const
{
    QList<PendingRuleSuggestion> out;
    for (auto it = m_suggested.cbegin(); it != m_suggested.cend(); ++it) {
        const qint64 settled = m_decided.value(it.key()).eventSeq;
        std::optional<PendingRuleSuggestion> newest;
        int times = 0;
        for (const PendingRuleSuggestion &p : it.value()) {
            if (p.seq <= settled)
                continue;
            ++times;
            newest = p;
        }
        if (newest) {
            newest->times = times;
            out << *newest;
        }
    }
    std::sort(out.begin(), out.end(),
              [](const PendingRuleSuggestion &a, const PendingRuleSuggestion &b) { return a.seq > b.seq; });
    return out;
}

std::optional<PendingRuleSuggestion> RuleSuggestionInbox::find(const QString &suggestion) const
{
    for (const PendingRuleSuggestion &p : pending())
        if (p.id() == suggestion)
            return p;
    return std::nullopt;
}

std::optional<RuleSuggestionDecision> RuleSuggestionInbox::decisionOn(const QString &suggestion) const
{
    if (!m_decided.contains(suggestion))
        return std::nullopt;
    return m_decided.value(suggestion);
}

Result<RuleSet> RuleSuggestionInbox::addTo(const RuleSet &rules, const PendingRuleSuggestion &suggestion)
{
    using R = Result<RuleSet>;
    const QString id = suggestion.ruleId();
    if (rules.ruleIds().contains(id))
        return R::failure(QStringLiteral("the id %1 is already taken by a rule in the editor: rename or "
                                         "remove that rule first, or dismiss the suggestion")
                                  .arg(id));
    QJsonObject document = QJsonDocument::fromJson(rules.toJsonText()).object();
    const QString key = RuleSuggestion::rulesArray(suggestion.suggested.ruleKind);
    QJsonArray entries = document.value(key).toArray();
    const QString at = QStringLiteral("%1[%2]").arg(key).arg(entries.size());
    entries.append(suggestion.suggested.rule);
    document.insert(key, entries);
    RuleFileError detail;
    auto added =
            RuleSet::fromJsonText(QJsonDocument(document).toJson(), QStringLiteral("rules.json"), &detail);
    if (!added) {
        QString field = detail.path;
        if (field.startsWith(at))
            field = QStringLiteral("rule") + field.mid(at.size());
        return R::failure(QStringLiteral("it does not read with the rules in the editor now: %1")
                                  .arg(field.isEmpty() ? detail.message
                                                       : field + QStringLiteral(": ") + detail.message));
    }
    return *added;
}

} // namespace harness
