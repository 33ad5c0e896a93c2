// AcceptanceGate: a contract's acceptance criterion with a check command, run as a gate of its own kind
// ("acceptance") after the project's gates: the command runs like any gate command (same sandbox, time
// and output limits), and a failure is a finding that quotes the criterion.
#pragma once

#include "commandrunner.h"
#include "gateconfig.h"

#include "core/contract.h"
#include "core/gateresult.h"

namespace harness {

struct GateContext;

class AcceptanceGate
{
public:
    static constexpr int kTimeoutSeconds = 10 * 60;

    // One gate per criterion that has a check command, in the contract's order.
    static QList<Gate> fromContract(const Contract &contract);
    static GateResult run(const Gate &gate, const CommandResult &command);
};

} // namespace harness
