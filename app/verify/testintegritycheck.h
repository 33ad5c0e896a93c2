// TestIntegrityCheck: flags a change that weakens the tests instead of fixing the code — deleted test
// files, skipped or disabled tests, removed assertions, removed test functions or test registrations —
// so an agent cannot make a gate pass by weakening it.
#pragma once

#include "core/diff/diff.h"
#include "core/finding.h"

#include <QStringList>

namespace harness {

class TestIntegrityCheck
{
public:
    // extraTestPaths: globs of test files beyond the built-in conventions (tests/, test_*.py, *_test.go,
    // ...).
    explicit TestIntegrityCheck(QStringList extraTestPaths = {});

    QList<Finding> check(const Diff &diff) const;
    bool isTestFile(const QString &path) const;

    static constexpr const char *kSource = "test-integrity";

private:
    QStringList m_testPaths;
};

} // namespace harness
