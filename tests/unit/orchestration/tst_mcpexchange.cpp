// McpExchange::takeSuggestions reads back what an external agent's sandbox could write: suggestions/ is the
// only part of the exchange folder the agent can write, so every entry there is hostile. A link (to a
// canary file outside, or to a folder) is never read through, a FIFO never opened, an oversized file never
// read whole, a folder never walked into; only regular, bounded files that read as suggestions come back,
// everything is removed afterwards (a link itself, never its target), and at most `max` are read.
#include "orchestration/mcpexchange.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace harness;

namespace {

void write(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
}

QByteArray suggestionJson(const QString &pattern)
{
    const QJsonObject rule {{QStringLiteral("id"), QStringLiteral("no-print")},
                            {QStringLiteral("pattern"), pattern},
                            {QStringLiteral("message"), QStringLiteral("Use logging.")}};
    return QJsonDocument(QJsonObject {{QStringLiteral("kind"), QStringLiteral("forbidden")},
                                      {QStringLiteral("rule"), rule},
                                      {QStringLiteral("reason"), QStringLiteral("prints leak")}})
            .toJson(QJsonDocument::Compact);
}

} // namespace

class TestMcpExchange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hostileEntriesAreNeverReadThrough()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("run.mcp"));
        const QString suggestions = McpExchange::suggestionsFolder(folder);
        QVERIFY(QDir().mkpath(suggestions));
        const QByteArray canaryText = "CANARY-" + QByteArray::number(qint64(::getpid())) + "-secret";
        const QString canary = dir.filePath(QStringLiteral("outside/canary.json"));
        // The canary even reads as a suggestion: only following the link would make it one.
        write(canary, suggestionJson(QString::fromLatin1(canaryText)));
        write(dir.filePath(QStringLiteral("outside/inner/keep.txt")), "keep");

        write(suggestions + QStringLiteral("/a-good.json"), suggestionJson(QStringLiteral("print\\(")));
        QVERIFY(QFile::link(canary, suggestions + QStringLiteral("/b-link-to-canary.json")));
        QVERIFY(QFile::link(dir.filePath(QStringLiteral("outside")),
                            suggestions + QStringLiteral("/c-link-dir")));
        QCOMPARE(::mkfifo(qPrintable(suggestions + QStringLiteral("/d-fifo.json")), 0600), 0);
        write(suggestions + QStringLiteral("/e-huge.json"),
              QByteArray(int(McpExchange::kMaxSuggestionBytes) + 10, ' ') +
                      suggestionJson(QStringLiteral("x")));
        write(suggestions + QStringLiteral("/f-folder/inside.json"), suggestionJson(QStringLiteral("y")));
        write(suggestions + QStringLiteral("/g-not-json.json"), "not json");

        const QList<Result<RuleSuggestion>> got = McpExchange::takeSuggestions(folder);
        QCOMPARE(got.size(), 7);
        int ok = 0;
        for (const auto &r : got) {
            if (r) {
                ++ok;
                QCOMPARE(r->rule.value(QStringLiteral("pattern")).toString(), QStringLiteral("print\\("));
            } else {
                QVERIFY2(!r.errorText().toUtf8().contains(canaryText), qPrintable(r.errorText()));
            }
        }
        QCOMPARE(ok, 1); // only the regular, bounded, valid file
        // Everything in suggestions/ is gone; what the links pointed at is untouched.
        QVERIFY(QDir(suggestions)
                        .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)
                        .isEmpty());
        QVERIFY(QFile::exists(canary));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("outside/inner/keep.txt"))));
    }

    void atMostMaxAreReadAndAllAreRemoved()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("run.mcp"));
        const QString suggestions = McpExchange::suggestionsFolder(folder);
        for (int i = 0; i < 30; ++i)
            write(suggestions + QStringLiteral("/s%1.json").arg(i, 2, 10, QLatin1Char('0')),
                  suggestionJson(QStringLiteral("p%1").arg(i)));
        QCOMPARE(McpExchange::takeSuggestions(folder, 5).size(), 5);
        QVERIFY(QDir(suggestions).entryList(QDir::Files).isEmpty());
    }

    void aLinkedSuggestionsFolderIsNotRead()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("run.mcp"));
        QVERIFY(QDir().mkpath(folder));
        const QString elsewhere = dir.filePath(QStringLiteral("elsewhere"));
        write(elsewhere + QStringLiteral("/s.json"), suggestionJson(QStringLiteral("z")));
        QVERIFY(QFile::link(elsewhere, McpExchange::suggestionsFolder(folder)));
        QVERIFY(McpExchange::takeSuggestions(folder).isEmpty());
        QVERIFY(QFile::exists(elsewhere + QStringLiteral("/s.json")));
    }
};

QTEST_GUILESS_MAIN(TestMcpExchange)
#include "tst_mcpexchange.moc"
