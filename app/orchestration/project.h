// Project: an opened repository — its root, its .harness folder and its store. The CLI and the
// workbench both open a repository through this.
#pragma once

#include "store/store.h"

#include <memory>

namespace harness {

class Project
{
public:
    // Finds the git top level containing path and opens its store (HARNESS_STORE or storeSpec
    // overrides the default location). storePassword, when given, is the PostgreSQL store's password
    // (the workbench's, from the keychain); else libpq finds one (PGPASSWORD, ~/.pgpass). Fails with a
    // message saying what to do, also when a file of the project's .harness folder names a store URL
    // with a password.
    static Result<std::shared_ptr<Project>> open(const QString &path, const QString &storeSpec = {},
                                                 const QString &storePassword = {});
    // Fails when a file directly in root's .harness folder (policy.json above all) names a store URL
    // with a password.
    static Status refuseStorePasswords(const QString &root);
    // A repository with a store that is already open (a runner's clone, sharing the runner's store).
    static std::shared_ptr<Project> withStore(const QString &root, std::shared_ptr<Store> store);
    // The git top level containing path, or an error when path is not inside a git repository.
    static Result<QString> findRepositoryRoot(const QString &path);

    QString root() const { return m_root; }
    // The branch checked out in the main working tree (fails on a detached HEAD).
    Result<QString> currentBranch() const;
    QString harnessDir() const;
    QString rulesPath() const;
    QString gatesPath() const;
    QString agentsPath() const;
    Store &store() const { return *m_store; }
    std::shared_ptr<Store> sharedStore() const { return m_store; }

private:
    QString m_root;
    std::shared_ptr<Store> m_store;
};

} // namespace harness
