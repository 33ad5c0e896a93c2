// A newcomer switching repositories in one window: everything a view showed or kept for repository X —
// the rule editor's document, undo history and box positions, the tasks — goes with X's session. Y, whose
// rules.json cannot be parsed, shows its own error, no layer of X, an empty undo stack and a disabled Save;
// "replace, keeping a backup" writes Y's file only after a yes, leaving rules.json.bak, and X's file stays.
#include "common/repositorysession.h"
#include "mainwindow.h"
#include "ruleeditor/layercanvas.h"
#include "ruleeditor/ruleeditorpanel.h"
#include "shell/tasklistmodel.h"
#include "shell/tasklistpanel.h"
#include "ui/support/uifixture.h"

#include <QAction>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QUndoStack>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

namespace {
QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(bytes);
}
QString gitRepo(UiFixture &fx, const QString &name)
{
    const QString root = fx.path(name);
    QDir().mkpath(root);
    QProcess git;
    git.setWorkingDirectory(root);
    git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q")});
    git.waitForFinished(30000);
    return QDir(root).canonicalPath();
}
} // namespace

class TestNewcomerSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("harness-ui-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_newcomersession"));
        QSettings().clear();
    }

    void switchingRepositoriesLeavesNothingOfTheLastOne()
    {
        UiFixture fx;
        const QString x = gitRepo(fx, QStringLiteral("x"));
        const QString y = gitRepo(fx, QStringLiteral("y"));
        RuleSet rules;
        rules.layers.append({QStringLiteral("layer-core"),
                             QStringLiteral("core"),
                             {QStringLiteral("core/**")},
                             {},
                             Severity::Error,
                             QStringLiteral("core stays pure."),
                             {}});
        rules.layers.append({QStringLiteral("layer-app"),
                             QStringLiteral("app"),
                             {QStringLiteral("app/**")},
                             {QStringLiteral("core")},
                             Severity::Error,
                             QStringLiteral("app uses core."),
                             {}});
        LimitRule limit;
        limit.id = QStringLiteral("max-lines");
        limit.paths = {QStringLiteral("**")};
        limit.maxLines = 400;
        limit.message = QStringLiteral("Split long files.");
        rules.limits.append(limit);
        const QString xRules = x + QStringLiteral("/.harness/rules.json");
        const QString yRules = y + QStringLiteral("/.harness/rules.json");
        QDir().mkpath(x + QStringLiteral("/.harness"));
        QVERIFY(rules.save(xRules).ok());
        writeFile(yRules, "{ \"version\": 1, \"layers\": [ {\"name\": } ] }\n");
        const QByteArray xBefore = readFile(xRules), yBefore = readFile(yRules);

        MainWindow w;
        w.resize(1280, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        auto *panel = w.findChild<RuleEditorPanel *>(QStringLiteral("ruleEditorPanel"));
        QVERIFY(panel);

        // X: a task, a rule edit (one undo step) and a moved box.
        QVERIFY(w.openRepository(x) && w.waitForOpen());
        QVERIFY(w.session()->store().addTask([] {
            Task t;
            t.title = QStringLiteral("Task of X");
            t.contract.goal = QStringLiteral("g");
            return t;
        }()));
        w.session()->refresh();
        QTRY_COMPARE(w.taskList()->model()->rowCount(), 1);
        w.showView(panel);
        QTRY_VERIFY(panel->canvas() && !panel->canvas()->isLayingOut());
        RuleTableModel *limits = panel->model(RuleTableModel::Kind::Limits);
        QVERIFY(limits->setData(limits->index(0, 3), QStringLiteral("120")));
        QCOMPARE(panel->document()->undoStack()->count(), 1);
        LayerCanvas *canvas = panel->canvas();
        const QPoint from = canvas->layerCenter(QStringLiteral("app"));
        QTest::mousePress(canvas->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(canvas->viewport(), from + QPoint(30, 10));
        QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {}, from + QPoint(30, 10));
        QVERIFY(panel->document()->movedLayers().contains(QStringLiteral("app")));

        // Y: its own error, nothing of X.
        QVERIFY(w.openRepository(y) && w.waitForOpen());
        QCOMPARE(w.session()->repositoryRoot(), y);
        QVERIFY2(panel->errorBannerText().contains(QStringLiteral("cannot be edited")),
                 qPrintable(panel->errorBannerText()));
        QVERIFY(panel->errorBannerText().contains(QStringLiteral("rules.json")));
        QCOMPARE(panel->document()->filePath(), yRules);
        QCOMPARE(panel->model(RuleTableModel::Kind::Layers)->rowCount(), 0);
        QVERIFY(panel->canvas()->layerCenter(QStringLiteral("app")).isNull());
        QVERIFY(panel->document()->movedLayers().isEmpty());
        QCOMPARE(panel->document()->undoStack()->count(), 0);
        QVERIFY(!panel->saveAction()->isEnabled());
        panel->saveAction()->trigger();
        QTRY_COMPARE(w.taskList()->model()->rowCount(), 0); // X's task is not Y's
        QCOMPARE(readFile(yRules), yBefore);

        // Replace only after a yes; the unreadable file is kept beside it.
        QTest::mouseClick(panel->findChild<QPushButton *>(QStringLiteral("replaceRulesButton")),
                          Qt::LeftButton);
        auto *confirm = panel->findChild<QMessageBox *>(QStringLiteral("replaceRulesConfirm"));
        QVERIFY(confirm);
        QCOMPARE(readFile(yRules), yBefore);
        QSignalSpy saved(panel, &RuleEditorPanel::saved);
        QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
        QVERIFY(saved.wait(20000));
        QCOMPARE(saved.first().first().toString(), yRules);
        QCOMPARE(readFile(yRules + QStringLiteral(".bak")), yBefore);
        QVERIFY(RuleSet::load(yRules).ok());
        QCOMPARE(readFile(xRules), xBefore);
        QVERIFY(!QFileInfo::exists(xRules + QStringLiteral(".bak")));
    }
};

QTEST_MAIN(TestNewcomerSession)
#include "tst_newcomersession.moc"
