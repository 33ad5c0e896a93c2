// ProviderFactory: turns a ProviderConfig (and, for HTTP providers, a key) into a ModelProvider.
#pragma once

#include "modelprovider.h"
#include "providerconfig.h"

#include <memory>

namespace harness {

class SecretStore;

class ProviderFactory
{
public:
    // Kind "replay" reads its transcript; "openai"/"anthropic" need `apiKey` unless keyRequired is off.
    static Result<std::unique_ptr<ModelProvider>> create(const ProviderConfig &config,
                                                         const QString &apiKey = {});

    // Resolves the key (environment variable, else keychain) and creates the provider. Blocking:
    // call from a worker thread (see SecretStore's blocking rules).
    static Result<std::unique_ptr<ModelProvider>> createWithStoredKey(const ProviderConfig &config,
                                                                      SecretStore &secrets);

    // The built-in replay provider used by the demo and the tests: {"id":"replay","kind":"replay",...}.
    static ProviderConfig replayConfig(const QString &transcriptPath);
};

} // namespace harness
