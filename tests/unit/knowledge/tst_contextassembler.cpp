// ContextAssembler: what goes in, in which order, and what is cut first when the budget is tight.
#include "knowledge/agentsmap.h"
#include "knowledge/contextassembler.h"
#include "knowledge/repomap.h"
#include "knowledge/tokenestimator.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

QString lines(const QString &prefix, int count)
{
    QString s;
    for (int i = 1; i <= count; ++i)
        s += QStringLiteral("%1 line %2: some representative text of a source file\n").arg(prefix).arg(i);
    return s;
}

ContextInputs sampleInputs()
{
    ContextInputs in;
    in.contract.goal = QStringLiteral("Add a retry to the HTTP client");
    in.contract.criteria = {{QStringLiteral("Retries 3 times on 503"), QStringLiteral("ctest -R http")}};
    in.contract.scope = {QStringLiteral("src/net/**")};
    in.contract.constraints = {QStringLiteral("layers")};
    in.agentsMap =
            QStringLiteral("AGENTS.md map: 1 file\n\n### AGENTS.md\n") + lines(QStringLiteral("agents"), 20);
    in.repoMap = QStringLiteral("Repository map: 40 lines\n") + lines(QStringLiteral("map"), 40);
    in.files = {{QStringLiteral("src/net/http.cpp"), lines(QStringLiteral("http"), 120)},
                {QStringLiteral("src/net/http.h"), lines(QStringLiteral("header"), 10)}};
    in.rules = {{QStringLiteral("layers"), QStringLiteral("net must not include ui")},
                {QStringLiteral("max-lines"), QStringLiteral("files stay under 800 lines")},
                {QStringLiteral("no-printf"), QStringLiteral("use qDebug, not printf")}};
    for (int i = 0; i < 10; ++i)
        in.rules.append({QStringLiteral("naming-%1").arg(i),
                         QStringLiteral("name things after what they hold, case %1").arg(i)});
    for (int i = 0; i < 3; ++i) {
        Finding f;
        f.file = QStringLiteral("src/net/http.cpp");
        f.line = 10 + i;
        f.rule = QStringLiteral("build");
        f.message = QStringLiteral("undeclared identifier 'retry%1'").arg(i);
        in.findings.append(f);
    }
    in.olderSummaries = {QStringLiteral("Iteration 1: OLDEST ") + lines(QStringLiteral("s1"), 4),
                         QStringLiteral("Iteration 2: MIDDLE ") + lines(QStringLiteral("s2"), 4),
                         QStringLiteral("Iteration 3: NEWEST ") + lines(QStringLiteral("s3"), 4)};
    in.humanFeedback = QStringLiteral("Use exponential backoff.");
    return in;
}

QStringList included(const AssembledContext &c)
{
    QStringList names;
    for (const ContextSection &s : c.sections) {
        if (s.included())
            names.append(s.name);
    }
    return names;
}

qint64 cost(const AssembledContext &c, const QStringList &names)
{
    qint64 total = 0;
    for (const QString &n : names)
        total += c.section(n)->tokens + 1;
    return total;
}

} // namespace

class TestContextAssembler : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everythingFits()
    {
        const AssembledContext c = ContextAssembler(100000).assemble(sampleInputs());
        QCOMPARE(included(c), ContextAssembler::promptOrder());
        QVERIFY(!c.overBudget());
        QCOMPARE(c.totalTokens, TokenEstimator::estimate(c.render()));
        const QString prompt = c.render();
        // Prompt order: contract first, the latest findings and the human's words last.
        qsizetype last = -1;
        for (const ContextSection &s : c.sections) {
            const qsizetype at = prompt.indexOf(s.text);
            QVERIFY2(at > last, qPrintable(s.name));
            last = at;
            QVERIFY(!s.truncated);
            QCOMPARE(s.tokens, s.fullTokens);
        }
        QVERIFY(prompt.startsWith(
                QStringLiteral("## Task contract\nGoal: Add a retry to the HTTP client\n")));
        QVERIFY(prompt.contains(QStringLiteral("1. Retries 3 times on 503\n   Check: `ctest -R http`\n")));
        QVERIFY(prompt.contains(QStringLiteral("Scope (the only paths you may change): src/net/**")));
        QVERIFY(prompt.contains(QStringLiteral("### src/net/http.h\n```\nheader line 1:")));
        QVERIFY(prompt.contains(QStringLiteral("- [layers] net must not include ui\n")));
        QVERIFY(prompt.contains(
                QStringLiteral("- src/net/http.cpp:10: error [build] undeclared identifier 'retry0'")));
        QVERIFY(prompt.endsWith(QStringLiteral("## Feedback from the human\nUse exponential backoff.\n")));
    }

    // Lower the budget step by step: sections must go in reverse priority order.
    void dropOrder_data()
    {
        QTest::addColumn<QString>("lastWhole"); // the lowest-priority section still complete
        QTest::addColumn<QString>("cut"); // the section that is cut at this budget
        QTest::addColumn<QStringList>("gone"); // sections left out entirely
        const QStringList p = ContextAssembler::priorityOrder();
        // p: contract findings human_feedback agents_map files rules repo_map older_iterations
        QTest::newRow("oldest summaries go first") << p.at(6) << p.at(7) << QStringList();
        QTest::newRow("then the repo map is cut") << p.at(5) << p.at(6) << QStringList {p.at(7)};
        QTest::newRow("then rules") << p.at(4) << p.at(5) << QStringList {p.at(6), p.at(7)};
        QTest::newRow("then files") << p.at(3) << p.at(4) << QStringList {p.at(5), p.at(6), p.at(7)};
        QTest::newRow("then the AGENTS.md map")
                << p.at(2) << p.at(3) << QStringList {p.at(4), p.at(5), p.at(6), p.at(7)};
    }
    void dropOrder()
    {
        QFETCH(QString, lastWhole);
        QFETCH(QString, cut);
        QFETCH(QStringList, gone);
        const ContextInputs in = sampleInputs();
        const AssembledContext full = ContextAssembler(1000000).assemble(in);
        const QStringList p = ContextAssembler::priorityOrder();
        // Room for everything up to lastWhole, plus a part of `cut` (well above the minimum cut size).
        const qint64 budget = cost(full, p.mid(0, p.indexOf(lastWhole) + 1)) + full.section(cut)->tokens / 2;
        const AssembledContext c = ContextAssembler(budget).assemble(in);
        QVERIFY(c.totalTokens <= budget);
        for (const QString &name : p.mid(0, p.indexOf(lastWhole) + 1)) {
            QVERIFY2(c.section(name)->included() && !c.section(name)->truncated, qPrintable(name));
            QCOMPARE(c.section(name)->text, full.section(name)->text);
        }
        QVERIFY2(c.section(cut)->included() && c.section(cut)->truncated, qPrintable(cut));
        QVERIFY(c.section(cut)->tokens < full.section(cut)->tokens);
        for (const QString &name : gone) {
            QVERIFY2(!c.section(name)->included(), qPrintable(name));
            QVERIFY(c.section(name)->omittedReason.startsWith(
                    QStringLiteral("no room left in the token budget")));
        }
    }

    // Whatever the budget: never over it (once the contract fits), sections get in as a prefix of the
    // priority order, and at most one section (the boundary) is cut.
    void invariantsAcrossBudgets()
    {
        const ContextInputs in = sampleInputs();
        const AssembledContext full = ContextAssembler(1000000).assemble(in);
        const QStringList p = ContextAssembler::priorityOrder();
        const qint64 contract = full.section(QStringLiteral("contract"))->tokens;
        for (qint64 budget = contract + 1; budget <= full.totalTokens + 20; budget += 7) {
            const AssembledContext c = ContextAssembler(budget).assemble(in);
            const QByteArray at = QByteArray::number(budget);
            QVERIFY2(c.totalTokens <= budget, at.constData());
            QCOMPARE(c.totalTokens, TokenEstimator::estimate(c.render()));
            bool closed = false;
            int cut = 0;
            for (const QString &name : p) {
                const ContextSection *s = c.section(name);
                if (closed)
                    QVERIFY2(!s->included(), (at + ' ' + name.toUtf8()).constData());
                if (!s->included() || s->truncated)
                    closed = true;
                if (s->truncated)
                    ++cut;
            }
            QVERIFY2(cut <= 1, at.constData());
        }
    }

    void summariesKeepTheNewest()
    {
        const ContextInputs in = sampleInputs();
        const AssembledContext full = ContextAssembler(1000000).assemble(in);
        const QStringList p = ContextAssembler::priorityOrder();
        const qint64 budget =
                cost(full, p.mid(0, 7)) + full.section(QStringLiteral("older_iterations"))->tokens * 2 / 3;
        const AssembledContext c = ContextAssembler(budget).assemble(in);
        const ContextSection *s = c.section(QStringLiteral("older_iterations"));
        QVERIFY(s->included());
        QVERIFY(s->text.contains(QStringLiteral("NEWEST")));
        QVERIFY(!s->text.contains(QStringLiteral("OLDEST")));
        QVERIFY(s->text.contains(QStringLiteral("older iteration summaries left out")));
        QCOMPARE(s->items.size(), 3);
        QVERIFY(s->items.at(0).omitted);
        QVERIFY(!s->items.at(2).omitted);
    }

    void largestFileIsCutFirst()
    {
        ContextInputs in = sampleInputs();
        const AssembledContext full = ContextAssembler(1000000).assemble(in);
        const QStringList p = ContextAssembler::priorityOrder();
        const qint64 budget = cost(full, p.mid(0, 4)) + full.section(QStringLiteral("files"))->tokens / 2;
        const AssembledContext c = ContextAssembler(budget).assemble(in);
        const ContextSection *files = c.section(QStringLiteral("files"));
        QVERIFY(files->included());
        QCOMPARE(files->items.size(), 2);
        QCOMPARE(files->items.at(0).label, QStringLiteral("src/net/http.cpp"));
        QVERIFY(files->items.at(0).truncated);
        QVERIFY(!files->items.at(1).truncated); // the small header is shown whole
        QVERIFY(files->text.contains(in.files.at(1).content));
        QVERIFY(files->text.contains(QStringLiteral(" of 120 shown; read the rest with the file tools]")));
        QVERIFY(c.totalTokens <= budget);
    }

    void filesLeftOutWhenTooSmallToShow()
    {
        ContextInputs in = sampleInputs();
        in.files.append({QStringLiteral("src/huge.cpp"), lines(QStringLiteral("huge"), 3000)});
        const AssembledContext full = ContextAssembler(1000000).assemble(in);
        const QStringList p = ContextAssembler::priorityOrder();
        // Room for the two small files whole, but not for a useful slice of all three.
        const qint64 small = full.section(QStringLiteral("files"))->items.at(1).tokens;
        const qint64 budget = cost(full, p.mid(0, 4)) +
                full.section(QStringLiteral("files"))->items.at(0).tokens + small + 60;
        ContextAssembler assembler(budget);
        assembler.setMinFileTokens(1000);
        const AssembledContext c = assembler.assemble(in);
        const ContextSection *files = c.section(QStringLiteral("files"));
        QVERIFY(files->included());
        QVERIFY(files->items.at(2).omitted);
        QVERIFY(files->text.contains(QStringLiteral("[left out to fit the context budget: src/huge.cpp (")));
        QVERIFY(c.totalTokens <= budget);
    }

    void findingsTrimmedBeforeAnythingElseIsTouched()
    {
        ContextInputs in = sampleInputs();
        in.findings.clear();
        for (int i = 0; i < 60; ++i) {
            Finding f;
            f.file = QStringLiteral("src/f%1.cpp").arg(i % 30);
            f.line = 1;
            f.rule = QStringLiteral("lint");
            f.severity = i < 10 ? Severity::Error : Severity::Warning;
            f.message = QStringLiteral("problem number %1").arg(i % 30);
            in.findings.append(f);
        }
        ContextAssembler assembler(100000);
        assembler.setMaxFindings(5);
        const AssembledContext c = assembler.assemble(in);
        const ContextSection *s = c.section(QStringLiteral("findings"));
        QVERIFY(s->truncated);
        QCOMPARE(s->text.count(QStringLiteral("\n- ")), 5);
        QVERIFY(s->text.contains(QStringLiteral("… and 25 more findings (5 errors, 20 warnings)")));
        QCOMPARE(s->note, QStringLiteral("5 of 30 distinct findings shown; 30 duplicates removed"));
        QVERIFY(s->text.indexOf(QStringLiteral("error")) < s->text.indexOf(QStringLiteral("warning")));
    }

    void contractAlwaysIncluded()
    {
        const AssembledContext c = ContextAssembler(10).assemble(sampleInputs());
        QCOMPARE(included(c), QStringList {QStringLiteral("contract")});
        QVERIFY(c.overBudget());
        for (const ContextSection &s : c.sections) {
            if (s.name != QLatin1String("contract"))
                QVERIFY(!s.omittedReason.isEmpty());
        }
    }

    void emptyInputsSayWhy()
    {
        ContextInputs in;
        in.contract.goal = QStringLiteral("Goal only");
        const AssembledContext c = ContextAssembler(1000).assemble(in);
        QCOMPARE(included(c), QStringList {QStringLiteral("contract")});
        QCOMPARE(c.section(QStringLiteral("findings"))->omittedReason,
                 QStringLiteral("no findings from the last iteration"));
        QCOMPARE(c.section(QStringLiteral("files"))->omittedReason,
                 QStringLiteral("the plan names no files"));
        QCOMPARE(c.section(QStringLiteral("older_iterations"))->omittedReason,
                 QStringLiteral("no earlier iterations"));
        QVERIFY(c.render().contains(QStringLiteral("Scope: not restricted")));
    }

    void fileRendererIsUsed()
    {
        ContextInputs in = sampleInputs();
        ContextAssembler assembler(100000);
        assembler.setFileRenderer([](const QString &path, const QString &content) {
            QString out;
            const QStringList ls = content.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            for (qsizetype i = 0; i < ls.size(); ++i)
                out += QStringLiteral("%1:%2|%3\n")
                               .arg(i + 1)
                               .arg(qHash(ls.at(i)) % 4096, 3, 16, QLatin1Char('0'))
                               .arg(ls.at(i));
            Q_UNUSED(path);
            return out;
        });
        const AssembledContext c = assembler.assemble(in);
        const QString files = c.section(QStringLiteral("files"))->text;
        QVERIFY(files.contains(QRegularExpression(QStringLiteral("\n1:[0-9a-f]{3}\\|http line 1:"))));
    }

    // The pieces together on a real repository: the prompt carries the contract, the AGENTS.md chain of
    // the scope (root first, the override of the scope's directory last), a map that lists the scope's
    // files with their symbols and leaves ignored files out, and the plan's file.
    void realRepository()
    {
        QTemporaryDir dir;
        auto write = [&](const QString &rel, const QByteArray &content) {
            QDir().mkpath(QFileInfo(dir.filePath(rel)).absolutePath());
            QFile f(dir.filePath(rel));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        write(QStringLiteral("AGENTS.md"), "Run `ctest` before you finish.\n");
        write(QStringLiteral("src/net/AGENTS.override.md"), "Network code: no blocking calls.\n");
        write(QStringLiteral("src/net/client.h"), "#pragma once\nclass HttpClient\n{\n};\n");
        write(QStringLiteral("src/ui/view.h"), "#pragma once\nclass View\n{\n};\n");
        write(QStringLiteral(".gitignore"), "secrets.txt\n");
        write(QStringLiteral("secrets.txt"), "token");
        QProcess git;
        git.setWorkingDirectory(dir.path());
        git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q")});
        QVERIFY(git.waitForFinished(30000) && git.exitCode() == 0);

        ContextInputs in = sampleInputs();
        in.contract.scope = {QStringLiteral("src/net/**")};
        in.agentsMap = AgentsMap::discover(dir.path(), in.contract.scope).text;
        RepoMapOptions options;
        options.focus = in.contract.scope;
        in.repoMap = RepoMap::build(dir.path(), options).text;
        in.files = {{QStringLiteral("src/net/client.h"),
                     QStringLiteral("#pragma once\nclass HttpClient\n{\n};\n")}};
        const AssembledContext c = ContextAssembler(8000).assemble(in);
        const QString prompt = c.render();
        const qsizetype root =
                prompt.indexOf(QStringLiteral("### AGENTS.md\nRun `ctest` before you finish."));
        const qsizetype net = prompt.indexOf(QStringLiteral("### src/net/AGENTS.override.md\nNetwork code"));
        QVERIFY(root > 0 && net > root);
        QVERIFY(prompt.contains(QStringLiteral("client.h: class HttpClient")));
        QVERIFY(!prompt.contains(QStringLiteral("secrets.txt")));
        QVERIFY(prompt.contains(QStringLiteral("### src/net/client.h\n```\n#pragma once")));
        QVERIFY(!c.overBudget());
    }

    void rulesCutListsTheRest()
    {
        ContextInputs in = sampleInputs();
        in.rules.clear();
        for (int i = 0; i < 40; ++i)
            in.rules.append({QStringLiteral("rule-%1").arg(i),
                             QStringLiteral("a rule message that says what to do, number %1").arg(i)});
        const AssembledContext full = ContextAssembler(1000000).assemble(in);
        const QStringList p = ContextAssembler::priorityOrder();
        const qint64 budget = cost(full, p.mid(0, 5)) + full.section(QStringLiteral("rules"))->tokens / 2;
        const AssembledContext c = ContextAssembler(budget).assemble(in);
        const ContextSection *s = c.section(QStringLiteral("rules"));
        QVERIFY(s->included() && s->truncated);
        QVERIFY(s->text.contains(QStringLiteral("- [rule-0] ")));
        QVERIFY(s->text.contains(QStringLiteral("more rules not shown: rule-")));
        QVERIFY(s->items.last().omitted);
        QVERIFY(c.totalTokens <= budget);
    }
};

QTEST_GUILESS_MAIN(TestContextAssembler)
#include "tst_contextassembler.moc"
