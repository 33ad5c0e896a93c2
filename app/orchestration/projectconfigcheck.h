// ProjectConfigCheck: reads .harness/rules.json, gates.json and policy.json the way a run will, so a
// broken file stops the run before it plans — with the loader's file:line:column message and what to
// do — instead of surfacing as a failing gate after every iteration.
#pragma once

#include "core/result.h"

namespace harness {

class ProjectConfigCheck
{
public:
    // Checks the files present under directory/.harness (a missing file is not an error here: the
    // defaults apply). The error reads ".harness/rules.json:4:17: layers[0].paths: …".
    // brokenFile receives the broken file's relative path.
    static Status check(const QString &directory, QString *brokenFile = nullptr);
    // The whole sentence for a user: what is wrong, that nothing was planned, and what to do.
    static QString stoppedMessage(const QString &error, const QString &brokenFile);
};

} // namespace harness
