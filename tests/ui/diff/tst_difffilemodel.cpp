// DiffFileModel under QAbstractItemModelTester: a tree of folders (single-child chains collapsed) and a
// flat list over the same diff, switched, re-risked and replaced, keep index()/parent()/rowCount()
// consistent; every file is reachable and counted once; each file's status words.
#include "core/diff/diffparser.h"
#include "diff/diffdocument.h"
#include "diff/difffilemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace harness;
using namespace harness::ui;

class TestDiffFileModel : public QObject
{
    Q_OBJECT
private:
    static DiffDocumentPtr document(const QByteArray &raw)
    {
        auto parsed = harness::DiffParser::parse(raw);
        if (!parsed)
            qFatal("parse: %s", qPrintable(parsed.errorText()));
        return std::make_shared<const harness::Diff>(std::move(parsed.value()));
    }

    static QByteArray sampleDiff()
    {
        return QByteArrayLiteral("diff --git a/src/app/core/units.cpp b/src/app/core/units.cpp\n"
                                 "index 1111111..2222222 100644\n"
                                 "--- a/src/app/core/units.cpp\n"
                                 "+++ b/src/app/core/units.cpp\n"
                                 "@@ -1,2 +1,3 @@\n"
                                 " int a;\n"
                                 "-int b;\n"
                                 "+int b = 1;\n"
                                 "+int c;\n"
                                 "diff --git a/src/app/core/units.h b/src/app/core/units.h\n"
                                 "new file mode 100644\n"
                                 "index 0000000..3333333\n"
                                 "--- /dev/null\n"
                                 "+++ b/src/app/core/units.h\n"
                                 "@@ -0,0 +1 @@\n"
                                 "+#pragma once\n"
                                 "diff --git a/src/ui/old.cpp b/src/ui/new.cpp\n"
                                 "similarity index 90%\n"
                                 "rename from src/ui/old.cpp\n"
                                 "rename to src/ui/new.cpp\n"
                                 "diff --git a/logo.png b/logo.png\n"
                                 "index 4444444..5555555 100644\n"
                                 "Binary files a/logo.png and b/logo.png differ\n"
                                 "diff --git a/run.sh b/run.sh\n"
                                 "old mode 100644\n"
                                 "new mode 100755\n");
    }

    // Every index reachable from the root, depth first; checks each one's parent on the way.
    static int countLeaves(const QAbstractItemModel &model, const QModelIndex &parent, QSet<int> *files)
    {
        int leaves = 0;
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex child = model.index(row, 0, parent);
            if (child.parent() != parent)
                return -1000;
            const int file = child.data(DiffFileModel::FileIndexRole).toInt();
            if (file >= 0) {
                files->insert(file);
                ++leaves;
            } else {
                leaves += countLeaves(model, child, files);
            }
        }
        return leaves;
    }

private Q_SLOTS:
    void staysConsistentAsTreeAndList()
    {
        DiffFileModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);

        const DiffDocumentPtr doc = document(sampleDiff());
        QCOMPARE(int(doc->files.size()), 5);
        model.setDocument(doc);
        QSet<int> files;
        QCOMPARE(countLeaves(model, {}, &files), 5);
        QCOMPARE(files.size(), 5);
        // "src" holds one folder and a folder of its own: src/app/core collapses into one row.
        const QModelIndex units = model.indexOfFile(0);
        QVERIFY(units.isValid());
        QCOMPARE(units.data(DiffFileModel::PathRole).toString(), QStringLiteral("src/app/core/units.cpp"));
        QCOMPARE(units.parent().data().toString(), QStringLiteral("app/core"));
        QCOMPARE(units.parent().parent().data().toString(), QStringLiteral("src"));
        // A folder sums its files' counts.
        QCOMPARE(units.parent()
                         .siblingAtColumn(DiffFileModel::AddedColumn)
                         .data(DiffFileModel::SortRole)
                         .toInt(),
                 3);

        model.setFlat(true);
        QCOMPARE(model.rowCount(), 5);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(model.indexOfFile(i).parent(), QModelIndex());
        model.setFindingCounts({{QStringLiteral("src/ui/new.cpp"), 4}});
        model.setFlat(false);
        QCOMPARE(countLeaves(model, {}, &files), 5);

        model.setDocument(document(sampleDiff().left(sampleDiff().indexOf("diff --git a/src/ui"))));
        QCOMPARE(countLeaves(model, {}, &files), 2);
        model.setDocument({});
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.indexOfFile(0).isValid());
    }

    void statusWordsComeFromTheOneModel()
    {
        const DiffDocumentPtr doc = document(sampleDiff());
        QStringList words;
        for (const harness::DiffFile &file : doc->files)
            words << fileStatusText(file);
        QCOMPARE(words,
                 (QStringList {QStringLiteral("modified"), QStringLiteral("added"),
                               QStringLiteral("renamed (90%)"), QStringLiteral("binary"),
                               QStringLiteral("mode 100644 → 100755")}));
    }
};

QTEST_MAIN(TestDiffFileModel)
#include "tst_difffilemodel.moc"
