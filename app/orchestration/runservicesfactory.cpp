// RunServicesFactory implementation, and what RunServices can tell about this machine.
#include "runservicesfactory.h"
#include "acpexecutor.h"
#include "builtinexecutor.h"
#include "runjournal.h"

#include "agents/pricetable.h"
#include "agents/providerfactory.h"
#include "agents/secretstore.h"
#include "runtime/sandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <optional>

namespace harness {

QString RunServices::whyNoRunCanStart() const
{
    if (makeSandbox) // a substituted sandbox answers for itself
        return {};
    const SandboxStatus sandbox = Sandbox::probe(bwrapPath);
    if (sandbox.available || policy.allowUnsandboxed)
        return {};
    return QStringLiteral("the sandbox cannot start here: ") + sandbox.reason;
}

Result<std::unique_ptr<Executor>> RunServicesFactory::executorFor(const ExecutorEnvironment &environment)
{
    const QJsonValue recorded = environment.journal.state().executor;
    auto choice = ExecutorChoice::fromJson(recorded);
    if (!choice)
        return Result<std::unique_ptr<Executor>>::failure(
                QStringLiteral("the run records an executor this harness cannot read: %1")
                        .arg(choice.errorText()));
    if (choice->isBuiltin())
        return BuiltinExecutor::make(environment);
    return AcpExecutor::make(environment, *choice);
}

QString RunServicesFactory::policyPath(const Project &project)
{
    return project.harnessDir() + QStringLiteral("/policy.json");
}

Result<RunServices> RunServicesFactory::make(const Project &project, const QString &transcriptOverride,
                                             SecretStore *secrets)
{
    auto policy = ProjectPolicy::load(policyPath(project));
    if (!policy)
        return policy.error();
    RunServices services;
    services.policy = *policy;

    const auto resolve = [&](const QString &path) {
        return QFileInfo(path).isAbsolute() ? path : QDir(project.root()).filePath(path);
    };
    // `--agent`: an agent's name chooses the executor of a new run; anything else is a replay transcript.
    QString transcript = transcriptOverride;
    std::optional<ExecutorChoice> named;
    if (!transcript.isEmpty() && !QFileInfo::exists(resolve(transcript)))
        if (auto choice = ExecutorChoice::fromName(transcript)) {
            named = *choice;
            transcript.clear();
        }
    ProviderConfig config;
    if (!transcript.isEmpty()) {
        config = ProviderFactory::replayConfig(resolve(transcript));
    } else if (policy->provider == QLatin1String("replay")) {
        if (policy->transcript.isEmpty())
            return Result<RunServices>::failure(QStringLiteral(
                    "the project uses the replay agent but names no transcript: set \"transcript\" in "
                    ".harness/policy.json or pass --agent TRANSCRIPT.jsonl"));
        config = ProviderFactory::replayConfig(resolve(policy->transcript));
    } else {
        auto parsed = ProviderConfig::fromJson(policy->providerConfig);
        if (!parsed)
            return Result<RunServices>::failure(
                    QStringLiteral(".harness/policy.json: %1").arg(parsed.errorText()));
        config = *parsed;
    }
    Result<std::unique_ptr<ModelProvider>> provider =
            Result<std::unique_ptr<ModelProvider>>::failure(QString());
    if (config.kind == QLatin1String("replay")) {
        provider = ProviderFactory::create(config);
    } else {
        std::unique_ptr<SecretStore> own;
        if (!secrets) {
            own = std::make_unique<SecretStore>();
            secrets = own.get();
        }
        provider = ProviderFactory::createWithStoredKey(config, *secrets);
        // An external agent talks to the provider's endpoint with the provider's key (never recorded).
        if (provider)
            if (const SecretReply key = secrets->resolveKey(config.id, config.apiKeyEnv); key.ok())
                services.agentApiKey = key.value;
    }
    if (!provider)
        return provider.error();
    services.provider = std::shared_ptr<ModelProvider>(std::move(*provider));
    services.executor = named ? *named : policy->executor;
    services.makeExecutor = &RunServicesFactory::executorFor;
    if (config.kind != QLatin1String("replay")) {
        services.agentBaseUrl = config.baseUrl;
        if (services.agentBaseUrl.endsWith(QLatin1String("/v1")))
            services.agentBaseUrl.chop(3);
        services.agentModel = config.defaultModel;
    }
    if (const QString agents = qEnvironmentVariable("HARNESS_AGENTS_DIR"); !agents.isEmpty())
        services.agentsBinDir = agents + QStringLiteral("/node_modules/.bin");
    // `harness-engine` and `harness-workbench` are installed side by side. The engine itself, not the
    // `harness` entry point: the sandbox binds this one program, and the entry point would find nothing
    // to start in there.
    if (const QString cli = QCoreApplication::applicationDirPath() + QStringLiteral("/harness-engine");
        QFileInfo(cli).isExecutable())
        services.harnessBinary = cli;
    if (!policy->prices.isEmpty()) {
        auto prices = PriceTable::fromJson(policy->prices);
        if (!prices)
            return Result<RunServices>::failure(
                    QStringLiteral(".harness/policy.json: %1").arg(prices.errorText()));
        const PriceTable table = *prices;
        services.priceOf = [table](const QString &model, qint64 in, qint64 out) {
            return table.cost(model, TokenUsage {in, out});
        };
    }
    return services;
}

} // namespace harness
