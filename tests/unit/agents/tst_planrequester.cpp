// PlanRequester: the plan JSON of docs/architecture.md ("The run") is validated; an invalid answer gets a
// bounded number of repair requests that quote the validation error. Driven by the replay agent.
#include "agents/planrequester.h"
#include "agents/replayprovider.h"
#include "agents/transcriptrecorder.h"

#include <QJsonDocument>
#include <QTest>
#include <QtConcurrent>

using namespace harness;

namespace {
QByteArray line(int turn, const QString &text)
{
    QJsonObject o {{QStringLiteral("phase"), QStringLiteral("plan")},
                   {QStringLiteral("iteration"), 1},
                   {QStringLiteral("turn"), turn},
                   {QStringLiteral("response"), QJsonObject {{QStringLiteral("text"), text}}}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

const QString kValid = QStringLiteral(
        R"({"summary":"Add a --verbose flag","steps":[{"description":"Parse the flag","files":["src/cli.cpp"]}],"risks":[],"tests":["tests/cli_test.cpp"]})");
} // namespace

class TestPlanRequester : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesPlans_data();
    void parsesPlans();
    void validPlanNeedsNoRepair();
    void repairQuotesTheValidationError();
    void givesUpAfterMaxRepairs();
    void callErrorsPassThrough();
};

void TestPlanRequester::parsesPlans_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // empty: valid
    QTest::newRow("bare json") << kValid << QString();
    QTest::newRow("json fence") << QStringLiteral("Here is the plan:\n```json\n") + kValid +
                    QStringLiteral("\n```\nThanks.")
                                << QString();
    QTest::newRow("prose around") << QStringLiteral("Plan: ") + kValid + QStringLiteral(" -- end")
                                  << QString();
    QTest::newRow("no json") << QStringLiteral("I think we should refactor.")
                             << QStringLiteral("no JSON object");
    QTest::newRow("broken json") << QStringLiteral("{\"summary\": \"x\", ")
                                 << QStringLiteral("no JSON object");
    QTest::newRow("no steps") << QStringLiteral(R"({"summary":"s","steps":[]})")
                              << QStringLiteral("plan.steps");
    QTest::newRow("absolute path")
            << QStringLiteral(R"({"summary":"s","steps":[{"description":"d","files":["/etc/passwd"]}]})")
            << QStringLiteral("plan.steps[0].files");
}

void TestPlanRequester::parsesPlans()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    ChatResponse r;
    r.text = text;
    auto plan = PlanRequester::parse(r);
    if (error.isEmpty()) {
        QVERIFY2(plan.ok(), qPrintable(plan.errorText()));
        QCOMPARE(plan->steps.first().files, QStringList {QStringLiteral("src/cli.cpp")});
    } else {
        QVERIFY(!plan.ok());
        QVERIFY2(plan.errorText().contains(error), qPrintable(plan.errorText()));
    }
}

void TestPlanRequester::validPlanNeedsNoRepair()
{
    ReplayProvider replay(QStringLiteral("replay"), *Transcript::parse(line(0, kValid)));
    PlanRequester requester(replay, 2);
    ChatRequest r;
    r.phase = QStringLiteral("plan");
    QFuture<Result<PlanAnswer>> f = QtConcurrent::run([&] { return requester.request(r); });
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 10000);
    const auto answer = f.result();
    QVERIFY2(answer.ok(), qPrintable(answer.errorText()));
    QCOMPARE(answer->repairs, 0);
    QCOMPARE(answer->nextTurn, 1);
    QCOMPARE(answer->plan.summary, QStringLiteral("Add a --verbose flag"));
}

void TestPlanRequester::repairQuotesTheValidationError()
{
    QList<ChatRequest> seen;
    const Transcript t = *Transcript::parse(
            line(0, QStringLiteral(R"({"summary":"s","steps":[]})")) +
            line(1, QStringLiteral(R"({"summary":"s","steps":[{"description":"d","files":["../x"]}]})")) +
            line(2, kValid));
    ReplayProvider replay(QStringLiteral("replay"), t);
    PlanRequester requester(
            [&](const ChatRequest &r) {
                seen << r;
                return replay.complete(r);
            },
            2);
    ChatRequest r;
    r.phase = QStringLiteral("plan");
    r.messages << ChatMessage::user(QStringLiteral("Plan the --verbose flag"));
    QFuture<Result<PlanAnswer>> f = QtConcurrent::run([&] { return requester.request(r); });
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 10000);
    const auto answer = f.result();
    QVERIFY2(answer.ok(), qPrintable(answer.errorText()));
    QCOMPARE(answer->repairs, 2);
    QCOMPARE(answer->nextTurn, 3);
    QCOMPARE(answer->invalidReasons.size(), 2);
    QCOMPARE(seen.size(), 3);
    QCOMPARE(seen.at(1).turn, 1);
    // The repair shows the model its own answer and quotes the validator.
    QCOMPARE(seen.at(1).messages.size(), 3);
    QCOMPARE(seen.at(1).messages.at(1).role, QStringLiteral("assistant"));
    QVERIFY(seen.at(1).messages.at(2).content.contains(
            QStringLiteral("plan.steps: must list at least one step")));
    QVERIFY(seen.at(2).messages.last().content.contains(QStringLiteral("plan.steps[0].files")));
}

void TestPlanRequester::givesUpAfterMaxRepairs()
{
    const Transcript t =
            *Transcript::parse(line(0, QStringLiteral("no plan")) + line(1, QStringLiteral("still none")));
    ReplayProvider replay(QStringLiteral("replay"), t);
    PlanRequester requester(replay, 1);
    ChatRequest r;
    r.phase = QStringLiteral("plan");
    QFuture<Result<PlanAnswer>> f = QtConcurrent::run([&] { return requester.request(r); });
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 10000);
    QVERIFY(!f.result().ok());
    QCOMPARE(f.result().error().field, QStringLiteral("plan_invalid"));
    QVERIFY(f.result().error().message.contains(QStringLiteral("1 repair")));
}

void TestPlanRequester::callErrorsPassThrough()
{
    ReplayProvider replay(QStringLiteral("replay"), Transcript {});
    PlanRequester requester(replay, 3);
    ChatRequest r;
    r.phase = QStringLiteral("plan");
    QFuture<Result<PlanAnswer>> f = QtConcurrent::run([&] { return requester.request(r); });
    QTRY_VERIFY_WITH_TIMEOUT(f.isFinished(), 10000);
    QVERIFY(!f.result().ok());
    QCOMPARE(f.result().error().field, QStringLiteral("protocol"));
    QVERIFY(f.result().error().message.contains(QStringLiteral("turn 0")));
}

QTEST_GUILESS_MAIN(TestPlanRequester)
#include "tst_planrequester.moc"
