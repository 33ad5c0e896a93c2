// Tests for Event: JSON round-trip, the canonical form the audit chain hashes, and validation errors
// that name the field.
#include "core/event.h"

#include <QJsonArray>
#include <QTest>

using namespace harness;

class TestEvent : public QObject
{
    Q_OBJECT

private:
    static Event fullEvent()
    {
        Event e = Event::make(
                QStringLiteral("R2"), QStringLiteral("agent:claude-x"), QStringLiteral("tool_call"),
                {{QStringLiteral("tool"), QStringLiteral("shell")},
                 {QStringLiteral("args"), QJsonArray {QStringLiteral("make"), QStringLiteral("-j2")}}});
        e.seq = 7;
        e.logId = 41;
        e.time = QDateTime(QDate(2026, 3, 4), QTime(5, 6, 7, 89), Qt::UTC);
        e.prevHash = QByteArray(64, 'a');
        e.hash = e.computeHash();
        return e;
    }

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<Event>("event");
        QTest::newRow("full") << fullEvent();
        Event global = Event::make(QString(), QStringLiteral("harness"), QStringLiteral("task_added"));
        global.time = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC);
        QTest::newRow("store-wide, no hashes") << global;
        Event human =
                Event::make(QStringLiteral("R1"), QStringLiteral("human:Jürgen Ö"),
                            QStringLiteral("approval"), {{QStringLiteral("note"), QStringLiteral("✓")}});
        human.time = QDateTime(QDate(2026, 1, 1), QTime(0, 0, 0, 1), Qt::UTC);
        QTest::newRow("unicode human") << human;
    }

    void roundTrip()
    {
        QFETCH(Event, event);
        auto back = Event::fromJson(event.toJson());
        QVERIFY2(back, qPrintable(back.errorText()));
        QCOMPARE(*back, event);
        QCOMPARE(back->computeHash(), event.computeHash());
    }

    void hashCoversEveryFieldButItself_data()
    {
        QTest::addColumn<QString>("field");
        for (const char *f : {"run", "seq", "log_id", "time", "actor", "kind", "payload", "prev_hash"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    void hashCoversEveryFieldButItself()
    {
        QFETCH(QString, field);
        const Event original = fullEvent();
        Event e = original;
        if (field == QStringLiteral("run"))
            e.runId = QStringLiteral("R3");
        else if (field == QStringLiteral("seq"))
            e.seq += 1;
        else if (field == QStringLiteral("log_id"))
            e.logId += 1;
        else if (field == QStringLiteral("time"))
            e.time = e.time.addMSecs(1);
        else if (field == QStringLiteral("actor"))
            e.actor = QStringLiteral("human:mallory");
        else if (field == QStringLiteral("kind"))
            e.kind = QStringLiteral("tool_result");
        else if (field == QStringLiteral("payload"))
            e.payload.insert(QStringLiteral("tool"), QStringLiteral("python"));
        else if (field == QStringLiteral("prev_hash"))
            e.prevHash = QByteArray(64, 'b');
        QVERIFY(e.computeHash() != original.computeHash());
        e = original;
        e.hash = QByteArray(64, 'f');
        QCOMPARE(e.computeHash(), original.computeHash()); // the stored hash is not part of what is hashed
    }

    void hashIsStableAndHex()
    {
        const Event e = fullEvent();
        QCOMPARE(e.computeHash().size(), 64);
        QCOMPARE(e.computeHash(), fullEvent().computeHash());
        // Payload key order does not matter (the canonical form sorts keys).
        Event reordered = e;
        reordered.payload = QJsonObject {{QStringLiteral("args"), e.payload.value(QStringLiteral("args"))},
                                         {QStringLiteral("tool"), QStringLiteral("shell")}};
        QCOMPARE(reordered.computeHash(), e.computeHash());
        // A time given with an offset hashes as the same instant in UTC.
        Event shifted = e;
        shifted.time = e.time.toOffsetFromUtc(3600);
        QCOMPARE(shifted.computeHash(), e.computeHash());
    }

    void actorShapes_data()
    {
        QTest::addColumn<QString>("actor");
        QTest::addColumn<bool>("valid");
        QTest::newRow("harness") << "harness" << true;
        QTest::newRow("human") << "human:ann" << true;
        QTest::newRow("agent") << "agent:gpt-5" << true;
        QTest::newRow("empty human") << "human:" << false;
        QTest::newRow("bare name") << "ann" << false;
        QTest::newRow("upper") << "Harness" << false;
        QTest::newRow("space after colon") << "agent: x" << false;
    }

    void actorShapes()
    {
        QFETCH(QString, actor);
        QFETCH(bool, valid);
        QCOMPARE(isValidActor(actor), valid);
    }

    void validationNamesTheBadField_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("message");
        const QJsonValue missing(QJsonValue::Undefined);
        QTest::newRow("no time") << "time" << missing << "is required";
        QTest::newRow("bad time") << "time" << QJsonValue(QStringLiteral("noon")) << "ISO 8601";
        QTest::newRow("no actor") << "actor" << missing << "is required";
        QTest::newRow("bad actor") << "actor" << QJsonValue(QStringLiteral("bob")) << "human:<name>";
        QTest::newRow("no kind") << "kind" << missing << "is required";
        QTest::newRow("kind not a string") << "kind" << QJsonValue(3) << "must be a string";
        QTest::newRow("payload not an object")
                << "payload" << QJsonValue(QJsonArray {}) << "must be an object";
        QTest::newRow("seq not an integer") << "seq" << QJsonValue(1.5) << "must be an integer";
        QTest::newRow("log_id not a number")
                << "log_id" << QJsonValue(QStringLiteral("7")) << "must be an integer";
        QTest::newRow("run not a string") << "run" << QJsonValue(12) << "must be a string";
        QTest::newRow("hash not a string") << "hash" << QJsonValue(false) << "must be a string";
    }

    void validationNamesTheBadField()
    {
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        QFETCH(QString, message);
        QJsonObject o = fullEvent().toJson();
        if (value.isUndefined())
            o.remove(key);
        else
            o.insert(key, value);
        auto e = Event::fromJson(o);
        QVERIFY(!e);
        QCOMPARE(e.error().field, key);
        QVERIFY2(e.error().message.contains(message), qPrintable(e.errorText()));
    }
};

QTEST_GUILESS_MAIN(TestEvent)
#include "tst_event.moc"
