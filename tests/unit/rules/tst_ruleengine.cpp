// RuleEngine: a git repository made in the test with violations of every rule kind planted — all are
// found at their file and line, nothing else is reported — plus the check limited to changed files.
#include "rules/ruleengine.h"
#include "rules/sourcetree.h"

#include "common/treewriter.h"

#include <QTest>

using namespace harness;

namespace {

QByteArray engineRules()
{
    QFile f(QStringLiteral(HARNESS_SOURCE_DIR "/tests/unit/rules/data/engine-rules.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data: %s", qPrintable(f.fileName()));
    return f.readAll();
}

QStringList summary(const QList<Finding> &findings)
{
    QStringList out;
    for (const Finding &f : findings)
        out << QStringLiteral("%1 %2:%3").arg(f.rule, f.file).arg(f.line);
    return out;
}

QByteArray lines(int n)
{
    QByteArray out;
    for (int i = 0; i < n; ++i)
        out += "int v" + QByteArray::number(i) + " = 0;\n";
    return out;
}

// A clean tree: every dependency points down, no file too long, nothing forbidden.
void writeCleanTree(const TreeWriter &t)
{
    t.write(QStringLiteral("rules.json"), engineRules());
    t.write(QStringLiteral("src/domain/order.h"), "#pragma once\n#include <string>\nstruct Order {};\n");
    t.write(QStringLiteral("src/app/service.cpp"), "#include \"domain/order.h\"\n#include \"service.h\"\n");
    t.write(QStringLiteral("src/app/service.h"), "#pragma once\n#include \"../domain/order.h\"\n");
    t.write(QStringLiteral("src/ui/view.cpp"),
            "#include \"app/service.h\"\n#include <QtWidgets/QWidget>\n// printf is mentioned, not called\n");
    t.write(QStringLiteral("src/generated/big.cpp"), lines(500));
    t.write(QStringLiteral("py/domain/__init__.py"), "");
    t.write(QStringLiteral("py/domain/model.py"), "import json\n");
    t.write(QStringLiteral("py/app/__init__.py"), "");
    t.write(QStringLiteral("py/app/use.py"), "from py.domain import model\n");
    t.write(QStringLiteral("web/domain/price.ts"), "export const p = 1;\n");
    t.write(QStringLiteral("web/app/cart.ts"), "import { p } from '../domain/price';\n");
    t.write(QStringLiteral("go.mod"), "module example.com/shop\n");
    t.write(QStringLiteral("go/domain/item.go"), "package domain\n");
    t.write(QStringLiteral("go/app/run.go"), "package app\n\nimport \"example.com/shop/go/domain\"\n");
    t.write(QStringLiteral("vendor/lib/x.cpp"), "#include \"src/ui/view.cpp\"\nprintf(\"vendored\");\n");
    t.write(QStringLiteral(".gitignore"), "/build/\n");
    t.write(QStringLiteral("build/gen.cpp"), "printf(\"ignored\");\n");
}

} // namespace

class tst_RuleEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanTreeHasNoFinding()
    {
        TreeWriter t;
        QVERIFY(t.initGit());
        writeCleanTree(t);
        auto rules = RuleSet::fromJsonText(engineRules());
        QVERIFY2(rules.ok(), qPrintable(rules.errorText()));
        auto report = RuleEngine::run(t.root(), *rules);
        QVERIFY2(report.ok(), qPrintable(report.errorText()));
        QCOMPARE(summary(report->findings), QStringList());
        QVERIFY(report->filesChecked >= 15);
        // ignored build output and excluded vendor code are not part of the tree
        QVERIFY(!SourceTree::listFiles(t.root(), rules->exclude)->contains(QStringLiteral("build/gen.cpp")));
        QVERIFY(!SourceTree::listFiles(t.root(), rules->exclude)
                         ->contains(QStringLiteral("vendor/lib/x.cpp")));
    }

    void plantedViolationsAreAllFoundAndNothingElse()
    {
        TreeWriter t;
        QVERIFY(t.initGit());
        writeCleanTree(t);
        QVERIFY(t.commitAll(QStringLiteral("clean")));
        // planted: one of each kind, in each language
        t.write(QStringLiteral("src/domain/order.h"),
                "#pragma once\n#include <string>\n#include \"app/service.h\"\nstruct Order {};\n");
        t.write(QStringLiteral("src/app/widgets.cpp"),
                "#include \"service.h\"\n\n#include <QtWidgets/QDialog>\nvoid f() {\n  printf(\"x\");\n}\n");
        t.write(QStringLiteral("src/app/long.cpp"), lines(201));
        t.write(QStringLiteral("src/app/ui_call.cpp"), "#include \"ui/view.cpp\"\n");
        t.write(QStringLiteral("py/domain/model.py"),
                "import json\nimport requests\nfrom py.app import use\n");
        t.write(QStringLiteral("web/domain/price.ts"),
                "import { c } from '../app/cart';\nexport const p = 1;\n");
        t.write(QStringLiteral("go/domain/item.go"),
                "package domain\n\nimport (\n\t\"fmt\"\n\t\"example.com/shop/go/app\"\n)\n");
        t.write(QStringLiteral("config/prod.env"),
                "REGION=eu\nAWS_KEY_ID=AKIA"
                "Q3EGRXZ7LMNP4TUV\n");

        auto rules = RuleSet::fromJsonText(engineRules());
        QVERIFY(rules.ok());
        auto report = RuleEngine::run(t.root(), *rules);
        QVERIFY2(report.ok(), qPrintable(report.errorText()));
        QCOMPARE(summary(report->findings),
                 (QStringList {
                         QStringLiteral("aws-access-key-id config/prod.env:2"),
                         QStringLiteral("layer-domain go/domain/item.go:5"),
                         QStringLiteral("no-requests py/domain/model.py:2"),
                         QStringLiteral("layer-domain py/domain/model.py:3"),
                         QStringLiteral("max-200 src/app/long.cpp:201"),
                         QStringLiteral("layer-app src/app/ui_call.cpp:1"),
                         QStringLiteral("no-widgets src/app/widgets.cpp:3"),
                         QStringLiteral("no-printf src/app/widgets.cpp:5"),
                         QStringLiteral("layer-domain src/domain/order.h:3"),
                         QStringLiteral("layer-domain web/domain/price.ts:1"),
                 }));
        const Finding &layer = report->findings.at(8);
        QCOMPARE(layer.column, 11);
        QCOMPARE(layer.severity, Severity::Error);
        QCOMPARE(layer.source, QStringLiteral("rules"));
        QVERIFY2(layer.message.contains(QStringLiteral("src/domain/order.h (layer \"domain\") depends on "
                                                       "src/app/service.h (layer \"app\")")),
                 qPrintable(layer.message));
        QVERIFY(report->findings.at(5).message.contains(QStringLiteral("may depend only on: domain")));
        QVERIFY(report->findings.at(7).message.contains(QStringLiteral("Use the logger.")));
        QVERIFY(report->findings.at(4).message.contains(QStringLiteral("has 201 lines; the limit is 200")));

        // the same problems, seen as layer edges for the rule editor
        int forbiddenEdges = 0;
        for (const LayerEdge &e : report->graph.layerEdges(*rules))
            forbiddenEdges += e.allowed ? 0 : e.count;
        QCOMPARE(forbiddenEdges, 5);
    }

    void changedSinceChecksOnlyTouchedFiles()
    {
        TreeWriter t;
        QVERIFY(t.initGit());
        writeCleanTree(t);
        t.write(QStringLiteral("src/app/old.cpp"), "void g() { printf(\"old debt\"); }\n");
        QVERIFY(t.commitAll(QStringLiteral("base with old debt")));
        const QString base =
                QString::fromUtf8(t.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")}).trimmed());
        t.write(QStringLiteral("src/app/new.cpp"), "void h() { printf(\"new\"); }\n"); // untracked
        t.write(QStringLiteral("src/domain/order.h"), "#pragma once\n#include \"ui/view.cpp\"\n"); // modified
        QVERIFY(t.commitAll(QStringLiteral("change")));
        t.write(QStringLiteral("src/app/wip.cpp"), "int x = printf(\"wip\");\n"); // uncommitted, untracked

        auto changed = SourceTree::changedFiles(t.root(), base);
        QVERIFY2(changed.ok(), qPrintable(changed.errorText()));
        QCOMPARE(*changed,
                 (QStringList {QStringLiteral("src/app/new.cpp"), QStringLiteral("src/app/wip.cpp"),
                               QStringLiteral("src/domain/order.h")}));
        auto rules = RuleSet::fromJsonText(engineRules());
        auto findings = RuleEngine::check(t.root(), *rules, *changed);
        QVERIFY(findings.ok());
        QCOMPARE(summary(*findings),
                 (QStringList {QStringLiteral("no-printf src/app/new.cpp:1"),
                               QStringLiteral("no-printf src/app/wip.cpp:1"),
                               QStringLiteral("layer-domain src/domain/order.h:2")}));
        auto full = RuleEngine::check(t.root(), *rules);
        QCOMPARE(full->size(), 4); // the old debt appears only in a full check

        auto bad = SourceTree::changedFiles(t.root(), QStringLiteral("no-such-rev"));
        QVERIFY(!bad.ok());
        QVERIFY(bad.errorText().contains(QStringLiteral("no-such-rev")));
    }

    // The engine skips the expression when a text every match needs is absent: that shortcut must
    // never hide a real match, whatever the pattern's shape.
    void forbiddenPatternsOfEveryShapeMatch_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("line");
        QTest::newRow("word-boundary") << "\\bprintf\\s*\\(" << QByteArray("a\nx = printf (1);\n") << 2;
        QTest::newRow("hex-escape") << "\\x41BCD" << QByteArray("ABCD\n") << 1;
        QTest::newRow("counted-digits") << "\\d{123}x" << QByteArray("q\n") + QByteArray(123, '7') + "x\n"
                                        << 2;
        QTest::newRow("optional-letter") << "colou?r_name" << QByteArray("color_name\n") << 1;
        QTest::newRow("inline-option") << "abc(?i)DEF" << QByteArray("abcdef\n") << 1;
        QTest::newRow("alternation") << "foo_one|bar_two" << QByteArray("bar_two\n") << 1;
        QTest::newRow("class") << "[a-c]xyz_[0-9]+" << QByteArray("bxyz_42\n") << 1;
        QTest::newRow("group-repeat") << "(ab)+cde" << QByteArray("ababcde\n") << 1;
        QTest::newRow("octal") << "\\101BCD" << QByteArray("ABCD\n") << 1;
        QTest::newRow("escaped-dot") << "std\\.cout" << QByteArray("x std.cout\n") << 1;
        QTest::newRow("group-alternation") << "(?:QStringLiteral|QLatin1String)\\(u?\"git\"\\)"
                                           << QByteArray("a\nx = QLatin1String(\"git\");\n") << 2;
        QTest::newRow("top-level-alternatives")
                << "#include\\s*<QProcess>|\\bQProcess\\s*[*&]?\\s*\\w+\\s*[;({=]|new\\s+QProcess\\b"
                << QByteArray("a\nb\n  auto *p = new QProcess;\n") << 3;
        QTest::newRow("alternative-without-literal") << "qwerty_x|\\d{3}" << QByteArray("a\n123\n") << 2;
        QTest::newRow("escaped-bar") << "a\\|bcd" << QByteArray("x a|bcd\n") << 1;
        QTest::newRow("bar-in-class") << "[|x]yzw_q" << QByteArray("|yzw_q\n") << 1;
        QTest::newRow("optional-group") << "(?:ab)?cdef_x" << QByteArray("cdef_x\n") << 1;
        QTest::newRow("lookahead") << "abc(?=def)" << QByteArray("abcdef\n") << 1;
    }
    void forbiddenPatternsOfEveryShapeMatch()
    {
        QFETCH(QString, pattern);
        QFETCH(QByteArray, content);
        QFETCH(int, line);
        TreeWriter t;
        t.write(QStringLiteral("src/a.txt"), content);
        RuleSet rules;
        ForbiddenRule r;
        r.id = QStringLiteral("shape");
        r.paths = {QStringLiteral("src/**")};
        r.pattern = pattern;
        r.message = QStringLiteral("m");
        rules.forbidden = {r};
        QVERIFY2(rules.validate().ok(), qPrintable(rules.validate().errorText()));
        auto findings = RuleEngine::check(t.root(), rules);
        QVERIFY(findings.ok());
        QCOMPARE(findings->size(), 1);
        QCOMPARE(findings->first().line, line);
    }

    // A file is read once; the read stops after the first 8 KiB when they hold a NUL byte (binary: not
    // checked). What lies further in a text file is checked, in a git tree and outside one alike, and a
    // NUL byte just past the first 8 KiB does not make a file binary.
    void largeFilesAreCheckedWholeAndBinariesNot_data()
    {
        QTest::addColumn<bool>("git");
        QTest::newRow("walked") << false;
        QTest::newRow("git") << true;
    }
    void largeFilesAreCheckedWholeAndBinariesNot()
    {
        QFETCH(bool, git);
        TreeWriter t;
        if (git)
            QVERIFY(t.initGit());
        QByteArray big = lines(8000); // ~120 KB
        big += "printf(\"at the end\");\n";
        t.write(QStringLiteral("src/big.cpp"), big);
        QByteArray blob("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
        blob += lines(8000) + "printf(\"in a binary\");\n";
        t.write(QStringLiteral("src/blob.png"), blob);
        QByteArray lateNul = lines(700) + QByteArray(1, '\0') + "\nprintf(\"after a late NUL\");\n";
        t.write(QStringLiteral("src/late.cpp"), lateNul);
        // the last byte looked at (binary) and the first one not looked at (text)
        QByteArray edge(8191, 'x');
        t.write(QStringLiteral("src/edge-in.cpp"), edge + QByteArray(1, '\0') + "\nprintf(\"no\");\n");
        t.write(QStringLiteral("src/edge-out.cpp"),
                edge + "\n" + QByteArray(1, '\0') + "\nprintf(\"yes\");\n");
        RuleSet rules;
        ForbiddenRule r;
        r.id = QStringLiteral("no-printf");
        r.paths = {QStringLiteral("src/**")};
        r.pattern = QStringLiteral("\\bprintf\\s*\\(");
        r.message = QStringLiteral("m");
        rules.forbidden = {r};
        LimitRule l;
        l.id = QStringLiteral("limit");
        l.paths = {QStringLiteral("src/**")};
        l.maxLines = 5000;
        l.message = QStringLiteral("m");
        rules.limits = {l};
        auto findings = RuleEngine::check(t.root(), rules);
        QVERIFY(findings.ok());
        QCOMPARE(summary(*findings),
                 (QStringList {QStringLiteral("limit src/big.cpp:5001"),
                               QStringLiteral("no-printf src/big.cpp:8001"),
                               QStringLiteral("no-printf src/edge-out.cpp:3"),
                               QStringLiteral("no-printf src/late.cpp:702")}));
    }

    // A whole check takes the tree from its reads of the paths git lists (no stat of each file before):
    // the tree is exactly the regular files the listing confirms (a tracked file deleted, a tracked link,
    // a link to a directory are not in it), and nothing resolves to a link.
    void treeIsTheRegularFilesGitLists()
    {
        TreeWriter t;
        QVERIFY(t.initGit());
        writeCleanTree(t);
        t.write(QStringLiteral("src/app/uses-link.cpp"),
                "#include \"app/alias.h\"\n#include \"linked/order.h\"\n");
        QVERIFY(QFile::link(QStringLiteral("service.h"), t.path(QStringLiteral("src/app/alias.h"))));
        QVERIFY(QFile::link(QStringLiteral("domain"), t.path(QStringLiteral("src/linked"))));
        QVERIFY(t.commitAll(QStringLiteral("tree")));
        QVERIFY(t.remove(QStringLiteral("src/generated/big.cpp"))); // tracked, deleted
        auto rules = RuleSet::fromJsonText(engineRules());
        QVERIFY(rules.ok());
        const auto confirmed = SourceTree::listFiles(t.root(), rules->exclude);
        QVERIFY(confirmed.ok());
        QVERIFY(!confirmed->contains(QStringLiteral("src/app/alias.h")));
        QVERIFY(!confirmed->contains(QStringLiteral("src/generated/big.cpp")));
        auto report = RuleEngine::run(t.root(), *rules);
        QVERIFY2(report.ok(), qPrintable(report.errorText()));
        QCOMPARE(report->filesInTree, int(confirmed->size()));
        QCOMPARE(report->filesChecked, int(confirmed->size()));
        QCOMPARE(summary(report->findings), QStringList());
        QVERIFY(report->graph.dependencies().size() >= 10);
        for (const Dependency &d : report->graph.dependencies()) {
            QVERIFY2(confirmed->contains(d.from), qPrintable(d.from));
            QVERIFY2(d.to.isEmpty() || confirmed->contains(d.to), qPrintable(d.to));
        }
    }

    void worksOutsideGitAndRejectsAMissingRoot()
    {
        TreeWriter t;
        writeCleanTree(t);
        t.write(QStringLiteral("src/app/x.cpp"), "printf(\"x\");\n");
        auto rules = RuleSet::fromJsonText(engineRules());
        auto findings = RuleEngine::check(t.root(), *rules);
        QVERIFY(findings.ok());
        // without git, ignored files are walked too: build/gen.cpp is not under src/ so it is not reported
        QCOMPARE(summary(*findings), QStringList {QStringLiteral("no-printf src/app/x.cpp:1")});
        auto missing = RuleEngine::check(t.path(QStringLiteral("nope")), *rules);
        QVERIFY(!missing.ok());
        QVERIFY(missing.errorText().contains(QStringLiteral("not a directory")));
    }
};

QTEST_GUILESS_MAIN(tst_RuleEngine)
#include "tst_ruleengine.moc"
