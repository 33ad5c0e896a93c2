// ToolVersions: the versions of the outside programs the harness runs — git and bubblewrap (is the
// sandbox usable here, and why not) — for "About" and bug reports. Blocking: call from a worker thread.
#pragma once

#include <QString>

namespace harness {

struct ToolVersions
{
    QString git; // "2.39.2", or empty when git cannot be started
    QString bubblewrap; // "0.8.0", or empty when bwrap is missing
    bool sandboxUsable = false;
    QString sandboxProblem; // why the sandbox cannot be used here, written for a user

    static ToolVersions probe();
};

} // namespace harness
