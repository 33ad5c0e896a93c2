// The project's own .harness/rules.json: it loads, it is in the stable saved layout, and this
// repository's tree has no violation of it (what CI checks with `harness check` on its own tree).
#include "rules/ruleengine.h"
#include "rules/ruleset.h"

#include <QFile>
#include <QTest>

using namespace harness;

class tst_ProjectRules : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rulesFileLoadsInStableLayout()
    {
        const QString path = QStringLiteral(HARNESS_SOURCE_DIR "/.harness/rules.json");
        auto rules = RuleSet::load(path);
        QVERIFY2(rules.ok(), qPrintable(rules.errorText()));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(rules->toJsonText()), QString::fromUtf8(f.readAll()));
        QStringList names;
        for (const Layer &l : rules->layers)
            names << l.name;
        QCOMPARE(names,
                 (QStringList {QStringLiteral("core"), QStringLiteral("store"), QStringLiteral("rules"),
                               QStringLiteral("knowledge"), QStringLiteral("runtime"),
                               QStringLiteral("agents"), QStringLiteral("verify"),
                               QStringLiteral("orchestration"), QStringLiteral("mcp"), QStringLiteral("cli"),
                               QStringLiteral("ui")}));
    }

    void ownTreeHasNoViolation()
    {
        auto rules = RuleSet::load(QStringLiteral(HARNESS_SOURCE_DIR "/.harness/rules.json"));
        QVERIFY(rules.ok());
        auto report = RuleEngine::run(QStringLiteral(HARNESS_SOURCE_DIR), *rules);
        QVERIFY2(report.ok(), qPrintable(report.errorText()));
        QStringList lines;
        for (const Finding &f : report->findings)
            lines << QStringLiteral("%1:%2:%3: [%4] %5")
                             .arg(f.file)
                             .arg(f.line)
                             .arg(f.column)
                             .arg(f.rule, f.message);
        QVERIFY2(report->findings.isEmpty(), qPrintable(lines.join(QLatin1Char('\n'))));
        QVERIFY(report->filesChecked > 100);
        // the check really looked at the layers: the command line depends on orchestration, allowed
        bool sawCliToOrchestration = false;
        for (const LayerEdge &e : report->graph.layerEdges(*rules)) {
            QVERIFY2(e.allowed, qPrintable(e.from + QStringLiteral(" -> ") + e.to));
            sawCliToOrchestration |= e.from == QLatin1String("cli") && e.to == QLatin1String("orchestration");
        }
        QVERIFY(sawCliToOrchestration);
    }
};

QTEST_GUILESS_MAIN(tst_ProjectRules)
#include "tst_projectrules.moc"
