// Tests for Approval: JSON round-trip of every kind and state, and validation errors that name the field.
#include "core/approval.h"

#include <QTest>

using namespace harness;

class TestApproval : public QObject
{
    Q_OBJECT

private:
    static Approval fullApproval()
    {
        Approval a;
        a.id = QStringLiteral("A3");
        a.runId = QStringLiteral("R2");
        a.kind = ApprovalKind::Permission;
        a.subjectHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        a.subject = {{QStringLiteral("command"), QStringLiteral("git push")}};
        a.state = ApprovalState::ChangesRequested;
        a.decidedBy = QStringLiteral("human:ann");
        a.feedback = QStringLiteral("Push to a branch, not main");
        a.created = QDateTime(QDate(2026, 4, 5), QTime(6, 7, 8, 9), Qt::UTC);
        a.decided = QDateTime(QDate(2026, 4, 5), QTime(6, 9, 0), Qt::UTC);
        return a;
    }

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<Approval>("approval");
        QTest::newRow("decided permission") << fullApproval();
        for (ApprovalKind k : {ApprovalKind::Plan, ApprovalKind::Permission, ApprovalKind::Merge}) {
            for (ApprovalState s : {ApprovalState::Pending, ApprovalState::Approved, ApprovalState::Rejected,
                                    ApprovalState::ChangesRequested}) {
                Approval a = fullApproval();
                a.kind = k;
                a.state = s;
                if (s == ApprovalState::Pending) {
                    a.decidedBy.clear();
                    a.feedback.clear();
                    a.decided = {};
                }
                QTest::newRow(qPrintable(approvalKindName(k) + QLatin1Char(' ') + approvalStateName(s))) << a;
            }
        }
    }

    void roundTrip()
    {
        QFETCH(Approval, approval);
        auto back = Approval::fromJson(approval.toJson());
        QVERIFY2(back, qPrintable(back.errorText()));
        QCOMPARE(*back, approval);
        QCOMPARE(back->isPending(), approval.state == ApprovalState::Pending);
    }

    void namesAreLowerSnake()
    {
        QCOMPARE(approvalStateName(ApprovalState::ChangesRequested), QStringLiteral("changes_requested"));
        QCOMPARE(approvalKindName(ApprovalKind::Merge), QStringLiteral("merge"));
        Approval pending = fullApproval();
        pending.state = ApprovalState::Pending;
        QCOMPARE(pending.toJson().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
    }

    void validationNamesTheBadField_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        const QJsonValue missing(QJsonValue::Undefined);
        QTest::newRow("no run") << "run" << missing << "is required";
        QTest::newRow("no kind") << "kind" << missing << "is required";
        QTest::newRow("unknown kind")
                << "kind" << QJsonValue(QStringLiteral("deploy")) << "plan, permission or merge";
        QTest::newRow("no subject hash") << "subject_hash" << missing << "is required";
        QTest::newRow("empty subject hash") << "subject_hash" << QJsonValue(QString()) << "must not be empty";
        QTest::newRow("subject not an object")
                << "subject" << QJsonValue(QStringLiteral("x")) << "must be an object";
        QTest::newRow("unknown state")
                << "state" << QJsonValue(QStringLiteral("maybe")) << "pending, approved";
        QTest::newRow("decided_by not a string") << "decided_by" << QJsonValue(1) << "must be a string";
        QTest::newRow("feedback not a string")
                << "feedback" << QJsonValue(QJsonObject {}) << "must be a string";
    }

    void validationNamesTheBadField()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject o = fullApproval().toJson();
        if (value.isUndefined())
            o.remove(key);
        else
            o.insert(key, value);
        auto a = Approval::fromJson(o);
        QVERIFY(!a);
        QCOMPARE(a.error().field, key);
        QVERIFY2(a.error().message.contains(message), qPrintable(a.errorText()));
    }
};

QTEST_GUILESS_MAIN(TestApproval)
#include "tst_approval.moc"
