// Tests the diff review panel as a reviewer uses it, on a real repository with a real run worktree:
// checkpoint ranges, comments sent as feedback, finding → line navigation, merge (clean and conflicting),
// discard, the side-by-side switch and live refresh.
#include "ui/diff/repofixture.h"

#include "common/canary.h"

#include "diff/difffilemodel.h"
#include "diff/diffreviewpanel.h"
#include "diff/diffview.h"
#include "runtime/worktreemanager.h"

#include <QCheckBox>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QtTest>

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

    void commentsGoBackAsFeedback()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        panel.resize(1200, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        open(panel, *run);
        QVERIFY(panel.showLocation(QStringLiteral("src/main.cpp"), 30));
        DiffView *view = panel.currentView();
        const int row = view->currentRow() - view->firstVisibleRow();
        QTest::mouseDClick(
                view->viewport(), Qt::LeftButton, {},
                QPoint(view->viewport()->width() / 2, row * view->rowHeight() + view->rowHeight() / 2));
        auto *dialog = panel.findChild<QInputDialog *>(QStringLiteral("commentDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->labelText().contains(QStringLiteral("src/main.cpp, line 30")));
        dialog->setTextValue(QStringLiteral("Why 300? Keep 30 unless the test needs it."));
        dialog->accept();
        QCOMPARE(panel.comments().size(), 1);
        QCOMPARE(panel.comments().first().line, 30);
        QCOMPARE(panel.comments().first().lineText, QStringLiteral("int line30 = 300; // tuned"));
        auto *list = panel.findChild<QListWidget *>(QStringLiteral("commentList"));
        QCOMPARE(list->count(), 1);
        // The comment is shown under its line.
        QCOMPARE(view->row(view->currentRow() + 1).type, DiffRow::Type::Comment);

        QSignalSpy feedback(&panel, &DiffReviewPanel::feedbackRequested);
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("sendFeedbackButton")),
                          Qt::LeftButton);
        QCOMPARE(feedback.count(), 1);
        const QString text = feedback.first().at(1).toString();
        QVERIFY(text.contains(QStringLiteral("src/main.cpp:30")));
        QVERIFY(text.contains(QStringLiteral("Why 300?")));
        QVERIFY(panel.comments().isEmpty());
        QVERIFY(panel.reviewResultText().contains(QStringLiteral("Sent 1 comment")));
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

    void mergeReportsSuccess()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        open(panel, *run);
        QSignalSpy merged(&panel, &DiffReviewPanel::mergeFinished);
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("mergeButton")), Qt::LeftButton);
        QVERIFY(merged.wait(20000));
        QCOMPARE(merged.first().at(0).toBool(), true);
        QVERIFY(panel.reviewResultText().startsWith(QStringLiteral("Merged harness/T1/R1 into main")));
        const QString log = QString::fromUtf8(run->repo.git(
                {QStringLiteral("log"), QStringLiteral("--format=%s"), QStringLiteral("main")}));
        QVERIFY(log.contains(QStringLiteral("iteration 2")));
    }

    void mergeConflictNamesTheFiles()
    {
        auto run = makeRun();
        QByteArray code;
        QFile file(run->repo.filePath(QStringLiteral("src/main.cpp")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        code = file.readAll();
        file.close();
        code.replace("int line30 = 30;", "int line30 = -30; // changed on main meanwhile");
        run->repo.write(QStringLiteral("src/main.cpp"), code);
        run->repo.commitAll(QStringLiteral("main moved on"));
        DiffReviewPanel panel;
        open(panel, *run);
        QSignalSpy merged(&panel, &DiffReviewPanel::mergeFinished);
        panel.merge();
        QVERIFY(merged.wait(20000));
        QCOMPARE(merged.first().at(0).toBool(), false);
        QCOMPARE(merged.first().at(2).toStringList(), QStringList {QStringLiteral("src/main.cpp")});
        QVERIFY(panel.reviewResultText().contains(QStringLiteral("conflict")));
        QVERIFY(panel.reviewResultText().contains(QStringLiteral("src/main.cpp")));
        // Nothing was left half-merged on main.
        QVERIFY(run->repo.git({QStringLiteral("status"), QStringLiteral("--porcelain")}).isEmpty());
    }

    void discardRemovesWorktreeAndBranch()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        panel.show();
        open(panel, *run);
        QSignalSpy discarded(&panel, &DiffReviewPanel::discardFinished);
        QTest::mouseClick(panel.findChild<QPushButton *>(QStringLiteral("discardButton")), Qt::LeftButton);
        auto *box = panel.findChild<QMessageBox *>(QStringLiteral("confirmDiscard"));
        QVERIFY(box);
        QVERIFY(box->text().contains(run->info.branch));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmDiscardButton")),
                          Qt::LeftButton);
        QVERIFY(discarded.wait(20000));
        QCOMPARE(discarded.first().at(0).toBool(), true);
        QVERIFY(!QFileInfo::exists(run->info.path));
        run->repo.git({QStringLiteral("rev-parse"), QStringLiteral("--verify"),
                       QStringLiteral("refs/heads/") + run->info.branch});
        QVERIFY(run->repo.lastExitCode != 0);
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

    void liveRefreshFollowsTheRun()
    {
        auto run = makeRun();
        DiffReviewPanel panel;
        open(panel, *run);
        panel.setLiveRefresh(true, 100);
        QTRY_VERIFY(panel.isLiveRefreshWatching()); // the first poll records the current state
        run->repo.write(run->info.path.mid(run->repo.path().size() + 1) + QStringLiteral("/src/extra.cpp"),
                        "int extra;\n");
        WorktreeManager(run->repo.path()).checkpoint(run->info.path, QStringLiteral("iteration 3"));
        QTRY_VERIFY_WITH_TIMEOUT(shownFiles(panel).contains(QStringLiteral("src/extra.cpp")), 15000);
        QCOMPARE(panel.checkpoints().size(), 5);
    }
};

QTEST_MAIN(TestDiffReviewPanel)
#include "tst_diffreviewpanel.moc"
