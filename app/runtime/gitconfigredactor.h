// GitConfigRedactor: the copy of a repository's git configuration that sandboxed commands see. Git
// itself reads the file (`git config --file F --list -z`, includes not followed); the copy leaves out
// credential helpers ([credential] sections), include/includeIf (included files may hold secrets and are
// not visible inside anyway), http.*.extraHeader, keys that name passwords or tokens, and the user
// information of every URL (https://user:token@host/ -> https://host/), in values and in subsections.
// Remotes, branches and core settings stay, so git status, log and diff work as before.
#pragma once

#include "core/result.h"

#include <QByteArray>
#include <QStringList>

namespace harness {

class GitConfigRedactor
{
public:
    // The redacted text of one config file. Cached by path, size and modification time (a config file
    // changes rarely; sandboxed commands run often).
    static Result<QByteArray> redactFile(const QString &path);
    // The redacted file written from `git config --list -z` output. `dropped` receives the names of
    // the keys left out; `credentialFiles` the files a `store --file=` helper names.
    static QByteArray redactListing(const QByteArray &listing, QStringList *dropped = nullptr,
                                    QStringList *credentialFiles = nullptr);
    // Files a `credential.helper = store --file <path>` names in this config (absolute paths only).
    static QStringList credentialStoreFiles(const QString &path);
    static QString stripUserInfo(QString text);
};

} // namespace harness
