// Tests for Run: JSON round-trip and validation errors that name the field.
#include "core/run.h"

#include <QTest>

using namespace harness;

class TestRun : public QObject
{
    Q_OBJECT

private:
    static Run fullRun()
    {
        Run r;
        r.id = QStringLiteral("R4");
        r.taskId = QStringLiteral("T2");
        r.baseRef = QStringLiteral("3f2a9c1");
        r.targetBranch = QStringLiteral("main");
        r.branch = QStringLiteral("harness/T2/R4");
        r.worktreePath = QStringLiteral("/home/ann/.local/share/harness-workbench/wt/R4");
        r.created = QDateTime(QDate(2026, 2, 3), QTime(4, 5, 6, 7), Qt::UTC);
        return r;
    }

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<Run>("run");
        QTest::newRow("every field") << fullRun();
        Run minimal;
        minimal.id = QStringLiteral("R1");
        minimal.taskId = QStringLiteral("T1");
        minimal.created = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("minimal") << minimal;
    }

    void roundTrip()
    {
        QFETCH(Run, run);
        auto back = Run::fromJson(run.toJson());
        QVERIFY2(back, qPrintable(back.errorText()));
        QCOMPARE(*back, run);
    }

    void jsonKeysAreStable()
    {
        const QJsonObject o = fullRun().toJson();
        for (const char *key : {"id", "task", "base", "target", "branch", "worktree", "created"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(QStringLiteral("created")).toString(), QStringLiteral("2026-02-03T04:05:06.007Z"));
    }

    void validationNamesTheBadField_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        QTest::newRow("no id") << "id" << QJsonValue(QJsonValue::Undefined) << "is required";
        QTest::newRow("empty id") << "id" << QJsonValue(QString()) << "must not be empty";
        QTest::newRow("no task") << "task" << QJsonValue(QJsonValue::Undefined) << "is required";
        QTest::newRow("task not a string") << "task" << QJsonValue(2) << "must be a string";
        QTest::newRow("branch not a string") << "branch" << QJsonValue(true) << "must be a string";
        QTest::newRow("worktree not a string")
                << "worktree" << QJsonValue(QJsonObject {}) << "must be a string";
        QTest::newRow("base not a string") << "base" << QJsonValue(1.0) << "must be a string";
    }

    void validationNamesTheBadField()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject o = fullRun().toJson();
        if (value.isUndefined())
            o.remove(key);
        else
            o.insert(key, value);
        auto r = Run::fromJson(o);
        QVERIFY(!r);
        QCOMPARE(r.error().field, key);
        QVERIFY2(r.error().message.contains(message), qPrintable(r.errorText()));
    }
};

QTEST_GUILESS_MAIN(TestRun)
#include "tst_run.moc"
