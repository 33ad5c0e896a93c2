// Tests the diff review panel as a reviewer uses it, on a real repository with a real run worktree:
// checkpoint ranges, finding → line navigation, the side-by-side switch, live refresh, file names, and
// the tool bar at a narrow width (its overflow menu works). Review actions through the store:
// tst_reviewcontroller.
#include "ui/diff/repofixture.h"

#include "common/canary.h"

#include "common/overflowbar.h"
#include "diff/difffilemodel.h"
#include "diff/diffreviewpanel.h"
#include "diff/diffview.h"
#include "diff/revisionbar.h"
#include "runtime/worktreemanager.h"

#include <QCheckBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <QToolButton>

using namespace harness;
using namespace harness::ui;

class TestDiffReviewPanel : public QObject
{
    Q_OBJECT

private:
    // A repository with a base commit and a run worktree holding two checkpoints.
    struct Run
    {
        RepoFixture repo;
        WorktreeInfo info;
        QString iteration1, iteration2;
    };

    static std::unique_ptr<Run> makeRun()
    {
        auto run = std::make_unique<Run>();
        QByteArray code;
        for (int i = 1; i <= 60; ++i)
            code += "int line" + QByteArray::number(i) + " = " + QByteArray::number(i) + ";\n";
        run->repo.write(QStringLiteral("src/main.cpp"), code);
        run->repo.write(QStringLiteral("README.md"), "# Demo\n");
        run->repo.commitAll(QStringLiteral("base"));
        WorktreeManager manager(run->repo.path());
        auto created = manager.create(QStringLiteral("T1"), QStringLiteral("R1"), QStringLiteral("main"));
        if (!created)
            qFatal("%s", qPrintable(created.errorText()));
        run->info = created.value();
        QByteArray changed = code;
        changed.replace("int line30 = 30;", "int line30 = 300; // tuned");
        run->repo.write(run->info.path.mid(run->repo.path().size() + 1) + QStringLiteral("/src/main.cpp"),
                        changed);
        run->iteration1 = manager.checkpoint(run->info.path, QStringLiteral("iteration 1")).value();
        run->repo.write(run->info.path.mid(run->repo.path().size() + 1) + QStringLiteral("/src/util.cpp"),
                        "int helper() { return 42; }\n");
        run->iteration2 = manager.checkpoint(run->info.path, QStringLiteral("iteration 2")).value();
        return run;
    }

    static void open(DiffReviewPanel &panel, const Run &run)
    {
        QSignalSpy loaded(&panel, &DiffReviewPanel::loaded);
        panel.setTarget({run.repo.path(), run.info.path, run.info.branch, QStringLiteral("main"),
                         run.info.baseCommit});
        QVERIFY(loaded.wait(20000));
    }

    static QStringList shownFiles(const DiffReviewPanel &panel)
    {
        QStringList files;
        for (const DiffFile &f : panel.document()->files)
            files << f.path();
        files.sort();
        return files;
    }

private Q_SLOTS:
    void checkpointsCumulativeAndPerIteration()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        panel.resize(1200, 700);
        open(panel, *run);
        QCOMPARE(panel.checkpoints().size(), 4); // base, two iterations, working tree
        QCOMPARE(panel.checkpoints().at(2).commit, run->iteration2);
        QCOMPARE(shownFiles(panel),
                 (QStringList {QStringLiteral("src/main.cpp"), QStringLiteral("src/util.cpp")}));

        QSignalSpy loaded(&panel, &DiffReviewPanel::loaded);
        panel.showIteration(2);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(shownFiles(panel), QStringList {QStringLiteral("src/util.cpp")});
        panel.showIteration(1);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(shownFiles(panel), QStringList {QStringLiteral("src/main.cpp")});
        // Any checkpoint against any other: from iteration 1 to iteration 2 is iteration 2's change.
        panel.showRange(run->iteration1, run->iteration2);
        QVERIFY(loaded.wait(20000));
        QCOMPARE(shownFiles(panel), QStringList {QStringLiteral("src/util.cpp")});
        QVERIFY(panel.statusText().contains(QStringLiteral("+1")));
    }

    void findingOpensItsLineOrTheFile()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        panel.resize(1200, 700);
        open(panel, *run);
        QVERIFY(panel.showLocation(QStringLiteral("src/main.cpp"), 30));
        DiffDocumentPtr doc = panel.currentView()->document();
        QCOMPARE(int(doc->lines[size_t(panel.currentView()->currentLine())].newLine), 30);
        QVERIFY(!panel.isShowingFile());
        // Line 55 did not change: the file itself opens at that line.
        QVERIFY(panel.showLocation(QStringLiteral("src/main.cpp"), 55));
        QTRY_VERIFY(panel.isShowingFile());
        doc = panel.currentView()->document();
        QCOMPARE(doc->lineText(panel.currentView()->currentLine()), QStringLiteral("int line55 = 55;"));
        // Back into the diff.
        QVERIFY(panel.showLocation(QStringLiteral("src/util.cpp"), 1));
        QVERIFY(!panel.isShowingFile());
        QCOMPARE(panel.currentView()->document(), panel.document());
    }

    // A file of the run's tree that is a link to a canary outside is never shown (not even a FIFO
    // makes the view wait); a normal file beside it still opens.
    void linkedFileIsNotShown()
    {
        auto run = makeRun();
        harness::test::Canary canary;
        QVERIFY(canary.linkFile(run->info.path, QStringLiteral("src/leak.cpp"),
                                QStringLiteral("canary.cpp")));
        QVERIFY(canary.linkDir(run->info.path, QStringLiteral("src/linked")));
        DiffReviewPanel panel;
        panel.resize(1200, 700);
        open(panel, *run);
        QSignalSpy loaded(&panel, &DiffReviewPanel::loaded);
        panel.showRange(run->info.baseCommit, QString()); // the working tree, where the links are
        QVERIFY(loaded.wait(20000));
        auto *banner = panel.findChild<QLabel *>(QStringLiteral("diffBanner"));
        QVERIFY(banner);
        for (const QString &path :
             {QStringLiteral("src/leak.cpp"), QStringLiteral("src/linked/canary.cpp")}) {
            banner->clear();
            QVERIFY(panel.showLocation(path, 3));
            QTRY_VERIFY(!banner->text().isEmpty());
            QVERIFY2(banner->text().contains(QStringLiteral("symbolic link")), qPrintable(banner->text()));
            QVERIFY(!harness::test::Canary::leaked(banner->text()));
            const DiffDocumentPtr doc = panel.currentView()->document();
            for (int i = 0; i < int(doc->lines.size()); ++i)
                QVERIFY(!harness::test::Canary::leaked(doc->lineText(i)));
        }
        QVERIFY(panel.showLocation(QStringLiteral("src/main.cpp"), 55));
        QTRY_VERIFY(panel.isShowingFile());
        QTRY_COMPARE(panel.currentView()->document()->lineText(panel.currentView()->currentLine()),
                     QStringLiteral("int line55 = 55;"));
    }

    void sideBySideKeepsThePlace()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        panel.resize(1200, 700);
        open(panel, *run);
        panel.showLocation(QStringLiteral("src/main.cpp"), 30);
        const int line = panel.currentView()->currentLine();
        QTest::mouseClick(panel.findChild<QWidget *>(QStringLiteral("sideBySideButton")), Qt::LeftButton);
        QVERIFY(panel.isSideBySide());
        QCOMPARE(panel.currentView()->currentLine(), line);
    }

    void riskyFilesComeFirst()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        open(panel, *run);
        panel.setFindingCounts({{QStringLiteral("src/util.cpp"), 2}});
        panel.findChild<QCheckBox *>(QStringLiteral("flatCheck"))->setChecked(true);
        const QModelIndex top = panel.fileProxy()->index(0, 0);
        QCOMPARE(top.data(DiffFileModel::PathRole).toString(), QStringLiteral("src/util.cpp"));
        QCOMPARE(panel.currentView()->row(0).type, DiffRow::Type::FileHeader);
        QCOMPARE(panel.document()->files[size_t(panel.currentView()->row(0).file)].path(),
                 QStringLiteral("src/util.cpp"));
    }

    void loadingRunsInTheBackgroundAndCancels()
    {
        RepoFixture repo;
        QByteArray big;
        for (int i = 0; i < 20000; ++i)
            big += "line " + QByteArray::number(i) + "\n";
        for (int f = 0; f < 20; ++f)
            repo.write(QStringLiteral("f%1.txt").arg(f), big);
        const QString base = repo.commitAll(QStringLiteral("base"));
        for (int f = 0; f < 20; ++f)
            repo.write(QStringLiteral("f%1.txt").arg(f), big.replace("line", "LINE"));
        const QString head = repo.commitAll(QStringLiteral("everything changed"));
        DiffLoader loader;
        QSignalSpy failed(&loader, &DiffLoader::failed);
        QSignalSpy loaded(&loader, &DiffLoader::loaded);
        DiffRequest request;
        request.repository = repo.path();
        request.from = base;
        request.to = head;
        loader.load(request);
        QVERIFY(loader.isBusy()); // load() returned at once; the work is on a worker thread
        loader.cancel();
        QTRY_VERIFY(!loader.isBusy());
        QCOMPARE(loaded.count(), 0);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("cancelled")));
        // The same request, not cancelled, loads all 800,000 changed lines.
        QSignalSpy progress(&loader, &DiffLoader::progressChanged);
        loader.load(request);
        QVERIFY(loaded.wait(60000));
        QVERIFY(progress.count() >= 1);
        const DiffLoadResult result = loaded.first().first().value<DiffLoadResult>();
        QCOMPARE(result.document->totalAdded, 400000);
        QCOMPARE(result.document->totalRemoved, 400000);
    }

    void narrowBarMovesActionsIntoAWorkingMenu()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        panel.resize(560, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        open(panel, *run);
        OverflowBar *bar = panel.revisionBar()->actionBar();
        QTRY_VERIFY(bar->overflowButton()->isVisible());
        QVERIFY(bar->overflowActions().contains(panel.revisionBar()->reloadAction()));
        QVERIFY(bar->overflowActions().contains(panel.revisionBar()->liveAction()));
        // The "»" button opens its menu (a QToolBar outside a main window would not).
        QTest::mouseClick(bar->overflowButton(), Qt::LeftButton);
        QMenu *menu = bar->overflowMenu();
        QTRY_VERIFY(menu->isVisible());
        QVERIFY(menu->actions().contains(panel.revisionBar()->reloadAction()));
        // Reload, chosen from the menu, reads the diff again.
        QSignalSpy loaded(&panel, &DiffReviewPanel::loaded);
        const QRect reload = menu->actionGeometry(panel.revisionBar()->reloadAction());
        QTest::mouseClick(menu, Qt::LeftButton, {}, reload.center());
        QVERIFY(loaded.wait(20000));
        QVERIFY(!menu->isVisible());
        // Live is a check box in the menu too.
        QVERIFY(panel.revisionBar()->liveAction()->isCheckable());
        // Wide again: every action is a button, no menu.
        panel.resize(1400, 600);
        QTRY_VERIFY(!bar->overflowButton()->isVisible());
        QVERIFY(bar->overflowActions().isEmpty());
    }

    void fileNamesComeFirst()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        open(panel, *run);
        panel.findChild<QCheckBox *>(QStringLiteral("flatCheck"))->setChecked(true);
        QStringList names;
        for (int r = 0; r < panel.fileProxy()->rowCount(); ++r)
            names << panel.fileProxy()->index(r, 0).data().toString();
        QVERIFY2(names.contains(QStringLiteral("main.cpp — src")), qPrintable(names.join(QLatin1Char('|'))));
        QVERIFY(names.contains(QStringLiteral("util.cpp — src")));
        // The filter still finds files by folder.
        panel.findChild<QLineEdit *>(QStringLiteral("fileFilter"))->setText(QStringLiteral("src/"));
        QCOMPARE(panel.fileProxy()->rowCount(), 2);
    }

    void liveRefreshFollowsTheRun()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        open(panel, *run);
        panel.setLiveRefresh(true, 100);
        QTRY_VERIFY(panel.isLiveRefreshWatching()); // the first poll records the current state
        run->repo.write(run->info.path.mid(run->repo.path().size() + 1) + QStringLiteral("/src/extra.cpp"),
                        "int extra;\n");
        QVERIFY(WorktreeManager(run->repo.path()).checkpoint(run->info.path, QStringLiteral("iteration 3")));
        QTRY_VERIFY_WITH_TIMEOUT(shownFiles(panel).contains(QStringLiteral("src/extra.cpp")), 15000);
        QCOMPARE(panel.checkpoints().size(), 5);
    }
};

QTEST_MAIN(TestDiffReviewPanel)
#include "tst_diffreviewpanel.moc"
