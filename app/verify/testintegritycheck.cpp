// TestIntegrityCheck: per-file counts of assertions and test definitions removed versus added, plus
// added skip/disable/focus markers and removed test registrations in build files.
#include "testintegritycheck.h"

#include "core/pathglob.h"

#include <QRegularExpression>

namespace harness {

namespace {

const QStringList kTestGlobs {QStringLiteral("**/tests/**"),
                              QStringLiteral("**/test/**"),
                              QStringLiteral("**/__tests__/**"),
                              QStringLiteral("**/spec/**"),
                              QStringLiteral("tests/**"),
                              QStringLiteral("test/**"),
                              QStringLiteral("spec/**"),
                              QStringLiteral("test_*.py"),
                              QStringLiteral("*_test.py"),
                              QStringLiteral("*_test.go"),
                              QStringLiteral("*.test.{js,jsx,ts,tsx,mjs,cjs}"),
                              QStringLiteral("*.spec.{js,jsx,ts,tsx,mjs,cjs}"),
                              QStringLiteral("tst_*.{cpp,cc,h}"),
                              QStringLiteral("*_test.{cc,cpp,cxx}"),
                              QStringLiteral("*_unittest.{cc,cpp}"),
                              QStringLiteral("*Test.{java,kt}"),
                              QStringLiteral("*Tests.{java,kt,cs}"),
                              QStringLiteral("*_spec.rb"),
                              QStringLiteral("conftest.py")};

const QRegularExpression &assertion()
{
    static const QRegularExpression rx(
            QStringLiteral("\\bQ(?:VERIFY2?|COMPARE|TRY_\\w+|VERIFY_THROWS_\\w+|FAIL|TEST)\\s*\\(|\\b(?:"
                           "ASSERT|EXPECT)_[A-Z_]+\\s*\\(|"
                           "\\b(?:static_)?assert\\w*\\s*[\\(\\s]|\\bexpect\\s*\\(|\\.should\\b|\\bself\\."
                           "assert\\w+\\s*\\(|\\bt\\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)\\b|"
                           "\\b(?:require|assert)\\.\\w+\\s*\\(|\\bpytest\\.raises\\b|\\b(?:CHECK|REQUIRE)(?:"
                           "_\\w+)?\\s*\\(|\\bassertThat\\s*\\("));
    return rx;
}

const QRegularExpression &skipMarker()
{
    static const QRegularExpression rx(
            QStringLiteral("\\bQSKIP\\s*\\(|\\bQEXPECT_FAIL\\s*\\(|@pytest\\.mark\\.(?:skip|skipif|xfail)\\b|"
                           "\\bpytest\\.skip\\s*\\(|@unittest\\.skip\\w*|"
                           "\\b(?:it|test|describe|context)\\.(?:skip|todo|only)\\s*\\(|\\b(?:xit|xdescribe|"
                           "xtest|fit|fdescribe)\\s*\\(|"
                           "\\bt\\.Skip(?:f|Now)?\\s*\\(|\\bGTEST_SKIP\\b|\\bDISABLED_\\w+|@Disabled\\b|@"
                           "Ignore\\b|\\bSKIP_TEST\\b|"
                           "--deselect\\b|\\s-k\\s+[\"']?not\\s|\\bDISABLED\\s+(?:TRUE|ON|YES)\\b|WILL_"
                           "FAIL\\s+(?:TRUE|ON)"));
    return rx;
}

const QRegularExpression &testDefinition()
{
    static const QRegularExpression rx(
            QStringLiteral("^\\s*(?:async\\s+)?def\\s+test\\w*\\s*\\(|^\\s*(?:TEST|TEST_F|TEST_P|TYPED_TEST)"
                           "\\s*\\(|^\\s*[xf]?(?:it|test)(?:\\.\\w+)?\\s*\\(\\s*['\"`]|"
                           "^\\s*func\\s+Test\\w+\\s*\\(|^\\s*void\\s+\\w+\\s*\\(\\s*\\)\\s*(?:;|\\{|$)|^\\s*"
                           "TEST_CASE\\s*\\(|^\\s*@Test\\b"));
    return rx;
}

const QRegularExpression &testRegistration()
{
    static const QRegularExpression rx(
            QStringLiteral("\\b(?:add_test|harness_test|gtest_discover_tests|catch_discover_tests|doctest_"
                           "discover_tests|qt_add_test|"
                           "add_unit_test|harness_fuzzer)\\s*\\("));
    return rx;
}

bool isBuildFile(const QString &path)
{
    const QString name = path.section(QLatin1Char('/'), -1);
    return name == QLatin1String("CMakeLists.txt") || name.endsWith(QLatin1String(".cmake")) ||
            name == QLatin1String("meson.build") || name == QLatin1String("pytest.ini") ||
            name == QLatin1String("setup.cfg") || name == QLatin1String("tox.ini") ||
            name == QLatin1String("pyproject.toml") || name == QLatin1String("package.json") ||
            name == QLatin1String("Makefile") || path.startsWith(QLatin1String(".ci/")) ||
            path.startsWith(QLatin1String(".github/workflows/"));
}

Finding makeFinding(const QString &file, int line, const QString &rule, const QString &message)
{
    Finding f;
    f.file = file;
    f.line = line;
    f.severity = Severity::Error;
    f.rule = rule;
    f.message = message;
    f.source = QString::fromLatin1(TestIntegrityCheck::kSource);
    return f;
}

// Where a removed line was, in the new file: the new-side line of the hunk position.
int newSideLine(const Diff &diff, const DiffHunk &hunk, const DiffLine &removed)
{
    int line = hunk.newStart;
    for (const DiffLine &l : diff.linesOf(hunk)) {
        if (&l == &removed)
            return qMax(1, line);
        if (l.kind != DiffLineKind::Removed)
            line = int(l.newLine) + 1;
    }
    return qMax(1, line);
}

QString stripComment(const QString &text)
{
    const QString t = text.trimmed();
    if (t.startsWith(QLatin1String("//")) || t.startsWith(QLatin1Char('#')) ||
        t.startsWith(QLatin1String("/*")) || t.startsWith(QLatin1Char('*')))
        return QString();
    return text;
}

} // namespace

TestIntegrityCheck::TestIntegrityCheck(QStringList extraTestPaths) : m_testPaths(kTestGlobs + extraTestPaths)
{ }

bool TestIntegrityCheck::isTestFile(const QString &path) const
{
    for (const QString &g : m_testPaths)
        if (PathGlob(g).matches(path))
            return true;
    return false;
}

QList<Finding> TestIntegrityCheck::check(const Diff &diff) const
{
    QList<Finding> out;
    for (const DiffFile &file : diff.files) {
        const QString path = file.path();
        const bool wasTest = !file.oldPath.isEmpty() && isTestFile(file.oldPath);
        const bool isTest = !file.newPath.isEmpty() && isTestFile(file.newPath);
        if (file.isDeleted() && wasTest) {
            out.append(makeFinding(file.oldPath, 0, QStringLiteral("test-deleted"),
                                   QStringLiteral("The change deletes the test file %1. Fix the code so the "
                                                  "tests pass instead of removing "
                                                  "them; if the tested feature is really gone, say so in the "
                                                  "plan for a human to approve.")
                                           .arg(file.oldPath)));
            continue;
        }
        if (wasTest && !isTest && !file.newPath.isEmpty()) {
            out.append(makeFinding(
                    file.newPath, 0, QStringLiteral("test-moved-out"),
                    QStringLiteral(
                            "The change moves the test file %1 to %2, where it is no longer run as a test. "
                            "Keep tests where the test runner finds them.")
                            .arg(file.oldPath, file.newPath)));
        }
        if (file.binary)
            continue;
        const bool buildFile = isBuildFile(path);
        int assertsRemoved = 0, assertsAdded = 0, defsRemoved = 0, defsAdded = 0, regsRemoved = 0,
            regsAdded = 0;
        int firstAssertLine = 0, firstDefLine = 0, firstRegLine = 0;
        for (const DiffHunk &h : diff.hunksOf(file)) {
            for (const DiffLine &l : diff.linesOf(h)) {
                if (l.kind == DiffLineKind::Context)
                    continue;
                const bool added = l.kind == DiffLineKind::Added;
                const QString text = diff.lineText(l);
                const QString code = stripComment(text);
                if (added && (isTest || buildFile) && skipMarker().match(text).hasMatch()) {
                    out.append(makeFinding(path, int(l.newLine), QStringLiteral("test-skipped"),
                                           QStringLiteral("The change skips, disables or narrows tests "
                                                          "(\"%1\"). Make the test pass by fixing "
                                                          "the code; do not skip it.")
                                                   .arg(text.trimmed().left(120))));
                    // still counted below: a test renamed to its skipped form is not also a removed test
                }
                if (added && isTest && text.trimmed() == QLatin1String("#if 0")) {
                    out.append(makeFinding(path, int(l.newLine), QStringLiteral("test-skipped"),
                                           QStringLiteral("The change disables test code with #if 0. Make "
                                                          "the test pass by fixing the code.")));
                    continue;
                }
                if (isTest && !code.isEmpty()) {
                    int count = 0;
                    for (auto it = assertion().globalMatch(code); it.hasNext(); it.next())
                        ++count;
                    if (added)
                        assertsAdded += count;
                    else if (count > 0) {
                        assertsRemoved += count;
                        if (!firstAssertLine)
                            firstAssertLine = newSideLine(diff, h, l);
                    }
                    if (testDefinition().match(code).hasMatch()) {
                        if (added)
                            ++defsAdded;
                        else {
                            ++defsRemoved;
                            if (!firstDefLine)
                                firstDefLine = newSideLine(diff, h, l);
                        }
                    }
                }
                if (buildFile && !code.isEmpty() && testRegistration().match(code).hasMatch()) {
                    if (added)
                        ++regsAdded;
                    else {
                        ++regsRemoved;
                        if (!firstRegLine)
                            firstRegLine = newSideLine(diff, h, l);
                    }
                }
            }
        }
        if (assertsRemoved > assertsAdded)
            out.append(makeFinding(
                    path, firstAssertLine, QStringLiteral("assertions-removed"),
                    QStringLiteral("The change removes %1 assertion(s) from %2 and adds %3. Keep the "
                                   "assertions and fix the "
                                   "code they check; replace an assertion only with an equally strict one.")
                            .arg(assertsRemoved)
                            .arg(path)
                            .arg(assertsAdded)));
        if (defsRemoved > defsAdded)
            out.append(makeFinding(path, firstDefLine, QStringLiteral("tests-removed"),
                                   QStringLiteral("The change removes %1 test function(s) from %2 and adds "
                                                  "%3. Keep the tests and make them pass.")
                                           .arg(defsRemoved)
                                           .arg(path)
                                           .arg(defsAdded)));
        if (regsRemoved > regsAdded)
            out.append(makeFinding(path, firstRegLine, QStringLiteral("test-registration-removed"),
                                   QStringLiteral("The change removes %1 test registration(s) from %2, so "
                                                  "those tests no longer run. "
                                                  "Keep them registered and make them pass.")
                                           .arg(regsRemoved)
                                           .arg(path)));
    }
    return out;
}

} // namespace harness
