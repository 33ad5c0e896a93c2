// StorePassword: which store needs the keychain, and the asynchronous read through SecretStore.
#include "storepassword.h"

#include "agents/secretstore.h"

namespace harness {

std::optional<StoreLocation> StorePassword::needsKeychain(const QString &storeSpec)
{
    const QString spec = storeSpec.isEmpty() ? qEnvironmentVariable("HARNESS_STORE") : storeSpec;
    if (spec.trimmed().isEmpty())
        return std::nullopt;
    auto location = StoreLocation::parse(spec);
    if (!location || location->backend != StoreLocation::Backend::Postgres ||
        !location->postgresPassword.isEmpty() || !qEnvironmentVariableIsEmpty("PGPASSWORD"))
        return std::nullopt;
    return *location;
}

void StorePassword::read(SecretStore &secrets, const StoreLocation &location, QObject *context,
                         std::function<void(Answer)> done)
{
    const QString key = location.keychainKey();
    secrets.readKey(key, context, [done, key, service = secrets.service()](const SecretReply &reply) {
        Answer answer;
        if (reply.ok())
            answer.password = reply.value;
        else if (reply.outcome == SecretReply::Outcome::NotFound)
            answer.note = QStringLiteral("the keychain holds no password under \"%1\" (service \"%2\")")
                                  .arg(key, service);
        else
            answer.note = QStringLiteral("the keychain could not be read: %1").arg(reply.message);
        done(answer);
    });
}

} // namespace harness
