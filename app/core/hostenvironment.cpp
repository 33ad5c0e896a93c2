// HostEnvironment: name and value patterns of secrets, and the scrubbed copy of the environment.
#include "hostenvironment.h"

#include <QRegularExpression>

namespace harness {

bool HostEnvironment::looksSecret(const QString &name)
{
    static const QRegularExpression re(
            QStringLiteral("KEY|TOKEN|SECRET|PASSW|PASSPHRASE|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE|"
                           "DBUS_SESSION_BUS_ADDRESS|SSH_AUTH_SOCK|GPG_AGENT|KRB5CCNAME|AWS_|AZURE_|GOOGLE_"
                           "APPLICATION|_PAT$|^PGPASS"),
            QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

bool HostEnvironment::valueLooksSecret(const QString &value)
{
    // scheme://user:password@host — the userinfo part of a URL with a password.
    static const QRegularExpression re(QStringLiteral("[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s:]*:[^/?#@\\s]+@"));
    return re.match(value).hasMatch();
}

QProcessEnvironment HostEnvironment::scrubbed(const QStringList &keep)
{
    return scrubbed(QProcessEnvironment::systemEnvironment(), keep);
}

QProcessEnvironment HostEnvironment::scrubbed(const QProcessEnvironment &from, const QStringList &keep)
{
    QProcessEnvironment out;
    const QStringList names = from.keys();
    for (const QString &name : names) {
        const QString value = from.value(name);
        if (!keep.contains(name) && (looksSecret(name) || valueLooksSecret(value)))
            continue;
        out.insert(name, value);
    }
    return out;
}

} // namespace harness
