// Tests for the run queue and its leases on both stores: claim order, one claim per run among racing
// claimers, heartbeats, expiry and takeover with a higher fencing token, appends refused with a stale
// token (checked against the lease row), limits on concurrent runs and spend, the runner roster,
// wake-ups from another store connection, connections handed on from threads that ended, and a person's
// end of a run ending its entry without a lease (RunQueue::finish) — never under a runner's lease, also
// when racing claims.
#include "storetestbackend.h"

#include "store/runnerroster.h"
#include "store/runqueue.h"
#include "store/storenotifier.h"

#include <QElapsedTimer>
#include <QSet>
#include <QTest>
#include <QtConcurrent>
#include <latch>
#include <thread>

using namespace harness;

namespace {
Event step(const QString &run, int n)
{
    return Event::make(run, QStringLiteral("harness"), QStringLiteral("step"), {{QStringLiteral("n"), n}});
}
} // namespace

class TestRunQueue : public QObject
{
    Q_OBJECT

public:
    explicit TestRunQueue(const QString &backend) : m_backend(backend) { }

private:
    StoreTestBackend m_backend;
    int m_counter = 0;
    StoreLocation fresh() { return m_backend.at(QStringLiteral("queue%1").arg(++m_counter)); }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = m_backend.unavailableReason(); !why.isEmpty())
            QFAIL(qPrintable(why));
        qInfo("backend: %s", qPrintable(m_backend.name()));
    }

    void claimsByPriorityThenQueueOrder()
    {
        auto store = Store::open(fresh());
        QVERIFY2(store, qPrintable(store.errorText()));
        RunQueue &queue = (*store)->queue();
        QVERIFY(queue.enqueue(QStringLiteral("R1"), QStringLiteral("T1"), 0,
                              QStringLiteral("/srv/git/p.git")));
        QVERIFY(queue.enqueue(QStringLiteral("R2"), QStringLiteral("T2"), 5, QString()));
        QVERIFY(queue.enqueue(QStringLiteral("R3"), QStringLiteral("T3"), 0, QString()));
        auto again = queue.enqueue(QStringLiteral("R1"), QStringLiteral("T1"), 9, QString());
        QVERIFY(!again);
        QVERIFY2(again.errorText().contains(QStringLiteral("queued already")), qPrintable(again.errorText()));

        QStringList order;
        for (int i = 0; i < 3; ++i) {
            auto lease = queue.claim(QStringLiteral("runner-a"), 60000);
            QVERIFY2(lease, qPrintable(lease.errorText()));
            QVERIFY(lease->has_value());
            QCOMPARE((*lease)->token, 1);
            QVERIFY((*lease)->previousRunner.isEmpty());
            order << (*lease)->runId;
            if ((*lease)->runId == QStringLiteral("R1"))
                QCOMPARE((*lease)->remote, QStringLiteral("/srv/git/p.git"));
        }
        QCOMPARE(order, (QStringList {QStringLiteral("R2"), QStringLiteral("R1"), QStringLiteral("R3")}));
        auto none = queue.claim(QStringLiteral("runner-a"), 60000);
        QVERIFY(none);
        QVERIFY(!none->has_value());
        auto entries = queue.entries();
        QCOMPARE(entries->size(), 3);
        for (const QueueEntry &e : *entries) {
            QCOMPARE(e.state, QueueEntry::State::Claimed);
            QCOMPARE(e.runner, QStringLiteral("runner-a"));
            QVERIFY(e.leaseUntil > QDateTime::currentDateTimeUtc().addSecs(30));
        }
    }

    void expiredLeaseIsTakenOverWithAHigherToken()
    {
        auto store = Store::open(fresh());
        QVERIFY(store);
        RunQueue &queue = (*store)->queue();
        QVERIFY(queue.enqueue(QStringLiteral("R7"), QStringLiteral("T1"), 0, QString()));
        auto first = queue.claim(QStringLiteral("runner-a"), 150);
        QVERIFY(first && first->has_value());
        QCOMPARE(*queue.heartbeat(**first, 150, 0.25), true);
        // Alive: nobody else can take it.
        auto early = queue.claim(QStringLiteral("runner-b"), 60000);
        QVERIFY(early && !early->has_value());
        QTest::qWait(400); // the lease runs out without a heartbeat
        auto second = queue.claim(QStringLiteral("runner-b"), 60000);
        QVERIFY2(second, qPrintable(second.errorText()));
        QVERIFY(second->has_value());
        QCOMPARE((*second)->runId, QStringLiteral("R7"));
        QCOMPARE((*second)->token, (*first)->token + 1);
        QCOMPARE((*second)->claims, 2);
        QCOMPARE((*second)->previousRunner, QStringLiteral("runner-a"));
        // The first runner learns it lost the run at its next heartbeat, and cannot release it.
        QCOMPARE(*queue.heartbeat(**first, 150, 0.5), false);
        QCOMPARE(*queue.release(**first, QueueEntry::State::Done), false);
        auto entry = queue.entry(QStringLiteral("R7"));
        QCOMPARE((*entry)->runner, QStringLiteral("runner-b"));
        QCOMPARE((*entry)->note, QStringLiteral("taken over from runner-a"));
        QCOMPARE((*entry)->spent, 0.25);
        QCOMPARE(*queue.release(**second, QueueEntry::State::Parked, QStringLiteral("review")), true);
        QCOMPARE(queue.entry(QStringLiteral("R7"))->value().state, QueueEntry::State::Parked);
        auto parked = queue.claim(QStringLiteral("runner-c"), 60000);
        QVERIFY(parked && !parked->has_value()); // waits for the human, not for a runner
        QVERIFY(queue.requeue(QStringLiteral("R7")));
        auto third = queue.claim(QStringLiteral("runner-c"), 60000);
        QVERIFY(third && third->has_value());
        QCOMPARE((*third)->token, 3);
        QVERIFY((*third)->previousRunner.isEmpty()); // requeued, not taken over
    }

    // The fencing rule: once another runner holds the lease, the first runner's appends to the run are
    // refused by the store, whichever connection or process they come from; other runs are unaffected.
    void staleTokenCannotAppend()
    {
        const StoreLocation location = fresh();
        auto a = Store::open(location);
        auto b = Store::open(location);
        QVERIFY(a && b);
        (*a)->setOrigin(QStringLiteral("runner-a"), QStringLiteral("host-a"));
        (*b)->setOrigin(QStringLiteral("runner-b"), QStringLiteral("host-b"));
        QVERIFY((*a)->queue().enqueue(QStringLiteral("R1"), QStringLiteral("T1"), 0, QString()));
        auto leaseA = (*a)->queue().claim(QStringLiteral("runner-a"), 150);
        QVERIFY(leaseA && leaseA->has_value());
        (*a)->setFence(QStringLiteral("R1"), (*leaseA)->token);
        auto written = (*a)->append(step(QStringLiteral("R1"), 1));
        QVERIFY2(written, qPrintable(written.errorText()));
        QCOMPARE(written->runner, QStringLiteral("runner-a"));
        QCOMPARE(written->host, QStringLiteral("host-a"));

        QTest::qWait(400);
        auto leaseB = (*b)->queue().claim(QStringLiteral("runner-b"), 60000);
        QVERIFY(leaseB && leaseB->has_value());
        (*b)->setFence(QStringLiteral("R1"), (*leaseB)->token);

        auto refused =
                (*a)->append(QList<Event> {step(QStringLiteral("R1"), 2), step(QStringLiteral("R1"), 3)});
        QVERIFY(!refused);
        QCOMPARE(refused.error().field, QStringLiteral("fencing_token"));
        QVERIFY2(refused.errorText().contains(QStringLiteral("taken over by runner-b")),
                 qPrintable(refused.errorText()));
        // A fire-and-forget record is refused the same way, and another run of the same process is not.
        (*a)->record(step(QStringLiteral("R1"), 4));
        auto other = (*a)->append(step(QStringLiteral("R2"), 1));
        QVERIFY2(other, qPrintable(other.errorText()));
        QVERIFY((*a)->flush());
        auto taken = (*b)->append(step(QStringLiteral("R1"), 5));
        QVERIFY2(taken, qPrintable(taken.errorText()));
        QCOMPARE(taken->seq, 2);

        auto events = (*b)->events(QStringLiteral("R1"));
        QCOMPARE(events->size(), 2);
        QCOMPARE(events->at(0).runner, QStringLiteral("runner-a"));
        QCOMPARE(events->at(1).runner, QStringLiteral("runner-b"));
        QCOMPARE(events->at(1).payload.value(QStringLiteral("n")).toInt(), 5);
        QVERIFY((*b)->verifyChain()->intact);
        // A connection that holds no lease (a workbench where a human decides) is not fenced.
        auto workbench = Store::open(location);
        QVERIFY(workbench);
        QVERIFY((*workbench)
                        ->append(Event::make(QStringLiteral("R1"), QStringLiteral("human:ann"),
                                             QStringLiteral("note"))));
        QVERIFY(!(*a)->append(step(QStringLiteral("R1"), 6)));
        (*a)->clearFence(QStringLiteral("R1"));
        QVERIFY((*a)->append(step(QStringLiteral("R1"), 7)));
    }

    void racingClaimersClaimEachRunOnce()
    {
        const StoreLocation location = fresh();
        {
            auto store = Store::open(location);
            QVERIFY(store);
            for (int i = 1; i <= 120; ++i)
                QVERIFY((*store)->queue().enqueue(QStringLiteral("R%1").arg(i), QStringLiteral("T%1").arg(i),
                                                  i % 3, QString()));
        }
        auto run = [location](int runner) {
            QStringList mine;
            auto store = Store::open(location);
            if (!store)
                return QStringList {QStringLiteral("open failed: ") + store.errorText()};
            for (;;) {
                auto lease = (*store)->queue().claim(QStringLiteral("runner-%1").arg(runner), 60000);
                if (!lease)
                    return QStringList {QStringLiteral("claim failed: ") + lease.errorText()};
                if (!lease->has_value())
                    return mine;
                mine << (*lease)->runId;
            }
        };
        QList<QFuture<QStringList>> claimers;
        QThreadPool pool;
        pool.setMaxThreadCount(4);
        for (int r = 0; r < 4; ++r)
            claimers << QtConcurrent::run(&pool, run, r);
        QSet<QString> all;
        int total = 0;
        for (auto &f : claimers) {
            const QStringList mine = f.result();
            for (const QString &id : mine) {
                QVERIFY2(id.startsWith(QLatin1Char('R')), qPrintable(id));
                all.insert(id);
            }
            total += mine.size();
        }
        QCOMPARE(total, 120);
        QCOMPARE(all.size(), 120);
    }

    void limitsCapConcurrencyAndSpend()
    {
        auto store = Store::open(fresh());
        QVERIFY(store);
        RunQueue &queue = (*store)->queue();
        for (int i = 1; i <= 3; ++i)
            QVERIFY(queue.enqueue(QStringLiteral("R%1").arg(i), QStringLiteral("T%1").arg(i), 0, QString()));
        QVERIFY(queue.setLimits({1, 2.0}));
        QCOMPARE(queue.limits()->maxConcurrent, 1);
        QCOMPARE(queue.limits()->maxSpend, 2.0);
        auto first = queue.claim(QStringLiteral("a"), 150);
        QVERIFY(first && first->has_value());
        auto blocked = queue.claim(QStringLiteral("b"), 60000);
        QVERIFY(blocked && !blocked->has_value()); // one run at a time
        QCOMPARE(*queue.heartbeat(**first, 150, 2.5), true); // it spent past the cap
        QCOMPARE(*queue.release(**first, QueueEntry::State::Done), true);
        auto capped = queue.claim(QStringLiteral("b"), 60000);
        QVERIFY(capped && !capped->has_value()); // the spend cap stops new runs
        QVERIFY(queue.setLimits({0, 0}));
        auto free = queue.claim(QStringLiteral("b"), 60000);
        QVERIFY(free && free->has_value());
        QVERIFY(!queue.setLimits({-1, 0}));
    }

    void rosterKeepsOneLiveRunnerPerName()
    {
        auto store = Store::open(fresh());
        QVERIFY(store);
        RunnerRoster &roster = (*store)->roster();
        RunnerInfo a {QStringLiteral("builder-1"), QStringLiteral("node-a"), QStringLiteral("inst-1"), 4,
                      QStringLiteral("0.1.0")};
        QVERIFY(roster.enroll(a, 60000));
        RunnerInfo clash = a;
        clash.instance = QStringLiteral("inst-2");
        clash.host = QStringLiteral("node-b");
        auto refused = roster.enroll(clash, 60000);
        QVERIFY(!refused);
        QVERIFY2(refused.errorText().contains(QStringLiteral("is alive")), qPrintable(refused.errorText()));
        QVERIFY(roster.enroll(a, 60000)); // the same process again
        QCOMPARE(*roster.heartbeat(a.name, a.instance, QStringLiteral("running")), true);
        QCOMPARE(*roster.heartbeat(a.name, clash.instance, QStringLiteral("running")), false);
        QVERIFY((*store)->queue().enqueue(QStringLiteral("R1"), QStringLiteral("T1"), 0, QString()));
        QVERIFY((*store)->queue().claim(a.name, 60000)->has_value());
        auto listed = roster.runners();
        QVERIFY2(listed, qPrintable(listed.errorText()));
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().capacity, 4);
        QCOMPARE(listed->first().runs, 1);
        QCOMPARE(listed->first().host, QStringLiteral("node-a"));
        QVERIFY(listed->first().alive(*roster.now(), 60000));
        QCOMPARE(*roster.heartbeat(a.name, a.instance, QStringLiteral("stopped")), true);
        QVERIFY(roster.enroll(clash, 60000)); // a stopped runner's name is free
    }

    // Another connection's append (another process for the database) wakes a waiter at once.
    void anotherConnectionsAppendWakesAWaiter()
    {
        const StoreLocation location = fresh();
        auto waiter = Store::open(location);
        auto writer = Store::open(location);
        QVERIFY(waiter && writer);
        StoreNotifier &notifier = (*waiter)->notifier();
        notifier.start();
        QTRY_VERIFY(notifier.mechanism() != QStringLiteral("not started"));
        QCOMPARE(notifier.mechanism(),
                 m_backend.isSqlite() ? QStringLiteral("PRAGMA data_version")
                                      : QStringLiteral("LISTEN/NOTIFY"));
        const quint64 seen = notifier.generation(QStringLiteral("R9"));
        auto appended = QtConcurrent::run([&] {
            QThread::msleep(100);
            return (*writer)->append(step(QStringLiteral("R9"), 1)).ok();
        });
        QElapsedTimer clock;
        clock.start();
        QVERIFY(notifier.waitForChange(QStringLiteral("R9"), seen, 20000));
        qInfo("woken %lld ms after the wait began (the append came after 100 ms)", clock.elapsed());
        QVERIFY(appended.result());
        // A change to another run does not count for R9 on PostgreSQL (the notification names its run).
        if (!m_backend.isSqlite()) {
            const quint64 now = notifier.generation(QStringLiteral("R9"));
            QVERIFY((*writer)->append(step(QStringLiteral("R10"), 1)));
            QVERIFY(notifier.waitForChange(QStringLiteral("R10"), 0, 20000));
            QCOMPARE(notifier.generation(QStringLiteral("R9")), now);
        }
        // This process's own appends count at once, before any round trip.
        const quint64 before = notifier.generation(QStringLiteral("R11"));
        QVERIFY((*waiter)->append(step(QStringLiteral("R11"), 1)));
        QVERIFY(notifier.generation(QStringLiteral("R11")) > before);
    }

    // A thread that ends hands its connection to the next thread (no new session per short-lived
    // worker); at most kMaxIdleConnections wait, the others are closed (none is left open behind).
    void endedThreadsHandTheirConnectionsOn()
    {
        const StoreLocation location = fresh();
        auto opened = Store::open(location);
        QVERIFY(opened);
        Store &store = **opened;
        for (int i = 0; i < 12; ++i)
            QVERIFY(store.queue().enqueue(QStringLiteral("R%1").arg(i), QStringLiteral("T1"), 0, QString()));
        const auto sessions = [&] {
            return StoreTestBackend::sql(location,
                                         {QStringLiteral("SELECT count(*) FROM pg_stat_activity "
                                                         "WHERE datname = current_database() "
                                                         "AND pid <> pg_backend_pid()")})
                    .toInt();
        };
        // One after another: each thread claims and releases a run on the connection the last one left.
        const auto claimOnce = [&store](bool *ok) {
            auto lease = store.queue().claim(QStringLiteral("r"), 60000);
            *ok = lease && lease->has_value() && *store.queue().release(**lease, QueueEntry::State::Done);
        };
        bool ok = false;
        std::thread(claimOnce, &ok).join();
        QVERIFY(ok);
        const int baseline = m_backend.isSqlite() ? 0 : sessions();
        for (int i = 0; i < 5; ++i) {
            ok = false;
            std::thread(claimOnce, &ok).join();
            QVERIFY(ok);
        }
        if (!m_backend.isSqlite())
            QCOMPARE(sessions(), baseline);
        // Six at once: the idle one and five new; when they end, only kMaxIdleConnections stay open.
        constexpr int kAtOnce = 6;
        std::latch allConnected(kAtOnce);
        std::vector<std::thread> threads;
        bool oks[kAtOnce] = {};
        for (int i = 0; i < kAtOnce; ++i)
            threads.emplace_back([&, i] {
                claimOnce(&oks[i]);
                allConnected.arrive_and_wait();
            });
        for (auto &t : threads)
            t.join();
        for (bool each : oks)
            QVERIFY(each);
        QVERIFY(store.queue().entries(false)->isEmpty()); // every run was claimed once and released
        if (!m_backend.isSqlite()) // a closed session leaves the server's list a moment later
            QTRY_COMPARE(sessions(), baseline - 1 + SqlConnections::kMaxIdleConnections);
    }

    // finish(): a person's end of a run ends its entry while it waits (queued or parked), never one a
    // runner holds, live or expired; a runner that parks a run a person ended meanwhile leaves it done.
    void finishEndsOnlyWaitingOrParkedEntries()
    {
        auto store = Store::open(fresh());
        QVERIFY(store);
        RunQueue &queue = (*store)->queue();
        const QString ann = QStringLiteral("aborted by human:ann");
        // Waiting for a runner: ended, and no runner can claim it afterwards.
        QVERIFY(queue.enqueue(QStringLiteral("R1"), QStringLiteral("T1"), 0, QString()));
        QCOMPARE(*queue.finish(QStringLiteral("R1"), ann), true);
        QCOMPARE(queue.entry(QStringLiteral("R1"))->value().state, QueueEntry::State::Done);
        QCOMPARE(queue.entry(QStringLiteral("R1"))->value().note, ann);
        QVERIFY(!queue.claim(QStringLiteral("a"), 60000)->has_value());
        QCOMPARE(*queue.finish(QStringLiteral("R1"), ann), false); // done already
        QCOMPARE(*queue.finish(QStringLiteral("R404"), ann), false); // not in the queue
        QVERIFY(queue.entries(false)->isEmpty());

        // Under a live lease: left to its runner, whose release still counts.
        QVERIFY(queue.enqueue(QStringLiteral("R2"), QStringLiteral("T2"), 0, QString()));
        auto lease = queue.claim(QStringLiteral("a"), 60000);
        QVERIFY(lease && lease->has_value());
        QCOMPARE(*queue.finish(QStringLiteral("R2"), QStringLiteral("merged by human:ann")), false);
        QCOMPARE(queue.entry(QStringLiteral("R2"))->value().state, QueueEntry::State::Claimed);
        QCOMPARE(*queue.release(**lease, QueueEntry::State::Parked, QStringLiteral("awaits review")), true);
        QCOMPARE(queue.entry(QStringLiteral("R2"))->value().state, QueueEntry::State::Parked);
        QCOMPARE(queue.entry(QStringLiteral("R2"))->value().note, QStringLiteral("awaits review"));
        // Parked for review: the person's decision ends it.
        QCOMPARE(*queue.finish(QStringLiteral("R2"), QStringLiteral("merged by human:ann")), true);
        const QueueEntry merged = queue.entry(QStringLiteral("R2"))->value();
        QCOMPARE(merged.state, QueueEntry::State::Done);
        QCOMPARE(merged.note, QStringLiteral("merged by human:ann"));
        QCOMPARE(merged.runner, QStringLiteral("a")); // who last drove it stays
        QVERIFY(queue.requeue(QStringLiteral("R2"))); // a done entry can still be sent back

        // A person ends the run while its runner still holds the lease (the runner is about to park it
        // for review): the runner's release to parked finds the end in the log and leaves it done.
        QVERIFY(queue.enqueue(QStringLiteral("R3"), QStringLiteral("T3"), 9, QString()));
        auto third = queue.claim(QStringLiteral("b"), 60000);
        QVERIFY(third && third->has_value());
        QCOMPARE((*third)->runId, QStringLiteral("R3"));
        QVERIFY((*store)->append(Event::make(QStringLiteral("R3"), QStringLiteral("human:ann"),
                                             QStringLiteral("discarded"), {})));
        QCOMPARE(*queue.finish(QStringLiteral("R3"), QStringLiteral("discarded by human:ann")), false);
        QCOMPARE(*queue.release(**third, QueueEntry::State::Parked, QStringLiteral("awaits review")), true);
        QCOMPARE(queue.entry(QStringLiteral("R3"))->value().state, QueueEntry::State::Done);
        QCOMPARE(queue.entry(QStringLiteral("R3"))->value().note,
                 QStringLiteral("ended by a person in review"));

        // An expired lease is not the person's to end either: another runner takes the run over and sees
        // the end in the log.
        auto requeued = queue.claim(QStringLiteral("c"), 100); // R2, sent back above
        QVERIFY(requeued && requeued->has_value());
        QCOMPARE((*requeued)->runId, QStringLiteral("R2"));
        QTest::qWait(300);
        QCOMPARE(*queue.finish(QStringLiteral("R2"), ann), false);
        QCOMPARE(queue.entry(QStringLiteral("R2"))->value().state, QueueEntry::State::Claimed);
        // Released to another state than parked, the runner's word stands.
        auto takeover = queue.claim(QStringLiteral("d"), 60000);
        QVERIFY(takeover && takeover->has_value());
        QCOMPARE(*queue.release(**takeover, QueueEntry::State::Queued, QStringLiteral("stopping")), true);
        QCOMPARE(queue.entry(QStringLiteral("R2"))->value().state, QueueEntry::State::Queued);
    }

    // finish() racing claims from another connection: every run is claimed or ended, never both.
    void finishRacingClaimsEndsEachRunOnce()
    {
        const StoreLocation location = fresh();
        constexpr int kRuns = 80;
        auto person = Store::open(location);
        auto runner = Store::open(location);
        QVERIFY(person && runner);
        for (int i = 1; i <= kRuns; ++i)
            QVERIFY((*person)->queue().enqueue(QStringLiteral("R%1").arg(i), QStringLiteral("T%1").arg(i), 0,
                                               QString()));
        std::latch start(2);
        auto claimer = QtConcurrent::run([&] {
            QStringList mine;
            start.arrive_and_wait();
            for (;;) {
                auto lease = (*runner)->queue().claim(QStringLiteral("a"), 60000);
                if (!lease)
                    return QStringList {QStringLiteral("claim failed: ") + lease.errorText()};
                if (!lease->has_value())
                    return mine;
                mine << (*lease)->runId;
            }
        });
        QSet<QString> ended;
        start.arrive_and_wait();
        for (int i = 1; i <= kRuns; ++i) {
            const QString id = QStringLiteral("R%1").arg(i);
            auto finished = (*person)->queue().finish(id, QStringLiteral("discarded"));
            QVERIFY2(finished, qPrintable(finished.errorText()));
            if (*finished)
                ended.insert(id);
        }
        const QStringList claimed = claimer.result();
        for (const QString &id : claimed) {
            QVERIFY2(id.startsWith(QLatin1Char('R')), qPrintable(id));
            QVERIFY2(!ended.contains(id), qPrintable(id + QStringLiteral(" was claimed and ended")));
        }
        QCOMPARE(int(claimed.size() + ended.size()), kRuns);
        const auto entries = (*person)->queue().entries(true);
        QVERIFY2(entries, qPrintable(entries.errorText()));
        QCOMPARE(int(entries->size()), kRuns);
        for (const QueueEntry &e : *entries)
            QCOMPARE(e.state, ended.contains(e.runId) ? QueueEntry::State::Done : QueueEntry::State::Claimed);
        qInfo("%d runs claimed, %d ended by the person", int(claimed.size()), int(ended.size()));
    }
};

STORE_TEST_MAIN(TestRunQueue)
#include "tst_runqueue.moc"
