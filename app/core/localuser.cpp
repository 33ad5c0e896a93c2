// LocalUser: HARNESS_USER when set (a name chosen on purpose: a shared service account, a script acting
// for a person); else the account database, because USER and LOGNAME are often unset in services,
// containers and display sessions started without a login shell.
#include "localuser.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <pwd.h>
#include <unistd.h>
#endif

namespace harness {

QString LocalUser::name()
{
    if (const QString chosen = qEnvironmentVariable("HARNESS_USER").trimmed(); !chosen.isEmpty())
        return chosen;
#if defined(Q_OS_UNIX)
    if (const passwd *entry = getpwuid(geteuid()); entry && entry->pw_name && *entry->pw_name)
        return QString::fromLocal8Bit(entry->pw_name);
#endif
    for (const char *variable : {"USER", "LOGNAME", "USERNAME"}) {
        const QString value = qEnvironmentVariable(variable).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return QStringLiteral("user");
}

QString LocalUser::actor()
{
    return QStringLiteral("human:") + name();
}

} // namespace harness
