// EventText: one case per event kind the orchestration writes (app/core/eventkinds.h and the
// kinds the lower layers name where they make them); an unknown kind falls back to its fields.
#include "eventtext.h"

#include "core/eventkinds.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace harness::ui {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("EventText", text, nullptr, n);
}

QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}

QString firstLine(const QString &text, int max = 140)
{
    QString line = text.section(QLatin1Char('\n'), 0, 0).simplified();
    if (line.size() > max)
        line = line.left(max - 1) + QStringLiteral("…");
    return line;
}

QString seconds(qint64 ms)
{
    return ms < 1000 ? tr("%1 ms").arg(ms) : tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

QString pretty(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isDouble())
        return QLocale().toString(v.toDouble());
    return {};
}

QString section(const QString &name, const QString &text)
{
    return text.isEmpty() ? QString() : QStringLiteral("\n── %1 ──\n%2\n").arg(name, text);
}

// A tool call's arguments, with the path first and long text written out below.
QString callText(const QJsonObject &call)
{
    const QJsonObject args = call.value(QLatin1String("arguments")).toObject();
    QString out = QStringLiteral("%1 %2").arg(str(call, "name"), str(args, "path")).trimmed();
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (it.key() == QLatin1String("path"))
            continue;
        const QString value = pretty(it.value());
        out += value.contains(QLatin1Char('\n')) || value.size() > 80
                ? QStringLiteral("\n  %1:\n%2").arg(it.key(), value)
                : QStringLiteral("\n  %1: %2").arg(it.key(), value);
    }
    return out;
}

// A refused write explained: what the agent's process tried, that the sandbox stopped it, what to do.
QString sandboxRefusalText(const QJsonObject &p)
{
    const QString reason = str(p, "reason");
    QString happened = tr("The agent's process %1 (pid %2) tried to write %3 (system call %4). The "
                          "sandbox's read-only mounts refused it: %5. Nothing was written; the harness "
                          "only recorded the attempt.")
                               .arg(str(p, "comm"))
                               .arg(p.value(QLatin1String("pid")).toInteger())
                               .arg(str(p, "path"), str(p, "syscall"), reason);
    if (p.value(QLatin1String("further_refusals_not_recorded")).toBool())
        happened += tr(" This is the last one recorded for this turn: later refused writes were counted, "
                       "not recorded.");
    QString todo;
    if (reason.contains(QLatin1String("until the plan is approved")))
        todo = tr("Nothing, unless it recurs: the agent wrote before its plan was approved. Once you "
                  "approve the plan, the worktree is writable. An agent that keeps writing early is "
                  "ignoring the plan step; reject the plan or abort the run.");
    else if (reason.startsWith(QLatin1Char('.')))
        todo = tr("Nothing: %1 stays read-only for the agent (the harness commits its work and keeps its own "
                  "settings). An agent that keeps trying is working against the harness; look at what it "
                  "did around this event.")
                       .arg(reason.section(QLatin1Char(' '), 0, 0));
    else
        todo = tr("Nothing: an agent may write only its worktree (once the plan is approved), its own home "
                  "and /tmp. An agent that keeps trying is working against the sandbox; look at what it did "
                  "around this event.");
    return section(tr("what happened"), happened) + section(tr("what to do"), todo);
}

QString phaseName(const QString &phase)
{
    if (phase == QLatin1String("plan"))
        return tr("Planning");
    if (phase == QLatin1String("build"))
        return tr("Build");
    if (phase == QLatin1String("verify"))
        return tr("Verification");
    if (phase == QLatin1String("fix"))
        return tr("Fix");
    if (phase == QLatin1String("review"))
        return tr("Review");
    if (phase == QLatin1String("approve"))
        return tr("Approval");
    return phase;
}

} // namespace

QString EventText::title(const Event &e)
{
    const QJsonObject &p = e.payload;
    const QString &k = e.kind;
    if (k == QLatin1String("phase_started")) {
        const int iteration = p.value(QLatin1String("iteration")).toInt();
        return iteration > 0 ? tr("%1 started (iteration %2)").arg(phaseName(str(p, "phase"))).arg(iteration)
                             : tr("%1 started").arg(phaseName(str(p, "phase")));
    }
    if (k == QLatin1String("run_requested"))
        return tr("Run requested by %1 (target %2)").arg(e.actor, str(p, "target"));
    if (k == QLatin1String("run_created"))
        return tr("Worktree made on branch %1 from %2").arg(str(p, "branch"), str(p, "base_commit").left(8));
    if (k == QLatin1String("context_assembled"))
        return tr("Context for the agent (%1): %L2 characters")
                .arg(phaseName(str(p, "phase")))
                .arg(qMax(str(p, "prompt").size(), str(p, "context").size()));
    if (k == QLatin1String("model_call"))
        return tr("Model call %1: %L2 tokens in, %L3 out, %4")
                .arg(str(p, "model"))
                .arg(p.value(QLatin1String("input_tokens")).toInteger())
                .arg(p.value(QLatin1String("output_tokens")).toInteger())
                .arg(seconds(p.value(QLatin1String("latency_ms")).toInteger()));
    if (k == QLatin1String("agent_response")) {
        QStringList tools;
        for (const QJsonValue &c : p.value(QLatin1String("tool_calls")).toArray())
            tools << str(c.toObject(), "name");
        const QString text = firstLine(str(p, "text").isEmpty() ? str(p, "response") : str(p, "text"), 100);
        return tools.isEmpty()
                ? tr("The agent answered: %1").arg(text)
                : tr("The agent answered: %1 — calls %2").arg(text, tools.join(QStringLiteral(", ")));
    }
    if (k == QLatin1String("tool_call_started"))
        return tr("Tool call %1 started").arg(str(p, "name"));
    if (k == QLatin1String("tool_result")) {
        if (!p.value(QLatin1String("ok")).toBool(true))
            return tr("Tool %1 failed: %2")
                    .arg(str(p, "name"), firstLine(pretty(p.value(QLatin1String("error")))));
        return tr("Tool %1 succeeded").arg(str(p, "name"));
    }
    if (k == QLatin1String("gate_started"))
        return tr("Gate %1 started").arg(str(p, "gate"));
    if (k == QLatin1String("checkpoint"))
        return tr("Checkpoint %1 (iteration %2)")
                .arg(str(p, "commit").left(8))
                .arg(p.value(QLatin1String("iteration")).toInt());
    if (k == QLatin1String("gate_result")) {
        const int findings = int(p.value(QLatin1String("findings")).toArray().size());
        return tr("Gate %1 %2 in %3 — %n finding(s)", findings)
                .arg(str(p, "gate"), str(p, "status"),
                     seconds(p.value(QLatin1String("duration_ms")).toInteger()));
    }
    if (k == QLatin1String("verify_finished"))
        return p.value(QLatin1String("passed")).toBool()
                ? tr("Every gate passed (iteration %1)").arg(p.value(QLatin1String("iteration")).toInt())
                : tr("Gates failed (iteration %1): %n finding(s)",
                     p.value(QLatin1String("finding_count")).toInt())
                          .arg(p.value(QLatin1String("iteration")).toInt());
    if (k == QLatin1String("plan_proposed"))
        return tr("Plan proposed: %1")
                .arg(firstLine(str(p.value(QLatin1String("plan")).toObject(), "summary"), 110));
    if (k == QLatin1String("approval_requested"))
        return tr("Waiting for a human to approve (%1)").arg(str(p, "approval"));
    if (k == QLatin1String("plan_approved"))
        return tr("Plan approved by %1").arg(e.actor);
    if (k == QLatin1String("plan_changes_requested") || k == QLatin1String("plan_rejected"))
        return tr("%1 by %2: %3")
                .arg(k == QLatin1String("plan_rejected") ? tr("Plan rejected") : tr("Changes requested"),
                     e.actor, firstLine(str(p, "feedback")));
    if (k == QLatin1String("review_ready"))
        return tr("Ready for review");
    if (k == QLatin1String("review_feedback"))
        return tr("Review feedback from %1: %n comment(s)",
                  int(p.value(QLatin1String("comments")).toArray().size()))
                .arg(e.actor);
    if (k == QLatin1String("merged"))
        return tr("Merged into %1 by %2").arg(str(p, "target"), e.actor);
    if (k == QLatin1String("discarded"))
        return tr("Discarded by %1").arg(e.actor);
    if (k == kinds::SandboxWriteRefused)
        return tr("Sandbox refused a write, nothing was written: %1 (%2)")
                .arg(firstLine(str(p, "path"), 100), str(p, "reason"));
    if (kinds::endsRun(e.kind) || k == QLatin1String("run_error"))
        return QStringLiteral("%1: %2").arg(
                k, firstLine(str(p, "reason").isEmpty() ? str(p, "message") : str(p, "reason"), 160));
    return QStringLiteral("%1 %2").arg(k, firstLine(pretty(p), 140)).trimmed();
}

QString EventText::body(const Event &e)
{
    const QJsonObject &p = e.payload;
    const QString &k = e.kind;
    QString text = tr("%1\n#%2 · %3 · %4\n")
                           .arg(title(e))
                           .arg(e.seq)
                           .arg(e.time.toLocalTime().toString(Qt::ISODateWithMs), e.actor);
    if (k == kinds::SandboxWriteRefused)
        text += sandboxRefusalText(p);
    if (k == QLatin1String("context_assembled")) {
        text += section(tr("what the agent was given"),
                        str(p, "prompt").isEmpty() ? str(p, "context") : str(p, "prompt"));
    } else if (k == QLatin1String("agent_response")) {
        text += section(tr("response"), str(p, "text").isEmpty() ? str(p, "response") : str(p, "text"));
        QStringList calls;
        for (const QJsonValue &c : p.value(QLatin1String("tool_calls")).toArray())
            calls << callText(c.toObject());
        text += section(tr("tool calls"), calls.join(QStringLiteral("\n\n")));
    } else if (k == QLatin1String("tool_result")) {
        const QJsonValue content = p.value(QLatin1String("content"));
        text += section(p.value(QLatin1String("ok")).toBool(true) ? tr("result") : tr("error"),
                        p.value(QLatin1String("ok")).toBool(true) ? pretty(content)
                                                                  : pretty(p.value(QLatin1String("error"))));
    } else if (k == QLatin1String("gate_result")) {
        QStringList findings;
        for (const QJsonValue &v : p.value(QLatin1String("findings")).toArray()) {
            const QJsonObject f = v.toObject();
            findings << QStringLiteral("%1:%2: %3 [%4]")
                                .arg(str(f, "file"))
                                .arg(f.value(QLatin1String("line")).toInt())
                                .arg(str(f, "message"), str(f, "rule"));
        }
        text += section(tr("findings"), findings.join(QLatin1Char('\n')));
        text += section(tr("log"), str(p, "log_tail").isEmpty() ? str(p, "log") : str(p, "log_tail"));
    } else if (k == QLatin1String("plan_proposed")) {
        const QJsonObject plan = p.value(QLatin1String("plan")).toObject();
        QStringList steps;
        int n = 0;
        for (const QJsonValue &v : plan.value(QLatin1String("steps")).toArray()) {
            const QJsonObject s = v.toObject();
            QStringList files;
            for (const QJsonValue &f : s.value(QLatin1String("files")).toArray())
                files << f.toString();
            steps << QStringLiteral("%1. %2\n   %3")
                             .arg(++n)
                             .arg(str(s, "description"), files.join(QStringLiteral(", ")));
        }
        text += section(tr("summary"), str(plan, "summary"));
        text += section(tr("steps"), steps.join(QLatin1Char('\n')));
        text += section(tr("risks"), pretty(plan.value(QLatin1String("risks"))));
    } else {
        // Long text fields are shown as text; the rest as fields.
        QStringList fields;
        for (auto it = p.begin(); it != p.end(); ++it) {
            const QString value = pretty(it.value());
            if (value.contains(QLatin1Char('\n')) || value.size() > 100)
                text += section(it.key(), value);
            else
                fields << QStringLiteral("%1: %2").arg(it.key(), value);
        }
        if (!fields.isEmpty())
            text += QLatin1Char('\n') + fields.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    return text;
}

QString EventText::rawJson(const Event &e)
{
    return QString::fromUtf8(QJsonDocument(e.toJson()).toJson(QJsonDocument::Indented));
}

} // namespace harness::ui
