// ContextAssembler: per-section fitting in priority order; files shrink by water-filling (the largest
// are cut first), summaries lose their oldest entries first, maps and text are cut at line ends.
#include "contextassembler.h"

#include "core/worktreereader.h"
#include "findingtrimmer.h"
#include "tokenestimator.h"

#include <QHash>
#include <algorithm>

namespace harness {

namespace {

constexpr qint64 kSeparator = 1; // charged per section for the blank line that joins sections
constexpr qint64 kMinUseful = 24; // a text cut below this many tokens is left out instead

qint64 tok(const QString &s)
{
    return TokenEstimator::estimate(s);
}

QString heading(const QString &title)
{
    return QStringLiteral("## ") + title + QLatin1Char('\n');
}

QString withNewline(QString s)
{
    if (!s.isEmpty() && !s.endsWith(QLatin1Char('\n')))
        s += QLatin1Char('\n');
    return s;
}

QString noRoom(qint64 needed, qint64 left)
{
    return QStringLiteral("no room left in the token budget (needs %1, %2 left)")
            .arg(needed)
            .arg(std::max<qint64>(left, 0));
}

// Puts heading + body into s if it fits in allow tokens; otherwise cuts body at a line end and says so.
void clipInto(ContextSection &s, const QString &body, qint64 allow, const QString &what)
{
    const QString head = heading(s.title);
    const QString full = head + withNewline(body);
    s.fullTokens = tok(full);
    if (s.fullTokens + kSeparator <= allow) {
        s.text = full;
        return;
    }
    auto note = [&](qint64 shown) {
        return QStringLiteral("[%1 cut to fit the context budget: about %2 of %3 tokens shown]\n")
                .arg(what)
                .arg(shown)
                .arg(s.fullTokens);
    };
    const qint64 bodyAllow = allow - kSeparator - tok(head) - tok(note(s.fullTokens));
    if (bodyAllow < kMinUseful) {
        s.omittedReason = noRoom(s.fullTokens, allow - kSeparator);
        return;
    }
    const QString clipped = withNewline(TokenEstimator::clipToTokens(body, bodyAllow - 1));
    s.text = head + clipped + note(tok(clipped));
    s.truncated = true;
    s.note = QStringLiteral("cut to %1 of %2 tokens").arg(tok(s.text)).arg(s.fullTokens);
}

QString fence(const QString &body)
{
    return body.contains(QStringLiteral("```")) ? QStringLiteral("````") : QStringLiteral("```");
}

QString fileBlock(const QString &path, const QString &body, const QString &tail = {})
{
    const QString f = fence(body);
    return QStringLiteral("### ") + path + QLatin1Char('\n') + f + QLatin1Char('\n') + withNewline(body) + f +
            QLatin1Char('\n') + tail;
}

// The latest findings, deduplicated and capped; the cap is halved while they do not fit. Returns true
// when only the configured cap (not the budget) trimmed them.
bool fitFindings(ContextSection &s, const QList<Finding> &findings, int maxFindings, qint64 remaining)
{
    const QString head = heading(s.title);
    const TrimmedFindings all = FindingTrimmer::trim(findings, 0);
    s.fullTokens = tok(head + all.render());
    int cap = maxFindings > 0 ? maxFindings : int(all.kept.size());
    TrimmedFindings trimmed = FindingTrimmer::trim(findings, cap);
    const int configuredCap = cap;
    while (cap > 1 && tok(head + trimmed.render()) + kSeparator > remaining) {
        cap /= 2;
        trimmed = FindingTrimmer::trim(findings, cap);
    }
    const qint64 savedFull = s.fullTokens;
    clipInto(s, trimmed.render(), remaining, QStringLiteral("findings"));
    s.fullTokens = savedFull;
    const bool capOnly = !s.truncated && cap == configuredCap;
    if (trimmed.omitted > 0 || trimmed.duplicates > 0) {
        s.truncated = s.truncated || trimmed.omitted > 0;
        const QString what = QStringLiteral("%1 of %2 distinct findings shown")
                                     .arg(trimmed.kept.size())
                                     .arg(trimmed.total);
        s.note = trimmed.duplicates > 0
                ? what + QStringLiteral("; %1 duplicates removed").arg(trimmed.duplicates)
                : what;
    }
    return capOnly;
}

// The plan's files: whole when they fit; otherwise the largest are cut first (one per-file cap found by
// bisection), and files are left out, largest first, when the cap would fall below minFileTokens.
void fitFiles(ContextSection &s, const QList<ContextFile> &files,
              const ContextAssembler::FileRenderer &renderFile, qint64 minFileTokens, qint64 remaining)
{
    const QString head = heading(s.title);
    struct Entry
    {
        QString path;
        QString body;
        qint64 bodyTokens;
        qint64 overhead; // heading, fences and a possible truncation note
        bool dropped = false;
    };
    QList<Entry> entries;
    QString full = head;
    for (const ContextFile &f : files) {
        const QString body = renderFile ? renderFile(f.path, f.content) : f.content;
        const QString block = fileBlock(f.path, body);
        full += block;
        const QString noteSample = QStringLiteral("[truncated: lines 1-%1 of %1 shown; read the "
                                                  "rest with the file tools]\n")
                                           .arg(body.count(QLatin1Char('\n')) + 1);
        entries.append({f.path, body, tok(body), tok(fileBlock(f.path, QString(), noteSample)) + 1});
    }
    s.fullTokens = tok(full);
    if (s.fullTokens + kSeparator <= remaining) {
        s.text = full;
        for (const Entry &e : std::as_const(entries)) {
            const qint64 t = tok(fileBlock(e.path, e.body));
            s.items.append({e.path, t, t, false, false});
        }
    } else {
        // Largest files are cut first: find the highest per-file cap that fits, dropping the
        // largest files while that cap would fall below the minimum worth showing.
        const qint64 sectionNote = 16 + 8 * entries.size(); // names of dropped files
        const qint64 avail = remaining - kSeparator - tok(head) - sectionNote;
        auto cost = [&](qint64 cap) {
            qint64 total = 0;
            for (const Entry &e : std::as_const(entries)) {
                if (!e.dropped)
                    total += e.overhead + std::min(e.bodyTokens, cap);
            }
            return total;
        };
        qint64 cap = 0;
        while (true) {
            qint64 lo = 0;
            qint64 hi = 0;
            for (const Entry &e : std::as_const(entries)) {
                if (!e.dropped)
                    hi = std::max(hi, e.bodyTokens);
            }
            if (cost(0) > avail) {
                cap = -1;
            } else {
                while (lo < hi) {
                    const qint64 mid = (lo + hi + 1) / 2;
                    if (cost(mid) <= avail)
                        lo = mid;
                    else
                        hi = mid - 1;
                }
                cap = lo;
            }
            bool anyLeft = false;
            for (const Entry &e : std::as_const(entries))
                anyLeft = anyLeft || !e.dropped;
            // Good enough when every kept file is shown whole or cut no lower than the minimum.
            bool ok = anyLeft && cap >= 0;
            for (const Entry &e : std::as_const(entries)) {
                if (ok && !e.dropped && e.bodyTokens > cap && cap < minFileTokens)
                    ok = false;
            }
            if (ok || !anyLeft)
                break;
            // Drop the largest remaining file.
            qsizetype largest = -1;
            for (qsizetype i = 0; i < entries.size(); ++i) {
                if (!entries.at(i).dropped &&
                    (largest < 0 || entries.at(i).bodyTokens > entries.at(largest).bodyTokens))
                    largest = i;
            }
            entries[largest].dropped = true;
        }
        QString text = head;
        QStringList dropped;
        int cut = 0;
        for (const Entry &e : std::as_const(entries)) {
            const qint64 fullBlock = tok(fileBlock(e.path, e.body));
            if (e.dropped || cap < 0) {
                dropped.append(QStringLiteral("%1 (%2 tokens)").arg(e.path).arg(e.bodyTokens));
                s.items.append({e.path, 0, fullBlock, false, true});
                continue;
            }
            QString block;
            if (e.bodyTokens <= cap) {
                block = fileBlock(e.path, e.body);
            } else {
                const QString clipped = TokenEstimator::clipToTokens(e.body, cap);
                const qsizetype shown = clipped.count(QLatin1Char('\n'));
                const qsizetype total =
                        e.body.count(QLatin1Char('\n')) + (e.body.endsWith(QLatin1Char('\n')) ? 0 : 1);
                block = fileBlock(e.path, clipped,
                                  QStringLiteral("[truncated: lines 1-%1 of %2 shown; read the "
                                                 "rest with the file tools]\n")
                                          .arg(shown)
                                          .arg(total));
                ++cut;
            }
            text += block;
            s.items.append({e.path, tok(block), fullBlock, e.bodyTokens > cap, false});
        }
        if (!dropped.isEmpty())
            text += QStringLiteral("[left out to fit the context budget: %1; read them with the "
                                   "file tools]\n")
                            .arg(dropped.join(QStringLiteral(", ")));
        s.truncated = true;
        if (dropped.size() == entries.size()) {
            s.omittedReason = noRoom(s.fullTokens, remaining - kSeparator);
            s.text.clear();
        } else {
            s.text = text;
            if (tok(s.text) + kSeparator > remaining) { // a long list of dropped names; cut it
                const qint64 fullTokens = s.fullTokens;
                s.text.clear();
                clipInto(s, text.mid(head.size()), remaining, QStringLiteral("files"));
                s.fullTokens = fullTokens;
            }
            s.note = QStringLiteral("%1 files cut, %2 left out").arg(cut).arg(dropped.size());
        }
    }
}

// Rules in the given order while they fit, then the ids of the rest.
void fitRules(ContextSection &s, const QList<ContextRule> &rules, qint64 remaining)
{
    const QString head = heading(s.title);
    QStringList lines;
    for (const ContextRule &r : rules)
        lines.append(QStringLiteral("- [%1] %2\n").arg(r.id, r.message.simplified()));
    s.fullTokens = tok(head + lines.join(QString()));
    for (qsizetype k = lines.size(); k >= 0; --k) {
        QString text = head + lines.mid(0, k).join(QString());
        if (k < lines.size()) {
            QStringList ids;
            for (qsizetype i = k; i < lines.size() && ids.size() < 10; ++i)
                ids.append(rules.at(i).id);
            if (lines.size() - k > ids.size())
                ids.append(QStringLiteral("…"));
            text += QStringLiteral("… and %1 more rules not shown: %2\n")
                            .arg(lines.size() - k)
                            .arg(ids.join(QStringLiteral(", ")));
        }
        if (tok(text) + kSeparator <= remaining) {
            s.text = text;
            s.truncated = k < lines.size();
            for (qsizetype i = 0; i < rules.size(); ++i) {
                const qint64 t = tok(lines.at(i));
                s.items.append({rules.at(i).id, i < k ? t : 0, t, false, i >= k});
            }
            if (s.truncated)
                s.note = QStringLiteral("%1 of %2 rules shown").arg(k).arg(lines.size());
            break;
        }
    }
    if (s.text.isEmpty())
        s.omittedReason = noRoom(s.fullTokens, remaining - kSeparator);
}

// Older iterations' summaries, newest kept, oldest dropped first.
void fitSummaries(ContextSection &s, const QStringList &summaries, qint64 remaining)
{
    const QString head = heading(s.title);
    const qsizetype n = summaries.size();
    auto entry = [&](qsizetype i) {
        return QStringLiteral("- ") + withNewline(summaries.at(i).trimmed());
    };
    QString all = head;
    for (qsizetype i = 0; i < n; ++i)
        all += entry(i);
    s.fullTokens = tok(all);
    for (qsizetype k = n; k >= 1; --k) { // keep the k newest
        QString text = head;
        if (k < n)
            text += QStringLiteral("[%1 older iteration summaries left out to fit the context budget]\n")
                            .arg(n - k);
        for (qsizetype i = n - k; i < n; ++i)
            text += entry(i);
        if (tok(text) + kSeparator <= remaining) {
            s.text = text;
            s.truncated = k < n;
            if (s.truncated)
                s.note = QStringLiteral("the %1 newest of %2 summaries shown").arg(k).arg(n);
            for (qsizetype i = 0; i < n; ++i) {
                const qint64 t = tok(entry(i));
                s.items.append({QStringLiteral("iteration summary %1").arg(i + 1), i >= n - k ? t : 0, t,
                                false, i < n - k});
            }
            break;
        }
    }
    if (s.text.isEmpty())
        s.omittedReason = noRoom(s.fullTokens, remaining - kSeparator);
}

} // namespace

QList<ContextFile> ContextFile::read(const QString &root, const QStringList &paths, qint64 maxBytes)
{
    QList<ContextFile> out;
    const WorktreeReader reader(root);
    for (const QString &rel : paths) {
        const WorktreeRead r = reader.read(rel, maxBytes, WorktreeReader::OverLimit::Truncate);
        if (r.status == WorktreeRead::Status::Missing)
            continue;
        if (!r.ok()) {
            out.append({rel, QStringLiteral("[not shown: %1]").arg(r.describe())});
            continue;
        }
        QString text = QString::fromUtf8(r.data);
        if (r.status == WorktreeRead::Status::Truncated)
            text += QStringLiteral("\n[cut: the file is %1 bytes; read the rest with the file tools]")
                            .arg(r.size);
        out.append({rel, text});
    }
    return out;
}

ContextAssembler::ContextAssembler(qint64 tokenBudget) : m_budget(tokenBudget) { }

QStringList ContextAssembler::promptOrder()
{
    return {QStringLiteral("contract"), QStringLiteral("agents_map"),       QStringLiteral("repo_map"),
            QStringLiteral("rules"),    QStringLiteral("older_iterations"), QStringLiteral("files"),
            QStringLiteral("findings"), QStringLiteral("human_feedback")};
}

QStringList ContextAssembler::priorityOrder()
{
    return {QStringLiteral("contract"),   QStringLiteral("findings"),        QStringLiteral("human_feedback"),
            QStringLiteral("agents_map"), QStringLiteral("files"),           QStringLiteral("rules"),
            QStringLiteral("repo_map"),   QStringLiteral("older_iterations")};
}

QString ContextAssembler::renderContract(const Contract &c)
{
    QString t = QStringLiteral("Goal: ") + c.goal.trimmed() + QLatin1Char('\n');
    if (!c.criteria.isEmpty()) {
        t += QStringLiteral("\nAcceptance criteria:\n");
        for (qsizetype i = 0; i < c.criteria.size(); ++i) {
            t += QStringLiteral("%1. %2\n").arg(i + 1).arg(c.criteria.at(i).text.trimmed());
            if (!c.criteria.at(i).checkCommand.isEmpty())
                t += QStringLiteral("   Check: `%1`\n").arg(c.criteria.at(i).checkCommand);
        }
    }
    t += QLatin1Char('\n');
    if (c.scope.isEmpty())
        t += QStringLiteral("Scope: not restricted to particular paths.\n");
    else
        t += QStringLiteral("Scope (the only paths you may change): ") + c.scope.join(QStringLiteral(", ")) +
                QLatin1Char('\n');
    if (!c.constraints.isEmpty())
        t += QStringLiteral("Constraints (rule ids that must hold): ") +
                c.constraints.join(QStringLiteral(", ")) + QLatin1Char('\n');
    if (!c.interfaceNotes.trimmed().isEmpty())
        t += QStringLiteral("Interface notes:\n") + withNewline(c.interfaceNotes.trimmed());
    QStringList limits;
    if (c.budget.maxIterations > 0)
        limits.append(QStringLiteral("%1 iterations").arg(c.budget.maxIterations));
    if (c.budget.maxTokens > 0)
        limits.append(QStringLiteral("%1 tokens").arg(c.budget.maxTokens));
    if (c.budget.maxWallSeconds > 0)
        limits.append(QStringLiteral("%1 minutes").arg((c.budget.maxWallSeconds + 59) / 60));
    if (!limits.isEmpty())
        t += QStringLiteral("Limits: at most ") + limits.join(QStringLiteral(", ")) + QLatin1Char('\n');
    return t;
}

AssembledContext ContextAssembler::assemble(const ContextInputs &in) const
{
    static const QHash<QString, QString> titles {
            {QStringLiteral("contract"), QStringLiteral("Task contract")},
            {QStringLiteral("findings"),
             QStringLiteral("Findings from the last iteration (fix these first)")},
            {QStringLiteral("human_feedback"), QStringLiteral("Feedback from the human")},
            {QStringLiteral("agents_map"), QStringLiteral("AGENTS.md map")},
            {QStringLiteral("files"), QStringLiteral("Files named in the plan")},
            {QStringLiteral("rules"), QStringLiteral("Rules that apply")},
            {QStringLiteral("repo_map"), QStringLiteral("Repository map")},
            {QStringLiteral("older_iterations"), QStringLiteral("Earlier iterations")},
    };
    const QStringList priority = priorityOrder();
    QHash<QString, ContextSection> built;
    qint64 remaining = m_budget;

    QString cutTitle; // the first section cut for lack of room; everything ranked below it is left out
    for (qsizetype p = 0; p < priority.size(); ++p) {
        bool cutByCapOnly = false; // findings trimmed to the configured cap, not for lack of room
        ContextSection s;
        s.name = priority.at(p);
        s.title = titles.value(s.name);
        s.priority = int(p + 1);
        const QString head = heading(s.title);

        if (s.name == QLatin1String("contract")) {
            s.text = head + renderContract(in.contract);
            s.fullTokens = tok(s.text);
        } else if (s.name == QLatin1String("findings")) {
            if (in.findings.isEmpty()) {
                s.omittedReason = QStringLiteral("no findings from the last iteration");
            } else {
                cutByCapOnly = fitFindings(s, in.findings, m_maxFindings, remaining);
            }
        } else if (s.name == QLatin1String("human_feedback")) {
            if (in.humanFeedback.trimmed().isEmpty())
                s.omittedReason = QStringLiteral("no feedback from the human");
            else
                clipInto(s, in.humanFeedback.trimmed(), remaining, QStringLiteral("feedback"));
        } else if (s.name == QLatin1String("agents_map")) {
            if (in.agentsMap.trimmed().isEmpty())
                s.omittedReason = QStringLiteral("no AGENTS.md governs the task's scope");
            else
                clipInto(s, in.agentsMap, remaining, QStringLiteral("AGENTS.md map"));
        } else if (s.name == QLatin1String("repo_map")) {
            if (in.repoMap.trimmed().isEmpty())
                s.omittedReason = QStringLiteral("no repository map was given");
            else
                clipInto(s, in.repoMap, remaining, QStringLiteral("repository map"));
        } else if (s.name == QLatin1String("files")) {
            if (in.files.isEmpty()) {
                s.omittedReason = QStringLiteral("the plan names no files");
            } else {
                fitFiles(s, in.files, m_renderFile, m_minFileTokens, remaining);
            }
        } else if (s.name == QLatin1String("rules")) {
            if (in.rules.isEmpty()) {
                s.omittedReason = QStringLiteral("no rules apply");
            } else {
                fitRules(s, in.rules, remaining);
            }
        } else if (s.name == QLatin1String("older_iterations")) {
            if (in.olderSummaries.isEmpty()) {
                s.omittedReason = QStringLiteral("no earlier iterations");
            } else {
                fitSummaries(s, in.olderSummaries, remaining);
            }
        }

        if (!cutTitle.isEmpty() && s.included()) {
            // Strict progressive disclosure: nothing ranked below a section that was cut gets in, so
            // what the agent lacks is always the tail of the priority list.
            s.text.clear();
            s.items.clear();
            s.truncated = false;
            s.note.clear();
            s.omittedReason =
                    QStringLiteral("no room left in the token budget (ranks below \"%1\", which was cut)")
                            .arg(cutTitle);
        }
        const bool cutForRoom =
                s.omittedReason.startsWith(QLatin1String("no room left")) || (s.truncated && !cutByCapOnly);
        if (cutForRoom && cutTitle.isEmpty())
            cutTitle = s.title;
        if (!s.omittedReason.isEmpty()) {
            s.text.clear();
            s.truncated = false;
        }
        s.tokens = tok(s.text);
        if (!s.text.isEmpty())
            remaining -= s.tokens + kSeparator;
        built.insert(s.name, s);
    }

    AssembledContext ctx;
    ctx.budget = m_budget;
    ctx.estimator = QString::fromLatin1(TokenEstimator::kHeuristic);
    for (const QString &name : promptOrder())
        ctx.sections.append(built.value(name));
    ctx.totalTokens = tok(ctx.render());
    return ctx;
}

} // namespace harness
