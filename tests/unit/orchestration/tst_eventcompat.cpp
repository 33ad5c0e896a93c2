// Logs written by the previous release still read. data/release-1.sqlite was written by release 1's own
// `harness` (before payloads were typed and versioned): the demo run auto-approved and merged (R1), a
// run a human approved that waits in review (R2), a run whose plan a human rejected and that then
// escalated (R3), and a run awaiting approval (R4). data/release-1.status.json is release 1's own
// `harness status --json` of that store. The fold of this release must read every event and reach the
// same state, and the command line must show it.
#include "core/events/agentevents.h"
#include "core/events/planevents.h"
#include "core/events/verifyevents.h"
#include "orchestration/runstate.h"
#include "store/store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {

const QString kData = QStringLiteral(HARNESS_SOURCE_DIR "/tests/unit/orchestration/data/");
const QString kHarness = QStringLiteral(HARNESS_BINARY_DIR "/bin/harness");

QJsonObject releaseStatus()
{
    QFile f(kData + QStringLiteral("release-1.status.json"));
    f.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestEventCompat : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_store;
    std::unique_ptr<Store> m_opened;

    QList<Event> events(const QString &runId)
    {
        auto e = m_opened->events(runId);
        return e ? *e : QList<Event> {};
    }

    // The harness command line on the copy of the old store (a repository of its own beside it).
    int harness(const QStringList &args, QString *out)
    {
        QProcess p;
        p.start(kHarness,
                QStringList {QStringLiteral("--repo"), m_dir.filePath(QStringLiteral("repo")),
                             QStringLiteral("--store"), m_store} +
                        args);
        p.waitForFinished(60000);
        *out = QString::fromUtf8(p.readAllStandardOutput());
        return p.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // A copy: opening a store may write to it, and the fixture must stay as release 1 left it.
        m_store = m_dir.filePath(QStringLiteral("release-1.sqlite"));
        QVERIFY(QFile::copy(kData + QStringLiteral("release-1.sqlite"), m_store));
        QFile::setPermissions(m_store, QFile::ReadOwner | QFile::WriteOwner);
        auto store = Store::open(StoreLocation::sqlite(m_store));
        QVERIFY2(store, qPrintable(store.errorText()));
        m_opened = std::move(*store);
        QDir().mkpath(m_dir.filePath(QStringLiteral("repo")));
        QProcess git;
        git.setWorkingDirectory(m_dir.filePath(QStringLiteral("repo")));
        git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q")});
        QVERIFY(git.waitForFinished(30000) && git.exitCode() == 0);
    }

    void everyEventReadsAsVersionOne()
    {
        int checked = 0;
        for (const QString run : {"R1", "R2", "R3", "R4"}) {
            const QList<Event> log = events(run);
            QVERIFY(!log.isEmpty());
            for (const Event &e : log) {
                QCOMPARE(payloadVersion(e.payload), 1);
                ++checked;
            }
            const RunState s = RunState::fold(log);
            QVERIFY2(s.malformedEvents == 0, qPrintable(s.firstMalformed));
        }
        QCOMPARE(checked, 129);
    }

    void foldReachesReleaseOnesState()
    {
        const QJsonArray runs = releaseStatus().value("runs").toArray();
        QCOMPARE(runs.size(), 4);
        for (const QJsonValue &v : runs) {
            const QJsonObject was = v.toObject();
            const RunState s = RunState::fold(events(was.value("run").toString()));
            QCOMPARE(runPhaseName(s.phase), was.value("phase").toString());
            QCOMPARE(s.iteration, was.value("iteration").toInt());
            QCOMPARE(s.tokensIn + s.tokensOut, was.value("tokens").toInteger());
            QCOMPARE(s.cost, was.value("cost").toDouble());
            QCOMPARE(s.paused, was.value("paused").toBool());
            QCOMPARE(s.branch, was.value("branch").toString());
            QCOMPARE(s.endReason, was.value("reason").toString());
        }
    }

    void plansApprovalsAndGatesReadBack()
    {
        const QString summary = QStringLiteral("Add fahrenheit_to_kelvin to units.core.temperature, expose "
                                               "it as `units X f k`, and test it.");
        // R1: approved by policy (--approve auto), two iterations, merged.
        const RunState r1 = RunState::fold(events("R1"));
        QCOMPARE(r1.plan->summary, summary);
        QVERIFY(r1.writeAllowed());
        QCOMPARE(r1.checkpoints.size(), 2);
        QVERIFY(r1.verifyPassed);
        QVERIFY(!r1.mergeCommit.isEmpty());
        QCOMPARE(r1.summary().outcome, QStringLiteral("merged"));
        // R2: a human's approval of exactly its plan opened the build; in review.
        const RunState r2 = RunState::fold(events("R2"));
        QVERIFY(r2.writeAllowed());
        QVERIFY(r2.pendingApprovalId.isEmpty());
        QCOMPARE(r2.summary().step, QStringLiteral("review"));
        for (const Event &e : events("R2"))
            if (auto approved = payloadIf<PlanApprovedPayload>(e)) {
                QCOMPARE(approved->approval, QStringLiteral("A1"));
                QCOMPARE(e.actor, QStringLiteral("human:fixture"));
                QVERIFY(!approved->automatic);
            }
        // R3: rejected with feedback, then escalated.
        const RunState r3 = RunState::fold(events("R3"));
        QCOMPARE(r3.planFeedback, QStringLiteral("also handle rankine"));
        QCOMPARE(r3.planRound, 1);
        QVERIFY(!r3.writeAllowed());
        // R4: waits for approval A3, the store's pending approval.
        const RunState r4 = RunState::fold(events("R4"));
        QCOMPARE(r4.pendingApprovalId, QStringLiteral("A3"));
        QCOMPARE(r4.summary().step, QStringLiteral("approve"));
        auto pending = m_opened->approvals(true);
        QVERIFY(pending);
        QCOMPARE(pending->size(), 1);
        QCOMPARE(pending->first().id, QStringLiteral("A3"));
        QCOMPARE(pending->first().subjectHash, r4.planHash);

        // Gates: release 1 wrote two shapes of gate_result; both read, the acceptance gate's whole
        // log (its "log") as the tail.
        QStringList gates;
        for (const Event &e : events("R1")) {
            if (e.kind != kinds::GateResult)
                continue;
            auto g = readPayload<GateResultPayload>(e);
            QVERIFY2(g, qPrintable(g.errorText()));
            gates << QStringLiteral("%1=%2").arg(g->gate, gateStatusName(g->status));
            if (e.payload.contains(QStringLiteral("log")))
                QCOMPARE(g->logTail, e.payload.value(QStringLiteral("log")).toString());
        }
        const QString acceptance =
                QStringLiteral("acceptance: 32 F converts to 273.15 K and 212 F to 373.15 K");
        QCOMPARE(gates,
                 (QStringList {"tests=failed", "rules=failed", "secrets=passed", "test-integrity=passed",
                               acceptance + "=failed", "tests=passed", "rules=passed", "secrets=passed",
                               "test-integrity=passed", acceptance + "=passed"}));
    }

    void commandLineShowsIt()
    {
        QString out;
        QCOMPARE(harness({QStringLiteral("status"), QStringLiteral("--json")}, &out), 0);
        const QJsonObject now = QJsonDocument::fromJson(out.toUtf8()).object();
        const QJsonObject was = releaseStatus();
        QCOMPARE(now.value("runs"), was.value("runs"));
        QCOMPARE(now.value("pending_approvals").toArray().size(), 1);
        QCOMPARE(now.value("pending_approvals").toArray().first().toObject().value("id").toString(),
                 QStringLiteral("A3"));

        QCOMPARE(harness({QStringLiteral("status")}, &out), 0);
        QVERIFY2(out.contains(QStringLiteral("R1    T1    merged")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("pending A3: plan approval for run R4")), qPrintable(out));

        QCOMPARE(harness({QStringLiteral("log"), QStringLiteral("R1")}, &out), 0);
        const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), events("R1").size());
        QVERIFY2(out.contains(QStringLiteral("tests: failed")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral(
                         "acceptance: 32 F converts to 273.15 K and 212 F to 373.15 K: passed")),
                 qPrintable(out));
        QVERIFY2(lines.last().contains(QStringLiteral("merged")), qPrintable(lines.last()));
    }
};

QTEST_GUILESS_MAIN(TestEventCompat)
#include "tst_eventcompat.moc"
