// ToolExecutor's own reads and writes under the harness's rules: read_file, search and list_files never
// show a canary behind a link and never wait on a FIFO; write_file, edit_file and apply_patch all keep
// the size policy on what they leave behind and on their arguments.
#include "runtime/sandbox.h"
#include "runtime/toolexecutor.h"
#include "runtime/worktreemanager.h"
#include "runtimetesthelpers.h"

#include "common/canary.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;
using namespace harness::testing;
using harness::test::Canary;

class TestToolSafety : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_tree;
    CollectingSink m_sink;
    std::unique_ptr<ToolExecutor> m_tools;
    Canary m_canary;

    ToolResult call(const QString &tool, const QJsonObject &args) { return m_tools->execute(tool, args); }
    static QByteArray text(const ToolResult &r)
    {
        return QJsonDocument(r.content).toJson() + r.error.toUtf8();
    }

private Q_SLOTS:
    void init()
    {
        m_dir.reset(new QTemporaryDir);
        const QString repo = m_dir->path() + QStringLiteral("/repo");
        makeRepo(repo);
        WorktreeManager m(repo);
        auto wt = m.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        QVERIFY2(wt.ok(), qPrintable(wt.errorText()));
        m_tree = wt->path;
        m_sink.clear();
        m_tools.reset(new ToolExecutor(m_tree, PermissionProfile::defaultFor(m_tree), nullptr, &m_sink,
                                       QStringLiteral("R1")));
        m_tools->setWriteAllowed(true);
        QVERIFY(m_canary.linkFile(m_tree, QStringLiteral("src/leak.py")));
        QVERIFY(m_canary.linkDir(m_tree, QStringLiteral("src/linked")));
        QVERIFY(Canary::makeFifo(m_tree, QStringLiteral("src/pipe.c")));
    }

    void readsNeverShowTheCanary()
    {
        for (const QString &path : {QStringLiteral("src/leak.py"), QStringLiteral("src/linked/canary.py")}) {
            const ToolResult r = call(QStringLiteral("read_file"), {{QStringLiteral("path"), path}});
            QVERIFY(!r.ok);
            QVERIFY2(!Canary::leaked(text(r)), Canary::which(text(r)).constData());
        }
        const ToolResult search =
                call(QStringLiteral("search"), {{QStringLiteral("pattern"), QStringLiteral("canary|int")}});
        QVERIFY2(search.ok, qPrintable(search.error));
        QVERIFY2(!Canary::leaked(text(search)), Canary::which(text(search)).constData());
        QVERIFY(text(search).contains("src/main.c")); // the normal file beside the links is searched
        const ToolResult list = call(QStringLiteral("list_files"), {});
        QVERIFY(list.ok);
        QVERIFY(!text(list).contains("src/linked/canary"));
        const ToolResult normal =
                call(QStringLiteral("read_file"), {{QStringLiteral("path"), QStringLiteral("src/main.c")}});
        QVERIFY2(normal.ok, qPrintable(normal.error));
    }

    void aFifoIsRefusedAtOnce()
    {
        QElapsedTimer timer;
        timer.start();
        const ToolResult read =
                call(QStringLiteral("read_file"), {{QStringLiteral("path"), QStringLiteral("src/pipe.c")}});
        QVERIFY(!read.ok);
        QVERIFY2(read.error.contains(QStringLiteral("not a regular file")), qPrintable(read.error));
        const ToolResult edit = call(
                QStringLiteral("edit_file"),
                {{QStringLiteral("path"), QStringLiteral("src/pipe.c")},
                 {QStringLiteral("edits"),
                  QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("append")},
                                           {QStringLiteral("lines"), QJsonArray {QStringLiteral("x")}}}}}});
        QVERIFY(!edit.ok);
        const ToolResult search =
                call(QStringLiteral("search"), {{QStringLiteral("pattern"), QStringLiteral("x")}});
        QVERIFY(search.ok);
        QVERIFY2(timer.elapsed() < 5000, "a FIFO must never make a tool wait for a writer");
    }

    void writeFileOverTheArgumentLimitIsRefused()
    {
        const QString big(80 * 1024 * 1024, QLatin1Char('a'));
        const ToolResult r =
                call(QStringLiteral("write_file"),
                     {{QStringLiteral("path"), QStringLiteral("big.txt")}, {QStringLiteral("content"), big}});
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("\"content\" is 80.0 MiB")), qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("1.0 MiB limit")), qPrintable(r.error));
        QVERIFY(!QFileInfo::exists(m_tree + QStringLiteral("/big.txt")));
        // The tool_call event stores the argument cut, not whole.
        const Event e = m_sink.ofKind(QStringLiteral("tool_call")).last();
        QVERIFY(QJsonDocument(e.payload).toJson().size() < 16 * 1024);
    }

    void aStoredCutArgumentIsRefusedTheSameWay()
    {
        const QJsonObject cut = SizePolicy::cut(QString(2 * 1024 * 1024, QLatin1Char('p')));
        const ToolResult r = call(QStringLiteral("apply_patch"), {{QStringLiteral("patch"), cut}});
        QVERIFY(!r.ok);
        QVERIFY2(r.error.contains(QStringLiteral("\"patch\" is 2.0 MiB")), qPrintable(r.error));
        QVERIFY2(r.error.contains(QStringLiteral("split the patch")), qPrintable(r.error));
    }

    void resultsOverTheFileLimitAreRefusedByEveryWriter()
    {
        // A file near the limit (made by a command, say), then each writing tool tries to grow it.
        const QByteArray nearly(int(SizePolicy::kMaxFileBytes - 100), 'n');
        writeFile(m_tree + QStringLiteral("/data.txt"), nearly + "\n");
        QStringList lines;
        for (int i = 0; i < 10; ++i)
            lines << QString(100, QLatin1Char('e'));
        const ToolResult edit = call(
                QStringLiteral("edit_file"),
                {{QStringLiteral("path"), QStringLiteral("data.txt")},
                 {QStringLiteral("edits"),
                  QJsonArray {QJsonObject {{QStringLiteral("op"), QStringLiteral("append")},
                                           {QStringLiteral("lines"), QJsonArray::fromStringList(lines)}}}}});
        QVERIFY(!edit.ok);
        QVERIFY2(edit.error.contains(QStringLiteral("over the 20.0 MiB limit")), qPrintable(edit.error));
        QCOMPARE(QFileInfo(m_tree + QStringLiteral("/data.txt")).size(), qint64(nearly.size() + 1));

        // A patch within the argument limit whose result would pass the file limit.
        QByteArray lines100;
        const int lineCount = int((SizePolicy::kMaxFileBytes - 300 * 1024) / 101);
        lines100.reserve(lineCount * 101 + 8);
        for (int i = 0; i < lineCount; ++i)
            lines100 += QByteArray(100, 'g') + '\n';
        lines100 += "last\n";
        writeFile(m_tree + QStringLiteral("/grow.txt"), lines100);
        const QString added =
                QStringLiteral("+") + QString(700 * 1024, QLatin1Char('h')) + QStringLiteral("\n");
        const QString grow = QStringLiteral("--- a/grow.txt\n+++ b/grow.txt\n@@ -%1,1 +%1,2 @@\n last\n")
                                     .arg(lineCount + 1) +
                added;
        const ToolResult grown = call(QStringLiteral("apply_patch"), {{QStringLiteral("patch"), grow}});
        QVERIFY(!grown.ok);
        QVERIFY2(grown.error.contains(QStringLiteral("grow.txt would be")) &&
                         grown.error.contains(QStringLiteral("over the 20.0 MiB limit")),
                 qPrintable(grown.error));
        QCOMPARE(QFileInfo(m_tree + QStringLiteral("/grow.txt")).size(), qint64(lines100.size()));
        const QString small = QStringLiteral("--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n") + added;
        const ToolResult created = call(QStringLiteral("apply_patch"), {{QStringLiteral("patch"), small}});
        QVERIFY2(created.ok, qPrintable(created.error)); // 700 KiB: within both limits
        const ToolResult thirty =
                call(QStringLiteral("apply_patch"),
                     {{QStringLiteral("patch"), QString(30 * 1024 * 1024, QLatin1Char('+'))}});
        QVERIFY(!thirty.ok);
        QVERIFY2(thirty.error.contains(QStringLiteral("\"patch\" is 30.0 MiB")), qPrintable(thirty.error));
    }
};

QTEST_GUILESS_MAIN(TestToolSafety)
#include "tst_toolsafety.moc"
