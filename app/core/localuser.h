// LocalUser: who sits at this machine, as the event log names them — "human:<OS account name>". One
// place, so the CLI, the run controller and the workbench record the same actor for the same person.
#pragma once

#include <QString>

namespace harness {

class LocalUser
{
public:
    // HARNESS_USER when set; else the OS account name (the password database entry of the effective
    // user; USER, LOGNAME or USERNAME when it has none), "user" only when nothing names the account.
    static QString name();
    // "human:" + name().
    static QString actor();
};

} // namespace harness
