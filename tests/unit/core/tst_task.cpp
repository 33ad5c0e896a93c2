// Tests for Task and its Contract and Budget: JSON round-trip, state names, and validation errors that
// name the offending field (e.g. "contract.budget.max_iterations").
#include "core/task.h"

#include <QJsonArray>
#include <QTest>

using namespace harness;

namespace {
Task fullTask()
{
    Task t;
    t.id = QStringLiteral("T3");
    t.title = QStringLiteral("Handle empty input");
    t.contract.goal = QStringLiteral("The parser accepts an empty file");
    t.contract.criteria = {{QStringLiteral("unit tests pass"), QStringLiteral("ctest -R parser")},
                           {QStringLiteral("documented"), {}}};
    t.contract.scope = {QStringLiteral("src/parser/**")};
    t.contract.constraints = {QStringLiteral("no-new-deps"), QStringLiteral("keep-abi")};
    t.contract.interfaceNotes = QStringLiteral("Parser::parse keeps its signature");
    t.contract.budget = Budget {150000, 1.75, 5, 900};
    t.dependsOn = {QStringLiteral("T1"), QStringLiteral("T2")};
    t.parentId = QStringLiteral("T1");
    t.state = TaskState::Review;
    t.created = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    return t;
}

// Sets a value at a dotted path ("contract.budget.max_cost") in a JSON object.
QJsonObject with(QJsonObject o, const QString &path, const QJsonValue &value)
{
    const qsizetype dot = path.indexOf(QLatin1Char('.'));
    if (dot < 0) {
        if (value.isUndefined())
            o.remove(path);
        else
            o.insert(path, value);
        return o;
    }
    const QString head = path.left(dot);
    o.insert(head, with(o.value(head).toObject(), path.mid(dot + 1), value));
    return o;
}
} // namespace

class TestTask : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<Task>("task");
        QTest::newRow("every field") << fullTask();
        Task minimal;
        minimal.title = QStringLiteral("Minimal");
        minimal.contract.goal = QStringLiteral("Do one thing");
        QTest::newRow("minimal") << minimal;
        for (TaskState s :
             {TaskState::Open, TaskState::Running, TaskState::AwaitingApproval, TaskState::Merged,
              TaskState::Discarded, TaskState::Escalated, TaskState::Failed, TaskState::Aborted}) {
            Task t = fullTask();
            t.state = s;
            QTest::newRow(qPrintable(QStringLiteral("state ") + taskStateName(s))) << t;
        }
    }

    void roundTrip()
    {
        QFETCH(Task, task);
        auto back = Task::fromJson(task.toJson());
        QVERIFY2(back, qPrintable(back.errorText()));
        QCOMPARE(*back, task);
        QCOMPARE(back->toJson(), task.toJson());
    }

    void stateNamesAreLowerSnake()
    {
        QCOMPARE(taskStateName(TaskState::AwaitingApproval), QStringLiteral("awaiting_approval"));
        QCOMPARE(*taskStateFromName(QStringLiteral("escalated")), TaskState::Escalated);
        auto bad = taskStateFromName(QStringLiteral("Done"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().field, QStringLiteral("state"));
    }

    void acceptanceAsPlainStrings()
    {
        QJsonObject o = with(fullTask().toJson(), QStringLiteral("contract.acceptance"),
                             QJsonArray {QStringLiteral("tests pass"), QStringLiteral("no warnings")});
        auto t = Task::fromJson(o);
        QVERIFY2(t, qPrintable(t.errorText()));
        QCOMPARE(t->contract.criteria.size(), 2);
        QCOMPARE(t->contract.criteria.at(1).text, QStringLiteral("no warnings"));
        QVERIFY(t->contract.criteria.at(1).checkCommand.isEmpty());
    }

    void validationNamesTheBadField_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        const QJsonValue missing(QJsonValue::Undefined);
        QTest::newRow("no title") << "title" << missing << "title"
                                  << "is required";
        QTest::newRow("blank title") << "title" << QJsonValue(QStringLiteral("  ")) << "title"
                                     << "must not be empty";
        QTest::newRow("title not a string") << "title" << QJsonValue(5) << "title"
                                            << "must be a string";
        QTest::newRow("no contract") << "contract" << missing << "contract"
                                     << "is required";
        QTest::newRow("contract not an object") << "contract" << QJsonValue(QStringLiteral("x")) << "contract"
                                                << "must be an object";
        QTest::newRow("no goal") << "contract.goal" << missing << "contract.goal"
                                 << "is required";
        QTest::newRow("criterion without text")
                << "contract.acceptance"
                << QJsonValue(QJsonArray {QStringLiteral("ok"),
                                          QJsonObject {{QStringLiteral("check"), QStringLiteral("make")}}})
                << "contract.acceptance[1].text"
                << "is required";
        QTest::newRow("criterion of a wrong type")
                << "contract.acceptance" << QJsonValue(QJsonArray {3}) << "contract.acceptance[0]"
                << "must be a string or an object";
        QTest::newRow("scope escapes")
                << "contract.scope" << QJsonValue(QJsonArray {QStringLiteral("../etc/**")})
                << "contract.scope"
                << "without \"..\"";
        QTest::newRow("absolute scope")
                << "contract.scope" << QJsonValue(QJsonArray {QStringLiteral("/etc/passwd")})
                << "contract.scope"
                << "relative";
        QTest::newRow("scope item not a string")
                << "contract.scope" << QJsonValue(QJsonArray {QStringLiteral("a"), 1}) << "contract.scope[1]"
                << "must be a string";
        QTest::newRow("negative tokens")
                << "contract.budget.max_tokens" << QJsonValue(-1) << "contract.budget.max_tokens"
                << "must not be negative";
        QTest::newRow("fractional tokens")
                << "contract.budget.max_tokens" << QJsonValue(1.5) << "contract.budget.max_tokens"
                << "must be an integer";
        QTest::newRow("negative cost")
                << "contract.budget.max_cost" << QJsonValue(-0.5) << "contract.budget.max_cost"
                << "must not be negative";
        QTest::newRow("zero iterations")
                << "contract.budget.max_iterations" << QJsonValue(0) << "contract.budget.max_iterations"
                << "between 1 and 100";
        QTest::newRow("too many iterations")
                << "contract.budget.max_iterations" << QJsonValue(101) << "contract.budget.max_iterations"
                << "between 1 and 100";
        QTest::newRow("negative wall time")
                << "contract.budget.max_wall_seconds" << QJsonValue(-3) << "contract.budget.max_wall_seconds"
                << "must not be negative";
        QTest::newRow("budget not an object") << "contract.budget" << QJsonValue(7) << "contract.budget"
                                              << "must be an object";
        QTest::newRow("unknown state") << "state" << QJsonValue(QStringLiteral("finished")) << "state"
                                       << "unknown task state";
        QTest::newRow("depends on itself")
                << "depends_on" << QJsonValue(QJsonArray {QStringLiteral("T3")}) << "depends_on"
                << "cannot depend on itself";
        QTest::newRow("bad created") << "created" << QJsonValue(QStringLiteral("yesterday")) << "created"
                                     << "ISO 8601";
    }

    void validationNamesTheBadField()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, field);
        QFETCH(QString, message);
        auto t = Task::fromJson(with(fullTask().toJson(), path, value));
        QVERIFY(!t);
        QCOMPARE(t.error().field, field);
        QVERIFY2(t.error().message.contains(message), qPrintable(t.errorText()));
        QVERIFY(t.errorText().startsWith(field));
    }
};

QTEST_GUILESS_MAIN(TestTask)
#include "tst_task.moc"
