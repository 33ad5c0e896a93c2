// HeldOutTestsGate: the tests as they are at the run's base commit, run against the candidate code. Two
// scratch copies are made — the base commit, and the worktree with its test files (and files that only
// configure tests) put back as they were at the base — and the gate's test command runs in each, inside
// the sandbox. A test that passed at the base and fails, or is no longer run, with the candidate code is
// a finding unless the approved plan names it; the number of executed tests must not drop. The change's
// test-configuration edits (TestConfigCheck) are findings for a human. docs/gates.md says more.
#pragma once

#include "gatepipeline.h"
#include "testoutcomes.h"

namespace harness {

class HeldOutTestsGate
{
public:
    // The gate as it runs: its own command and parser, else those of the command gate its tests_gate
    // names, else of the first command gate whose parser reads test results (pytest, junit, ctest).
    static Gate effective(const Gate &gate, const GateConfig &config);
    static GateResult run(const Gate &gate, const GateContext &ctx, const Diff &diff);

    // The findings for a candidate run of the base commit's tests; the tests the plan names are listed in
    // excused instead.
    static QList<Finding> compare(const TestOutcomes &base, const TestOutcomes &candidate,
                                  const QStringList &plan, QStringList *excused = nullptr);
    // A plan names a test when one of its tests or step descriptions holds the test's id, or its name
    // (the id's last part: "test_kelvin" of "tests/test_units.py::test_kelvin") as a word.
    static bool namedByPlan(const QString &testId, const QStringList &plan);
};

} // namespace harness
