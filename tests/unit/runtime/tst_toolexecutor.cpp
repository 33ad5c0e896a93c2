// Tests for ToolExecutor on a real worktree: schemas, LINE:HASH reads, .gitignore-aware listing, regex
// search, anchored edits (stale batch rejected with fresh anchors), strict patches, new files,
// sandboxed commands, the write gate, the hooks folder the run's sandbox protects, and a tool_call event
// per call.
#include "runtime/lineanchor.h"
#include "runtime/sandbox.h"
#include "runtime/toolexecutor.h"
#include "runtime/worktreemanager.h"
#include "runtimetesthelpers.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;
using namespace harness::testing;

class TestToolExecutor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        m_repo = m_dir->path() + QStringLiteral("/repo");
        makeRepo(m_repo);
        writeFile(m_repo + QStringLiteral("/build/generated.c"), "int generated;\n"); // ignored
        WorktreeManager m(m_repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        QVERIFY2(wt.ok(), qPrintable(wt.errorText()));
        m_tree = wt->path;
        writeFile(m_tree + QStringLiteral("/build/out.o"), "ignored\n");
        m_sink.clear();
        SandboxConfig c;
        c.worktreeRoot = m_tree;
        m_sandbox.reset(new Sandbox(c));
        m_tools.reset(new ToolExecutor(m_tree, PermissionProfile::defaultFor(m_tree), m_sandbox.get(),
                                       &m_sink, QStringLiteral("R1")));
        m_tools->setWriteAllowed(true);
    }

    void schemasDescribeEveryTool()
    {
        const QJsonArray schemas = m_tools->toolSchemas();
        QStringList names;
        for (const QJsonValue &v : schemas) {
            const QJsonObject o = v.toObject();
            names << o.value(QStringLiteral("name")).toString();
            QVERIFY(!o.value(QStringLiteral("description")).toString().isEmpty());
            QCOMPARE(
                    o.value(QStringLiteral("parameters")).toObject().value(QStringLiteral("type")).toString(),
                    QStringLiteral("object"));
        }
        QCOMPARE(names, ToolExecutor::toolNames());
        ToolExecutor readOnly(m_tree, PermissionProfile::readOnly(), nullptr, &m_sink, QStringLiteral("R1"));
        QCOMPARE(readOnly.toolSchemas().size(), 3);
    }
    void readFileShowsAnchors()
    {
        const ToolResult r =
                m_tools->execute(QStringLiteral("read_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("src/main.c")},
                                              {QStringLiteral("start_line"), 2},
                                              {QStringLiteral("end_line"), 3}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.value(QStringLiteral("total_lines")).toInt(), 6);
        QCOMPARE(r.content.value(QStringLiteral("text")).toString(),
                 LineAnchor::formatLine(2, u"int main(void)") + QLatin1Char('\n') +
                         LineAnchor::formatLine(3, u"{") + QLatin1Char('\n'));
        QVERIFY(r.content.value(QStringLiteral("truncated")).toBool());
        QCOMPARE(m_sink.count(QStringLiteral("tool_call")), 1);
        const Event e = m_sink.ofKind(QStringLiteral("tool_call")).first();
        QCOMPARE(e.payload.value(QStringLiteral("tool")).toString(), QStringLiteral("read_file"));
        QVERIFY(e.payload.value(QStringLiteral("ok")).toBool());
        QVERIFY(e.payload.contains(QStringLiteral("duration_ms")));
    }
    void readFileErrors_data()
    {
        QTest::addColumn<QJsonObject>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("missing path") << QJsonObject {} << "path";
        QTest::newRow("no such file")
                << QJsonObject {{QStringLiteral("path"), QStringLiteral("nope.c")}} << "does not exist";
        QTest::newRow("directory") << QJsonObject {{QStringLiteral("path"), QStringLiteral("src")}}
                                   << "directory";
        QTest::newRow("bad start") << QJsonObject {{QStringLiteral("path"), QStringLiteral("README.md")},
                                                   {QStringLiteral("start_line"), QStringLiteral("x")}}
                                   << "start_line";
    }
    void readFileErrors()
    {
        QFETCH(QJsonObject, args);
        QFETCH(QString, expected);
        const ToolResult r = m_tools->execute(QStringLiteral("read_file"), args);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(expected), qPrintable(r.error));
    }
    void binaryFileRefused()
    {
        writeFile(m_tree + QStringLiteral("/blob.bin"), QByteArray("a\0b", 3));
        const ToolResult r =
                m_tools->execute(QStringLiteral("read_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("blob.bin")}});
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("binary")));
    }
    void listFilesRespectsGitignore()
    {
        writeFile(m_tree + QStringLiteral("/src/new.c"), "int n;\n"); // untracked, not ignored
        const ToolResult r = m_tools->execute(QStringLiteral("list_files"), QJsonObject {});
        QVERIFY2(r.ok, qPrintable(r.error));
        QStringList files;
        for (const QJsonValue &v : r.content.value(QStringLiteral("files")).toArray())
            files << v.toString();
        QCOMPARE(files,
                 QStringList({QStringLiteral(".gitignore"), QStringLiteral("README.md"),
                              QStringLiteral("src/main.c"), QStringLiteral("src/new.c")}));
        const ToolResult c =
                m_tools->execute(QStringLiteral("list_files"),
                                 QJsonObject {{QStringLiteral("pattern"), QStringLiteral("*.c")}});
        QCOMPARE(c.content.value(QStringLiteral("total")).toInt(), 2);
    }
    void searchFindsWithAnchors()
    {
        const ToolResult r =
                m_tools->execute(QStringLiteral("search"),
                                 QJsonObject {{QStringLiteral("pattern"), QStringLiteral("puts\\(")}});
        QVERIFY2(r.ok, qPrintable(r.error));
        const QJsonArray m = r.content.value(QStringLiteral("matches")).toArray();
        QCOMPARE(m.size(), 1);
        QCOMPARE(m.first().toObject().value(QStringLiteral("path")).toString(), QStringLiteral("src/main.c"));
        QCOMPARE(m.first().toObject().value(QStringLiteral("line")).toInt(), 4);
        QCOMPARE(m.first().toObject().value(QStringLiteral("anchor")).toString(),
                 LineAnchor::of(4, u"    puts(\"hi\");").toString());
        const ToolResult bad = m_tools->execute(
                QStringLiteral("search"), QJsonObject {{QStringLiteral("pattern"), QStringLiteral("(")}});
        QVERIFY(!bad.ok);
        QVERIFY(bad.error.contains(QStringLiteral("invalid regular expression")));
        // Ignored files are not searched.
        const ToolResult ignored =
                m_tools->execute(QStringLiteral("search"),
                                 QJsonObject {{QStringLiteral("pattern"), QStringLiteral("ignored")}});
        QCOMPARE(ignored.content.value(QStringLiteral("matches")).toArray().size(), 0);
    }
    void editFileAppliesBatch()
    {
        const QJsonArray edits {
                QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                             {QStringLiteral("start"), LineAnchor::of(4, u"    puts(\"hi\");").toString()},
                             {QStringLiteral("lines"), QJsonArray {QStringLiteral("    puts(\"hello\");")}}},
                QJsonObject {{
                                     QStringLiteral("op"),
                                     QStringLiteral("insert_after"),
                             },
                             {QStringLiteral("anchor"), LineAnchor::of(1, u"#include <stdio.h>").toString()},
                             {QStringLiteral("lines"), QJsonArray {QStringLiteral("#include <stdlib.h>")}}}};
        const ToolResult r =
                m_tools->execute(QStringLiteral("edit_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("src/main.c")},
                                              {QStringLiteral("edits"), edits}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(readFile(m_tree + QStringLiteral("/src/main.c")),
                 QByteArray("#include <stdio.h>\n#include <stdlib.h>\nint main(void)\n{\n    "
                            "puts(\"hello\");\n    return 0;\n}\n"));
        QVERIFY(r.content.value(QStringLiteral("changed_lines"))
                        .toString()
                        .contains(QStringLiteral("puts(\"hello\")")));
    }
    void editKeepsPermissionsAndSymlinks()
    {
        writeFile(m_tree + QStringLiteral("/run.sh"), "#!/bin/sh\necho one\n");
        QVERIFY(QFile::setPermissions(m_tree + QStringLiteral("/run.sh"),
                                      QFile::permissions(m_tree + QStringLiteral("/run.sh")) |
                                              QFile::ExeOwner));
        QVERIFY(QFile::link(m_tree + QStringLiteral("/run.sh"), m_tree + QStringLiteral("/run-link.sh")));
        const QJsonArray edits {
                QJsonObject {{QStringLiteral("op"), QStringLiteral("replace")},
                             {QStringLiteral("start"), LineAnchor::of(2, u"echo one").toString()},
                             {QStringLiteral("lines"), QJsonArray {QStringLiteral("echo two")}}}};
        const ToolResult r =
                m_tools->execute(QStringLiteral("edit_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("run-link.sh")},
                                              {QStringLiteral("edits"), edits}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.value(QStringLiteral("path")).toString(), QStringLiteral("run.sh"));
        QVERIFY(QFileInfo(m_tree + QStringLiteral("/run-link.sh")).isSymLink());
        QVERIFY(QFile::permissions(m_tree + QStringLiteral("/run.sh")) & QFile::ExeOwner);
        QCOMPARE(readFile(m_tree + QStringLiteral("/run.sh")), QByteArray("#!/bin/sh\necho two\n"));
    }
    void staleEditRejectsWholeBatchWithFreshAnchors()
    {
        const QByteArray before = readFile(m_tree + QStringLiteral("/src/main.c"));
        const QJsonArray edits {
                QJsonObject {{QStringLiteral("op"), QStringLiteral("delete")},
                             {QStringLiteral("start"), LineAnchor::of(1, u"#include <stdio.h>").toString()}},
                QJsonObject {
                        {QStringLiteral("op"), QStringLiteral("replace")},
                        {QStringLiteral("start"), LineAnchor::of(4, u"    puts(\"old text\");").toString()},
                        {QStringLiteral("lines"), QJsonArray {QStringLiteral("x")}}}};
        const ToolResult r =
                m_tools->execute(QStringLiteral("edit_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("src/main.c")},
                                              {QStringLiteral("edits"), edits}});
        QVERIFY(!r.ok);
        QCOMPARE(readFile(m_tree + QStringLiteral("/src/main.c")), before); // not even the valid first edit
        QVERIFY(r.content.value(QStringLiteral("current_lines"))
                        .toString()
                        .contains(LineAnchor::formatLine(4, u"    puts(\"hi\");")));
        QCOMPARE(r.content.value(QStringLiteral("stale_anchors")).toArray().size(), 1);
    }
    void applyPatchIsAllOrNothing()
    {
        const QString good = QStringLiteral(
                "--- a/README.md\n+++ b/README.md\n@@ -1,3 +1,3 @@\n # Demo\n \n-Hello.\n+Hello, world.\n"
                "--- /dev/null\n+++ b/docs/new.md\n@@ -0,0 +1 @@\n+new doc\n");
        const ToolResult ok = m_tools->execute(QStringLiteral("apply_patch"),
                                               QJsonObject {{QStringLiteral("patch"), good}});
        QVERIFY2(ok.ok, qPrintable(ok.error));
        QCOMPARE(readFile(m_tree + QStringLiteral("/README.md")), QByteArray("# Demo\n\nHello, world.\n"));
        QCOMPARE(readFile(m_tree + QStringLiteral("/docs/new.md")), QByteArray("new doc\n"));
        // Second file does not match: the first must not change either.
        const QString bad = QStringLiteral(
                "--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-# Demo\n+# Changed\n"
                "--- a/src/main.c\n+++ b/src/main.c\n@@ -1 +1 @@\n-#include <nothing.h>\n+x\n");
        const ToolResult rejected =
                m_tools->execute(QStringLiteral("apply_patch"), QJsonObject {{QStringLiteral("patch"), bad}});
        QVERIFY(!rejected.ok);
        QVERIFY(rejected.error.contains(QStringLiteral("nothing changed")));
        QCOMPARE(readFile(m_tree + QStringLiteral("/README.md")), QByteArray("# Demo\n\nHello, world.\n"));
    }
    void writeFileCreatesOnlyNewFiles()
    {
        const ToolResult r =
                m_tools->execute(QStringLiteral("write_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("src/lib/util.h")},
                                              {QStringLiteral("content"), QStringLiteral("#pragma once\n")}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(readFile(m_tree + QStringLiteral("/src/lib/util.h")), QByteArray("#pragma once\n"));
        const ToolResult again =
                m_tools->execute(QStringLiteral("write_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("src/lib/util.h")},
                                              {QStringLiteral("content"), QStringLiteral("x")}});
        QVERIFY(!again.ok);
        QVERIFY(again.error.contains(QStringLiteral("already exists")));
        // "overwrite" (what an external agent's fs/write_text_file asks) replaces a regular file ...
        const ToolResult replaced =
                m_tools->execute(QStringLiteral("write_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("src/lib/util.h")},
                                              {QStringLiteral("content"), QStringLiteral("// replaced\n")},
                                              {QStringLiteral("overwrite"), true}});
        QVERIFY2(replaced.ok, qPrintable(replaced.error));
        QCOMPARE(readFile(m_tree + QStringLiteral("/src/lib/util.h")), QByteArray("// replaced\n"));
        // ... but never writes through a link, even one pointing inside the tree.
        QVERIFY(QFile::link(QStringLiteral("util.h"), m_tree + QStringLiteral("/src/lib/alias.h")));
        const ToolResult viaLink =
                m_tools->execute(QStringLiteral("write_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("src/lib/alias.h")},
                                              {QStringLiteral("content"), QStringLiteral("x")},
                                              {QStringLiteral("overwrite"), true}});
        QVERIFY(!viaLink.ok);
        QCOMPARE(readFile(m_tree + QStringLiteral("/src/lib/util.h")), QByteArray("// replaced\n"));
    }
    void hooksFolderIsTheRunSandboxs()
    {
        // A hooks folder inside the tree (husky-style) is never written. The tools made with the run's
        // sandbox of the same tree take the sandbox's answer (one git process per run, not two), so the
        // tools and the sandbox protect the same folder even when the configuration moves meanwhile.
        git(m_repo, {QStringLiteral("config"), QStringLiteral("core.hooksPath"), QStringLiteral(".husky")});
        SandboxConfig c;
        c.worktreeRoot = m_tree;
        const Sandbox sandbox(c);
        QVERIFY(sandbox.config().protectedPaths.contains(QStringLiteral(".husky")));
        git(m_repo,
            {QStringLiteral("config"), QStringLiteral("core.hooksPath"), QStringLiteral(".lefthook")});
        const auto write = [](ToolExecutor &tools, const QString &path) {
            tools.setWriteAllowed(true);
            return tools.execute(QStringLiteral("write_file"),
                                 QJsonObject {{QStringLiteral("path"), path},
                                              {QStringLiteral("content"), QStringLiteral("#!/bin/sh\n")}});
        };
        ToolExecutor withSandbox(m_tree, PermissionProfile::defaultFor(m_tree), &sandbox, &m_sink,
                                 QStringLiteral("R1"));
        const ToolResult husky = write(withSandbox, QStringLiteral(".husky/pre-commit"));
        QVERIFY(!husky.ok);
        QVERIFY2(husky.error.contains(QStringLiteral("protected")), qPrintable(husky.error));
        QVERIFY(!QFile::exists(m_tree + QStringLiteral("/.husky/pre-commit")));
        // Tools without a sandbox (or with one for another tree) ask git themselves: today's answer.
        ToolExecutor alone(m_tree, PermissionProfile::defaultFor(m_tree), nullptr, &m_sink,
                           QStringLiteral("R1"));
        const ToolResult lefthook = write(alone, QStringLiteral(".lefthook/pre-commit"));
        QVERIFY(!lefthook.ok);
        QVERIFY2(lefthook.error.contains(QStringLiteral("protected")), qPrintable(lefthook.error));
        QVERIFY(write(alone, QStringLiteral(".husky/pre-commit")).ok);
        SandboxConfig elsewhere;
        elsewhere.worktreeRoot = m_repo;
        const Sandbox other(elsewhere);
        ToolExecutor otherTree(m_tree, PermissionProfile::defaultFor(m_tree), &other, &m_sink,
                               QStringLiteral("R1"));
        QVERIFY(!write(otherTree, QStringLiteral(".lefthook/post-merge")).ok);
    }
    void runCommandInSandbox()
    {
        const ToolResult r =
                m_tools->execute(QStringLiteral("run_command"),
                                 QJsonObject {{QStringLiteral("command"),
                                               QStringLiteral("cc -o /tmp/m src/main.c && /tmp/m")}});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.content.value(QStringLiteral("exit_code")).toInt(), 0);
        QCOMPARE(r.content.value(QStringLiteral("stdout")).toString(), QStringLiteral("hi\n"));
        QVERIFY(r.content.value(QStringLiteral("sandboxed")).toBool());
        const ToolResult failing =
                m_tools->execute(QStringLiteral("run_command"),
                                 QJsonObject {{QStringLiteral("command"), QStringLiteral("exit 4")}});
        QVERIFY(failing.ok); // the tool ran; the command failed
        QCOMPARE(failing.content.value(QStringLiteral("exit_code")).toInt(), 4);
    }
    void writeGateClosedRefusesWritingTools_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QJsonObject>("args");
        QTest::newRow("edit_file") << "edit_file"
                                   << QJsonObject {{QStringLiteral("path"), QStringLiteral("README.md")},
                                                   {QStringLiteral("edits"),
                                                    QJsonArray {QJsonObject {
                                                            {QStringLiteral("op"), QStringLiteral("append")},
                                                            {QStringLiteral("lines"),
                                                             QJsonArray {QStringLiteral("x")}}}}}};
        QTest::newRow("apply_patch")
                << "apply_patch"
                << QJsonObject {{QStringLiteral("patch"),
                                 QStringLiteral("--- /dev/null\n+++ b/x\n@@ -0,0 +1 @@\n+x\n")}};
        QTest::newRow("write_file") << "write_file"
                                    << QJsonObject {{QStringLiteral("path"), QStringLiteral("x")},
                                                    {QStringLiteral("content"), QStringLiteral("x")}};
        QTest::newRow("run_command") << "run_command"
                                     << QJsonObject {{QStringLiteral("command"), QStringLiteral("touch x")}};
    }
    void writeGateClosedRefusesWritingTools()
    {
        QFETCH(QString, tool);
        QFETCH(QJsonObject, args);
        m_tools->setWriteAllowed(false);
        const QByteArray readmeBefore = readFile(m_tree + QStringLiteral("/README.md"));
        const ToolResult r = m_tools->execute(tool, args);
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("plan is approved")));
        QCOMPARE(readFile(m_tree + QStringLiteral("/README.md")), readmeBefore);
        QVERIFY(!QFile::exists(m_tree + QStringLiteral("/x")));
        QCOMPARE(m_sink.count(QStringLiteral("permission_denied")), 1);
        QCOMPARE(m_sink.ofKind(QStringLiteral("permission_denied"))
                         .first()
                         .payload.value(QStringLiteral("kind"))
                         .toString(),
                 QStringLiteral("write_gate"));
        QCOMPARE(m_sink.count(QStringLiteral("tool_call")), 1);
        // Reading stays available while the gate is closed.
        QVERIFY(m_tools->execute(QStringLiteral("read_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("README.md")}})
                        .ok);
        // The predicate form: both the flag and the predicate must allow.
        m_tools->setWriteAllowed(true);
        m_tools->setWriteGate([] { return false; });
        QVERIFY(!m_tools->execute(tool, args).ok);
        m_tools->setWriteGate([] { return true; });
        QVERIFY2(m_tools->execute(tool, args).ok, qPrintable(m_tools->execute(tool, args).error));
    }
    void unknownToolAndBoundedResults()
    {
        const ToolResult r = m_tools->execute(QStringLiteral("format_disk"), QJsonObject {});
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("unknown tool")));
        QString big;
        for (int i = 0; i < 5000; ++i)
            big += QStringLiteral("this is a fairly long line number %1 of a large file\n").arg(i);
        writeFile(m_tree + QStringLiteral("/big.txt"), big.toUtf8());
        const ToolResult read =
                m_tools->execute(QStringLiteral("read_file"),
                                 QJsonObject {{QStringLiteral("path"), QStringLiteral("big.txt")}});
        QVERIFY(read.ok);
        QVERIFY(QJsonDocument(read.toJson()).toJson().size() < 2 * ToolExecutor::kMaxResultChars);
        QVERIFY(read.content.value(QStringLiteral("truncated")).toBool());
        QVERIFY(read.content.value(QStringLiteral("next_start_line")).toInt() > 1);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_repo;
    QString m_tree;
    CollectingSink m_sink;
    std::unique_ptr<Sandbox> m_sandbox;
    std::unique_ptr<ToolExecutor> m_tools;
};

QTEST_GUILESS_MAIN(TestToolExecutor)
#include "tst_toolexecutor.moc"
