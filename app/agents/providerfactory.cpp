// ProviderFactory implementation.
#include "providerfactory.h"
#include "httpprovider.h"
#include "replayprovider.h"
#include "secretstore.h"

namespace harness {

Result<std::unique_ptr<ModelProvider>> ProviderFactory::create(const ProviderConfig &config,
                                                               const QString &apiKey)
{
    auto valid = ProviderConfig::fromJson(config.toJson());
    if (!valid)
        return valid.error();
    if (config.kind == QLatin1String("replay")) {
        auto replay = ReplayProvider::open(config);
        if (!replay)
            return replay.error();
        return std::unique_ptr<ModelProvider>(*replay);
    }
    if (config.keyRequired && apiKey.isEmpty()) {
        QString message = QStringLiteral("No API key for provider \"%1\". Store one in Settings → API keys")
                                  .arg(config.id);
        if (!config.apiKeyEnv.isEmpty())
            message += QStringLiteral(" or set %1 for this run").arg(config.apiKeyEnv);
        return Error {message + QLatin1Char('.'), QStringLiteral("key_rejected")};
    }
    return std::unique_ptr<ModelProvider>(new HttpProvider(config, apiKey));
}

Result<std::unique_ptr<ModelProvider>> ProviderFactory::createWithStoredKey(const ProviderConfig &config,
                                                                            SecretStore &secrets)
{
    if (config.kind == QLatin1String("replay"))
        return create(config);
    const SecretReply key = secrets.resolveKey(config.id, config.apiKeyEnv);
    if (key.ok())
        return create(config, key.value);
    if (key.outcome == SecretReply::Outcome::NotFound && !config.keyRequired)
        return create(config, QString());
    return Error {key.message,
                  key.outcome == SecretReply::Outcome::Unavailable ? QStringLiteral("keychain_unavailable")
                                                                   : QStringLiteral("key_rejected")};
}

ProviderConfig ProviderFactory::replayConfig(const QString &transcriptPath)
{
    ProviderConfig c;
    c.id = QStringLiteral("replay");
    c.kind = QStringLiteral("replay");
    c.keyRequired = false;
    c.transcriptPath = transcriptPath;
    c.defaultModel = QStringLiteral("replay");
    return c;
}

} // namespace harness
