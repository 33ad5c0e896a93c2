// SarifWriter: a SARIF 2.1.0 log with what GitHub code scanning requires — version and schema, the
// tool's rules, results with repository-relative percent-encoded URIs and 1-based regions — that reads
// back to the same findings.
#include "verify/outputparser.h"
#include "verify/sarifwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace harness;

namespace {

QList<Finding> sampleFindings()
{
    Finding layer;
    layer.file = QStringLiteral("app/core/task.h");
    layer.line = 3;
    layer.column = 11;
    layer.rule = QStringLiteral("layer-core");
    layer.message =
            QStringLiteral("app/core/task.h (layer \"core\") depends on app/ui/view.h (layer \"ui\")");
    layer.source = QStringLiteral("rules");
    Finding limit;
    limit.file = QStringLiteral("docs/my notes/big file.md");
    limit.line = 0;
    limit.severity = Severity::Warning;
    limit.rule = QStringLiteral("file-length");
    limit.message = QStringLiteral("too long");
    Finding note;
    note.file = QStringLiteral("src/x.py");
    note.line = 7;
    note.severity = Severity::Info;
    note.rule = QStringLiteral("style");
    note.message = QStringLiteral("consider a name");
    return {layer, limit, note};
}

} // namespace

class tst_SarifWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesWhatCodeScanningNeeds()
    {
        RuleSet rules;
        rules.layers = {Layer {QStringLiteral("layer-core"),
                               QStringLiteral("core"),
                               {QStringLiteral("app/core/**")},
                               {},
                               Severity::Error,
                               QStringLiteral("core knows no other folder."),
                               RuleOrigin {QStringLiteral("design"), {}, {}, {}}},
                        Layer {QStringLiteral("layer-ui"),
                               QStringLiteral("ui"),
                               {QStringLiteral("app/ui/**")},
                               {QStringLiteral("core")}}};
        const QByteArray text = SarifWriter::write(sampleFindings(), &rules, QStringLiteral("/work/repo"));
        QJsonParseError error;
        const QJsonObject log = QJsonDocument::fromJson(text, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(log.value(QStringLiteral("version")).toString(), QStringLiteral("2.1.0"));
        QVERIFY(log.value(QStringLiteral("$schema")).toString().contains(QStringLiteral("sarif-2.1.0")));
        const QJsonObject run = log.value(QStringLiteral("runs")).toArray().first().toObject();
        const QJsonObject driver =
                run.value(QStringLiteral("tool")).toObject().value(QStringLiteral("driver")).toObject();
        QCOMPARE(driver.value(QStringLiteral("name")).toString(), QStringLiteral("harness"));
        QVERIFY(!driver.value(QStringLiteral("version")).toString().isEmpty());
        const QJsonArray ruleList = driver.value(QStringLiteral("rules")).toArray();
        QStringList ids;
        for (const QJsonValue &r : ruleList) {
            ids << r.toObject().value(QStringLiteral("id")).toString();
            QVERIFY(!r.toObject()
                             .value(QStringLiteral("shortDescription"))
                             .toObject()
                             .value(QStringLiteral("text"))
                             .toString()
                             .isEmpty());
        }
        QVERIFY(ids.contains(QStringLiteral("layer-core")));
        QVERIFY(ids.contains(QStringLiteral("aws-access-key-id"))); // built-in secrets are described too
        QVERIFY(ids.contains(QStringLiteral("file-length"))); // rules known only from findings
        QCOMPARE(ids.removeDuplicates(), 0);
        const QJsonObject core = ruleList.at(ids.indexOf(QStringLiteral("layer-core"))).toObject();
        QCOMPARE(core.value(QStringLiteral("help")).toObject().value(QStringLiteral("text")).toString(),
                 QStringLiteral("core knows no other folder."));
        QCOMPARE(core.value(QStringLiteral("properties"))
                         .toObject()
                         .value(QStringLiteral("origin"))
                         .toObject()
                         .value(QStringLiteral("incident"))
                         .toString(),
                 QStringLiteral("design"));

        const QJsonArray results = run.value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), 3);
        for (const QJsonValue &v : results) {
            const QJsonObject r = v.toObject();
            const int index = r.value(QStringLiteral("ruleIndex")).toInt(-1);
            QCOMPARE(ruleList.at(index).toObject().value(QStringLiteral("id")).toString(),
                     r.value(QStringLiteral("ruleId")).toString());
            QVERIFY(!r.value(QStringLiteral("message"))
                             .toObject()
                             .value(QStringLiteral("text"))
                             .toString()
                             .isEmpty());
            QVERIFY(!r.value(QStringLiteral("partialFingerprints")).toObject().isEmpty());
        }
        const QJsonObject first = results.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("level")).toString(), QStringLiteral("error"));
        const QJsonObject phys = first.value(QStringLiteral("locations"))
                                         .toArray()
                                         .first()
                                         .toObject()
                                         .value(QStringLiteral("physicalLocation"))
                                         .toObject();
        QCOMPARE(phys.value(QStringLiteral("artifactLocation"))
                         .toObject()
                         .value(QStringLiteral("uri"))
                         .toString(),
                 QStringLiteral("app/core/task.h"));
        QCOMPARE(phys.value(QStringLiteral("region")).toObject().value(QStringLiteral("startLine")).toInt(),
                 3);
        QCOMPARE(phys.value(QStringLiteral("region")).toObject().value(QStringLiteral("startColumn")).toInt(),
                 11);
        const QJsonObject second = results.at(1).toObject();
        QCOMPARE(second.value(QStringLiteral("level")).toString(), QStringLiteral("warning"));
        const QJsonObject phys2 = second.value(QStringLiteral("locations"))
                                          .toArray()
                                          .first()
                                          .toObject()
                                          .value(QStringLiteral("physicalLocation"))
                                          .toObject();
        QCOMPARE(phys2.value(QStringLiteral("artifactLocation"))
                         .toObject()
                         .value(QStringLiteral("uri"))
                         .toString(),
                 QStringLiteral("docs/my%20notes/big%20file.md"));
        QVERIFY(!phys2.contains(
                QStringLiteral("region"))); // a whole-file finding has no region (startLine must be >= 1)
        QCOMPARE(results.at(2).toObject().value(QStringLiteral("level")).toString(), QStringLiteral("note"));
        QCOMPARE(run.value(QStringLiteral("originalUriBaseIds"))
                         .toObject()
                         .value(QStringLiteral("%SRCROOT%"))
                         .toObject()
                         .value(QStringLiteral("uri"))
                         .toString(),
                 QStringLiteral("file:///work/repo/"));
    }

    void readsBackToTheSameFindings()
    {
        const QList<Finding> findings = sampleFindings();
        const QByteArray text = SarifWriter::write(findings, nullptr, QStringLiteral("/work/repo"));
        ParseContext ctx;
        ctx.root = ctx.workdir = QStringLiteral("/work/repo");
        ctx.spec.format = QStringLiteral("sarif");
        auto back = OutputParser::parse(text, ctx);
        QVERIFY2(back.ok(), qPrintable(back.errorText()));
        QCOMPARE(back->size(), findings.size());
        for (qsizetype i = 0; i < findings.size(); ++i) {
            QCOMPARE(back->at(i).file, findings.at(i).file);
            QCOMPARE(back->at(i).line, findings.at(i).line);
            QCOMPARE(back->at(i).column, findings.at(i).column);
            QCOMPARE(back->at(i).severity, findings.at(i).severity);
            QCOMPARE(back->at(i).rule, findings.at(i).rule);
            QCOMPARE(back->at(i).message, findings.at(i).message);
        }
    }

    void fingerprintsAreStableAcrossRuns()
    {
        const QByteArray a = SarifWriter::write(sampleFindings(), nullptr, QStringLiteral("/a"));
        const QByteArray b = SarifWriter::write(sampleFindings(), nullptr, QStringLiteral("/b"));
        auto fp = [](const QByteArray &t) {
            return QJsonDocument::fromJson(t)
                    .object()
                    .value(QStringLiteral("runs"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("results"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("partialFingerprints"));
        };
        QCOMPARE(fp(a), fp(b));
    }
};

QTEST_GUILESS_MAIN(tst_SarifWriter)
#include "tst_sarifwriter.moc"
