// Tests for AnchoredEditor: batches validated against one snapshot, stale anchors reject everything
// with fresh anchors, bottom-up semantics, overlaps refused, line endings kept.
#include "runtime/anchorededitor.h"

#include <QTest>

using namespace harness;

namespace {
TextSnapshot numbered(int n)
{
    QString text;
    for (int i = 1; i <= n; ++i)
        text += QStringLiteral("line %1\n").arg(i);
    return TextSnapshot::fromText(text);
}
LineAnchor at(const TextSnapshot &s, int line)
{
    return LineAnchor::of(line, s.lines.at(line - 1));
}
EditOperation op(EditOperation::Kind kind, LineAnchor start, LineAnchor end, QStringList lines = {})
{
    EditOperation o;
    o.kind = kind;
    o.start = start;
    o.end = end;
    o.lines = lines;
    return o;
}
} // namespace

class TestAnchoredEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replaceRange()
    {
        const TextSnapshot s = numbered(6);
        auto r = AnchoredEditor::apply(
                s, {op(EditOperation::Kind::Replace, at(s, 2), at(s, 4), {QStringLiteral("X")})});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.toText(), QStringLiteral("line 1\nX\nline 5\nline 6\n"));
        QCOMPARE(r.linesAdded, 1);
        QCOMPARE(r.linesRemoved, 3);
        QCOMPARE(r.firstChangedLine, 2);
    }
    void batchUsesSnapshotLineNumbers()
    {
        // Both edits name lines of the original; the first must not shift the second.
        const TextSnapshot s = numbered(10);
        auto r = AnchoredEditor::apply(
                s,
                {op(EditOperation::Kind::InsertAfter, at(s, 2), at(s, 2),
                    {QStringLiteral("a"), QStringLiteral("b")}),
                 op(EditOperation::Kind::Delete, at(s, 8), at(s, 9)),
                 op(EditOperation::Kind::Replace, at(s, 5), at(s, 5), {QStringLiteral("five")}),
                 op(EditOperation::Kind::InsertBefore, at(s, 1), at(s, 1), {QStringLiteral("top")}),
                 op(EditOperation::Kind::Append, {}, {}, {QStringLiteral("end")})});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.lines,
                 QStringList({QStringLiteral("top"), QStringLiteral("line 1"), QStringLiteral("line 2"),
                              QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("line 3"),
                              QStringLiteral("line 4"), QStringLiteral("five"), QStringLiteral("line 6"),
                              QStringLiteral("line 7"), QStringLiteral("line 10"), QStringLiteral("end")}));
    }
    void insertBeforeReplacementComesFirst()
    {
        const TextSnapshot s = numbered(3);
        auto r = AnchoredEditor::apply(
                s,
                {op(EditOperation::Kind::Replace, at(s, 2), at(s, 2), {QStringLiteral("new 2")}),
                 op(EditOperation::Kind::InsertBefore, at(s, 2), at(s, 2), {QStringLiteral("before")})});
        QVERIFY(r.ok);
        QCOMPARE(r.result.lines,
                 QStringList({QStringLiteral("line 1"), QStringLiteral("before"), QStringLiteral("new 2"),
                              QStringLiteral("line 3")}));
    }
    void staleAnchorRejectsWholeBatch()
    {
        const TextSnapshot s = numbered(20);
        LineAnchor stale = at(s, 10);
        stale.hash = stale.hash == QLatin1String("000") ? QStringLiteral("001") : QStringLiteral("000");
        auto r = AnchoredEditor::apply(
                s,
                {op(EditOperation::Kind::Replace, at(s, 2), at(s, 2), {QStringLiteral("ok")}),
                 op(EditOperation::Kind::Delete, stale, stale)});
        QVERIFY(!r.ok);
        QCOMPARE(r.staleAnchors, QStringList {stale.toString()});
        QVERIFY(r.error.contains(QStringLiteral("nothing was changed")));
        // Fresh anchors for lines 7..13 so the agent can retry.
        QVERIFY(r.currentLines.contains(LineAnchor::formatLine(10, u"line 10")));
        QVERIFY(r.currentLines.contains(LineAnchor::formatLine(7, u"line 7")));
        QVERIFY(r.currentLines.contains(LineAnchor::formatLine(13, u"line 13")));
        QVERIFY(!r.currentLines.contains(QStringLiteral("line 2\n")));
    }
    void anchorPastEndIsStale()
    {
        const TextSnapshot s = numbered(3);
        auto r = AnchoredEditor::apply(s,
                                       {op(EditOperation::Kind::Delete, LineAnchor {9, QStringLiteral("abc")},
                                           LineAnchor {9, QStringLiteral("abc")})});
        QVERIFY(!r.ok);
        QVERIFY(r.currentLines.contains(QStringLiteral("line 3")));
    }
    void overlappingEditsRefused_data()
    {
        QTest::addColumn<int>("aStart");
        QTest::addColumn<int>("aEnd");
        QTest::addColumn<int>("bStart");
        QTest::addColumn<int>("bEnd");
        QTest::addColumn<bool>("bIsInsertAfter");
        QTest::newRow("same line") << 3 << 3 << 3 << 3 << false;
        QTest::newRow("nested") << 2 << 6 << 3 << 4 << false;
        QTest::newRow("crossing") << 2 << 4 << 4 << 6 << false;
        QTest::newRow("insert inside a replaced range") << 2 << 5 << 3 << 3 << true;
    }
    void overlappingEditsRefused()
    {
        QFETCH(int, aStart);
        QFETCH(int, aEnd);
        QFETCH(int, bStart);
        QFETCH(int, bEnd);
        QFETCH(bool, bIsInsertAfter);
        const TextSnapshot s = numbered(8);
        auto r = AnchoredEditor::apply(
                s,
                {op(EditOperation::Kind::Replace, at(s, aStart), at(s, aEnd), {QStringLiteral("a")}),
                 op(bIsInsertAfter ? EditOperation::Kind::InsertAfter : EditOperation::Kind::Replace,
                    at(s, bStart), at(s, bEnd), {QStringLiteral("b")})});
        QVERIFY(!r.ok);
        QVERIFY(r.error.contains(QStringLiteral("overlap")));
    }
    void adjacentEditsAreFine()
    {
        const TextSnapshot s = numbered(6);
        auto r = AnchoredEditor::apply(
                s,
                {op(EditOperation::Kind::Replace, at(s, 2), at(s, 3), {QStringLiteral("a")}),
                 op(EditOperation::Kind::Replace, at(s, 4), at(s, 5), {QStringLiteral("b")}),
                 op(EditOperation::Kind::InsertAfter, at(s, 5), at(s, 5), {QStringLiteral("c")})});
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.result.lines,
                 QStringList({QStringLiteral("line 1"), QStringLiteral("a"), QStringLiteral("b"),
                              QStringLiteral("c"), QStringLiteral("line 6")}));
    }
    void keepsCrlfAndMissingFinalNewline()
    {
        const TextSnapshot s = TextSnapshot::fromText(QStringLiteral("a\r\nb\r\nc"));
        QCOMPARE(s.lineCount(), 3);
        QVERIFY(!s.trailingNewline);
        auto r = AnchoredEditor::apply(
                s, {op(EditOperation::Kind::Replace, at(s, 2), at(s, 2), {QStringLiteral("B")})});
        QVERIFY(r.ok);
        QCOMPARE(r.result.toText(), QStringLiteral("a\r\nB\r\nc"));
    }
    void emptyFileAppend()
    {
        const TextSnapshot s = TextSnapshot::fromText(QString());
        auto r = AnchoredEditor::apply(s,
                                       {op(EditOperation::Kind::Append, {}, {}, {QStringLiteral("first")})});
        QVERIFY(r.ok);
        QCOMPARE(r.result.toText(), QStringLiteral("first\n"));
    }
    void deleteEverything()
    {
        const TextSnapshot s = numbered(2);
        auto r = AnchoredEditor::apply(s, {op(EditOperation::Kind::Delete, at(s, 1), at(s, 2))});
        QVERIFY(r.ok);
        QCOMPARE(r.result.toText(), QString());
    }
};

QTEST_GUILESS_MAIN(TestAnchoredEditor)
#include "tst_anchorededitor.moc"
