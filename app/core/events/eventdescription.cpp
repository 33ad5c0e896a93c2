// EventDescription: a sentence fragment per kind, from the typed payloads.
#include "eventdescription.h"

#include "agentevents.h"
#include "mcpevents.h"
#include "planevents.h"
#include "projectevents.h"
#include "reviewevents.h"
#include "runevents.h"
#include "toolevents.h"
#include "verifyevents.h"

#include <QJsonDocument>

namespace harness {

namespace {

QString describeKnown(const Event &e)
{
    if (auto p = payloadIf<RunCreatedPayload>(e))
        return QStringLiteral("worktree %1 on branch %2").arg(p->worktree, p->branch);
    if (auto p = payloadIf<RunRequestedPayload>(e))
        return QStringLiteral("task %1 for %2").arg(p->task, p->target);
    if (auto p = payloadIf<RunQueuedPayload>(e))
        return QStringLiteral("for the runners, priority %1").arg(p->priority);
    if (auto p = payloadIf<RunClaimedPayload>(e))
        return p->previousRunner.isEmpty()
                ? QStringLiteral("by %1 on %2 (lease %3)").arg(p->runner, p->host).arg(p->token)
                : QStringLiteral("by %1 on %2 (lease %3), taken over from %4")
                          .arg(p->runner, p->host)
                          .arg(p->token)
                          .arg(p->previousRunner);
    if (auto p = payloadIf<RunReprioritizedPayload>(e))
        return QStringLiteral("priority %1 (was %2)").arg(p->priority).arg(p->previous);
    if (auto p = payloadIf<QueueLimitsChangedPayload>(e)) {
        const QString runs = p->maxConcurrent > 0
                ? QStringLiteral("at most %1 runs at once").arg(p->maxConcurrent)
                : QStringLiteral("no limit on runs at once");
        const QString spend = p->maxSpend > 0 ? QStringLiteral("spend cap $%1").arg(p->maxSpend, 0, 'f', 2)
                                              : QStringLiteral("no spend cap");
        return runs + QStringLiteral(", ") + spend;
    }
    if (auto p = payloadIf<PhaseStartedPayload>(e)) {
        if (p->phase == phases::Plan)
            return QStringLiteral("plan, round %1").arg(qMax(1, p->round));
        return QStringLiteral("%1, iteration %2").arg(p->phase).arg(qMax(1, p->iteration));
    }
    if (auto p = payloadIf<ContextAssembledPayload>(e))
        return QStringLiteral("%1 context, %2 characters").arg(p->phase).arg(p->prompt.size());
    if (auto p = payloadIf<ModelCallPayload>(e))
        return QStringLiteral("%1: %2 tokens in, %3 out, %4 ms")
                .arg(p->model)
                .arg(p->inputTokens)
                .arg(p->outputTokens)
                .arg(p->latencyMs);
    if (auto p = payloadIf<AgentResponsePayload>(e)) {
        QStringList calls;
        for (const auto &c : p->toolCalls)
            calls << c.name;
        return calls.isEmpty() ? p->text
                               : QStringLiteral("%1 [%2]").arg(p->text, calls.join(QStringLiteral(", ")));
    }
    if (auto p = payloadIf<PlanProposedPayload>(e))
        return QStringLiteral("%1 (%2 steps)").arg(p->plan.summary).arg(p->plan.steps.size());
    if (auto p = payloadIf<PlanInvalidPayload>(e))
        return p->error;
    if (auto p = payloadIf<ApprovalRequestedPayload>(e))
        return QStringLiteral("%1 approval %2").arg(p->approvalKind, p->approval);
    if (auto p = payloadIf<PlanApprovedPayload>(e))
        return p->automatic
                ? QStringLiteral("plan %1 (%2)").arg(QString::fromLatin1(p->planHash.left(12)), p->policy)
                : QStringLiteral("plan %1").arg(QString::fromLatin1(p->planHash.left(12)));
    if (auto p = payloadIf<PlanDecisionPayload>(e))
        return p->feedback;
    if (auto p = payloadIf<ToolCallStartedPayload>(e))
        return p->name;
    if (auto p = payloadIf<ToolResultPayload>(e))
        return p->ok ? QStringLiteral("%1 ok").arg(p->name) : QStringLiteral("%1: %2").arg(p->name, p->error);
    if (auto p = payloadIf<ToolInterruptedPayload>(e))
        return QStringLiteral("%1: %2").arg(p->name, p->message);
    if (auto p = payloadIf<ToolCallPayload>(e))
        return p->ok ? QStringLiteral("%1 ok, %2 ms").arg(p->tool).arg(p->durationMs)
                     : QStringLiteral("%1: %2").arg(p->tool, p->error);
    if (auto p = payloadIf<PermissionPayload>(e))
        return QStringLiteral("%1 %2: %3").arg(p->tool, p->subject, p->reason);
    if (auto p = payloadIf<SandboxPayload>(e))
        return p->reason;
    if (auto p = payloadIf<SecurityViolationPayload>(e))
        return p->reason;
    if (auto p = payloadIf<NetworkDeniedPayload>(e))
        return QStringLiteral("%1:%2 refused: %3").arg(p->host).arg(p->port).arg(p->reason);
    if (auto p = payloadIf<SandboxWriteRefusedPayload>(e))
        return QStringLiteral("nothing written: %1%2 (%3 %4 by %5)")
                .arg(p->reason,
                     p->furtherNotRecorded ? QStringLiteral("; later ones not recorded") : QString(),
                     p->syscall, p->path, p->comm);
    if (auto p = payloadIf<CheckpointPayload>(e))
        return QStringLiteral("commit %1").arg(p->commit.left(10));
    if (auto p = payloadIf<GateStartedPayload>(e))
        return p->gate;
    if (auto p = payloadIf<GateResultPayload>(e))
        return QStringLiteral("%1: %2, %3 findings")
                .arg(p->gate, gateStatusName(p->status))
                .arg(p->findingsCount);
    if (auto p = payloadIf<VerifyFinishedPayload>(e))
        return QStringLiteral("%1, %2 findings")
                .arg(p->passed ? QStringLiteral("passed") : QStringLiteral("failed"))
                .arg(p->findingCount);
    if (auto p = payloadIf<FindingAcceptedPayload>(e))
        return QStringLiteral("finding %1 (%2%3) accepted%4")
                .arg(p->finding, p->rule, p->file.isEmpty() ? QString() : QStringLiteral(" ") + p->file,
                     p->reason.isEmpty() ? QString() : QStringLiteral(": ") + p->reason);
    if (auto p = payloadIf<FixRequestedPayload>(e))
        return QStringLiteral("%1 findings for iteration %2").arg(p->findings.size()).arg(p->iteration);
    if (auto p = payloadIf<ReviewReadyPayload>(e))
        return QStringLiteral("commit %1 on %2").arg(p->commit.left(10), p->branch);
    if (auto p = payloadIf<ReviewCommentPayload>(e))
        return QStringLiteral("%1:%2: %3").arg(p->file).arg(p->line).arg(p->text);
    if (auto p = payloadIf<ReviewFeedbackPayload>(e))
        return p->feedback;
    if (auto p = payloadIf<MergeConflictPayload>(e))
        return p->files.join(QStringLiteral(", "));
    if (auto p = payloadIf<MergedPayload>(e)) {
        const QString merged = QStringLiteral("into %1 as %2").arg(p->target, p->commit.left(10));
        if (p->remote.isEmpty())
            return merged;
        return p->pushed ? QStringLiteral("%1, pushed to %2").arg(merged, p->remote)
                         : QStringLiteral("%1, not pushed to %2: %3").arg(merged, p->remote, p->pushError);
    }
    if (auto p = payloadIf<LeftForPullRequestPayload>(e))
        return QStringLiteral("%1 on %2, for a pull request into %3").arg(p->branch, p->remote, p->target);
    if (auto p = payloadIf<BudgetExhaustedPayload>(e))
        return p->reason;
    if (auto p = payloadIf<BudgetDegradedPayload>(e))
        return p->to.isEmpty() ? QString() : QStringLiteral("%1 -> %2").arg(p->from, p->to);
    if (auto p = payloadIf<RunEndedPayload>(e))
        return p->reason;
    if (auto p = payloadIf<RunErrorPayload>(e))
        return p->message;
    if (auto p = payloadIf<ModelErrorPayload>(e))
        return p->message;
    if (auto p = payloadIf<DependencyAddedPayload>(e))
        return QStringLiteral("%1 waits for %2").arg(p->task, p->dependsOn);
    if (auto p = payloadIf<RulesChangedPayload>(e)) {
        QStringList parts;
        const auto name = [&parts](const char *what, const QStringList &ids) {
            if (!ids.isEmpty())
                parts << QStringLiteral("%1 %2").arg(QLatin1String(what), ids.join(QStringLiteral(", ")));
        };
        name("added", p->added);
        name("removed", p->removed);
        name("changed", p->changed);
        if (p->settingsChanged)
            parts << QStringLiteral("settings changed");
        if (!p->backup.isEmpty())
            parts << QStringLiteral("backup %1").arg(p->backup);
        return QStringLiteral("%1: %2").arg(
                p->path, parts.isEmpty() ? QStringLiteral("rewritten") : parts.join(QStringLiteral("; ")));
    }
    if (auto p = payloadIf<McpServerStartedPayload>(e))
        return QStringLiteral("MCP server %1 (%2) offers %3 tool(s)%4")
                .arg(p->server, p->command.value(0))
                .arg(p->tools.size())
                .arg(p->refused > 0 ? QStringLiteral(", %1 refused").arg(p->refused) : QString());
    if (auto p = payloadIf<McpToolRefusedPayload>(e))
        return QStringLiteral("MCP server %1: %2").arg(p->server, p->reason);
    if (auto p = payloadIf<McpToolsChangedPayload>(e))
        return QStringLiteral("MCP server %1 changed its tools: %2 added, %3 removed, %4 offered")
                .arg(p->server)
                .arg(p->added.isEmpty() ? QStringLiteral("none") : p->added.join(QStringLiteral(", ")))
                .arg(p->removed.isEmpty() ? QStringLiteral("none") : p->removed.join(QStringLiteral(", ")))
                .arg(p->tools.size());
    if (auto p = payloadIf<RuleSuggestedPayload>(e))
        return QStringLiteral("suggested %1 rule %2%3: %4")
                .arg(p->ruleKind, p->rule.value(QStringLiteral("id")).toString(),
                     p->run.isEmpty() ? QString() : QStringLiteral(" (run %1)").arg(p->run), p->reason);
    if (auto p = payloadIf<RuleSuggestionDecidedPayload>(e))
        return QStringLiteral("%1 suggested %2 rule %3 (%4%5)")
                .arg(p->decision, p->ruleKind, p->ruleId, p->suggestion,
                     p->run.isEmpty() ? QString() : QStringLiteral(", run %1").arg(p->run));
    return {};
}

} // namespace

QString EventDescription::fallback(const Event &e)
{
    const QJsonObject &p = e.payload;
    for (const char *key :
         {"summary", "reason", "message", "text", "name", "phase", "gate", "commit", "status"}) {
        const QJsonValue v = p.value(QLatin1String(key));
        if (v.isString() && !v.toString().isEmpty())
            return v.toString();
    }
    QJsonObject rest = p;
    rest.remove(kPayloadVersionKey);
    const QString compact = QString::fromUtf8(QJsonDocument(rest).toJson(QJsonDocument::Compact));
    return compact == QLatin1String("{}") ? QString() : compact;
}

QString EventDescription::describe(const Event &event, int maxLength)
{
    QString s = describeKnown(event).simplified();
    if (s.isEmpty())
        s = fallback(event).simplified();
    if (s.size() > maxLength)
        s = s.left(maxLength - 3) + QStringLiteral("...");
    return s;
}

} // namespace harness
