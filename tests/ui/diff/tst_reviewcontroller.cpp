// The Diff view following a run through the store, as a reviewer sees it: before the run has a
// worktree it says so (not "no changes"), while it builds it shows the worktree live, at review its
// cumulative diff; comments go back through the review service; Merge asks first and cleans up; after a
// merge nothing is offered that would fail. Real git worktrees, a real SQLite store.
#include "ui/support/uifixture.h"

#include "common/runtracker.h"
#include "diff/diffreviewpanel.h"
#include "diff/diffview.h"
#include "diff/reviewcontroller.h"
#include "diff/reviewsidepanel.h"
#include "diff/revisionbar.h"
#include "runtime/worktreemanager.h"

#include <QCheckBox>
#include <QComboBox>
#include <QInputDialog>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestReviewController : public QObject
{
    Q_OBJECT

    // A repository with a task and a run in the store; the run's worktree is made by makeWorktree().
    struct Setup
    {
        UiFixture fx;
        Task task;
        Run run;
        WorktreeInfo wt;
        QString base;
        RepositorySession *session = nullptr;
        RunTracker *tracker = nullptr;
        ReviewController *controller = nullptr;
        DiffReviewPanel *panel = nullptr;

        Setup()
        {
            fx.git({QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Reviewer")});
            fx.git({QStringLiteral("config"), QStringLiteral("user.email"), QStringLiteral("r@example.org")});
            QByteArray code;
            for (int i = 1; i <= 40; ++i)
                code += "value_" + QByteArray::number(i) + " = " + QByteArray::number(i) + "\n";
            write(fx.repo, QStringLiteral("src/units/core/temperature.py"), code);
            write(fx.repo, QStringLiteral("README.md"), "# units\n");
            fx.git({QStringLiteral("add"), QStringLiteral("-A")});
            fx.git({QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("base")});
            task = fx.addTask(QStringLiteral("Convert to kelvin"), {}, TaskState::Running);
            run = fx.addRun(task.id);
            fx.append(
                    run.id, QStringLiteral("human:tester"), QStringLiteral("run_requested"),
                    {{QStringLiteral("task"), task.id}, {QStringLiteral("target"), QStringLiteral("main")}});
            panel = new DiffReviewPanel;
            panel->resize(1280, 700);
            panel->show();
            session = fx.session(panel);
            tracker = new RunTracker(session, panel);
            controller = new ReviewController(panel);
            controller->setSession(session, tracker);
            panel->setController(controller);
            panel->setLiveRefresh(true, 100);
        }
        ~Setup() { delete panel; }

        static void write(const QString &root, const QString &relative, const QByteArray &text)
        {
            const QString path = root + QLatin1Char('/') + relative;
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile f(path);
            f.open(QIODevice::WriteOnly | QIODevice::Truncate);
            f.write(text);
        }

        // What the engine does before it plans: the worktree, the run's record, run_created.
        void makeWorktree()
        {
            auto made = WorktreeManager(fx.repo).create(task.id, run.id, QStringLiteral("main"));
            QVERIFY2(made, qPrintable(made.errorText()));
            wt = *made;
            base = wt.baseCommit;
            run.worktreePath = wt.path;
            run.branch = wt.branch;
            QVERIFY(fx.store->updateRun(run));
            fx.append(run.id, QStringLiteral("harness"), QStringLiteral("run_created"),
                      {{QStringLiteral("task"), task.id},
                       {QStringLiteral("base_commit"), wt.baseCommit},
                       {QStringLiteral("worktree"), wt.path},
                       {QStringLiteral("branch"), wt.branch},
                       {QStringLiteral("target"), QStringLiteral("main")}});
            session->refresh();
        }

        void phase(const QString &name, int iteration)
        {
            fx.append(run.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                      {{QStringLiteral("phase"), name}, {QStringLiteral("iteration"), iteration}});
            session->refresh();
        }

        // The agent's change in the worktree, committed as a checkpoint.
        QString buildIteration(int iteration, const QByteArray &from, const QByteArray &to)
        {
            const QString file = wt.path + QStringLiteral("/src/units/core/temperature.py");
            QFile f(file);
            f.open(QIODevice::ReadOnly);
            QByteArray text = f.readAll();
            f.close();
            text.replace(from, to);
            write(wt.path, QStringLiteral("src/units/core/temperature.py"), text);
            auto commit = WorktreeManager(fx.repo).checkpoint(wt.path,
                                                              QStringLiteral("iteration %1").arg(iteration));
            fx.append(run.id, QStringLiteral("harness"), QStringLiteral("checkpoint"),
                      {{QStringLiteral("commit"), commit.value()}, {QStringLiteral("iteration"), iteration}});
            return commit.value();
        }

        void reachReview()
        {
            makeWorktree();
            phase(QStringLiteral("build"), 1);
            buildIteration(1, "value_20 = 20\n", "value_20 = 273.15\n");
            phase(QStringLiteral("verify"), 1);
            phase(QStringLiteral("review"), 1);
        }

        QStringList shownFiles() const
        {
            QStringList out;
            if (panel->document())
                for (const DiffFile &f : panel->document()->files)
                    out << f.path();
            return out;
        }

        bool shows(const QString &text) const
        {
            const DiffDocumentPtr doc = panel->document();
            if (!doc)
                return false;
            for (int i = 0; i < int(doc->lines.size()); ++i)
                if (doc->lineText(i) == text)
                    return true;
            return false;
        }

        QStringList kinds() const
        {
            QStringList out;
            const QList<Event> events = fx.store->events(run.id).value();
            for (const Event &e : events)
                out << e.kind;
            return out;
        }
    };

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // A failure after the decision is said with it, on every route (a pull request's too).
    void theMergeMessageSaysWhatFailedAfterwards()
    {
        MergeReport r;
        r.route = MergeRoute::PullRequest;
        r.branch = QStringLiteral("harness/T1/R1");
        r.remote = QStringLiteral("origin");
        r.target = QStringLiteral("main");
        QVERIFY(ReviewController::mergeMessage(r, false).startsWith(
                QStringLiteral("Left harness/T1/R1 on origin for a pull request")));
        r.cleanupError = QStringLiteral("Left for a pull request, but its entry in the runners' queue still "
                                        "says it awaits review (the server went away).");
        QVERIFY(ReviewController::mergeMessage(r, false).endsWith(r.cleanupError));
        r.route = MergeRoute::Push;
        r.pushed = true;
        QVERIFY(ReviewController::mergeMessage(r, false).endsWith(r.cleanupError));
        r.route = MergeRoute::Local;
        QVERIFY(ReviewController::mergeMessage(r, true).endsWith(r.cleanupError));
    }

    void followsTheRunFromItsStartToReview()
    {
        Setup s;
        s.session->selectRun(s.run.id);
        // No worktree yet: the view says the run is being prepared — it never shows the main
        // checkout's (empty) diff as if it were the run's.
        QTRY_VERIFY(s.panel->bannerText().contains(QStringLiteral("being prepared")));
        QVERIFY(!s.panel->document());
        QVERIFY(!s.panel->sidePanel()->mergeButton()->isEnabled());

        // The engine makes the worktree and builds: the view rebinds by itself and shows the worktree live.
        s.makeWorktree();
        s.phase(QStringLiteral("build"), 1);
        QTRY_COMPARE(s.controller->target().worktree, s.wt.path);
        Setup::write(s.wt.path, QStringLiteral("src/units/cli.py"), "print('kelvin')\n");
        QTRY_VERIFY_WITH_TIMEOUT(s.shownFiles().contains(QStringLiteral("src/units/cli.py")), 15000);
        QVERIFY(s.panel->sidePanel()->statusText().contains(QStringLiteral("building")));
        QVERIFY(!s.panel->sidePanel()->mergeButton()->isEnabled());

        // The iteration is committed and passes: at review the cumulative diff is the commit's.
        s.buildIteration(1, "value_20 = 20\n", "value_20 = 273.15\n");
        s.phase(QStringLiteral("verify"), 1);
        s.phase(QStringLiteral("review"), 1);
        QTRY_VERIFY_WITH_TIMEOUT(s.panel->sidePanel()->mergeButton()->isEnabled(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(s.shows(QStringLiteral("value_20 = 273.15")), 15000);
        QVERIFY(s.shows(QStringLiteral("value_20 = 20")));
        QCOMPARE(s.panel->currentRequest().from, s.base);
        QVERIFY(!s.panel->currentRequest().to.isEmpty()); // the commit, not the working tree
        QVERIFY(s.panel->sidePanel()->statusText().contains(QStringLiteral("waits for your review")));
        QVERIFY(s.panel->statusText().contains(QStringLiteral("changed")));
    }

    void commentsGoBackThroughTheReviewService()
    {
        Setup s;
        s.reachReview();
        s.session->selectRun(s.run.id);
        QTRY_VERIFY_WITH_TIMEOUT(s.shows(QStringLiteral("value_20 = 273.15")), 15000);
        QTRY_VERIFY(s.panel->sidePanel()->mergeButton()->isEnabled());
        QVERIFY(s.panel->showLocation(QStringLiteral("src/units/core/temperature.py"), 20));
        DiffView *view = s.panel->currentView();
        const int row = view->currentRow() - view->firstVisibleRow();
        QTest::mouseDClick(
                view->viewport(), Qt::LeftButton, {},
                QPoint(view->viewport()->width() / 2, row * view->rowHeight() + view->rowHeight() / 2));
        auto *dialog = s.panel->findChild<QInputDialog *>(QStringLiteral("commentDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->labelText().contains(QStringLiteral("temperature.py, line 20")));
        dialog->setTextValue(QStringLiteral("Name the unit in the constant."));
        dialog->accept();
        QCOMPARE(s.panel->sidePanel()->commentList()->count(), 1);
        QPushButton *send = s.panel->sidePanel()->sendButton();
        QVERIFY(send->isEnabled());
        QTest::mouseClick(send, Qt::LeftButton);
        QTRY_VERIFY(s.panel->reviewResultText().contains(QStringLiteral("Sent 1 comment")));
        QCOMPARE(s.panel->sidePanel()->commentList()->count(), 0);
        const QStringList kinds = s.kinds();
        QVERIFY(kinds.contains(QStringLiteral("review_comment")));
        QVERIFY(kinds.contains(QStringLiteral("review_feedback")));
        const QList<Event> events = s.fx.store->events(s.run.id).value();
        for (const Event &e : events)
            if (e.kind == QLatin1String("review_comment")) {
                QCOMPARE(e.payload.value(QStringLiteral("line")).toInt(), 20);
                QCOMPARE(e.actor, RepositorySession::userActor());
            }
        // Another iteration starts: nothing can be merged or sent until it is back in review.
        QTRY_VERIFY(!s.panel->sidePanel()->mergeButton()->isEnabled());
        QTRY_VERIFY(s.panel->sidePanel()->statusText().contains(QStringLiteral("building")));
    }

    void mergeAsksDropsNothingSilentlyAndCleansUp()
    {
        Setup s;
        s.reachReview();
        s.session->selectRun(s.run.id);
        QTRY_VERIFY_WITH_TIMEOUT(s.panel->sidePanel()->mergeButton()->isEnabled(), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(s.shows(QStringLiteral("value_20 = 273.15")), 15000);
        s.panel->addComment({QStringLiteral("src/units/core/temperature.py"), LineComment::Side::New, 20,
                             QStringLiteral("Unsent"), QStringLiteral("value_20 = 273.15")});
        QTest::mouseClick(s.panel->sidePanel()->mergeButton(), Qt::LeftButton);
        auto *box = s.panel->findChild<QMessageBox *>(QStringLiteral("confirmMerge"));
        QVERIFY(box);
        QVERIFY(box->text().contains(s.wt.branch));
        QVERIFY2(box->informativeText().contains(QStringLiteral("1 comment")),
                 qPrintable(box->informativeText()));
        auto *cleanup = box->findChild<QCheckBox *>(QStringLiteral("deleteBranchCheck"));
        QVERIFY(cleanup && cleanup->isChecked());
        QSignalSpy merged(s.panel, &DiffReviewPanel::mergeFinished);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmMergeButton")),
                          Qt::LeftButton);
        QVERIFY(merged.wait(20000));
        QVERIFY2(merged.first().at(0).toBool(), qPrintable(merged.first().at(1).toString()));
        QVERIFY(s.panel->reviewResultText().contains(QStringLiteral("Merged")));
        // The branch and the worktree are gone; main has the change; the merge is the human's event.
        QVERIFY(!QFileInfo::exists(s.wt.path));
        QProcess git;
        git.setWorkingDirectory(s.fx.repo);
        git.start(QStringLiteral("git"), {QStringLiteral("branch"), QStringLiteral("--list"), s.wt.branch});
        git.waitForFinished();
        QVERIFY(git.readAllStandardOutput().trimmed().isEmpty());
        QFile merged1(s.fx.repo + QStringLiteral("/src/units/core/temperature.py"));
        QVERIFY(merged1.open(QIODevice::ReadOnly));
        QVERIFY(merged1.readAll().contains("value_20 = 273.15"));
        bool audited = false;
        const QList<Event> events = s.fx.store->events(s.run.id).value();
        for (const Event &e : events)
            audited |= e.kind == QLatin1String("merged") && e.actor == RepositorySession::userActor();
        QVERIFY(audited);

        // Bug: after a merge, Send and Discard stayed enabled and a comment "sent" vanished.
        QTRY_VERIFY(s.panel->sidePanel()->statusText().contains(QStringLiteral("merged")));
        QVERIFY(!s.panel->sidePanel()->mergeButton()->isEnabled());
        QVERIFY(!s.panel->sidePanel()->discardButton()->isEnabled());
        s.panel->addComment({QStringLiteral("src/units/core/temperature.py"), LineComment::Side::New, 20,
                             QStringLiteral("Too late"), QStringLiteral("value_20 = 273.15")});
        QVERIFY(!s.panel->sidePanel()->sendButton()->isEnabled());
        s.panel->sendFeedback();
        QTRY_VERIFY(s.panel->reviewResultText().contains(QStringLiteral("not sent")));
        QCOMPARE(s.panel->comments().size(), 1); // kept, not silently dropped
        // The merged run's diff is still readable (its branch is gone, its commits are not).
        QSignalSpy loaded(s.panel, &DiffReviewPanel::loaded);
        s.panel->reload();
        QVERIFY(loaded.wait(15000));
        QVERIFY(s.shows(QStringLiteral("value_20 = 273.15")));
    }

    void conflictKeepsTheRunInReviewAndNamesTheFiles()
    {
        Setup s;
        s.reachReview();
        // main moved on the same line meanwhile.
        Setup::write(s.fx.repo, QStringLiteral("src/units/core/temperature.py"),
                     QByteArray("value_20 = -20\n") + QByteArray(10, '#') + "\n");
        s.fx.git({QStringLiteral("commit"), QStringLiteral("-qam"), QStringLiteral("main moved")});
        s.session->selectRun(s.run.id);
        QTRY_VERIFY_WITH_TIMEOUT(s.panel->sidePanel()->mergeButton()->isEnabled(), 15000);
        QSignalSpy merged(s.panel, &DiffReviewPanel::mergeFinished);
        s.panel->merge();
        auto *box = s.panel->findChild<QMessageBox *>(QStringLiteral("confirmMerge"));
        QVERIFY(box);
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmMergeButton")),
                          Qt::LeftButton);
        QVERIFY(merged.wait(20000));
        QCOMPARE(merged.first().at(0).toBool(), false);
        QCOMPARE(merged.first().at(2).toStringList(),
                 QStringList {QStringLiteral("src/units/core/temperature.py")});
        QVERIFY(s.panel->reviewResultText().contains(QStringLiteral("conflict")));
        QVERIFY(QFileInfo::exists(s.wt.path));
        QTRY_VERIFY(s.panel->sidePanel()->mergeButton()->isEnabled()); // still in review
    }

    void discardRemovesWorktreeAndBranch()
    {
        Setup s;
        s.reachReview();
        s.session->selectRun(s.run.id);
        QTRY_VERIFY_WITH_TIMEOUT(s.panel->sidePanel()->discardButton()->isEnabled(), 15000);
        QSignalSpy discarded(s.panel, &DiffReviewPanel::discardFinished);
        QTest::mouseClick(s.panel->sidePanel()->discardButton(), Qt::LeftButton);
        auto *box = s.panel->findChild<QMessageBox *>(QStringLiteral("confirmDiscard"));
        QVERIFY(box);
        QVERIFY(box->text().contains(s.wt.branch));
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("confirmDiscardButton")),
                          Qt::LeftButton);
        QVERIFY(discarded.wait(20000));
        QVERIFY(discarded.first().at(0).toBool());
        QVERIFY(!QFileInfo::exists(s.wt.path));
        QVERIFY(s.kinds().contains(QStringLiteral("discarded")));
        QTRY_VERIFY(s.panel->sidePanel()->statusText().contains(QStringLiteral("discarded")));
        QVERIFY(!s.panel->sidePanel()->discardButton()->isEnabled());
    }

    void anyTwoBranchesCanBeCompared()
    {
        Setup s;
        // A branch another agent made, outside any run.
        s.fx.git({QStringLiteral("checkout"), QStringLiteral("-qb"), QStringLiteral("agent/other")});
        Setup::write(s.fx.repo, QStringLiteral("src/other.py"), "def other():\n    return 1\n");
        s.fx.git({QStringLiteral("add"), QStringLiteral("-A")});
        s.fx.git({QStringLiteral("commit"), QStringLiteral("-qm"), QStringLiteral("other agent's work")});
        s.fx.git({QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main")});
        s.session->selectRun({});
        QTRY_VERIFY(s.panel->sidePanel()->statusText().contains(QStringLiteral("No run is selected")));
        QComboBox *from = s.panel->revisionBar()->fromCombo();
        QComboBox *to = s.panel->revisionBar()->toCombo();
        // The branch was made outside the workbench, perhaps after the panel listed the revisions: the
        // reviewer reloads, as they would. The list is read off the GUI thread (a while on a loaded machine).
        s.panel->revisionBar()->reloadAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(to->findText(QStringLiteral("agent/other")) >= 0, 15000);
        from->setCurrentIndex(from->findText(QStringLiteral("main")));
        to->setCurrentIndex(to->findText(QStringLiteral("agent/other")));
        Q_EMIT to->activated(to->currentIndex());
        // A load the first choice started may still finish first: wait for the one asked for.
        QTRY_COMPARE_WITH_TIMEOUT(s.shownFiles(), QStringList {QStringLiteral("src/other.py")}, 15000);
        QVERIFY(s.shows(QStringLiteral("def other():")));
        // Not a run: nothing to merge or send here.
        QVERIFY(!s.panel->sidePanel()->mergeButton()->isEnabled());
    }
};

QTEST_MAIN(TestReviewController)
#include "tst_reviewcontroller.moc"
