// DependencyGraph and DependencyResolver: imports of C++, Python, JavaScript/TypeScript and Go resolved
// to the tree's files, and projected on layers with counts and the forbidden directions.
#include "rules/dependencygraph.h"
#include "rules/dependencyresolver.h"

#include "common/treewriter.h"

#include <QTest>

using namespace harness;

namespace {

QStringList edges(const DependencyGraph &graph)
{
    QStringList out;
    for (const Dependency &d : graph.dependencies())
        out << QStringLiteral("%1 -> %2 (%3:%4)")
                        .arg(d.from, d.to.isEmpty() ? QStringLiteral("<external>") : d.to, d.spec)
                        .arg(d.line);
    out.sort();
    return out;
}

} // namespace

class tst_DependencyGraph : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resolvesEveryLanguage()
    {
        TreeWriter t;
        QVERIFY(t.write(QStringLiteral("app/core/task.h"), "#pragma once\n#include <QString>\n"));
        QVERIFY(t.write(QStringLiteral("app/core/task.cpp"), "#include \"task.h\"\n"));
        QVERIFY(t.write(QStringLiteral("app/ui/view.cpp"),
                        "#include \"core/task.h\"\n#include \"../core/task.h\"\n#include <vector>\n"));
        QVERIFY(t.write(QStringLiteral("py/pkg/__init__.py"), ""));
        QVERIFY(t.write(QStringLiteral("py/pkg/models.py"), "import os\n"));
        QVERIFY(t.write(QStringLiteral("py/pkg/api.py"),
                        "from . import models\nfrom .models import Thing\nimport pkg.models\n"));
        QVERIFY(t.write(QStringLiteral("web/src/util.ts"), "export const x = 1;\n"));
        QVERIFY(t.write(QStringLiteral("web/src/lib/index.js"), "module.exports = {};\n"));
        QVERIFY(t.write(QStringLiteral("web/src/main.ts"),
                        "import { x } from './util';\nimport lib from './lib';\nimport y from "
                        "'./util.js';\nimport r from 'react';\n"));
        QVERIFY(t.write(QStringLiteral("go.mod"), "module example.com/m\n\ngo 1.21\n"));
        QVERIFY(t.write(QStringLiteral("internal/store/store.go"), "package store\n"));
        QVERIFY(t.write(QStringLiteral("cmd/tool/main.go"),
                        "package main\n\nimport (\n\t\"fmt\"\n\t\"example.com/m/internal/store\"\n)\n"));

        auto graph = DependencyGraph::build(t.root());
        QVERIFY2(graph.ok(), qPrintable(graph.errorText()));
        QCOMPARE(edges(*graph),
                 (QStringList {
                         QStringLiteral("app/core/task.cpp -> app/core/task.h (task.h:1)"),
                         QStringLiteral("app/core/task.h -> <external> (QString:2)"),
                         QStringLiteral("app/ui/view.cpp -> <external> (vector:3)"),
                         QStringLiteral("app/ui/view.cpp -> app/core/task.h (../core/task.h:2)"),
                         QStringLiteral("app/ui/view.cpp -> app/core/task.h (core/task.h:1)"),
                         QStringLiteral("cmd/tool/main.go -> <external> (fmt:4)"),
                         QStringLiteral("cmd/tool/main.go -> internal/store/store.go "
                                        "(example.com/m/internal/store:5)"),
                         QStringLiteral("py/pkg/api.py -> py/pkg/__init__.py (.:1)"),
                         QStringLiteral("py/pkg/api.py -> py/pkg/models.py (.models:2)"),
                         QStringLiteral("py/pkg/api.py -> py/pkg/models.py (pkg.models:3)"),
                         QStringLiteral("py/pkg/models.py -> <external> (os:1)"),
                         QStringLiteral("web/src/main.ts -> <external> (react:4)"),
                         QStringLiteral("web/src/main.ts -> web/src/lib/index.js (./lib:2)"),
                         QStringLiteral("web/src/main.ts -> web/src/util.ts (./util.js:3)"),
                         QStringLiteral("web/src/main.ts -> web/src/util.ts (./util:1)"),
                 }));
        QCOMPARE(graph->internalDependencies().size(), 10);
        QCOMPARE(graph->dependenciesFrom(QStringLiteral("app/ui/view.cpp")).size(), 3);
    }

    void compileCommandsDecideBetweenSameNamedHeaders()
    {
        TreeWriter t;
        QVERIFY(t.write(QStringLiteral("lib/a/config.h"), "\n"));
        QVERIFY(t.write(QStringLiteral("lib/b/config.h"), "\n"));
        QVERIFY(t.write(QStringLiteral("src/main.cpp"), "#include <config.h>\n"));
        DependencyResolver plain(t.root(),
                                 {QStringLiteral("lib/a/config.h"), QStringLiteral("lib/b/config.h"),
                                  QStringLiteral("src/main.cpp")});
        const Import inc {QStringLiteral("config.h"), 1, 11, true};
        QCOMPARE(plain.resolve(QStringLiteral("src/main.cpp"), SourceLanguage::Cpp, inc),
                 QString()); // <config.h>: no guessing

        const QByteArray db = QStringLiteral("[{\"directory\": \"%1/build\", \"file\": \"%1/src/main.cpp\", "
                                             "\"command\": \"/usr/bin/c++ -DX=1 -I../lib/b -isystem "
                                             "/usr/include -o main.o -c %1/src/main.cpp\"}]")
                                      .arg(t.root())
                                      .toUtf8();
        QVERIFY(t.write(QStringLiteral("build/compile_commands.json"), db));
        QDir().mkpath(t.path(QStringLiteral("build")));
        DependencyResolver withDb(t.root(),
                                  {QStringLiteral("lib/a/config.h"), QStringLiteral("lib/b/config.h"),
                                   QStringLiteral("src/main.cpp")});
        QCOMPARE(withDb.loadDefaultCompileCommands(), t.path(QStringLiteral("build/compile_commands.json")));
        QCOMPARE(withDb.includeDirectories(), QStringList {QStringLiteral("lib/b")});
        QCOMPARE(withDb.resolve(QStringLiteral("src/main.cpp"), SourceLanguage::Cpp, inc),
                 QStringLiteral("lib/b/config.h"));
    }

    void ambiguousSuffixPrefersTheNearestFile()
    {
        DependencyResolver r(QStringLiteral("/nonexistent"),
                             {QStringLiteral("a/util/log.h"), QStringLiteral("b/util/log.h"),
                              QStringLiteral("b/main.cpp")});
        QCOMPARE(r.resolve(QStringLiteral("b/main.cpp"), SourceLanguage::Cpp,
                           Import {QStringLiteral("util/log.h"), 1, 1, false}),
                 QStringLiteral("b/util/log.h"));
        QCOMPARE(r.resolve(QStringLiteral("b/main.cpp"), SourceLanguage::Cpp,
                           Import {QStringLiteral("../../x.h"), 1, 1, false}),
                 QString());
    }

    void layerEdgesCountAndFlagForbiddenDirections()
    {
        RuleSet rules;
        rules.layers = {Layer {QStringLiteral("layer-core"),
                               QStringLiteral("core"),
                               {QStringLiteral("app/core/**")},
                               {}},
                        Layer {QStringLiteral("layer-ui"),
                               QStringLiteral("ui"),
                               {QStringLiteral("app/ui/**")},
                               {QStringLiteral("core")}}};
        const DependencyGraph graph(
                {Dependency {QStringLiteral("app/ui/a.cpp"), QStringLiteral("app/core/t.h"),
                             QStringLiteral("core/t.h"), 1, 1},
                 Dependency {QStringLiteral("app/ui/b.cpp"), QStringLiteral("app/core/t.h"),
                             QStringLiteral("core/t.h"), 2, 1},
                 Dependency {QStringLiteral("app/core/t.cpp"), QStringLiteral("app/ui/a.h"),
                             QStringLiteral("ui/a.h"), 3, 1},
                 Dependency {QStringLiteral("app/core/t.cpp"), QStringLiteral("app/core/t.h"),
                             QStringLiteral("t.h"), 1, 1},
                 Dependency {QStringLiteral("tools/x.cpp"), QStringLiteral("app/ui/a.h"),
                             QStringLiteral("a.h"), 1, 1},
                 Dependency {QStringLiteral("app/core/t.cpp"), QString(), QStringLiteral("vector"), 2, 1}});
        const QList<LayerEdge> e = graph.layerEdges(rules);
        QCOMPARE(e.size(), 2);
        QCOMPARE(e.at(0).from, QStringLiteral("core"));
        QCOMPARE(e.at(0).to, QStringLiteral("ui"));
        QCOMPARE(e.at(0).count, 1);
        QVERIFY(!e.at(0).allowed);
        QCOMPARE(e.at(1).from, QStringLiteral("ui"));
        QCOMPARE(e.at(1).count, 2);
        QVERIFY(e.at(1).allowed);
        QCOMPARE(e.at(1).samples.size(), 2);
        const QList<Dependency> bad = graph.violations(rules);
        QCOMPARE(bad.size(), 1);
        QCOMPARE(bad.first().from, QStringLiteral("app/core/t.cpp"));
        QCOMPARE(bad.first().line, 3);
    }
};

QTEST_GUILESS_MAIN(tst_DependencyGraph)
#include "tst_dependencygraph.moc"
