// TestOutcomes: counting, and the dispatch to the parser that knows the format.
#include "testoutcomes.h"

#include "ctestparser.h"
#include "junitparser.h"
#include "pytestparser.h"

namespace harness {

int TestOutcomes::executed() const
{
    return count(TestOutcome::Passed) + count(TestOutcome::Failed);
}

int TestOutcomes::count(TestOutcome outcome) const
{
    int n = 0;
    for (TestOutcome o : tests)
        n += o == outcome ? 1 : 0;
    return n;
}

void TestOutcomes::add(const QString &id, TestOutcome outcome)
{
    // A test reported twice (a failing teardown after a pass) keeps its worst outcome.
    const auto it = tests.constFind(id);
    if (it == tests.constEnd() || outcome == TestOutcome::Failed ||
        (outcome == TestOutcome::Passed && *it == TestOutcome::Skipped))
        tests.insert(id, outcome);
}

bool TestOutcomes::supports(const QString &format)
{
    return format == QLatin1String("pytest") || format == QLatin1String("junit") ||
            format == QLatin1String("ctest");
}

Result<TestOutcomes> TestOutcomes::read(const QByteArray &output, const QString &format)
{
    if (format == QLatin1String("pytest"))
        return PytestParser::outcomes(output);
    if (format == QLatin1String("junit"))
        return JunitParser::outcomes(output);
    if (format == QLatin1String("ctest"))
        return CtestParser::outcomes(output);
    return Result<TestOutcomes>::failure(
            QStringLiteral("the held-out-tests gate reads test results with the pytest, junit or ctest "
                           "parser, not \"%1\"")
                    .arg(format),
            QStringLiteral("parser"));
}

} // namespace harness
