// Crash test: a child process appending events is killed with SIGKILL at random moments, 30 times.
// After each kill the file passes integrity_check, every acknowledged event is present and the audit
// chain is intact.
#include "store/store.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace harness;

namespace {
QString integrityCheck(const QString &path)
{
    QString result;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("integrity"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next())
                result = q.value(0).toString();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("integrity"));
    return result;
}
} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedWriterLosesNoAcknowledgedEvent()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crash.sqlite"));
        QRandomGenerator random(20261124);
        QElapsedTimer clock;
        clock.start();
        qint64 totalAcked = 0;
        int killedWhileWriting = 0;
        for (int round = 0; round < 30; ++round) {
            QProcess child;
            child.start(QStringLiteral(STORE_APPEND_CHILD),
                        {path, QStringLiteral("--seed"), QString::number(round + 1),
                         QStringLiteral("--max-batch"), QStringLiteral("60")});
            QVERIFY(child.waitForStarted());
            QVERIFY2(child.waitForReadyRead(10000), "the child did not open the store");
            // Kill at a random moment while it appends (between 5 and 250 ms after it is ready).
            QTest::qSleep(5 + int(random.bounded(245)));
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(10000));
            QCOMPARE(child.exitStatus(), QProcess::CrashExit);
            if (child.exitStatus() == QProcess::CrashExit)
                ++killedWhileWriting;

            QList<qint64> acked;
            const QList<QByteArray> lines = child.readAllStandardOutput().split('\n');
            for (const QByteArray &line : lines) {
                if (!line.startsWith("ack "))
                    continue; // "ready", or a line cut short by the kill (not acknowledged yet)
                const QList<QByteArray> ids = line.mid(4).split(' ');
                for (const QByteArray &id : ids)
                    acked << id.toLongLong();
            }
            QVERIFY2(child.readAllStandardError().isEmpty(),
                     "the child reported an error before it was killed");

            QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
            auto store = Store::open(StoreLocation::sqlite(path));
            QVERIFY2(store, qPrintable(store.errorText()));
            if (!acked.isEmpty()) {
                const qint64 first = acked.first();
                auto present = (*store)->eventsFromLog(first, int(acked.last() - first + 1));
                QVERIFY2(present, qPrintable(present.errorText()));
                QSet<qint64> ids;
                for (const Event &e : std::as_const(*present))
                    ids.insert(e.logId);
                for (qint64 id : std::as_const(acked))
                    QVERIFY2(ids.contains(id),
                             qPrintable(QStringLiteral("acknowledged event %1 is missing").arg(id)));
            }
            auto chain = (*store)->verifyChain();
            QVERIFY2(chain, qPrintable(chain.errorText()));
            QVERIFY2(chain->intact, qPrintable(chain->reason));
            totalAcked += acked.size();
            if (round % 10 == 9) {
                // Start over now and then so the chain check stays quick.
                store = Result<std::unique_ptr<Store>>::failure(QStringLiteral("closed"));
                for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
                    QFile::remove(path + suffix);
            }
        }
        QCOMPARE(killedWhileWriting, 30);
        QVERIFY2(totalAcked > 30, "the child acknowledged almost nothing: the test did not exercise appends");
        qInfo("30 kills, %lld acknowledged events checked, %lld ms", totalAcked, clock.elapsed());
    }
};

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
