// RunState: the run's phase and facts are a pure fold over its events; approvals bind to a plan hash.
#include "core/eventkinds.h"
#include "core/events/eventdescription.h"
#include "core/events/reviewevents.h"
#include "core/events/runevents.h"
#include "orchestration/budgetguard.h"
#include "orchestration/runstate.h"

#include <QJsonArray>
#include <QTest>

using namespace harness;

class TestRunState : public QObject
{
    Q_OBJECT

    QList<Event> m_events;
    void add(QLatin1StringView kind, QJsonObject payload = {}, QString actor = QStringLiteral("harness"))
    {
        Event e = Event::make(QStringLiteral("R1"), actor, QString(kind), payload);
        e.seq = m_events.size() + 1;
        m_events << e;
    }
    static Plan plan(const QString &summary)
    {
        Plan p;
        p.summary = summary;
        p.steps.append({QStringLiteral("edit"), {QStringLiteral("src/a.py")}});
        return p;
    }

private Q_SLOTS:
    void init() { m_events.clear(); }

    void walksThroughTheWholeLoop()
    {
        add(kinds::RunCreated,
            {{"task", "T1"}, {"base_commit", "abc"}, {"worktree", "/w"}, {"branch", "harness/T1/R1"}});
        QCOMPARE(RunState::fold(m_events).phase, RunPhase::Created);
        add(kinds::PhaseStarted, {{"phase", "plan"}});
        QCOMPARE(RunState::fold(m_events).phase, RunPhase::Planning);
        const Plan p = plan("first");
        add(kinds::PlanProposed, {{"plan", p.toJson()}});
        RunState s = RunState::fold(m_events);
        QVERIFY(s.planPending);
        QCOMPARE(s.planHash, p.hash());
        QVERIFY(!s.writeAllowed());
        add(kinds::ApprovalRequested, {{"approval", "A1"}, {"kind", "plan"}});
        QCOMPARE(RunState::fold(m_events).phase, RunPhase::AwaitingApproval);
        add(kinds::PlanApproved, {{"approval", "A1"}, {"plan_hash", QString::fromLatin1(p.hash())}},
            "human:ann");
        s = RunState::fold(m_events);
        QVERIFY(s.writeAllowed());
        add(kinds::PhaseStarted, {{"phase", "build"}, {"iteration", 1}});
        add(kinds::AgentResponse,
            {{"tool_calls", QJsonArray {QJsonObject {{"id", "c1"}, {"name", "write_file"}}}}});
        s = RunState::fold(m_events);
        QCOMPARE(s.phase, RunPhase::Building);
        QCOMPARE(s.iteration, 1);
        QCOMPARE(s.unansweredToolCalls.size(), 1);
        QVERIFY(!s.iterationAgentDone);
        add(kinds::ToolCallStarted, {{"call_id", "c1"}});
        QVERIFY(RunState::fold(m_events).startedToolCalls.contains("c1"));
        add(kinds::ToolResult, {{"call_id", "c1"}, {"ok", true}});
        QVERIFY(RunState::fold(m_events).unansweredToolCalls.isEmpty());
        add(kinds::AgentResponse, {{"text", "done"}});
        QVERIFY(RunState::fold(m_events).iterationAgentDone);
        add(kinds::Checkpoint, {{"commit", "c0ffee"}, {"iteration", 1}});
        add(kinds::PhaseStarted, {{"phase", "verify"}});
        add(kinds::VerifyFinished,
            {{"passed", false},
             {"findings",
              QJsonArray {Finding {"src/a.py", 3, 0, Severity::Error, "r", "bad", "tests"}.toJson()}}});
        s = RunState::fold(m_events);
        QCOMPARE(s.phase, RunPhase::Verifying);
        QVERIFY(s.verifyDone && !s.verifyPassed);
        QCOMPARE(s.latestFindings.size(), 1);
        add(kinds::PhaseStarted, {{"phase", "fix"}, {"iteration", 2}});
        s = RunState::fold(m_events);
        QCOMPARE(s.phase, RunPhase::Fixing);
        QCOMPARE(s.iteration, 2);
        QVERIFY(!s.iterationCheckpointed);
        QCOMPARE(s.lastCheckpoint, QStringLiteral("c0ffee"));
        add(kinds::PhaseStarted, {{"phase", "review"}});
        QCOMPARE(RunState::fold(m_events).phase, RunPhase::Review);
        add(kinds::Merged, {{"commit", "m1"}}, "human:ann");
        s = RunState::fold(m_events);
        QCOMPARE(s.phase, RunPhase::Merged);
        QVERIFY(isTerminal(s.phase));
        QCOMPARE(s.modelTurns, 2);
    }

    void approvalOfAnotherPlanDoesNotOpenTheWriteGate()
    {
        add(kinds::PhaseStarted, {{"phase", "plan"}});
        add(kinds::PlanProposed, {{"plan", plan("A").toJson()}});
        add(kinds::PlanApproved, {{"plan_hash", QString::fromLatin1(plan("B").hash())}});
        QVERIFY(!RunState::fold(m_events).writeAllowed());
    }

    void aNewPlanRevokesAnEarlierApproval()
    {
        add(kinds::PlanProposed, {{"plan", plan("A").toJson()}});
        add(kinds::PlanApproved, {{"plan_hash", QString::fromLatin1(plan("A").hash())}});
        QVERIFY(RunState::fold(m_events).writeAllowed());
        add(kinds::PlanProposed, {{"plan", plan("B").toJson()}});
        QVERIFY(!RunState::fold(m_events).writeAllowed());
    }

    void editedPlanIsWhatGetsBuilt()
    {
        add(kinds::PlanProposed, {{"plan", plan("A").toJson()}});
        add(kinds::PlanEdited, {{"plan", plan("A, edited").toJson()}});
        add(kinds::PlanApproved, {{"plan_hash", QString::fromLatin1(plan("A, edited").hash())}});
        const RunState s = RunState::fold(m_events);
        QVERIFY(s.writeAllowed());
        QCOMPARE(s.plan->summary, QStringLiteral("A, edited"));
    }

    void changesRequestedGoBackToPlanWithFeedback()
    {
        add(kinds::PlanProposed, {{"plan", plan("A").toJson()}});
        add(kinds::ApprovalRequested, {{"approval", "A1"}, {"kind", "plan"}});
        add(kinds::PlanChangesRequested, {{"feedback", "also handle rankine"}}, "human:bob");
        const RunState s = RunState::fold(m_events);
        QCOMPARE(s.phase, RunPhase::Planning);
        QCOMPARE(s.planFeedback, QStringLiteral("also handle rankine"));
        QVERIFY(!s.planPending);
        QVERIFY(s.pendingApprovalId.isEmpty());
    }

    void pauseResumeAbortAndTokens()
    {
        add(kinds::ModelCall, {{"input_tokens", 100}, {"output_tokens", 20}, {"cost", 0.5}});
        add(kinds::ModelCall, {{"input_tokens", 10}, {"output_tokens", 2}, {"cost", 0.25}});
        add(kinds::Paused);
        RunState s = RunState::fold(m_events);
        QVERIFY(s.paused);
        QCOMPARE(s.tokensIn + s.tokensOut, 132);
        QCOMPARE(s.cost, 0.75);
        add(kinds::Resumed);
        QVERIFY(!RunState::fold(m_events).paused);
        add(kinds::Aborted, {{"reason", "enough"}});
        s = RunState::fold(m_events);
        QCOMPARE(s.phase, RunPhase::Aborted);
        QCOMPARE(s.endReason, QStringLiteral("enough"));
    }

    // Teams: a queued run, then claimed by a runner; a takeover moves the worktree to the new runner's
    // machine, and the payloads read back as they were written.
    void queuedAndClaimedRuns()
    {
        add(kinds::RunCreated,
            {{"task", "T1"}, {"base_commit", "abc"}, {"worktree", "/a/wt"}, {"branch", "b"}});
        const RunQueuedPayload queued {3, QStringLiteral("/srv/git/p.git"), QStringLiteral("human:ann")};
        m_events << makeEvent(QStringLiteral("R1"), queued, QStringLiteral("human:ann"));
        RunClaimedPayload first {QStringLiteral("r1"), QStringLiteral("node-a"), 1, {}, {}, {}, {}};
        // Claimed an hour after it was queued: the wall-time budget counts from the claim, not the queue.
        const QDateTime claimedAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        m_events << makeEvent(QStringLiteral("R1"), first, QStringLiteral("harness"));
        m_events.last().time = claimedAt;
        RunState s = RunState::fold(m_events);
        QCOMPARE(s.firstClaimed, claimedAt);
        Run run;
        run.created = claimedAt.addSecs(-3600);
        QCOMPARE(BudgetGuard::wallClockStart(run, s), claimedAt);
        QCOMPARE(BudgetGuard::wallClockStart(run, RunState {}), run.created); // never queued
        QVERIFY(s.queued);
        QCOMPARE(s.runner, QStringLiteral("r1"));
        QCOMPARE(s.runnerHost, QStringLiteral("node-a"));
        QCOMPARE(s.worktreePath, QStringLiteral("/a/wt")); // the first claim restored nothing
        RunClaimedPayload takeover {QStringLiteral("r2"), QStringLiteral("node-b"), 2,
                                    QStringLiteral("r1"), QStringLiteral("/b/wt"),  QStringLiteral("c1"),
                                    QStringLiteral("s1")};
        m_events << makeEvent(QStringLiteral("R1"), takeover, QStringLiteral("harness"));
        s = RunState::fold(m_events);
        QCOMPARE(s.firstClaimed, claimedAt); // a takeover does not restart the clock
        QCOMPARE(s.runner, QStringLiteral("r2"));
        QCOMPARE(s.worktreePath, QStringLiteral("/b/wt"));

        auto q = readPayload<RunQueuedPayload>(m_events.at(1));
        QVERIFY2(q, qPrintable(q.errorText()));
        QCOMPARE(q->priority, 3);
        QCOMPARE(q->remote, queued.remote);
        QCOMPARE(q->autoApprove, queued.autoApprove);
        auto c = readPayload<RunClaimedPayload>(m_events.last());
        QVERIFY2(c, qPrintable(c.errorText()));
        QCOMPARE(c->token, 2);
        QCOMPARE(c->previousRunner, QStringLiteral("r1"));
        QCOMPARE(c->commit, QStringLiteral("c1"));
        QCOMPARE(c->snapshot, QStringLiteral("s1"));
        QVERIFY(EventDescription::describe(m_events.last()).contains(QLatin1String("taken over from r1")));
        // A claim without a runner is refused, naming the field.
        auto bad = RunClaimedPayload::fromJson(QJsonObject {{"token", 1}});
        QVERIFY(!bad);
        QVERIFY2(bad.errorText().contains(QLatin1String("runner")), qPrintable(bad.errorText()));
    }

    // A runner's run reviewed in a workbench: the remote comes from run_queued; the run ends left for a
    // pull request (its JSON as written, read back, and a missing branch refused by name); a merge that
    // could not be pushed says so in the merged event.
    void leftForPullRequestAndPushedMerge()
    {
        add(kinds::RunCreated,
            {{"task", "T1"}, {"base_commit", "abc"}, {"branch", "harness/T1/R1"}, {"target", "main"}});
        m_events << makeEvent(QStringLiteral("R1"),
                              RunQueuedPayload {0, QStringLiteral("ssh://git/p.git"), {}});
        add(kinds::PhaseStarted, {{"phase", "review"}, {"iteration", 1}});
        QCOMPARE(RunState::fold(m_events).remote, QStringLiteral("ssh://git/p.git"));
        const LeftForPullRequestPayload left {QStringLiteral("ssh://git/p.git"),
                                              QStringLiteral("harness/T1/R1"), QStringLiteral("main"),
                                              QStringLiteral("c0ffee")};
        const QJsonObject json = left.toJson();
        QCOMPARE(json,
                 (QJsonObject {{"v", 1},
                               {"remote", "ssh://git/p.git"},
                               {"branch", "harness/T1/R1"},
                               {"target", "main"},
                               {"commit", "c0ffee"}}));
        m_events << makeEvent(QStringLiteral("R1"), left, QStringLiteral("human:ann"));
        QCOMPARE(m_events.last().kind, QStringLiteral("left_for_pull_request"));
        const RunState s = RunState::fold(m_events);
        QCOMPARE(s.phase, RunPhase::PullRequest);
        QVERIFY(isTerminal(s.phase));
        QCOMPARE(s.summary().outcome, QStringLiteral("left_for_pull_request"));
        QVERIFY(kinds::endsRun(QStringLiteral("left_for_pull_request")));
        auto back = readPayload<LeftForPullRequestPayload>(m_events.last());
        QVERIFY2(back, qPrintable(back.errorText()));
        QCOMPARE(back->branch, left.branch);
        QCOMPARE(back->commit, left.commit);
        QVERIFY(EventDescription::describe(m_events.last())
                        .contains(QLatin1String("harness/T1/R1 on ssh://git/p.git")));
        auto bad = LeftForPullRequestPayload::fromJson(QJsonObject {{"remote", "x"}});
        QVERIFY(!bad);
        QVERIFY2(bad.errorText().contains(QLatin1String("branch")), qPrintable(bad.errorText()));

        MergedPayload merged {QStringLiteral("m1"),
                              QStringLiteral("main"),
                              QStringLiteral("harness/T1/R1"),
                              true,
                              QStringLiteral("ssh://git/p.git"),
                              false,
                              QStringLiteral("main has moved on")};
        QCOMPARE(merged.toJson().value(QLatin1String("v")).toInt(), 2);
        auto mergedBack = MergedPayload::fromJson(merged.toJson());
        QVERIFY(mergedBack);
        QCOMPARE(mergedBack->remote, merged.remote);
        QVERIFY(!mergedBack->pushed);
        QCOMPARE(mergedBack->pushError, merged.pushError);
        // A merge of a run driven here reads as before (version 1, no remote).
        auto local =
                MergedPayload::fromJson(QJsonObject {{"commit", "m2"}, {"target", "main"}, {"branch", "b"}});
        QVERIFY(local);
        QVERIFY(local->remote.isEmpty());
        QVERIFY(!local->pushed);
    }

    void unknownKindsAreIgnored()
    {
        add(kinds::PhaseStarted, {{"phase", "plan"}});
        add(QLatin1StringView("from_the_future"), {{"x", 1}});
        QCOMPARE(RunState::fold(m_events).phase, RunPhase::Planning);
    }
};

QTEST_GUILESS_MAIN(TestRunState)
#include "tst_runstate.moc"
