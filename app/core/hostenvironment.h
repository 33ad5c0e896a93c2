// HostEnvironment: the environment of every process the harness starts on the host, outside the
// sandbox (git above all): the harness's own, minus whatever may carry a secret (docs/security.md).
#pragma once

#include <QProcessEnvironment>
#include <QStringList>

namespace harness {

class HostEnvironment
{
public:
    // True for variable names that may carry credentials (API_KEY, *_TOKEN, *SECRET*, PASSWORD, agent
    // sockets, cloud credentials, ...). The sandbox drops these too: one definition for both.
    static bool looksSecret(const QString &name);
    // True for values that carry a credential whatever the name: a URL with a password in it
    // (HARNESS_STORE=postgresql://user:password@host/db).
    static bool valueLooksSecret(const QString &value);
    // The harness's environment without secrets. `keep` names secret-looking variables the caller
    // needs all the same (SSH_AUTH_SOCK for signing the human's merge).
    static QProcessEnvironment scrubbed(const QStringList &keep = {});
    // The same, from a given environment (tests).
    static QProcessEnvironment scrubbed(const QProcessEnvironment &from, const QStringList &keep);
};

} // namespace harness
