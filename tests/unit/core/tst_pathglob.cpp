// PathGlob: the path patterns of rules.json matched against repository-relative paths.
#include "core/pathglob.h"

#include <QTest>

using namespace harness;

class tst_PathGlob : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("expected");
        QTest::newRow("dir-star-star") << "app/core/**"
                                       << "app/core/task.h" << true;
        QTest::newRow("dir-star-star-deep") << "app/core/**"
                                            << "app/core/sub/x.cpp" << true;
        QTest::newRow("dir-star-star-other") << "app/core/**"
                                             << "app/corex/task.h" << false;
        QTest::newRow("trailing-slash") << "app/ui/"
                                        << "app/ui/view.cpp" << true;
        QTest::newRow("ext-anywhere") << "**/*.cpp"
                                      << "a/b/c.cpp" << true;
        QTest::newRow("ext-root") << "**/*.cpp"
                                  << "c.cpp" << true;
        QTest::newRow("ext-wrong") << "**/*.cpp"
                                   << "c.h" << false;
        QTest::newRow("basename-any-depth") << "*.py"
                                            << "pkg/mod.py" << true;
        QTest::newRow("name-any-depth") << "Makefile"
                                        << "sub/Makefile" << true;
        QTest::newRow("name-exact") << "Makefile"
                                    << "sub/Makefile.am" << false;
        QTest::newRow("star-one-segment") << "app/*/x.h"
                                          << "app/core/x.h" << true;
        QTest::newRow("star-not-two-segments") << "app/*/x.h"
                                               << "app/core/sub/x.h" << false;
        QTest::newRow("middle-star-star") << "app/**/test_*.py"
                                          << "app/a/b/test_x.py" << true;
        QTest::newRow("middle-star-star-zero") << "app/**/test_*.py"
                                               << "app/test_x.py" << true;
        QTest::newRow("braces") << "src/*.{h,cpp}"
                                << "src/a.cpp" << true;
        QTest::newRow("braces-miss") << "src/*.{h,cpp}"
                                     << "src/a.c" << false;
        QTest::newRow("class") << "v[0-9].txt"
                               << "v3.txt" << true;
        QTest::newRow("class-negated") << "v[!0-9].txt"
                                       << "v3.txt" << false;
        QTest::newRow("question") << "a?.txt"
                                  << "ab.txt" << true;
        QTest::newRow("exact-path") << "docs/index.md"
                                    << "docs/index.md" << true;
        QTest::newRow("exact-path-not-suffix") << "docs/index.md"
                                               << "x/docs/index.md" << false;
        QTest::newRow("dot-escaped") << "a.h"
                                     << "axh" << false;
        QTest::newRow("leading-dot-slash") << "./app/**"
                                           << "app/x.h" << true;
        QTest::newRow("leading-slash-anchors") << "/Makefile"
                                               << "Makefile" << true;
        QTest::newRow("leading-slash-not-deeper") << "/Makefile"
                                                  << "src/Makefile" << false;
        QTest::newRow("leading-dot-slash-anchors") << "./*.py"
                                                   << "src/a.py" << false;
    }
    void matches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, expected);
        const PathGlob glob(pattern);
        QVERIFY2(glob.isValid(), qPrintable(glob.errorString()));
        QCOMPARE(glob.matches(path), expected);
    }

    void invalidPatternsSayWhy_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("hint");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("open-bracket") << "a[bc"
                                      << "unclosed '['";
        QTest::newRow("open-brace") << "a{b,c"
                                    << "unclosed '{'";
    }
    void invalidPatternsSayWhy()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, hint);
        const PathGlob glob(pattern);
        QVERIFY(!glob.isValid());
        QVERIFY2(glob.errorString().contains(hint), qPrintable(glob.errorString()));
        QVERIFY(!glob.matches(QStringLiteral("a")));
    }
};

QTEST_GUILESS_MAIN(tst_PathGlob)
#include "tst_pathglob.moc"
