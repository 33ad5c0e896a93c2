// Tests for pending approvals: creation, listing, decisions, and the refusals that keep an approval
// bound to its subject (not pending any more, or a subject hash that differs from the reviewed one).
#include "storetestbackend.h"

#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace harness;

namespace {
Approval planApproval(const QString &run, const QByteArray &hash)
{
    Approval a;
    a.runId = run;
    a.kind = ApprovalKind::Plan;
    a.subjectHash = hash;
    a.subject = {{QStringLiteral("summary"), QStringLiteral("Add a null check")}};
    return a;
}
} // namespace

class TestApprovalStore : public QObject
{
    Q_OBJECT

public:
    explicit TestApprovalStore(const QString &backend) : m_backend(backend) { }

private:
    StoreTestBackend m_backend;
    int m_counter = 0;
    StoreLocation freshPath() { return m_backend.at(QStringLiteral("approvals%1").arg(++m_counter)); }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = m_backend.unavailableReason(); !why.isEmpty())
            QFAIL(qPrintable(why));
        qInfo("backend: %s", qPrintable(m_backend.name()));
    }

    void addAndListPending()
    {
        auto store = Store::open(freshPath());
        QVERIFY(store);
        Approval given = planApproval(QStringLiteral("R1"), "aaa111");
        given.state = ApprovalState::Approved; // ignored: a new approval is always pending
        auto a1 = (*store)->addApproval(given);
        QVERIFY2(a1, qPrintable(a1.errorText()));
        QCOMPARE(a1->id, QStringLiteral("A1"));
        QVERIFY(a1->isPending());
        auto a2 = (*store)->addApproval(planApproval(QStringLiteral("R2"), "bbb222"));
        QVERIFY(a2);
        QCOMPARE(*(*store)->approval(QStringLiteral("A1")), *a1);
        QCOMPARE((*store)->approvals(true)->size(), 2);
        QCOMPARE((*store)->approvals(true, QStringLiteral("R2"))->size(), 1);
        QCOMPARE((*store)->approvals(true, QStringLiteral("R2"))->first().id, QStringLiteral("A2"));
    }

    void decisionIsRecorded_data()
    {
        QTest::addColumn<int>("decision");
        QTest::newRow("approved") << int(ApprovalState::Approved);
        QTest::newRow("rejected") << int(ApprovalState::Rejected);
        QTest::newRow("changes requested") << int(ApprovalState::ChangesRequested);
    }

    void decisionIsRecorded()
    {
        QFETCH(int, decision);
        auto store = Store::open(freshPath());
        QVERIFY(store);
        auto a = (*store)->addApproval(planApproval(QStringLiteral("R1"), "hash-1"));
        QVERIFY(a);
        auto decided = (*store)->decideApproval(a->id, ApprovalState(decision), QStringLiteral("human:ann"),
                                                QStringLiteral("looks fine"), "hash-1");
        QVERIFY2(decided, qPrintable(decided.errorText()));
        QCOMPARE(decided->state, ApprovalState(decision));
        auto read = (*store)->approval(a->id);
        QCOMPARE(read->state, ApprovalState(decision));
        QCOMPARE(read->decidedBy, QStringLiteral("human:ann"));
        QCOMPARE(read->feedback, QStringLiteral("looks fine"));
        QVERIFY(read->decided.isValid());
        QCOMPARE((*store)->approvals(true)->size(), 0);
        QCOMPARE((*store)->approvals(false)->size(), 1);
    }

    void refusedDecisionsLeaveTheApprovalAsItWas_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("decision");
        QTest::addColumn<QString>("actor");
        QTest::addColumn<QByteArray>("expectedHash");
        QTest::addColumn<QString>("message");
        QTest::newRow("already decided")
                << "A1" << int(ApprovalState::Rejected) << "human:bob" << QByteArray() << "no longer pending";
        QTest::newRow("subject changed") << "A2" << int(ApprovalState::Approved) << "human:bob"
                                         << QByteArray("old-plan-hash") << "different subject";
        QTest::newRow("pending is no decision")
                << "A2" << int(ApprovalState::Pending) << "human:bob" << QByteArray() << "not pending";
        QTest::newRow("bad actor") << "A2" << int(ApprovalState::Approved) << "bob" << QByteArray()
                                   << "actor";
        QTest::newRow("unknown approval") << "A9" << int(ApprovalState::Approved) << "human:bob"
                                          << QByteArray() << "There is no approval A9";
    }

    void refusedDecisionsLeaveTheApprovalAsItWas()
    {
        QFETCH(QString, id);
        QFETCH(int, decision);
        QFETCH(QString, actor);
        QFETCH(QByteArray, expectedHash);
        QFETCH(QString, message);
        auto store = Store::open(freshPath());
        QVERIFY(store);
        QVERIFY((*store)->addApproval(planApproval(QStringLiteral("R1"), "plan-hash-1")));
        QVERIFY((*store)->addApproval(planApproval(QStringLiteral("R1"), "new-plan-hash")));
        QVERIFY((*store)->decideApproval(QStringLiteral("A1"), ApprovalState::Approved,
                                         QStringLiteral("human:ann"), {}));
        const auto before = *(*store)->approvals(false);
        auto refused = (*store)->decideApproval(id, ApprovalState(decision), actor, QStringLiteral("no"),
                                                expectedHash);
        QVERIFY(!refused);
        QVERIFY2(refused.errorText().contains(message), qPrintable(refused.errorText()));
        QCOMPARE(*(*store)->approvals(false), before);
    }

    void onlyOneOfTwoConcurrentDeciderWins()
    {
        // A workbench and `harness approve` in another shell decide the same approval at once.
        const StoreLocation path = freshPath();
        auto a = Store::open(path);
        auto b = Store::open(path);
        QVERIFY(a && b);
        for (int i = 0; i < 20; ++i)
            QVERIFY((*a)->addApproval(planApproval(QStringLiteral("R1"), "h")));
        auto decideAll = [](Store *s, ApprovalState d) {
            int won = 0;
            for (int i = 1; i <= 20; ++i)
                won += s->decideApproval(QStringLiteral("A%1").arg(i), d, QStringLiteral("human:x"), {}).ok()
                        ? 1
                        : 0;
            return won;
        };
        auto fa = QtConcurrent::run(decideAll, a->get(), ApprovalState::Approved);
        auto fb = QtConcurrent::run(decideAll, b->get(), ApprovalState::Rejected);
        QCOMPARE(fa.result() + fb.result(), 20);
        QCOMPARE((*a)->approvals(true)->size(), 0);
    }
};

STORE_TEST_MAIN(TestApprovalStore)
#include "tst_approvalstore.moc"
