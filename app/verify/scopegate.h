// ScopeGate: the contract's scope checked on the diff. Every path the change adds, modifies, deletes or
// renames since the base commit — whichever tool made it, run_command too — must match one of the scope's
// globs; each one that does not is a finding only a human can settle (revert it, or accept it). Made from
// the contract like the acceptance gates, after the project's gates.
#pragma once

#include "gateconfig.h"

#include "core/contract.h"
#include "core/diff/diff.h"
#include "core/finding.h"

#include <optional>

namespace harness {

class ScopeGate
{
public:
    // The gate for a contract with a scope; none when the contract does not limit its paths.
    static std::optional<Gate> fromContract(const Contract &contract);
    static QList<Finding> check(const Diff &diff, const QStringList &scope);

    static constexpr const char *kRule = "out-of-scope";
};

} // namespace harness
