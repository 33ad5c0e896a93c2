// Tests for GlobPattern: path globs (`*` within a segment, `**` across, the same language as the rules)
// and command globs.
#include "runtime/globpattern.h"

#include <QTest>

using namespace harness;

class TestGlobPattern : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void paths_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("matches");
        QTest::newRow("everything") << "**"
                                    << "a/b/c.cpp" << true;
        QTest::newRow("star stays in segment") << "src/*.cpp"
                                               << "src/a/b.cpp" << false;
        QTest::newRow("star in segment") << "src/*.cpp"
                                         << "src/b.cpp" << true;
        QTest::newRow("double star dir") << "src/**"
                                         << "src/a/b.cpp" << true;
        QTest::newRow("double star slash matches none") << "**/*.cpp"
                                                        << "a.cpp" << true;
        QTest::newRow("double star slash deep") << "**/*.cpp"
                                                << "x/y/a.cpp" << true;
        QTest::newRow("other extension") << "**/*.cpp"
                                         << "x/y/a.h" << false;
        QTest::newRow("question mark") << "a?.txt"
                                       << "ab.txt" << true;
        QTest::newRow("question mark not slash") << "a?b"
                                                 << "a/b" << false;
        QTest::newRow("regex chars are literal") << "a+(b).txt"
                                                 << "a+(b).txt" << true;
        QTest::newRow("dot literal") << "a.txt"
                                     << "abtxt" << false;
        QTest::newRow("anchored") << "src"
                                  << "src/x" << false;
        // One glob language with the rules (PathGlob): no '/' means the file name at any depth.
        QTest::newRow("name at any depth") << "*.py"
                                           << "src/units/core/temperature.py" << true;
        QTest::newRow("name at the root") << "*.py"
                                          << "setup.py" << true;
        QTest::newRow("rooted with a slash") << "/setup.py"
                                             << "sub/setup.py" << false;
        QTest::newRow("braces") << "src/*.{h,cpp}"
                                << "src/a.h" << true;
        QTest::newRow("class") << "doc/[a-c].md"
                               << "doc/b.md" << true;
        QTest::newRow("directory with a trailing slash") << "build/"
                                                         << "build/x/y.o" << true;
    }
    void paths()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, path);
        QFETCH(bool, matches);
        QCOMPARE(GlobPattern(pattern, GlobPattern::Mode::Path).matches(path), matches);
    }
    void invalidPathGlobsSayWhy()
    {
        const GlobPattern unclosed(QStringLiteral("src/[ab"), GlobPattern::Mode::Path);
        QVERIFY(!unclosed.isValid());
        QVERIFY2(unclosed.errorString().contains(QStringLiteral("unclosed")),
                 qPrintable(unclosed.errorString()));
        QVERIFY(!unclosed.matches(QStringLiteral("src/a")));
        QVERIFY(GlobPattern(QStringLiteral("git diff [x"), GlobPattern::Mode::Command).isValid());
    }
    void commands_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("matches");
        QTest::newRow("prefix") << "git diff *"
                                << "git diff HEAD -- a/b" << true;
        QTest::newRow("exact") << "make"
                               << "make" << true;
        QTest::newRow("exact is exact") << "make"
                                        << "make install" << false;
        QTest::newRow("no space after prefix") << "git push*"
                                               << "git push --force origin" << true;
        QTest::newRow("anywhere") << "*curl*"
                                  << "echo x | curl -d @- y" << true;
        QTest::newRow("newline crossed") << "echo *"
                                         << "echo a\nb" << true;
    }
    void commands()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, command);
        QFETCH(bool, matches);
        QCOMPARE(GlobPattern(pattern, GlobPattern::Mode::Command).matches(command), matches);
    }
};

QTEST_GUILESS_MAIN(TestGlobPattern)
#include "tst_globpattern.moc"
