// The rules engine's readers never follow a link out of the tree: a hostile agent's links to a canary
// file outside (a fake secret, an import, a line count, a symbol) and to a canary directory add nothing
// of the canary to the findings, the dependencies, the diff or a proposed rule — one test per reader.
#include "rules/dependencygraph.h"
#include "rules/ruleengine.h"
#include "rules/rulefactory.h"
#include "rules/sourcetree.h"

#include "common/canary.h"
#include "common/treewriter.h"

#include <QJsonDocument>
#include <QTest>

using namespace harness;
using harness::test::Canary;

namespace {

QByteArray rulesJson()
{
    return R"({
  "limits": [{"id": "max-100", "paths": ["**"], "max_lines": 100, "message": "Split the file."}],
  "forbidden": [
    {"id": "no-canary-call", "paths": ["**"], "pattern": "canaryLeakedFunction", "message": "no."},
    {"id": "no-exfil-import", "paths": ["**"], "imports": ["canary_exfil_module"], "message": "no."}
  ]
})";
}

QByteArray dump(const CheckReport &report)
{
    QByteArray out;
    for (const Finding &f : report.findings)
        out += f.file.toUtf8() + ':' + QByteArray::number(f.line) + ' ' + f.rule.toUtf8() + ' ' +
                f.message.toUtf8() + '\n';
    for (const Dependency &d : report.graph.dependencies())
        out += d.from.toUtf8() + " -> " + d.spec.toUtf8() + " (" + d.to.toUtf8() + ")\n";
    return out;
}

} // namespace

class tst_RulesNoFollow : public QObject
{
    Q_OBJECT

    Canary m_canary;

    // A tree with a normal file that breaks every rule, and the canary's links beside it.
    void plant(const TreeWriter &t)
    {
        QByteArray normal = "import requests_normal\n";
        for (int i = 0; i < 150; ++i)
            normal += "x = " + QByteArray::number(i) + "\n";
        normal += "key_id = \"AKI"
                  "AJ7Q2MXW5RTK3PNV6\"\n"; // split: the project's own scan checks this file
        QVERIFY(t.write(QStringLiteral("src/units/core/normal.py"), normal));
        QVERIFY(m_canary.linkFile(t.root(), QStringLiteral("src/units/core/leak.py")));
        QVERIFY(m_canary.linkFile(t.root(), QStringLiteral("src/units/core/leak.cpp"),
                                  QStringLiteral("canary.cpp")));
        QVERIFY(m_canary.linkDir(t.root(), QStringLiteral("src/linked")));
        QVERIFY(Canary::makeFifo(t.root(), QStringLiteral("src/units/core/pipe.py")));
    }

    void assertClean(const CheckReport &report)
    {
        const QByteArray text = dump(report);
        QVERIFY2(!Canary::leaked(text), Canary::which(text).constData());
        // The normal file beside the links is still read: its limit and its secret are found.
        QVERIFY2(text.contains("src/units/core/normal.py:101 max-100"), text.constData());
        QVERIFY2(text.contains("normal.py has 152 lines"), text.constData());
        QVERIFY2(text.contains("requests_normal"), text.constData());
        bool secret = false;
        for (const Finding &f : report.findings)
            secret = secret || (f.file == QLatin1String("src/units/core/normal.py") && f.line == 152);
        QVERIFY2(secret, text.constData());
        for (const Finding &f : report.findings)
            QVERIFY2(!f.file.contains(QLatin1String("leak")) && !f.file.contains(QLatin1String("linked")),
                     qPrintable(f.file));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_canary.isValid()); }

    // RuleEngine::run over a plain directory: SourceTree's walk and the engine's reads.
    void engineOutsideGit()
    {
        TreeWriter t;
        plant(t);
        auto rules = RuleSet::fromJsonText(rulesJson());
        QVERIFY2(rules, qPrintable(rules.errorText()));
        auto report = RuleEngine::run(t.root(), *rules);
        QVERIFY2(report, qPrintable(report.errorText()));
        assertClean(*report);
        auto files = SourceTree::listFiles(t.root());
        QVERIFY(files);
        QVERIFY(files->contains(QStringLiteral("src/units/core/normal.py")));
        QVERIFY(!files->contains(QStringLiteral("src/units/core/leak.py")));
        QVERIFY(!files->contains(QStringLiteral("src/linked/canary.py")));
        QVERIFY(!files->contains(QStringLiteral("src/units/core/pipe.py")));
    }

    // Inside git, ls-files lists the link itself (git tracks links): the engine must not open it.
    void engineInGitWithTrackedLinks()
    {
        TreeWriter t;
        QVERIFY(t.initGit());
        plant(t);
        QVERIFY(t.commitAll(QStringLiteral("links")));
        auto rules = RuleSet::fromJsonText(rulesJson());
        QVERIFY(rules);
        auto report = RuleEngine::run(t.root(), *rules);
        QVERIFY2(report, qPrintable(report.errorText()));
        assertClean(*report);
        // Only the changed files: the link is among them, and still not read.
        auto changed = RuleEngine::run(t.root(), *rules,
                                       QStringList {QStringLiteral("src/units/core/leak.py"),
                                                    QStringLiteral("src/units/core/normal.py")});
        QVERIFY(changed);
        assertClean(*changed);
    }

    // SourceTree::diffSince: an untracked link appears by its target text (as git shows one), never by
    // the content it points to.
    void diffOfUntrackedLinks()
    {
        TreeWriter t;
        QVERIFY(t.initGit());
        QVERIFY(t.write(QStringLiteral("README"), "base\n"));
        QVERIFY(t.commitAll(QStringLiteral("base")));
        plant(t);
        auto diff = SourceTree::diffSince(t.root(), QStringLiteral("HEAD"));
        QVERIFY2(diff, qPrintable(diff.errorText()));
        QByteArray text;
        bool normalSeen = false;
        for (const DiffFile &f : diff->files) {
            text += f.newPath.toUtf8() + '\n';
            for (const DiffLine &l : diff->linesOf(f))
                text += diff->lineBytes(l).toByteArray() + '\n';
            normalSeen = normalSeen || f.newPath == QLatin1String("src/units/core/normal.py");
        }
        QVERIFY(normalSeen);
        QVERIFY2(!Canary::leaked(text), Canary::which(text).constData());
        QVERIFY2(text.contains(m_canary.file().toUtf8()), text.constData()); // the link's target text
    }

    // DependencyGraph::build (the rule editor's live graph).
    void dependencyGraph()
    {
        TreeWriter t;
        plant(t);
        auto graph = DependencyGraph::build(t.root());
        QVERIFY2(graph, qPrintable(graph.errorText()));
        QByteArray text;
        for (const Dependency &d : graph->dependencies())
            text += d.from.toUtf8() + " -> " + d.spec.toUtf8() + '\n';
        QVERIFY2(!Canary::leaked(text), Canary::which(text).constData());
        QVERIFY2(text.contains("requests_normal"), text.constData());
    }

    // RuleFactory reads the file a finding names to make a rule from its line.
    void ruleFromFinding()
    {
        TreeWriter t;
        plant(t);
        Finding f;
        f.file = QStringLiteral("src/units/core/leak.py");
        f.line = 4;
        f.rule = QStringLiteral("x");
        auto proposal =
                RuleFactory::fromFinding(RuleSet(), t.root(), f, NewRuleKind::ForbiddenPattern, RuleOrigin());
        if (proposal) {
            const QByteArray text = proposal->rules.toJsonText() + proposal->summary.toUtf8();
            QVERIFY2(!Canary::leaked(text), Canary::which(text).constData());
        } else {
            QVERIFY2(!Canary::leaked(proposal.errorText()), qPrintable(proposal.errorText()));
            QVERIFY2(proposal.errorText().contains(QStringLiteral("symbolic link")),
                     qPrintable(proposal.errorText()));
        }
        f.file = QStringLiteral("src/units/core/normal.py");
        f.line = 2;
        auto normal =
                RuleFactory::fromFinding(RuleSet(), t.root(), f, NewRuleKind::ForbiddenPattern, RuleOrigin());
        QVERIFY2(normal, qPrintable(normal.errorText()));
        QVERIFY(normal->rules.toJsonText().contains("x = 0"));
    }

    // A compile_commands.json that is a link is not loaded.
    void compileCommandsLink()
    {
        TreeWriter t;
        plant(t);
        QVERIFY(m_canary.linkFile(t.root(), QStringLiteral("compile_commands.json"),
                                  QStringLiteral("compile_commands.json")));
        auto rules = RuleSet::fromJsonText(rulesJson());
        QVERIFY(rules);
        auto report = RuleEngine::run(t.root(), *rules);
        QVERIFY(report);
        QVERIFY2(report->compileCommands.isEmpty(), qPrintable(report->compileCommands));
        assertClean(*report);
    }
};

QTEST_GUILESS_MAIN(tst_RulesNoFollow)
#include "tst_rulesnofollow.moc"
