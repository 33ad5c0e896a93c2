// Tests the diff views without a repository: lazy painting of a 100,000-line diff, folding of unchanged
// regions, side-by-side pairing, collapsing files, and next/previous change.
#include "core/diff/diffparser.h"
#include "diff/diffdocument.h"
#include "diff/sidebysidediffview.h"
#include "diff/unifieddiffview.h"

#include <QFontDatabase>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>

using namespace harness;
using namespace harness::ui;

namespace {

// One file whose single hunk has `context` unchanged lines, a change of `removed`/`added` lines, and
// `context` unchanged lines again.
QByteArray fileDiff(const QByteArray &path, int context, int removed, int added)
{
    QByteArray out = "diff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/" + path + "\n";
    out += "@@ -1," + QByteArray::number(2 * context + removed) + " +1," +
            QByteArray::number(2 * context + added) + " @@ int main()\n";
    for (int i = 0; i < context; ++i)
        out += " context before " + QByteArray::number(i) + "\n";
    for (int i = 0; i < removed; ++i)
        out += "-int value = " + QByteArray::number(i) + ";\n";
    for (int i = 0; i < added; ++i)
        out += "+int value = " + QByteArray::number(i * 10) + ";\n";
    for (int i = 0; i < context; ++i)
        out += " context after " + QByteArray::number(i) + "\n";
    return out;
}

DiffDocumentPtr parse(const QByteArray &text)
{
    auto result = harness::DiffParser::parse(text);
    if (!result)
        qFatal("%s", qPrintable(result.errorText()));
    return std::make_shared<const harness::Diff>(std::move(result.value()));
}

} // namespace

class TestDiffView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paintsOnlyVisibleRowsOfAHugeDiff()
    {
        QByteArray text;
        for (int f = 0; f < 500; ++f)
            text += fileDiff("src/file" + QByteArray::number(f) + ".cpp", 0, 0, 200);
        const DiffDocumentPtr doc = parse(text);
        QCOMPARE(doc->totalAdded, 100000);
        UnifiedDiffView view;
        view.resize(900, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(doc);
        QVERIFY(view.rowCount() > 100000);
        const int before = view.paintCount();
        view.viewport()->repaint();
        QCOMPARE(view.paintCount(), before + 1);
        // A paint costs what the visible rows cost, wherever the view is in the diff.
        QElapsedTimer timer;
        timer.start();
        for (int step = 0; step < 20; ++step) {
            view.verticalScrollBar()->setValue(step * view.rowCount() / 20);
            view.viewport()->repaint();
        }
        QVERIFY2(timer.elapsed() < 4000,
                 qPrintable(QStringLiteral("20 repaints took %1 ms").arg(timer.elapsed())));
        QVERIFY(view.lastPaintNanoseconds() < 200'000'000);
        view.setCurrentRow(view.rowCount() - 1);
        QCOMPARE(view.row(view.currentRow()).type, DiffRow::Type::Line);
        QVERIFY(view.firstVisibleRow() > view.rowCount() - view.visibleRowCount() - 1);
    }

    void foldsLongUnchangedRunsAndOpensThem()
    {
        const DiffDocumentPtr doc = parse(fileDiff("a.cpp", 50, 1, 1));
        UnifiedDiffView view;
        view.resize(800, 400);
        view.setDocument(doc);
        // header, hunk header, fold(47), 3 context, -, +, 3 context, fold(47)
        QCOMPARE(view.rowCount(), 2 + 1 + 3 + 2 + 3 + 1);
        QCOMPARE(view.row(2).type, DiffRow::Type::Fold);
        QCOMPARE(view.row(2).extra, 47);
        // Going to a hidden line opens its fold.
        const int hidden = doc->findLine(0, 10, true);
        QVERIFY(view.goToLine(hidden));
        QCOMPARE(view.currentLine(), hidden);
        QCOMPARE(view.rowCount(), 2 + 50 + 2 + 3 + 1);
        // Folding off shows everything.
        view.setFoldContext(-1);
        QCOMPARE(view.rowCount(), 2 + 100 + 2);
    }

    void clickingAFoldRowOpensIt()
    {
        const DiffDocumentPtr doc = parse(fileDiff("a.cpp", 30, 1, 1));
        UnifiedDiffView view;
        view.resize(800, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(doc);
        const int rows = view.rowCount();
        const int y = 2 * view.rowHeight() + view.rowHeight() / 2;
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(100, y));
        QCOMPARE(view.rowCount(), rows - 1 + 27);
    }

    void sideBySidePairsChangedLines()
    {
        const DiffDocumentPtr doc = parse(fileDiff("a.py", 1, 2, 3));
        SideBySideDiffView view;
        view.resize(800, 400);
        view.setDocument(doc);
        // header, hunk, context, 3 paired rows, context
        QCOMPARE(view.rowCount(), 2 + 1 + 3 + 1);
        const DiffRow &first = view.row(3);
        QVERIFY(first.left >= 0 && first.right >= 0);
        QCOMPARE(doc->lineText(first.left), QStringLiteral("int value = 0;"));
        QCOMPARE(doc->lineText(first.right), QStringLiteral("int value = 0;"));
        const DiffRow &third = view.row(5);
        QCOMPARE(third.left, -1); // a new line with nothing opposite
        QCOMPARE(doc->lineText(third.right), QStringLiteral("int value = 20;"));
        const DiffRow &context = view.row(2);
        QCOMPARE(context.left, context.right);
    }

    void nextAndPreviousChangeAndCollapse()
    {
        const DiffDocumentPtr doc = parse(fileDiff("a.cpp", 3, 1, 1) + fileDiff("b.cpp", 3, 0, 2));
        UnifiedDiffView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(doc);
        view.setCurrentRow(0);
        QVERIFY(view.nextChange());
        QCOMPARE(doc->lines[size_t(view.currentLine())].kind, DiffLineKind::Removed);
        QCOMPARE(view.currentFile(), 0);
        QTest::keyClick(&view, Qt::Key_N);
        QCOMPARE(view.currentFile(), 1);
        QCOMPARE(doc->lines[size_t(view.currentLine())].kind, DiffLineKind::Added);
        QVERIFY(!view.nextChange());
        QTest::keyClick(&view, Qt::Key_P);
        QCOMPARE(view.currentFile(), 0);

        // Clicking a file header folds the file to that header.
        const int rows = view.rowCount();
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(50, view.rowHeight() / 2));
        QVERIFY(view.isFileCollapsed(0));
        QCOMPARE(view.rowCount(), rows - (1 + 3 + 2 + 3));
        QTest::keyClick(&view, Qt::Key_Space);
        QVERIFY(!view.isFileCollapsed(0));
    }

    void doubleClickAsksForAComment()
    {
        const DiffDocumentPtr doc = parse(fileDiff("a.cpp", 1, 1, 1));
        SideBySideDiffView view;
        view.resize(800, 400);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(doc);
        QSignalSpy spy(&view, &DiffView::commentRequested);
        const int y = 3 * view.rowHeight() + view.rowHeight() / 2; // the paired change row
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, QPoint(100, y));
        QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, QPoint(600, y));
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy.at(0).at(1).value<LineComment::Side>(), LineComment::Side::Old);
        QCOMPARE(spy.at(1).at(1).value<LineComment::Side>(), LineComment::Side::New);
        QCOMPARE(doc->lines[size_t(spy.at(1).at(0).toInt())].kind, DiffLineKind::Added);
    }

    // A line's shaped text is kept between paints; a font or palette change (and a new document) must
    // show the lines as a view made with the new font or palette from the start does.
    void keptLinesFollowFontPaletteAndDocument()
    {
        const DiffDocumentPtr doc = parse(fileDiff("a.cpp", 2, 3, 3));
        const DiffDocumentPtr other = parse(fileDiff("b.cpp", 2, 3, 4));
        QFont bigger = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        bigger.setPointSizeF(bigger.pointSizeF() + 3);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x20, 0x20, 0x20));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        auto shown = [](UnifiedDiffView &view) {
            view.clearFocus(); // the current row's frame is drawn as without focus in both views
            view.viewport()->repaint();
            return view.viewport()->grab().toImage();
        };
        UnifiedDiffView view;
        view.resize(700, 300);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDocument(doc);
        const QImage plain = shown(view);
        view.setFont(bigger);
        view.setPalette(dark);
        const QImage changed = shown(view);
        view.setDocument(other);
        const QImage otherShown = shown(view);

        UnifiedDiffView fresh;
        fresh.resize(700, 300);
        fresh.setFont(bigger);
        fresh.setPalette(dark);
        fresh.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fresh));
        fresh.setDocument(doc);
        QVERIFY(changed != plain);
        QCOMPARE(shown(fresh), changed);
        fresh.setDocument(other);
        QCOMPARE(shown(fresh), otherShown);
        QVERIFY(otherShown != changed);
    }
};

QTEST_MAIN(TestDiffView)
#include "tst_diffview.moc"
