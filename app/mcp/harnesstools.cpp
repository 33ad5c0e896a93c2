// HarnessTools: the five tools' schemas, calls and answers.
#include "mcp/harnesstools.h"
#include "mcp/harnesssensors.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace harness {

namespace {

QString k(const char *text)
{
    return QString::fromLatin1(text);
}

QJsonObject schema(const QJsonObject &properties, const QStringList &required = {})
{
    QJsonObject o {
            {k("type"), k("object")}, {k("properties"), properties}, {k("additionalProperties"), false}};
    if (!required.isEmpty())
        o.insert(k("required"), QJsonArray::fromStringList(required));
    return o;
}

QJsonObject maxFindingsSchema()
{
    return {{k("type"), k("integer")},
            {k("minimum"), 1},
            {k("maximum"), HarnessTools::kMaxFindings},
            {k("description"),
             QStringLiteral("How many findings to return at most (default %1); the count of "
                            "all is always given.")
                     .arg(HarnessTools::kDefaultFindings)}};
}

int maxFindings(const QJsonObject &args)
{
    return args.value(k("max_findings")).toInt(HarnessTools::kDefaultFindings);
}

QString findingLine(const QJsonObject &f)
{
    QString where = f.value(k("file")).toString();
    if (where.isEmpty())
        where = k("(project)");
    if (const int line = f.value(k("line")).toInt(); line > 0)
        where += QStringLiteral(":%1").arg(line);
    if (const int column = f.value(k("column")).toInt(); column > 0)
        where += QStringLiteral(":%1").arg(column);
    return QStringLiteral("%1: %2: %3 [%4]")
            .arg(where, f.value(k("severity")).toString(), f.value(k("message")).toString(),
                 f.value(k("rule")).toString());
}

// The first `max` findings as JSON and as lines, and a line for the rest.
QJsonArray listFindings(const QJsonArray &all, int max, QStringList &lines)
{
    QJsonArray kept;
    for (const QJsonValue &f : all) {
        if (kept.size() >= max)
            break;
        kept.append(f);
        lines << findingLine(f.toObject());
    }
    if (all.size() > kept.size())
        lines << QStringLiteral("... and %1 more (raise max_findings to see them)")
                         .arg(all.size() - kept.size());
    return kept;
}

McpToolResult checkRules(HarnessSensors &sensors, const QJsonObject &args)
{
    std::optional<QStringList> files;
    if (args.contains(k("paths"))) {
        QStringList paths;
        for (const QJsonValue &p : args.value(k("paths")).toArray())
            paths << p.toString();
        auto resolved = sensors.resolvePaths(paths);
        if (!resolved)
            return McpToolResult::error(QStringLiteral("check_rules: path %1").arg(resolved.errorText()));
        files = *resolved;
    }
    auto report = sensors.checkRules(files);
    if (!report)
        return McpToolResult::error(QStringLiteral("check_rules: %1").arg(report.errorText()));
    QJsonArray all;
    int errors = 0;
    int warnings = 0;
    for (const Finding &f : report->findings) {
        all.append(f.toJson());
        errors += f.severity == Severity::Error;
        warnings += f.severity == Severity::Warning;
    }
    QStringList lines;
    const QJsonArray kept = listFindings(all, maxFindings(args), lines);
    const QString scope = files ? QStringLiteral("%1 file(s) named").arg(report->filesChecked)
                                : QStringLiteral("%1 file(s) of the worktree").arg(report->filesChecked);
    const QString head = all.isEmpty() ? QStringLiteral("No rule violations in %1.").arg(scope)
                                       : QStringLiteral("%1 finding(s) (%2 error(s), %3 warning(s)) in %4:")
                                                 .arg(all.size())
                                                 .arg(errors)
                                                 .arg(warnings)
                                                 .arg(scope);
    lines.prepend(head);
    return McpToolResult::ok(lines.join(u'\n'),
                             {{k("clean"), errors == 0 && warnings == 0},
                              {k("files_checked"), report->filesChecked},
                              {k("finding_count"), int(all.size())},
                              {k("errors"), errors},
                              {k("warnings"), warnings},
                              {k("findings"), kept},
                              {k("truncated"), kept.size() < all.size()}});
}

McpToolResult runGate(HarnessSensors &sensors, const QJsonObject &args)
{
    const QString id = args.value(k("gate")).toString();
    auto config = sensors.gates();
    if (!config)
        return McpToolResult::error(QStringLiteral("run_gate: %1").arg(config.errorText()));
    const Gate *gate = config->gate(id);
    if (!gate) {
        QStringList ids;
        for (const Gate &g : config->gates)
            ids << g.id;
        return McpToolResult::error(
                QStringLiteral("run_gate: there is no gate \"%1\" in .harness/gates.json; its "
                               "gates are: %2")
                        .arg(id.left(200), ids.join(QStringLiteral(", "))));
    }
    const GateResult r = sensors.runGate(*gate);
    QJsonArray all;
    for (const Finding &f : r.findings)
        all.append(f.toJson());
    QStringList lines;
    const QJsonArray kept = listFindings(all, maxFindings(args), lines);
    const QString tail = r.log.right(HarnessTools::kLogTailChars);
    QString head = QStringLiteral("Gate %1 (%2): %3 in %4 ms")
                           .arg(r.gate, gateKindName(gate->kind), gateStatusName(r.status))
                           .arg(r.durationMs);
    if (!r.reason.isEmpty())
        head += QStringLiteral(" - %1").arg(r.reason);
    if (!all.isEmpty())
        head += QStringLiteral("; %1 finding(s):").arg(all.size());
    lines.prepend(head);
    if (!tail.trimmed().isEmpty())
        lines << QString() << QStringLiteral("Output (the end):") << tail.trimmed();
    const QJsonObject structured {{k("gate"), r.gate},
                                  {k("kind"), gateKindName(gate->kind)},
                                  {k("status"), gateStatusName(r.status)},
                                  {k("passed"), r.passed()},
                                  {k("duration_ms"), r.durationMs},
                                  {k("exit_code"), r.exitCode},
                                  {k("reason"), r.reason},
                                  {k("could_not_run"), r.couldNotRun},
                                  {k("finding_count"), int(all.size())},
                                  {k("findings"), kept},
                                  {k("log_tail"), tail},
                                  {k("sandbox"), sensors.contained() ? k("agent") : k("harness")}};
    // A gate that could not run here at all is the tool failing; a gate that fails is an answer.
    return r.couldNotRun ? McpToolResult::error(lines.join(u'\n'), structured)
                         : McpToolResult::ok(lines.join(u'\n'), structured);
}

QString listText(const QJsonArray &values)
{
    QStringList out;
    for (const QJsonValue &v : values)
        out << v.toString();
    return out.isEmpty() ? k("(none)") : out.join(QStringLiteral(", "));
}

McpToolResult readContract(HarnessSensors &sensors)
{
    auto doc = sensors.context();
    if (!doc)
        return McpToolResult::error(QStringLiteral("read_contract: %1").arg(doc.errorText()));
    const QJsonObject contract = doc->value(k("contract")).toObject();
    QStringList lines {QStringLiteral("Task %1: %2 (run %3, phase %4, iteration %5)")
                               .arg(doc->value(k("task")).toString(), doc->value(k("title")).toString(),
                                    doc->value(k("run")).toString(), doc->value(k("phase")).toString())
                               .arg(doc->value(k("iteration")).toInt()),
                       QStringLiteral("Goal: %1").arg(contract.value(k("goal")).toString()),
                       k("Acceptance criteria:")};
    for (const QJsonValue &c : contract.value(k("acceptance")).toArray()) {
        const QJsonObject o = c.toObject();
        lines << QStringLiteral("- %1%2").arg(
                o.value(k("text")).toString(),
                o.contains(k("check"))
                        ? QStringLiteral(" (checked by: %1)").arg(o.value(k("check")).toString())
                        : QString());
    }
    lines << QStringLiteral("Scope (the paths you may change): %1")
                     .arg(listText(contract.value(k("scope")).toArray()))
          << QStringLiteral("Constraints (rule ids): %1")
                     .arg(listText(contract.value(k("constraints")).toArray()));
    if (const QString notes = contract.value(k("interface_notes")).toString(); !notes.isEmpty())
        lines << QStringLiteral("Interface notes: %1").arg(notes);
    lines << QStringLiteral("Budget: %1")
                     .arg(QString::fromUtf8(QJsonDocument(contract.value(k("budget")).toObject())
                                                    .toJson(QJsonDocument::Compact)));
    QJsonObject structured {{k("run"), doc->value(k("run"))},
                            {k("task"), doc->value(k("task"))},
                            {k("title"), doc->value(k("title"))},
                            {k("phase"), doc->value(k("phase"))},
                            {k("iteration"), doc->value(k("iteration"))},
                            {k("contract"), contract},
                            {k("plan_approved"), doc->value(k("plan_approved"))}};
    if (doc->contains(k("plan"))) {
        const QJsonObject plan = doc->value(k("plan")).toObject();
        structured.insert(k("plan"), plan);
        lines << QStringLiteral("Plan (%1): %2")
                         .arg(doc->value(k("plan_approved")).toBool() ? k("approved") : k("not approved yet"),
                              plan.value(k("summary")).toString());
        int n = 0;
        for (const QJsonValue &s : plan.value(k("steps")).toArray())
            lines << QStringLiteral("  %1. %2").arg(++n).arg(s.toObject().value(k("description")).toString());
    }
    return McpToolResult::ok(lines.join(u'\n'), structured);
}

McpToolResult latestFindings(HarnessSensors &sensors, const QJsonObject &args)
{
    auto doc = sensors.context();
    if (!doc)
        return McpToolResult::error(QStringLiteral("latest_findings: %1").arg(doc.errorText()));
    const QJsonArray verifications = doc->value(k("verifications")).toArray();
    QJsonArray iterations;
    for (const QJsonValue &v : verifications)
        iterations.append(v.toObject().value(k("iteration")).toInt());
    if (verifications.isEmpty())
        return McpToolResult::ok(
                QStringLiteral("Run %1 has not been verified yet (phase %2): there are no findings.")
                        .arg(doc->value(k("run")).toString(), doc->value(k("phase")).toString()),
                {{k("run"), doc->value(k("run"))}, {k("verified_iterations"), iterations}});
    QJsonObject chosen = verifications.last().toObject();
    if (args.contains(k("iteration"))) {
        const int wanted = args.value(k("iteration")).toInt();
        chosen = {};
        for (const QJsonValue &v : verifications)
            if (v.toObject().value(k("iteration")).toInt() == wanted)
                chosen = v.toObject();
        if (chosen.isEmpty()) {
            QStringList have;
            for (const QJsonValue &i : iterations)
                have << QString::number(i.toInt());
            return McpToolResult::error(QStringLiteral("latest_findings: iteration %1 was not verified; the "
                                                       "verified iterations are: %2")
                                                .arg(wanted)
                                                .arg(have.join(QStringLiteral(", "))));
        }
    }
    const QJsonArray all = chosen.value(k("findings")).toArray();
    QStringList lines;
    const QJsonArray kept = listFindings(all, maxFindings(args), lines);
    const bool passed = chosen.value(k("passed")).toBool();
    const int count = chosen.value(k("finding_count")).toInt(int(all.size()));
    lines.prepend(QStringLiteral("Verification of iteration %1 of run %2: %3, %4 finding(s)%5")
                          .arg(chosen.value(k("iteration")).toInt())
                          .arg(doc->value(k("run")).toString(), passed ? k("passed") : k("failed"))
                          .arg(count)
                          .arg(all.isEmpty() ? k(".") : k(":")));
    for (const QJsonValue &g : chosen.value(k("gates")).toArray())
        lines << QStringLiteral("  gate %1: %2")
                         .arg(g.toObject().value(k("gate")).toString(),
                              g.toObject().value(k("status")).toString());
    const QJsonArray awaiting = chosen.value(k("awaiting_human")).toArray();
    if (!awaiting.isEmpty())
        lines << QStringLiteral(
                         "%1 finding(s) wait for a human to accept them (out of scope, test configuration).")
                         .arg(awaiting.size());
    return McpToolResult::ok(lines.join(u'\n'),
                             {{k("run"), doc->value(k("run"))},
                              {k("iteration"), chosen.value(k("iteration"))},
                              {k("latest"), chosen == verifications.last().toObject()},
                              {k("passed"), passed},
                              {k("finding_count"), count},
                              {k("findings"), kept},
                              {k("awaiting_human"), awaiting},
                              {k("gates"), chosen.value(k("gates"))},
                              {k("verified_iterations"), iterations}});
}

McpToolResult proposeRule(HarnessSensors &sensors, const QJsonObject &args, const QString &actor)
{
    auto suggestion = RuleSuggestion::fromJson(args);
    if (!suggestion)
        return McpToolResult::error(QStringLiteral("propose_rule: %1").arg(suggestion.errorText()));
    auto id = sensors.suggestRule(*suggestion, actor);
    if (!id)
        return McpToolResult::error(
                QStringLiteral("propose_rule: the rule was not suggested: %1").arg(id.errorText()));
    const QString ruleId = suggestion->rule.value(k("id")).toString();
    const QString when = sensors.contained()
            ? k("It is recorded when this turn ends, for the human to add or not")
            : k("It is recorded for the human to add or not");
    return McpToolResult::ok(
            QStringLiteral(
                    "Suggestion %1: the %2 rule \"%3\" reads and validates against the project's rules. "
                    "%4; until then .harness/rules.json is unchanged and the rule does not apply.")
                    .arg(*id, suggestion->kind, ruleId, when),
            {{k("suggestion"), *id},
             {k("kind"), suggestion->kind},
             {k("rule_id"), ruleId},
             {k("recorded"), sensors.contained() ? k("after_turn") : k("now")}});
}

QString ruleShapes()
{
    return k("The rule is the entry as .harness/rules.json holds it. kind \"forbidden\": {\"id\", \"paths\": "
             "[globs], "
             "\"exclude_paths\"?: [globs], \"pattern\": regular expression per line, or \"imports\": [globs "
             "over "
             "import specs], \"severity\": \"error\"|\"warning\"|\"info\", \"message\": what to do instead}. "
             "kind "
             "\"limit\": {\"id\", \"paths\", \"exclude_paths\"?, \"max_lines\", \"severity\", \"message\"}. "
             "kind "
             "\"layer\": {\"id\", \"name\", \"paths\", \"allow\": [names of layers it may depend on], "
             "\"severity\", "
             "\"message\"}.");
}

} // namespace

QString HarnessTools::instructions()
{
    return k(
            "Harness Workbench's sensors for this worktree. Call read_contract for the task's goal, "
            "acceptance "
            "criteria, scope and constraints; check_rules after you edit (on the files you changed) to see "
            "constraint-rule violations with file and line before the verify step does; run_gate NAME to run "
            "one of the project's quality gates (.harness/gates.json) as the verify step runs it; "
            "latest_findings for what the last verification found; propose_rule to suggest a new rule to the "
            "human (it never changes .harness/rules.json).");
}

QList<McpTool> HarnessTools::make(HarnessSensors &sensors, std::function<QString()> actor)
{
    HarnessSensors *s = &sensors;
    QList<McpTool> tools;
    tools << McpTool {
            k("check_rules"),
            k("Check the constraint rules"),
            k("Run the project's constraint rules (.harness/rules.json: layer directions, file-size limits, "
              "forbidden patterns and imports, secrets) over the worktree, or over the files and folders "
              "named "
              "in paths (relative to the worktree root; no \"..\", no absolute path elsewhere, no symbolic "
              "link). The same engine as `harness check` and the verify step's rules gate. Each finding has "
              "file, line, severity, rule id and a message saying what to do."),
            schema({{k("paths"),
                     QJsonObject {{k("type"), k("array")},
                                  {k("maxItems"), 1000},
                                  {k("items"),
                                   QJsonObject {{k("type"), k("string")},
                                                {k("minLength"), 1},
                                                {k("maxLength"), 4096}}},
                                  {k("description"),
                                   k("Files or folders to check, relative to the worktree root; "
                                     "absent: the whole worktree")}}},
                    {k("max_findings"), maxFindingsSchema()}}),
            true,
            [s](const QJsonObject &a) {
                return checkRules(*s, a);
            }};
    tools << McpTool {k("run_gate"),
                      k("Run one quality gate"),
                      k("Run one gate of the project's .harness/gates.json by its id (for example the tests "
                        "or the rules "
                        "gate) on the worktree, as the verify step runs it: commands in the sandbox, with "
                        "their time and "
                        "output limits. Answers the gate's status, its findings and the end of its output. A "
                        "failing gate "
                        "is an answer, not an error."),
                      schema({{k("gate"),
                               QJsonObject {{k("type"), k("string")},
                                            {k("minLength"), 1},
                                            {k("maxLength"), 200},
                                            {k("description"), k("The gate's id in .harness/gates.json")}}},
                              {k("max_findings"), maxFindingsSchema()}},
                             {k("gate")}),
                      false,
                      [s](const QJsonObject &a) {
                          return runGate(*s, a);
                      }};
    tools << McpTool {
            k("read_contract"),
            k("Read the task's contract"),
            k("The contract of the run's task: goal, acceptance criteria (with the commands that check "
              "them), scope (the paths you may change), constraints (rule ids), interface notes and "
              "budget; and the run's phase, iteration and plan."),
            schema({}),
            true,
            [s](const QJsonObject &) {
                return readContract(*s);
            }};
    tools << McpTool {
            k("latest_findings"),
            k("Read the latest findings"),
            k("What the run's latest verification found (or that of the given iteration): passed or not, the "
              "gates' statuses and the findings to fix, most severe first."),
            schema({{k("iteration"),
                     QJsonObject {{k("type"), k("integer")},
                                  {k("minimum"), 1},
                                  {k("description"), k("A build/fix iteration; absent: the latest")}}},
                    {k("max_findings"), maxFindingsSchema()}}),
            true,
            [s](const QJsonObject &a) {
                return latestFindings(*s, a);
            }};
    tools << McpTool {
            k("propose_rule"),
            k("Suggest a constraint rule"),
            k("Suggest a new constraint rule to the human, for a mistake the rules should catch next time. "
              "It is checked against the project's rules (it must read, its id must be new) and recorded as "
              "a suggestion for the human to add or not: .harness/rules.json is never changed by this "
              "tool. ") +
                    ruleShapes(),
            schema({{k("kind"),
                     QJsonObject {{k("type"), k("string")},
                                  {k("enum"), QJsonArray::fromStringList(RuleSuggestion::kinds())}}},
                    {k("rule"), QJsonObject {{k("type"), k("object")}, {k("description"), ruleShapes()}}},
                    {k("reason"),
                     QJsonObject {
                             {k("type"), k("string")},
                             {k("minLength"), 1},
                             {k("maxLength"), RuleSuggestion::kMaxReasonChars},
                             {k("description"), k("What the rule prevents, for the human who decides")}}}},
                   {k("kind"), k("rule"), k("reason")}),
            false,
            [s, actor](const QJsonObject &a) {
                return proposeRule(*s, a, actor());
            }};
    return tools;
}

} // namespace harness
