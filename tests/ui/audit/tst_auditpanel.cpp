// Audit view over a real store: the trail lists every event, filters by actor and kind, "Verify
// Chain" says intact, and after the database is tampered with it names and highlights the first
// broken link; exports to JSON Lines and CSV contain exactly the filtered events.
#include "audit/auditexporter.h"
#include "audit/auditmodel.h"
#include "audit/auditpanel.h"
#include "common/repositorysession.h"
#include "ui/support/uifixture.h"

#include <QComboBox>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestAuditPanel : public QObject
{
    Q_OBJECT
private:
    struct Setup
    {
        UiFixture fx;
        AuditPanel *panel = nullptr;
        RepositorySession *session = nullptr;
        Setup()
        {
            const Task t = fx.addTask(QStringLiteral("Convert Kelvin"));
            const Run r = fx.addRun(t.id);
            for (int i = 0; i < 40; ++i) {
                fx.append(r.id, QStringLiteral("harness"), QStringLiteral("phase_started"),
                          {{QStringLiteral("phase"), QStringLiteral("build")},
                           {QStringLiteral("iteration"), i}});
                fx.append(r.id, QStringLiteral("agent:gpt-test"), QStringLiteral("tool_call_started"),
                          {{QStringLiteral("tool"), QStringLiteral("write_file")}, {QStringLiteral("n"), i}});
                fx.append(r.id, QStringLiteral("harness"), QStringLiteral("gate_result"),
                          {{QStringLiteral("gate"), QStringLiteral("tests")},
                           {QStringLiteral("note"), QStringLiteral("a, \"quoted\"\nline")}});
            }
            fx.append(r.id, QStringLiteral("human:alice"), QStringLiteral("plan_approved"));
            panel = new AuditPanel;
            panel->resize(1000, 600);
            panel->show();
            session = fx.session(panel);
            panel->setSession(session);
            QTRY_VERIFY(panel->model()->rowCount() > 0);
            drainAll();
        }
        ~Setup() { delete panel; }
        void drainAll()
        {
            AuditModel *m = panel->model();
            while (m->canFetchMore({}) || m->isFetching()) {
                m->fetchMore({});
                QTest::qWait(5);
            }
        }
        qint64 total() { return fx.store->lastLogId().value(); }
    };

private Q_SLOTS:
    void listsTheWholeTrail()
    {
        Setup s;
        QCOMPARE(qint64(s.panel->model()->rowCount()), s.total());
        QCOMPARE(s.panel->model()->event(0).logId, 1);
        QVERIFY(!s.panel->model()
                         ->data(s.panel->model()->index(0, AuditModel::HashColumn))
                         .toString()
                         .isEmpty());
        // The trail grows as the log does.
        s.fx.append(QStringLiteral("R1"), QStringLiteral("human:bob"), QStringLiteral("review_comment"));
        QTRY_COMPARE_WITH_TIMEOUT(qint64(s.panel->model()->rowCount()), s.total(), 5000);
    }

    void filters_data()
    {
        QTest::addColumn<int>("actorIndex");
        QTest::addColumn<QString>("actorText");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<int>("rows");
        QTest::newRow("humans") << 1 << QString() << QString() << 1;
        QTest::newRow("agents") << 2 << QString() << QString() << 40;
        QTest::newRow("exact actor") << -1 << QStringLiteral("human:alice") << QString() << 1;
        QTest::newRow("kind") << 0 << QString() << QStringLiteral("gate_result") << 40;
        QTest::newRow("kind prefix") << 0 << QString() << QStringLiteral("plan_*") << 1;
        QTest::newRow("harness and kind") << 3 << QString() << QStringLiteral("phase_started") << 40;
        QTest::newRow("nothing") << 1 << QString() << QStringLiteral("gate_result") << 0;
    }
    void filters()
    {
        QFETCH(int, actorIndex);
        QFETCH(QString, actorText);
        QFETCH(QString, kind);
        QFETCH(int, rows);
        Setup s;
        if (actorIndex >= 0)
            s.panel->actorFilter()->setCurrentIndex(actorIndex);
        else
            s.panel->actorFilter()->setEditText(actorText);
        s.panel->kindFilter()->setText(kind);
        s.panel->applyFilter();
        QTRY_VERIFY(!s.panel->model()->isFetching());
        s.drainAll();
        QCOMPARE(s.panel->model()->rowCount(), rows);
        for (int r = 0; r < s.panel->model()->rowCount(); ++r)
            QVERIFY(s.panel->model()->filter().matches(s.panel->model()->event(r)));
    }

    void verifyIntactThenBroken()
    {
        Setup s;
        QSignalSpy verified(s.panel, &AuditPanel::verified);
        QTest::mouseClick(s.panel->verifyButton(), Qt::LeftButton);
        QVERIFY(verified.wait(10000));
        QCOMPARE(verified.last().at(0).toBool(), true);
        QVERIFY(s.panel->verifyLabel()->text().contains(QStringLiteral("intact")));

        // Someone edits an event's payload behind the store's back.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(s.fx.storePath());
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(
                    QStringLiteral("UPDATE events SET payload = '{\"tool\":\"rm -rf\"}' WHERE log_id = 50")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        QTest::mouseClick(s.panel->verifyButton(), Qt::LeftButton);
        QVERIFY(verified.wait(10000));
        QCOMPARE(verified.last().at(0).toBool(), false);
        QCOMPARE(verified.last().at(1).toLongLong(), 50);
        QVERIFY(s.panel->verifyLabel()->text().contains(QStringLiteral("broken at event 50")));
        QCOMPARE(s.panel->model()->brokenLogId(), 50);
        const int row = s.panel->model()->rowOfLogId(50);
        QVERIFY(row >= 0);
        QCOMPARE(s.panel->table()->currentIndex().row(), row);
        QVERIFY(s.panel->model()->data(s.panel->model()->index(row, 0), Qt::BackgroundRole).isValid());
        QVERIFY(!s.panel->model()->data(s.panel->model()->index(row + 1, 0), Qt::BackgroundRole).isValid());
    }

    void exportsJsonLinesAndCsv()
    {
        Setup s;
        s.panel->kindFilter()->setText(QStringLiteral("gate_result"));
        s.panel->applyFilter();
        QSignalSpy exported(s.panel, &AuditPanel::exported);
        const QString jsonl = s.fx.path(QStringLiteral("trail.jsonl"));
        s.panel->exportTrail(AuditExporter::Format::JsonLines, jsonl);
        QVERIFY(exported.wait(10000));
        QCOMPARE(exported.last().at(1).toLongLong(), 40);
        QFile f(jsonl);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.size(), 41); // 40 lines and the final newline
        for (int i = 0; i < 40; ++i) {
            auto e = Event::fromJson(QJsonDocument::fromJson(lines[i]).object());
            QVERIFY2(e.ok(), qPrintable(e.errorText()));
            QCOMPARE(e->kind, QStringLiteral("gate_result"));
            QCOMPARE(e->hash, e->computeHash()); // exported events still verify
        }

        const QString csv = s.fx.path(QStringLiteral("trail.csv"));
        s.panel->exportTrail(AuditExporter::Format::Csv, csv);
        QVERIFY(exported.wait(10000));
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QByteArray text = c.readAll();
        QVERIFY(text.startsWith(AuditExporter::csvHeader()));
        // The payload with a comma, quotes and a line break is quoted per RFC 4180.
        QVERIFY(text.contains(
                "\"{\"\"gate\"\":\"\"tests\"\",\"\"note\"\":\"\"a, \\\"\"quoted\\\"\"\\nline\"\"}\""));
        QCOMPARE(text.count("gate_result"), 40);
    }

    void exportToAnUnwritablePlaceFails()
    {
        Setup s;
        QSignalSpy failed(s.panel, &AuditPanel::exportFailed);
        s.panel->exportTrail(AuditExporter::Format::Csv, QStringLiteral("/proc/no/such/dir/trail.csv"));
        QVERIFY(failed.wait(5000));
        QVERIFY(failed.last().at(0).toString().contains(QStringLiteral("Cannot write")));
    }
};

QTEST_MAIN(TestAuditPanel)
#include "tst_auditpanel.moc"
