// StorePassword: the workbench's password for a shared PostgreSQL store, kept in the OS keychain
// (SecretStore's service, entry StoreLocation::keychainKey(): "store:<user>@<host>:<port>/<db>") and read
// asynchronously. The password goes only into the connection: never into a file, a setting or an event.
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
    // The store the workbench opens for storeSpec (else HARNESS_STORE) when its password should come from
    // the keychain: a PostgreSQL store whose URL has no password, with PGPASSWORD unset. nullopt otherwise
    // (SQLite, a password already given, or a spec that does not parse: opening reports that).
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
};

} // namespace harness
