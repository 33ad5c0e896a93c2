// StorePassword: which store needs the keychain, the asynchronous read and write through SecretStore, and
// libpq's words for a missing or refused password.
#include "storepassword.h"

#include "agents/secretstore.h"

#include <QRegularExpression>

namespace harness {

namespace {

// libpq's (and the server's) words when a password-based method fails: md5 and scram-sha-256 say
// "password", the others name themselves. The user name is in double quotes.
const QRegularExpression &failedMethod()
{
    static const QRegularExpression re(
            QStringLiteral("(?:password|PAM|LDAP|RADIUS) authentication failed for user \"[^\"]*\""));
    return re;
}

const QLatin1String kNoPassword("no password supplied");

} // namespace

std::optional<StoreLocation> StorePassword::sharedStore(const QString &storeSpec)
{
    const QString spec = storeSpec.isEmpty() ? qEnvironmentVariable("HARNESS_STORE") : storeSpec;
    if (spec.trimmed().isEmpty())
        return std::nullopt;
    auto location = StoreLocation::parse(spec);
    if (!location || location->backend != StoreLocation::Backend::Postgres)
        return std::nullopt;
    location->postgresPassword.clear();
    return *location;
}

std::optional<StoreLocation> StorePassword::needsKeychain(const QString &storeSpec)
{
    const QString spec = storeSpec.isEmpty() ? qEnvironmentVariable("HARNESS_STORE") : storeSpec;
    const auto given = StoreLocation::parse(spec);
    if ((given && !given->postgresPassword.isEmpty()) || !qEnvironmentVariableIsEmpty("PGPASSWORD"))
        return std::nullopt;
    return sharedStore(storeSpec);
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

void StorePassword::write(SecretStore &secrets, const StoreLocation &location, const QString &password,
                          QObject *context, std::function<void(Status)> done)
{
    const QString key = location.keychainKey();
    secrets.writeKey(key, password, context, [done, key](const SecretReply &reply) {
        if (reply.ok()) {
            done(success());
            return;
        }
        // SecretStore's own words speak of API keys; say which entry this was.
        const QString why = reply.outcome == SecretReply::Outcome::Unavailable
                ? SecretStore::unavailableMessage()
                : reply.message;
        done(Status::failure(
                QStringLiteral("The keychain did not keep the store's password (entry \"%1\"); it will be "
                               "asked for again next time. %2")
                        .arg(key, why),
                QStringLiteral("keychain")));
    });
}

bool StorePassword::isRefusal(const QString &openError)
{
    return openError.contains(kNoPassword) || failedMethod().match(openError).hasMatch();
}

bool StorePassword::isMissing(const QString &openError)
{
    return openError.contains(kNoPassword) && !failedMethod().match(openError).hasMatch();
}

QString StorePassword::refusal(const QString &openError)
{
    if (const QRegularExpressionMatch m = failedMethod().match(openError); m.hasMatch())
        return QStringLiteral("The server refused the password: %1.").arg(m.captured(0));
    if (openError.contains(kNoPassword))
        return QStringLiteral("The server asks for a password (%1).").arg(kNoPassword);
    return openError;
}

} // namespace harness
