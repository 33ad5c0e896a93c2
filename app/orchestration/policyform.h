// PolicyForm: the values of .harness/policy.json a person sets in the settings dialog (who runs the
// work, the model per phase, run limits, the sandbox's network) and the minimal changes between two
// forms, so a save writes only what the person changed.
#pragma once

#include "orchestration/policyfile.h"

#include <QMap>

namespace harness {

struct PolicyForm
{
    static const QStringList &phases(); // "plan", "build", "fix", "summarise", "default"

    QString provider; // "replay", "openai", "anthropic"; empty: none chosen yet
    QString transcript; // replay
    QMap<QString, QString> models; // phase -> model; a phase without one is absent
    // provider_config of an HTTP provider
    QString providerId;
    QString baseUrl;
    QString apiKeyEnv;
    bool keyRequired = true;
    int maxPlanRounds = 5;
    int maxTurnsPerIteration = 40;
    bool network = false;
    bool allowUnsandboxed = false;

    // The form as the file gives it (a missing or unreadable file gives the defaults, no provider).
    static PolicyForm fromFile(const PolicyFile &file);

    // What to write so that a file read as `before` reads as this form. Values equal in both are not
    // touched; provider_config is written only for an HTTP provider; a network left on keeps its mode
    // and allow-list. An emptied model or key variable is removed.
    QList<PolicyChange> changesFrom(const PolicyForm &before) const;

    // Why this form cannot run a task (the settings dialog words it for the user).
    enum class Problem { None, NoProvider, NoTranscript, NoProviderId, BadBaseUrl };
    Problem problem() const;

    bool operator==(const PolicyForm &) const = default;
};

} // namespace harness
