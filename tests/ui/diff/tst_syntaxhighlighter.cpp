// SyntaxHighlighter with whichever backend this build has (KSyntaxHighlighting or the built-in lexer):
// keywords, strings and comments of common languages get colours, spans stay inside the line, an
// unknown file type is left plain, and the backend is the one `--version` names.
#include "buildinfo.h"
#include "diff/syntaxhighlighter.h"

#include <QTest>

using namespace harness::ui;

namespace {

// The span that covers [start, start + length) entirely, if any.
const SyntaxSpan *covering(const QList<SyntaxSpan> &spans, qsizetype start, qsizetype length)
{
    for (const SyntaxSpan &s : spans)
        if (s.start <= start && s.start + s.length >= start + length)
            return &s;
    return nullptr;
}

} // namespace

class TestSyntaxHighlighter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void backendIsTheOneTheBuildNames()
    {
        const QString built = QStringLiteral(HARNESS_SYNTAX_BACKEND);
        if (built.startsWith(QLatin1String("KF")))
            QCOMPARE(SyntaxHighlighter::backendName(), QStringLiteral("KSyntaxHighlighting"));
        else
            QVERIFY(SyntaxHighlighter::backendName() != QLatin1String("KSyntaxHighlighting"));
        qInfo("backend: %s (%s)", qPrintable(SyntaxHighlighter::backendName()), HARNESS_SYNTAX_BACKEND);
    }

    void colorsKeywordsStringsAndComments_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<QString>("string");
        QTest::addColumn<QString>("comment");
        QTest::newRow("c++") << "src/main.cpp"
                             << "return \"text\"; // done"
                             << "return"
                             << "\"text\""
                             << "// done";
        QTest::newRow("python") << "units/core/temperature.py"
                                << "return \"kelvin\"  # note"
                                << "return"
                                << "\"kelvin\""
                                << "# note";
        QTest::newRow("typescript") << "web/app.ts"
                                    << "return 'x'; // why"
                                    << "return"
                                    << "'x'"
                                    << "// why";
    }
    void colorsKeywordsStringsAndComments()
    {
        QFETCH(QString, file);
        QFETCH(QString, line);
        QFETCH(QString, keyword);
        QFETCH(QString, string);
        QFETCH(QString, comment);
        SyntaxHighlighter h;
        const QList<SyntaxSpan> spans = h.highlight(file, line);
        QVERIFY(!spans.isEmpty());
        for (const SyntaxSpan &s : spans) {
            QVERIFY(s.start >= 0 && s.length > 0);
            QVERIFY(s.start + s.length <= line.size());
            QVERIFY(s.color.isValid());
        }
        const SyntaxSpan *k = covering(spans, line.indexOf(keyword), keyword.size());
        const SyntaxSpan *str = covering(spans, line.indexOf(string), string.size());
        const SyntaxSpan *c = covering(spans, line.indexOf(comment), comment.size());
        QVERIFY2(k, "the keyword has a colour");
        QVERIFY2(str, "the string has a colour");
        QVERIFY2(c, "the comment has a colour");
        QVERIFY(k->color != str->color);
        QVERIFY(str->color != c->color);
    }

    void unknownFileTypesStayPlain()
    {
        SyntaxHighlighter h;
        QVERIFY(h.highlight(QStringLiteral("notes.unknown-suffix-xyz"), QStringLiteral("return 1"))
                        .isEmpty());
        QVERIFY(h.highlight(QStringLiteral("src/main.cpp"), QString()).isEmpty());
    }

    void eachLineStandsAlone()
    {
        // A diff shows fragments: an unclosed string on one line does not colour the next.
        SyntaxHighlighter h;
        h.highlight(QStringLiteral("a.py"), QStringLiteral("x = \"unclosed"));
        const QString next = QStringLiteral("return value");
        const QList<SyntaxSpan> spans = h.highlight(QStringLiteral("a.py"), next);
        QVERIFY(!covering(spans, next.indexOf(QLatin1String("value")), 5));
    }
};

QTEST_GUILESS_MAIN(TestSyntaxHighlighter)
#include "tst_syntaxhighlighter.moc"
