// bench_team: the team store on PostgreSQL (HARNESS_TEST_PG, or the URL given) — figures with their
// references measured in the same run:
//  1. wake-up latency: one store client decides an approval, another (its own connections, as a second
//     workbench or a runner) waits on StoreNotifier (LISTEN/NOTIFY); beside it, the same wait by polling
//     the approval every 250 ms (the loop the notifier replaced);
//  2. lease claims per second with four claimers (each claim and its release), target >= 1,000/s;
//  3. acknowledged appends through the store (hash chain, fencing check) against raw inserts of the same
//     rows (one INSERT per statement, autocommit).
// Usage: bench_team [postgres://user@host:port/db] [rounds]. It makes and drops a database of its own.
#include "core/approval.h"
#include "store/runqueue.h"
#include "store/store.h"
#include "store/storenotifier.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

using namespace harness;

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

bool admin(const StoreLocation &server, const QString &sql)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("bench-admin"));
        db.setHostName(server.postgresHost);
        db.setPort(server.postgresPort);
        db.setUserName(server.postgresUser);
        db.setPassword(server.postgresPassword);
        db.setDatabaseName(QStringLiteral("postgres"));
        if (db.open()) {
            QSqlQuery q(db);
            ok = q.exec(sql);
            if (!ok)
                std::fprintf(stderr, "%s: %s\n", qPrintable(sql), qPrintable(q.lastError().text()));
        } else {
            std::fprintf(stderr, "cannot reach %s: %s\n", qPrintable(server.describe()),
                         qPrintable(db.lastError().text()));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-admin"));
    return ok;
}

std::unique_ptr<Store> openStore(const StoreLocation &at)
{
    auto store = Store::open(at);
    if (!store) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorText()));
        std::exit(1);
    }
    return std::move(*store);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString url = argc > 1 ? QString::fromLocal8Bit(argv[1]) : qEnvironmentVariable("HARNESS_TEST_PG");
    const int rounds = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 40;
    auto server = StoreLocation::parse(url);
    if (url.isEmpty() || !server || server->backend != StoreLocation::Backend::Postgres) {
        std::fprintf(stderr,
                     "usage: bench_team postgres://user@host:port/db [rounds] (or HARNESS_TEST_PG)\n");
        return 2;
    }
    const QString name = QStringLiteral("harness_bench_team_%1").arg(QCoreApplication::applicationPid());
    admin(*server, QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
    if (!admin(*server, QStringLiteral("CREATE DATABASE %1").arg(name)))
        return 1;
    StoreLocation at = *server;
    at.postgresDatabase = name;
    {
        auto deciding = openStore(at); // the workbench where the person approves
        auto waiting = openStore(at); // the runner (or the other workbench): its own connections
        waiting->notifier().start();
        QThread::msleep(300); // LISTEN is in place

        // 1. Wake-up latency.
        std::vector<double> notified, polled, notifiedAfterCommit, decideMs;
        Task benchTask;
        benchTask.title = QStringLiteral("bench");
        auto task = deciding->addTask(benchTask);
        Run run;
        run.taskId = task ? task->id : QStringLiteral("T1");
        auto made = deciding->addRun(run);
        const QString runId = made ? made->id : QStringLiteral("R1");
        for (int mode = 0; mode < 2; ++mode) {
            for (int i = 0; i < rounds; ++i) {
                Approval a;
                a.runId = runId;
                a.kind = ApprovalKind::Plan;
                a.subjectHash = QByteArray("bench-plan-") + QByteArray::number(mode * rounds + i);
                auto pending = deciding->addApproval(a);
                if (!pending) {
                    std::fprintf(stderr, "%s\n", qPrintable(pending.errorText()));
                    return 1;
                }
                QThread::msleep(20);
                std::atomic<qint64> decidedAtNs {0};
                std::atomic<qint64> committedAtNs {0};
                QElapsedTimer clock;
                clock.start();
                std::thread decider([&] {
                    QThread::msleep(5 + i % 7);
                    decidedAtNs = clock.nsecsElapsed();
                    if (auto decided = deciding->decideApproval(pending->id, ApprovalState::Approved,
                                                                QStringLiteral("human:bench"), QString());
                        !decided)
                        qFatal("bench_team: approving failed: %s", qPrintable(decided.errorText()));
                    committedAtNs = clock.nsecsElapsed();
                });
                for (;;) {
                    const quint64 seen = waiting->notifier().generation(runId);
                    auto now = waiting->approval(pending->id);
                    if (now && now->state != ApprovalState::Pending)
                        break;
                    if (mode == 0)
                        waiting->notifier().waitForChange(runId, seen, 2000);
                    else
                        QThread::msleep(250);
                }
                const qint64 wokeNs = clock.nsecsElapsed();
                decider.join();
                const double ms = double(wokeNs - decidedAtNs.load()) / 1e6;
                (mode == 0 ? notified : polled).push_back(ms);
                if (mode == 0) {
                    notifiedAfterCommit.push_back(double(qMax<qint64>(0, wokeNs - committedAtNs.load())) /
                                                  1e6);
                    decideMs.push_back(double(committedAtNs.load() - decidedAtNs.load()) / 1e6);
                    // (decideMs is the whole call: it returns after the commit and the NOTIFY.)
                }
            }
        }
        std::printf("wake-up after a decision in another client: median %.2f ms (LISTEN/NOTIFY), %.2f ms "
                    "polling every 250 ms (reference), %d rounds each\n",
                    median(notified), median(polled), rounds);
        std::printf("  the deciding call itself (its transaction and NOTIFY) took %.2f ms (median); the "
                    "waiter had "
                    "read the decision %.2f ms (median) after that call returned (negative: before)\n",
                    median(decideMs), -median(notifiedAfterCommit));

        // 2. Lease claims with four claimers, each with its own store (connections).
        constexpr int kRuns = 4000;
        for (int i = 0; i < kRuns; ++i) {
            if (auto queued = deciding->queue().enqueue(QStringLiteral("Q%1").arg(i), QStringLiteral("T1"),
                                                        i % 5, QString());
                !queued)
                qFatal("bench_team: enqueue failed: %s", qPrintable(queued.errorText()));
        }
        std::vector<std::unique_ptr<Store>> claimers;
        for (int i = 0; i < 4; ++i)
            claimers.push_back(openStore(at));
        std::atomic<int> claims {0};
        QElapsedTimer clock;
        clock.start();
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back([&, i] {
                Store &s = *claimers[size_t(i)];
                const QString me = QStringLiteral("bench-%1").arg(i);
                for (;;) {
                    auto lease = s.queue().claim(me, 60000);
                    if (!lease || !lease->has_value())
                        break;
                    if (auto released = s.queue().release(**lease, QueueEntry::State::Done); !released)
                        qFatal("bench_team: release failed: %s", qPrintable(released.errorText()));
                    ++claims;
                }
            });
        for (auto &t : threads)
            t.join();
        const qint64 claimMs = clock.elapsed();
        std::printf("lease claims with 4 claimers: %d claims (each with its release) in %lld ms = %.0f/s "
                    "(target 1,000/s)\n",
                    claims.load(), static_cast<long long>(claimMs),
                    claimMs > 0 ? claims.load() * 1000.0 / double(claimMs) : 0.0);

        // 3. Appends through the store against raw inserts of the same rows.
        constexpr int kEvents = 2000;
        clock.restart();
        QList<Event> appended;
        for (int i = 0; i < kEvents; ++i) {
            auto e = deciding->append(Event::make(
                    QStringLiteral("B1"), QStringLiteral("agent:bench"), QStringLiteral("tool_call"),
                    {{QStringLiteral("tool"), QStringLiteral("shell")}, {QStringLiteral("i"), i}}));
            if (e)
                appended << *e;
        }
        const qint64 storeMs = clock.elapsed();
        QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("bench-raw"));
        raw.setHostName(at.postgresHost);
        raw.setPort(at.postgresPort);
        raw.setUserName(at.postgresUser);
        raw.setPassword(at.postgresPassword);
        raw.setDatabaseName(name);
        qint64 rawMs = 0;
        if (raw.open()) {
            QSqlQuery q(raw);
            q.exec(QStringLiteral("CREATE TABLE raw_events AS SELECT * FROM events WITH NO DATA"));
            q.prepare(QStringLiteral(
                    "INSERT INTO raw_events (log_id, run_id, seq, time, actor, kind, payload, "
                    "prev_hash, hash, runner, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            QSqlQuery rows(raw);
            rows.exec(
                    QStringLiteral("SELECT log_id, run_id, seq, time, actor, kind, payload, prev_hash, hash, "
                                   "runner, host FROM events WHERE run_id = 'B1' ORDER BY log_id"));
            QList<QVariantList> copy;
            while (rows.next()) {
                QVariantList r;
                for (int c = 0; c < 11; ++c)
                    r << rows.value(c);
                copy << r;
            }
            clock.restart();
            for (const QVariantList &r : std::as_const(copy)) {
                for (int c = 0; c < 11; ++c)
                    q.bindValue(c, r.at(c));
                q.exec();
            }
            rawMs = clock.elapsed();
        }
        raw.close();
        std::printf("acknowledged appends: %lld events through the store in %lld ms = %.0f/s; the same rows "
                    "by raw autocommit INSERTs (reference) in %lld ms = %.0f/s\n",
                    static_cast<long long>(appended.size()), static_cast<long long>(storeMs),
                    storeMs > 0 ? appended.size() * 1000.0 / double(storeMs) : 0.0,
                    static_cast<long long>(rawMs), rawMs > 0 ? kEvents * 1000.0 / double(rawMs) : 0.0);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-raw"));
    admin(*server, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
    return 0;
}
