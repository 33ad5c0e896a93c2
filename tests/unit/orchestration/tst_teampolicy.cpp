// policy.json's "team": the defaults when it is absent, the accepted shape (round trip), and each refusal
// located at file:line:column with its field.
#include "orchestration/projectpolicy.h"

#include <QTest>

using namespace harness;

class TestTeamPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void absentMeansThisMachine()
    {
        auto p = ProjectPolicy::fromJsonText("{}");
        QVERIFY2(p, qPrintable(p.errorText()));
        QVERIFY(!p->team.queuesRuns());
        QCOMPARE(p->team.remote, QStringLiteral("origin"));
        QCOMPARE(p->team.merge, TeamPolicy::Merge::Push);
        QVERIFY(!p->toJson().contains("team")); // the defaults are not written out
    }

    void readsAndWritesTheTeam()
    {
        auto p = ProjectPolicy::fromJsonText("{\"team\": {\"runs_on\": \"runners\", \"remote\": "
                                             "\"git@forge:team/app.git\", \"merge\": \"pull_request\", "
                                             "\"priority\": 5}}");
        QVERIFY2(p, qPrintable(p.errorText()));
        QVERIFY(p->team.queuesRuns());
        QCOMPARE(p->team.remote, QStringLiteral("git@forge:team/app.git"));
        QCOMPARE(p->team.merge, TeamPolicy::Merge::PullRequest);
        QCOMPARE(p->team.priority, 5);
        auto again = ProjectPolicy::fromJson(p->toJson());
        QVERIFY2(again, qPrintable(again.errorText()));
        QCOMPARE(again->team, p->team);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("error");
        QTest::newRow("runs_on")
                << QByteArray("{\n  \"team\": {\"runs_on\": \"cloud\"}}")
                << "policy.json:2:12: team.runs_on: must be \"this_machine\" or \"runners\", "
                   "not \"cloud\"";
        QTest::newRow("merge") << QByteArray("{\"team\": {\"merge\": \"squash\"}}")
                               << "team.merge: must be \"push\" or \"pull_request\", not \"squash\"";
        QTest::newRow("empty remote")
                << QByteArray("{\"team\": {\"remote\": \" \"}}") << "team.remote: must name a git remote";
        QTest::newRow("priority") << QByteArray("{\"team\": {\"priority\": 5000}}")
                                  << "team.priority: must be between -1000 and 1000";
        QTest::newRow("unknown key") << QByteArray("{\"team\": {\"runs-on\": \"runners\"}}")
                                     << "team.runs-on: is not a field of \"team\"";
        QTest::newRow("not an object") << QByteArray("{\"team\": \"runners\"}") << "team: must be an object";
    }

    void refusals()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, error);
        auto p = ProjectPolicy::fromJsonText(text);
        QVERIFY(!p);
        QVERIFY2(p.errorText().contains(error), qPrintable(p.errorText()));
    }
};

QTEST_GUILESS_MAIN(TestTeamPolicy)
#include "tst_teampolicy.moc"
