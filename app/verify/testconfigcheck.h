// TestConfigCheck: changes to how tests are collected, selected or skipped — conftest.py hooks and
// collect_ignore, pytest.ini and the pytest sections of pyproject.toml, setup.cfg and tox.ini, skip and
// xfail markers, CTest DISABLED and LABELS, jest and vitest configuration, build tags of Go tests. Each
// is a finding only a human can settle (Finding::needsHuman): revert it, or accept it.
#pragma once

#include "core/diff/diff.h"
#include "core/finding.h"

#include <functional>

namespace harness {

class TestConfigCheck
{
public:
    // A file's text at the base (old) or in the candidate (new), by path; empty when it does not exist.
    using TextOf = std::function<QByteArray(const QString &path)>;

    // testPaths: globs of test files beyond the built-in conventions (as the test-integrity gate's).
    explicit TestConfigCheck(QStringList testPaths = {});

    // oldText/newText are asked only for pyproject.toml, setup.cfg and tox.ini (their pytest section is
    // compared whole); every other case is read from the diff.
    QList<Finding> check(const Diff &diff, const TextOf &oldText, const TextOf &newText) const;

    // Files that only configure tests (conftest.py, pytest.ini, jest.config.js, ...): the held-out-tests
    // gate restores them from the base commit along with the tests.
    static bool isTestConfigFile(const QString &path);
    // The text of a pytest section ([tool.pytest.ini_options], [tool:pytest], [pytest]) of an INI or TOML
    // file, with its subsections; empty when there is none.
    static QString pytestSection(const QString &fileName, const QByteArray &text);

    static constexpr const char *kRule = "test-config-changed";

private:
    QStringList m_testPaths;
};

} // namespace harness
