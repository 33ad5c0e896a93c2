// TestOutcomes: which tests one run of a test command executed and how each ended, read from its output
// by the pytest, JUnit or CTest parser. The held-out-tests gate compares two of them.
#pragma once

#include "core/result.h"

#include <QMap>
#include <QString>

namespace harness {

enum class TestOutcome { Passed, Failed, Skipped };

struct TestOutcomes
{
    QMap<QString, TestOutcome> tests; // test id (pytest node id, JUnit class::name, CTest name) -> outcome

    // Tests that ran to a verdict: passed or failed (skipped and deselected ones did not run).
    int executed() const;
    int count(TestOutcome outcome) const;
    void add(const QString &id, TestOutcome outcome);

    // Reads the output (or report) of a test command by its gate's parser format: pytest, junit or ctest.
    static Result<TestOutcomes> read(const QByteArray &output, const QString &format);
    static bool supports(const QString &format);
};

} // namespace harness
