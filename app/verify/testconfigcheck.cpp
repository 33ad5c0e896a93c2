// TestConfigCheck: a pattern per kind of test configuration, matched on the lines a change adds or
// removes; the pytest sections of shared files are compared whole.
#include "testconfigcheck.h"

#include "testintegritycheck.h"

#include "core/pathglob.h"

#include <QRegularExpression>

namespace harness {

namespace {

QString fileName(const QString &path)
{
    return path.section(QLatin1Char('/'), -1);
}

// conftest.py: what changes collection or outcomes (fixtures are left alone).
const QRegularExpression &conftestPattern()
{
    static const QRegularExpression rx(QStringLiteral(
            "\\bcollect_ignore(?:_glob)?\\b|^\\s*(?:async\\s+)?def\\s+pytest_\\w+\\s*\\(|\\badd_marker\\s*\\("
            "|"
            "\\bpytest\\.(?:skip|xfail|exit)\\s*\\(|\\bpytest\\.mark\\.(?:skip|skipif|xfail)\\b|"
            "\\bdeselect|\\bpytest_plugins\\b|\\bpytestmark\\b"));
    return rx;
}

// Test files: markers that skip a test or expect it to fail.
const QRegularExpression &markerPattern()
{
    static const QRegularExpression rx(QStringLiteral(
            "@pytest\\.mark\\.(?:skip|skipif|xfail)\\b|\\bpytest\\.(?:skip|xfail|importorskip)\\s*\\(|"
            "^\\s*pytestmark\\s*=|@unittest\\.(?:skip\\w*|expectedFailure)\\b|\\bQSKIP\\s*\\(|"
            "\\bQEXPECT_FAIL\\s*\\(|\\bGTEST_SKIP\\b|\\bTEST(?:_F|_P)?\\s*\\(\\s*\\w+\\s*,\\s*DISABLED_|"
            "\\bt\\.Skip(?:f|Now)?\\s*\\(|\\b(?:it|test|describe)\\.(?:skip|todo|fails)\\s*\\(|"
            "\\b(?:xit|xdescribe|xtest)\\s*\\("));
    return rx;
}

const QRegularExpression &cmakePattern()
{
    static const QRegularExpression rx(
            QStringLiteral("\\b(?:DISABLED|LABELS|WILL_FAIL|SKIP_RETURN_CODE|SKIP_REGULAR_EXPRESSION)\\b"));
    return rx;
}

const QRegularExpression &jsConfigPattern()
{
    static const QRegularExpression rx(
            QStringLiteral("\"jest\"|\"vitest\"|\\btestPathIgnorePatterns\\b|\\btestMatch\\b|\\btestRegex\\b|"
                           "\\bmodulePathIgnorePatterns\\b|^\\s*test\\s*:|\\bexclude\\s*:|\"test\"\\s*:"));
    return rx;
}

const QRegularExpression &goBuildTag()
{
    static const QRegularExpression rx(QStringLiteral("^\\s*//\\s*(?:go:build\\b|\\+build\\b)"));
    return rx;
}

bool isCMakeFile(const QString &name)
{
    return name == QLatin1String("CMakeLists.txt") || name.endsWith(QLatin1String(".cmake"));
}

bool isJsTestConfig(const QString &name)
{
    static const QRegularExpression rx(QStringLiteral("^(?:jest\\.config|vitest\\.config|vitest\\.workspace|"
                                                      "karma\\.conf|playwright\\.config|cypress\\.config)\\."
                                                      "(?:c|m)?(?:js|ts|json)$|^\\.mocharc(?:\\.\\w+)?$"));
    return rx.match(name).hasMatch();
}

Finding makeFinding(const QString &file, int line, const QString &what)
{
    Finding f;
    f.file = file;
    f.line = line;
    f.severity = Severity::Error;
    f.rule = QString::fromLatin1(TestConfigCheck::kRule);
    f.needsHuman = true;
    f.message = QStringLiteral("The change alters the test configuration: %1. Which tests run, and how, is "
                               "for a human to decide: undo this change, or have a human accept the finding "
                               "(harness accept, or Accept… in the Gates view).")
                        .arg(what);
    return f;
}

// The first changed line (added or removed) matching rx, described for the message.
std::optional<Finding> firstMatch(const Diff &diff, const DiffFile &file, const QRegularExpression &rx,
                                  const QString &kind)
{
    for (const DiffLine &l : diff.linesOf(file)) {
        if (l.kind == DiffLineKind::Context)
            continue;
        const QString text = diff.lineText(l);
        if (!rx.match(text).hasMatch())
            continue;
        const bool added = l.kind == DiffLineKind::Added;
        return makeFinding(file.path(), added ? int(l.newLine) : 0,
                           QStringLiteral("%1 %2 \"%3\" in %4")
                                   .arg(added ? QStringLiteral("adds") : QStringLiteral("removes"), kind,
                                        text.trimmed().left(120), file.path()));
    }
    return std::nullopt;
}

} // namespace

TestConfigCheck::TestConfigCheck(QStringList testPaths) : m_testPaths(std::move(testPaths)) { }

bool TestConfigCheck::isTestConfigFile(const QString &path)
{
    const QString name = fileName(path);
    return name == QLatin1String("conftest.py") || name == QLatin1String("pytest.ini") ||
            isJsTestConfig(name);
}

QString TestConfigCheck::pytestSection(const QString &name, const QByteArray &text)
{
    QString header;
    if (name == QLatin1String("pyproject.toml"))
        header = QStringLiteral("tool.pytest");
    else if (name == QLatin1String("setup.cfg"))
        header = QStringLiteral("tool:pytest");
    else if (name == QLatin1String("tox.ini"))
        header = QStringLiteral("pytest");
    else
        return {};
    static const QRegularExpression section(QStringLiteral("^\\s*\\[+\\s*([^\\]]+?)\\s*\\]+\\s*(?:#.*)?$"));
    QString out;
    bool inside = false;
    for (const QString &line : QString::fromUtf8(text).split(QLatin1Char('\n'))) {
        const auto m = section.match(line);
        if (m.hasMatch()) {
            const QString s = m.captured(1);
            inside = s == header || s.startsWith(header + QLatin1Char('.'));
        }
        if (inside && !line.trimmed().isEmpty())
            out += line.trimmed() + QLatin1Char('\n');
    }
    return out;
}

QList<Finding> TestConfigCheck::check(const Diff &diff, const TextOf &oldText, const TextOf &newText) const
{
    const TestIntegrityCheck tests(m_testPaths);
    QList<Finding> out;
    for (const DiffFile &file : diff.files) {
        const QString path = file.path();
        const QString name = fileName(path);
        if (name == QLatin1String("conftest.py")) {
            if (file.isDeleted())
                out.append(makeFinding(path, 0, QStringLiteral("deletes %1").arg(path)));
            else if (auto f = firstMatch(diff, file, conftestPattern(),
                                         QStringLiteral("the collection hook or setting")))
                out.append(*f);
            continue;
        }
        if (name == QLatin1String("pytest.ini") || isJsTestConfig(name)) {
            out.append(makeFinding(path, 0,
                                   QStringLiteral("%1 %2").arg(file.isAdded() ? QStringLiteral("adds")
                                                                       : file.isDeleted()
                                                                       ? QStringLiteral("deletes")
                                                                       : QStringLiteral("changes"),
                                                               path)));
            continue;
        }
        if (name == QLatin1String("pyproject.toml") || name == QLatin1String("setup.cfg") ||
            name == QLatin1String("tox.ini")) {
            const QString before =
                    file.oldPath.isEmpty() ? QString() : pytestSection(name, oldText(file.oldPath));
            const QString after =
                    file.newPath.isEmpty() ? QString() : pytestSection(name, newText(file.newPath));
            if (before != after)
                out.append(
                        makeFinding(path, 0, QStringLiteral("changes the pytest section of %1").arg(path)));
            continue;
        }
        if (isCMakeFile(name)) {
            if (auto f = firstMatch(diff, file, cmakePattern(), QStringLiteral("the CTest property")))
                out.append(*f);
            continue;
        }
        if (name == QLatin1String("package.json") || name.startsWith(QLatin1String("vite.config."))) {
            if (auto f = firstMatch(diff, file, jsConfigPattern(), QStringLiteral("the test runner setting")))
                out.append(*f);
            continue;
        }
        if (name.endsWith(QLatin1String("_test.go"))) {
            if (auto f = firstMatch(diff, file, goBuildTag(), QStringLiteral("the build constraint")))
                out.append(*f);
        }
        if (!file.newPath.isEmpty() && tests.isTestFile(file.newPath)) {
            for (const DiffLine &l : diff.linesOf(file)) {
                if (l.kind != DiffLineKind::Added)
                    continue;
                const QString text = diff.lineText(l);
                if (markerPattern().match(text).hasMatch())
                    out.append(makeFinding(
                            path, int(l.newLine),
                            QStringLiteral("adds the skip or expected-failure marker \"%1\" in %2")
                                    .arg(text.trimmed().left(120), path)));
            }
        }
    }
    return out;
}

} // namespace harness
