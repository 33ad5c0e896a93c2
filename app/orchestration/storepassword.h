// StorePassword: the workbench's password for a shared PostgreSQL store, kept in the OS keychain
// (SecretStore's service, entry StoreLocation::keychainKey(): "store:<user>@<host>:<port>/<db>"), read and
// written asynchronously, and how to tell from a failed open that the server wants one. The password goes
// only into the connection and the keychain: never into a file, a setting, a log line or an event.
#pragma once

#include "core/result.h"
#include "store/storelocation.h"

#include <QObject>
#include <functional>
#include <optional>

namespace harness {

class SecretStore;

class StorePassword
{
public:
    // The PostgreSQL store the workbench opens for storeSpec (else HARNESS_STORE); nullopt for SQLite or a
    // spec that does not parse (opening reports that). The location carries no password.
    static std::optional<StoreLocation> sharedStore(const QString &storeSpec);
    // sharedStore() when its password should come from the keychain: the URL has none and PGPASSWORD is
    // unset. nullopt otherwise.
    static std::optional<StoreLocation> needsKeychain(const QString &storeSpec);

    // Reads the password; `done` runs in context's thread with it, or with an empty one when the keychain
    // holds none or cannot be reached (libpq may still find one in ~/.pgpass; a refused connection then
    // says where the password goes). `note` says why there is none, for the message of a failed open.
    struct Answer
    {
        QString password;
        QString note;
    };
    static void read(SecretStore &secrets, const StoreLocation &location, QObject *context,
                     std::function<void(Answer)> done);
    // Keeps the password under the location's entry; `done` runs in context's thread with the outcome (a
    // failure says, for the person, why the keychain did not keep it).
    static void write(SecretStore &secrets, const StoreLocation &location, const QString &password,
                      QObject *context, std::function<void(Status)> done);

    // Whether a failed open's message says the server wants a password and got none, or refused the one
    // given (libpq: "fe_sendauth: no password supplied", "password authentication failed for user …").
    static bool isRefusal(const QString &openError);
    // isRefusal() because none was given (rather than a wrong one).
    static bool isMissing(const QString &openError);
    // The server's refusal in one sentence, for the person asked to type the password again.
    static QString refusal(const QString &openError);
};

} // namespace harness
