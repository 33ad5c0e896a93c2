// `harness check` in-process: exit 0 on a clean tree, 1 with violations, 2 on bad input; text, JSON and
// SARIF output; --changed-since; and this repository's own tree against its own rules (what CI runs).
#include "checkcommand.h"

#include "common/treewriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace harness;

namespace {

struct Outcome
{
    int code = -1;
    QString out;
    QString err;
};

Outcome check(const QStringList &args)
{
    Outcome o;
    QTextStream out(&o.out);
    QTextStream err(&o.err);
    o.code = runCheckCommand(args, out, err);
    out.flush();
    err.flush();
    return o;
}

const QByteArray kRules = "{\"layers\": [{\"name\": \"core\", \"paths\": [\"src/core/**\"], \"allow\": []},\n"
                          "  {\"name\": \"ui\", \"paths\": [\"src/ui/**\"], \"allow\": [\"core\"]}],\n"
                          " \"forbidden\": [{\"id\": \"no-printf\", \"paths\": [\"src/**\"], \"pattern\": "
                          "\"printf\\\\(\", \"severity\": \"warning\", "
                          "\"message\": \"Use the logger.\"}]}\n";

void cleanRepo(const TreeWriter &t)
{
    t.initGit();
    t.write(QStringLiteral(".harness/rules.json"), kRules);
    t.write(QStringLiteral("src/core/a.h"), "#pragma once\n");
    t.write(QStringLiteral("src/ui/v.cpp"), "#include \"core/a.h\"\n");
    t.commitAll(QStringLiteral("clean"));
}

} // namespace

class tst_CheckCommand : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanTreeExitsZero()
    {
        TreeWriter t;
        cleanRepo(t);
        const Outcome o = check({t.root()});
        QCOMPARE(o.code, 0);
        QVERIFY2(o.out.contains(QStringLiteral("no violations in 3 files")), qPrintable(o.out));
        QVERIFY(o.err.isEmpty());
    }

    void violationsExitOneInEveryFormat()
    {
        TreeWriter t;
        cleanRepo(t);
        t.write(QStringLiteral("src/core/a.h"),
                "#pragma once\n#include \"ui/v.cpp\"\nvoid f() { printf(\"x\"); }\n");
        const Outcome text = check({t.root()});
        QCOMPARE(text.code, 1);
        QVERIFY2(text.out.contains(QStringLiteral(
                         "src/core/a.h:2:11: error: src/core/a.h (layer \"core\") depends on src/ui/v.cpp")),
                 qPrintable(text.out));
        QVERIFY(text.out.contains(QStringLiteral(
                "src/core/a.h:3:12: warning: \"printf(\" is forbidden here. Use the logger. [no-printf]")));
        QVERIFY(text.out.contains(QStringLiteral("2 finding(s) in 1 file(s)")));

        const Outcome json = check({t.root(), QStringLiteral("--format"), QStringLiteral("json")});
        QCOMPARE(json.code, 1);
        const QJsonObject doc = QJsonDocument::fromJson(json.out.toUtf8()).object();
        QCOMPARE(doc.value(QStringLiteral("findings")).toArray().size(), 2);
        QCOMPARE(doc.value(QStringLiteral("files_checked")).toInt(), 3);
        QCOMPARE(doc.value(QStringLiteral("findings"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("rule"))
                         .toString(),
                 QStringLiteral("layer-core"));

        const QString sarifFile = t.path(QStringLiteral("out/check.sarif"));
        QDir().mkpath(t.path(QStringLiteral("out")));
        const Outcome sarif =
                check({t.root(), QStringLiteral("--format=sarif"), QStringLiteral("--output"), sarifFile});
        QCOMPARE(sarif.code, 1);
        QFile f(sarifFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject log = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        QCOMPARE(log.value(QStringLiteral("runs"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("results"))
                         .toArray()
                         .size(),
                 2);
        QVERIFY(sarif.out.contains(QStringLiteral("2 finding(s)"))); // the summary still goes to the terminal
    }

    void changedSinceLimitsTheCheck()
    {
        TreeWriter t;
        cleanRepo(t);
        t.write(QStringLiteral("src/ui/old.cpp"), "void g() { printf(\"old\"); }\n");
        t.commitAll(QStringLiteral("old debt"));
        const QString base =
                QString::fromUtf8(t.git({QStringLiteral("rev-parse"), QStringLiteral("HEAD")}).trimmed());
        t.write(QStringLiteral("src/ui/new.cpp"), "void h() {}\n");
        QCOMPARE(check({t.root(), QStringLiteral("--changed-since"), base}).code, 0);
        t.write(QStringLiteral("src/ui/new.cpp"), "void h() { printf(\"new\"); }\n");
        const Outcome o = check({t.root(), QStringLiteral("--changed-since"), base});
        QCOMPARE(o.code, 1);
        QVERIFY(o.out.contains(QStringLiteral("src/ui/new.cpp:1")));
        QVERIFY(!o.out.contains(QStringLiteral("old.cpp")));
        QVERIFY(o.out.contains(QStringLiteral("1 files changed since")));
        QCOMPARE(check({t.root()}).code, 1);
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("hint");
        QTest::newRow("unknown-option")
                << QStringList {QStringLiteral("--fast")} << "unknown option \"--fast\"";
        QTest::newRow("bad-format") << QStringList {QStringLiteral("--format"), QStringLiteral("xml")}
                                    << "--format must be text, json or sarif";
        QTest::newRow("missing-value") << QStringList {QStringLiteral("--rules")} << "--rules needs a value";
        QTest::newRow("not-a-dir") << QStringList {QStringLiteral("ROOT/nope")} << "is not a directory";
        QTest::newRow("no-rules") << QStringList {QStringLiteral("ROOT"), QStringLiteral("--rules"),
                                                  QStringLiteral("ROOT/none.json")}
                                  << "no rules file at";
        QTest::newRow("invalid-rules") << QStringList {QStringLiteral("ROOT"), QStringLiteral("--rules"),
                                                       QStringLiteral("ROOT/bad.json")}
                                       << "bad.json:1:37: layers[0].allow[0]: names no layer";
        QTest::newRow("unknown-revision")
                << QStringList {QStringLiteral("ROOT"), QStringLiteral("--changed-since"),
                                QStringLiteral("v9.9")}
                << "v9.9";
        QTest::newRow("two-paths") << QStringList {QStringLiteral("ROOT"), QStringLiteral("ROOT")}
                                   << "give one PATH";
    }
    void badInputExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, hint);
        TreeWriter t;
        cleanRepo(t);
        t.write(QStringLiteral("bad.json"),
                "{\"layers\": [{\"name\": \"a\", \"allow\": [\"b\"], \"paths\": [\"a/**\"]}]}");
        for (QString &a : args)
            a.replace(QLatin1String("ROOT"), t.root());
        const Outcome o = check(args);
        QCOMPARE(o.code, 2);
        QVERIFY2(o.err.contains(hint), qPrintable(o.err));
        QVERIFY(o.out.isEmpty());
    }

    void helpDocumentsExitCodes()
    {
        const Outcome o = check({QStringLiteral("--help")});
        QCOMPARE(o.code, 0);
        QVERIFY(o.out.contains(QStringLiteral("Exit status: 0 no violations, 1 violations found")));
    }

    // What CI runs: `harness check` on this repository against its own .harness/rules.json.
    void ownTreeIsClean()
    {
        const Outcome o = check({QStringLiteral(HARNESS_SOURCE_DIR)});
        QVERIFY2(o.code == 0, qPrintable(o.out + o.err));
    }
};

QTEST_GUILESS_MAIN(tst_CheckCommand)
#include "tst_checkcommand.moc"
