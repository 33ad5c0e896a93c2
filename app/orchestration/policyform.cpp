// PolicyForm: reading the form from a policy file and diffing two forms into PolicyChanges.
#include "policyform.h"
#include "agents/providerconfig.h"

#include <QUrl>

namespace harness {

const QStringList &PolicyForm::phases()
{
    static const QStringList kPhases {QStringLiteral("plan"), QStringLiteral("build"), QStringLiteral("fix"),
                                      QStringLiteral("summarise"), QStringLiteral("default")};
    return kPhases;
}

PolicyForm PolicyForm::fromFile(const PolicyFile &file)
{
    PolicyForm form;
    if (!file.readable())
        return form;
    const ProjectPolicy &p = file.policy();
    form.provider = file.json().value(QLatin1String("provider")).toString();
    form.transcript = p.transcript;
    for (const QString &phase : phases())
        if (const QString model = p.models.value(phase).toString(); !model.isEmpty())
            form.models.insert(phase, model);
    const QJsonObject &pc = p.providerConfig;
    form.providerId = pc.value(QLatin1String("id")).toString();
    form.baseUrl = pc.value(QLatin1String("base_url")).toString();
    form.apiKeyEnv = pc.value(QLatin1String("api_key_env")).toString();
    form.keyRequired = pc.value(QLatin1String("key_required"))
                               .toBool(pc.value(QLatin1String("kind")).toString() != QLatin1String("replay"));
    form.maxPlanRounds = p.maxPlanRounds;
    form.maxTurnsPerIteration = p.maxTurnsPerIteration;
    form.network = p.network.enabled();
    form.allowUnsandboxed = p.allowUnsandboxed;
    return form;
}

QList<PolicyChange> PolicyForm::changesFrom(const PolicyForm &before) const
{
    QList<PolicyChange> out;
    const auto write = [&out](QStringList path, const QJsonValue &now, const QJsonValue &was) {
        if (now != was)
            out.append(PolicyChange {std::move(path), now});
    };
    const auto text = [](const QString &s) {
        return s.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(s);
    };
    if (!provider.isEmpty())
        write({QStringLiteral("provider")}, provider, text(before.provider));
    write({QStringLiteral("transcript")}, text(transcript), text(before.transcript));
    for (const QString &phase : phases())
        write({QStringLiteral("models"), phase}, text(models.value(phase)), text(before.models.value(phase)));
    if (provider == QLatin1String("openai") || provider == QLatin1String("anthropic")) {
        const QString pc = QStringLiteral("provider_config");
        write({pc, QStringLiteral("id")}, providerId, text(before.providerId));
        // The kind follows the provider; a config written for the other wire format is corrected.
        write({pc, QStringLiteral("kind")}, provider,
              before.provider == provider ? QJsonValue(provider) : QJsonValue());
        write({pc, QStringLiteral("base_url")}, text(baseUrl), text(before.baseUrl));
        write({pc, QStringLiteral("api_key_env")}, text(apiKeyEnv), text(before.apiKeyEnv));
        write({pc, QStringLiteral("key_required")}, keyRequired, before.keyRequired);
    }
    write({QStringLiteral("max_plan_rounds")}, maxPlanRounds, before.maxPlanRounds);
    write({QStringLiteral("max_turns_per_iteration")}, maxTurnsPerIteration, before.maxTurnsPerIteration);
    // Turning the network on gives every public host; one already on keeps its allow-list.
    write({QStringLiteral("network")}, network, before.network);
    write({QStringLiteral("allow_unsandboxed")}, allowUnsandboxed, before.allowUnsandboxed);
    return out;
}

PolicyForm::Problem PolicyForm::problem() const
{
    if (provider.isEmpty())
        return Problem::NoProvider;
    if (provider == QLatin1String("replay"))
        return transcript.isEmpty() ? Problem::NoTranscript : Problem::None;
    if (providerId.isEmpty())
        return Problem::NoProviderId;
    const QUrl url(baseUrl);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty())
        return Problem::BadBaseUrl;
    return Problem::None;
}

} // namespace harness
