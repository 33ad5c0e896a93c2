// RuleFactory: "make this a rule" — a finding or a diff hunk becomes a forbidden pattern, a limit or a
// forbidden layer edge, with its origin recorded, and the new rule really catches the mistake.
#include "core/diff/diffparser.h"
#include "rules/ruleengine.h"
#include "rules/rulefactory.h"

#include "common/treewriter.h"

#include <QTest>

using namespace harness;

namespace {

void writeTree(const TreeWriter &t)
{
    t.write(QStringLiteral("src/core/model.h"), "#pragma once\nstruct Model {};\n");
    t.write(QStringLiteral("src/net/client.h"), "#pragma once\nstruct Client {};\n");
    t.write(QStringLiteral("src/core/model.cpp"),
            "#include \"model.h\"\n#include \"net/client.h\"\nvoid save() { system(\"rm -rf /tmp/x\"); }\n");
}

Finding findingAt(const QString &file, int line, const QString &rule = QStringLiteral("review"))
{
    Finding f;
    f.file = file;
    f.line = line;
    f.rule = rule;
    f.severity = Severity::Warning;
    f.message = QStringLiteral("The agent shelled out instead of using QProcess.");
    f.source = QStringLiteral("review");
    return f;
}

} // namespace

class tst_RuleFactory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findingBecomesForbiddenPatternThatCatchesIt()
    {
        TreeWriter t;
        writeTree(t);
        const Finding f = findingAt(QStringLiteral("src/core/model.cpp"), 3);
        const RuleOrigin origin =
                RuleFactory::originFor(QStringLiteral("run-42"), f, QStringLiteral("agent called system()"));
        auto p = RuleFactory::fromFinding(RuleSet(), t.root(), f, NewRuleKind::ForbiddenPattern, origin);
        QVERIFY2(p.ok(), qPrintable(p.errorText()));
        QCOMPARE(p->kind, NewRuleKind::ForbiddenPattern);
        QCOMPARE(p->rules.forbidden.size(), 1);
        const ForbiddenRule &r = p->rules.forbidden.first();
        QCOMPARE(r.id, p->ruleId);
        QVERIFY(r.id.startsWith(QStringLiteral("forbid-void-save")));
        QCOMPARE(r.paths, QStringList {QStringLiteral("src/core/**")});
        QCOMPARE(r.severity, Severity::Warning);
        QCOMPARE(r.origin.run, QStringLiteral("run-42"));
        QCOMPARE(r.origin.finding.value(QStringLiteral("line")).toInt(), 3);
        QCOMPARE(r.origin.incident, QStringLiteral("agent called system()"));
        QVERIFY(!r.origin.created.isEmpty());
        QVERIFY(p->rules.toJsonText().contains("\"run\": \"run-42\""));

        auto findings = RuleEngine::check(t.root(), p->rules);
        QVERIFY(findings.ok());
        QCOMPARE(findings->size(), 1);
        QCOMPARE(findings->first().rule, r.id);
        QCOMPARE(findings->first().line, 3);

        // making the same rule again gets a fresh id
        auto again = RuleFactory::fromFinding(p->rules, t.root(), f, NewRuleKind::ForbiddenPattern, origin);
        QVERIFY(again.ok());
        QCOMPARE(again->ruleId, r.id + QStringLiteral("-2"));
    }

    void findingBecomesLimitAtTheFileLength()
    {
        TreeWriter t;
        writeTree(t);
        auto p = RuleFactory::fromFinding(RuleSet(), t.root(),
                                          findingAt(QStringLiteral("src/core/model.cpp"), 1),
                                          NewRuleKind::Limit, {});
        QVERIFY2(p.ok(), qPrintable(p.errorText()));
        QCOMPARE(p->rules.limits.first().maxLines, 3);
        QCOMPARE(p->rules.limits.first().paths, QStringList {QStringLiteral("src/core/model.cpp")});
        QVERIFY(RuleEngine::check(t.root(), p->rules)->isEmpty());
        t.write(QStringLiteral("src/core/model.cpp"), "a\nb\nc\nd\n");
        QCOMPARE(RuleEngine::check(t.root(), p->rules)->size(), 1);
    }

    void findingBecomesForbiddenLayerEdge()
    {
        TreeWriter t;
        writeTree(t);
        const Finding f = findingAt(QStringLiteral("src/core/model.cpp"), 2);
        auto p = RuleFactory::fromFinding(RuleSet(), t.root(), f, NewRuleKind::LayerEdge,
                                          RuleFactory::originFor(QStringLiteral("r1"), f, {}));
        QVERIFY2(p.ok(), qPrintable(p.errorText()));
        QCOMPARE(p->rules.layers.size(), 2);
        QCOMPARE(p->rules.layers.at(0).name, QStringLiteral("core"));
        QCOMPARE(p->rules.layers.at(0).allow, QStringList());
        QCOMPARE(p->rules.layers.at(1).name, QStringLiteral("net"));
        QCOMPARE(p->rules.layers.at(1).allow,
                 QStringList {QStringLiteral("core")}); // other directions stay open
        QCOMPARE(p->ruleId, QStringLiteral("layer-core"));
        auto findings = RuleEngine::check(t.root(), p->rules);
        QCOMPARE(findings->size(), 1);
        QCOMPARE(findings->first().line, 2);

        // an existing allowed edge is removed
        RuleSet base;
        base.layers = {Layer {QStringLiteral("layer-core"),
                              QStringLiteral("core"),
                              {QStringLiteral("src/core/**")},
                              {QStringLiteral("net")}},
                       Layer {QStringLiteral("layer-net"),
                              QStringLiteral("net"),
                              {QStringLiteral("src/net/**")},
                              {}}};
        auto edge = RuleFactory::fromFinding(base, t.root(), f, NewRuleKind::LayerEdge, {});
        QVERIFY(edge.ok());
        QCOMPARE(edge->rules.layers.at(0).allow, QStringList());
        auto twice = RuleFactory::fromFinding(edge->rules, t.root(), f, NewRuleKind::LayerEdge, {});
        QVERIFY(!twice.ok());
        QVERIFY(twice.errorText().contains(QStringLiteral("already may not depend")));
    }

    void hunkBecomesRule()
    {
        TreeWriter t;
        writeTree(t);
        auto diff = DiffParser::parse("--- a/src/core/model.cpp\n+++ b/src/core/model.cpp\n@@ -1 +1,3 @@\n"
                                      " #include \"model.h\"\n"
                                      "+#include \"net/client.h\"\n"
                                      "+void save() { system(\"rm -rf /tmp/x\"); }\n");
        QVERIFY2(diff.ok(), qPrintable(diff.errorText()));
        const Diff &file = *diff;
        const DiffHunk &h = diff->hunks.front();
        auto pattern = RuleFactory::fromHunk(RuleSet(), t.root(), file, h, NewRuleKind::ForbiddenPattern, {});
        QVERIFY2(pattern.ok(), qPrintable(pattern.errorText()));
        QCOMPARE(pattern->rules.forbidden.first().pattern,
                 QStringLiteral("\\#include\\ \\\"net\\/client\\.h\\\""));
        auto edge = RuleFactory::fromHunk(RuleSet(), t.root(), file, h, NewRuleKind::LayerEdge, {});
        QVERIFY2(edge.ok(), qPrintable(edge.errorText()));
        QCOMPARE(edge->rules.layers.size(), 2);
        auto limit = RuleFactory::fromHunk(RuleSet(), t.root(), file, h, NewRuleKind::Limit, {});
        QVERIFY(limit.ok());
        QCOMPARE(limit->rules.limits.first().maxLines, 1); // its length before the hunk
    }

    void badInputSaysWhy_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("hint");
        QTest::newRow("no-file") << "" << 1 << int(NewRuleKind::ForbiddenPattern) << "names no file";
        QTest::newRow("missing-file")
                << "src/none.cpp" << 1 << int(NewRuleKind::ForbiddenPattern) << "cannot read";
        QTest::newRow("line-out-of-range") << "src/core/model.cpp" << 40 << int(NewRuleKind::ForbiddenPattern)
                                           << "line 40 is not in the file";
        QTest::newRow("edge-without-import")
                << "src/core/model.cpp" << 3 << int(NewRuleKind::LayerEdge) << "imports nothing";
        QTest::newRow("edge-same-layer")
                << "src/core/model.cpp" << 1 << int(NewRuleKind::LayerEdge) << "same layer";
    }
    void badInputSaysWhy()
    {
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(int, kind);
        QFETCH(QString, hint);
        TreeWriter t;
        writeTree(t);
        auto p = RuleFactory::fromFinding(RuleSet(), t.root(), findingAt(file, line), NewRuleKind(kind), {});
        QVERIFY(!p.ok());
        QVERIFY2(p.errorText().contains(hint), qPrintable(p.errorText()));
    }
};

QTEST_GUILESS_MAIN(tst_RuleFactory)
#include "tst_rulefactory.moc"
