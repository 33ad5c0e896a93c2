// RunServicesFactory: builds a run's services from the project's `.harness/policy.json` (provider,
// models, prices, sandbox opt-out): the same for the CLI, the workbench and the demo.
// Blocking (reads the keychain for API keys): call from a worker thread or the CLI's main thread.
#pragma once

#include "project.h"
#include "runservices.h"

namespace harness {

class SecretStore;

class RunServicesFactory
{
public:
    // transcriptOverride: a replay transcript to use instead of the policy's provider (--agent).
    static Result<RunServices> make(const Project &project, const QString &transcriptOverride = {},
                                    SecretStore *secrets = nullptr);
    static QString policyPath(const Project &project);
};

} // namespace harness
