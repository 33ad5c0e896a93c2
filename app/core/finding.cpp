// Finding JSON round-trip and severity names.
#include "finding.h"
#include "jsonreader.h"

#include <QCryptographicHash>

namespace harness {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("error");
}

Result<Severity> severityFromName(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("info") || n == QLatin1String("note"))
        return Severity::Info;
    if (n == QLatin1String("warning") || n == QLatin1String("warn"))
        return Severity::Warning;
    if (n == QLatin1String("error") || n == QLatin1String("fatal"))
        return Severity::Error;
    return Result<Severity>::failure(QStringLiteral("must be info, warning or error (got \"%1\")").arg(name),
                                     QStringLiteral("severity"));
}

QJsonObject Finding::toJson() const
{
    QJsonObject o {{QStringLiteral("file"), file},
                   {QStringLiteral("line"), line},
                   {QStringLiteral("severity"), severityName(severity)},
                   {QStringLiteral("rule"), rule},
                   {QStringLiteral("message"), message}};
    if (column > 0)
        o.insert(QStringLiteral("column"), column);
    if (!source.isEmpty())
        o.insert(QStringLiteral("source"), source);
    if (needsHuman)
        o.insert(QStringLiteral("needs_human"), true);
    return o;
}

Result<Finding> Finding::fromJson(const QJsonObject &json)
{
    JsonReader r(json, QStringLiteral("finding"));
    Finding f;
    f.file = r.optionalString(QStringLiteral("file"));
    f.line = int(r.integer(QStringLiteral("line"), false, 0));
    f.column = int(r.integer(QStringLiteral("column"), false, 0));
    const QString sev = r.optionalString(QStringLiteral("severity"), QStringLiteral("error"));
    f.rule = r.optionalString(QStringLiteral("rule"));
    f.message = r.string(QStringLiteral("message"));
    f.source = r.optionalString(QStringLiteral("source"));
    f.needsHuman = r.boolean(QStringLiteral("needs_human"), false);
    if (r.ok()) {
        auto s = severityFromName(sev);
        if (s)
            f.severity = *s;
        else
            r.fail(QStringLiteral("severity"), s.error().message);
    }
    if (!r.ok())
        return r.error();
    return f;
}

QString Finding::id() const
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QString &part : {source, rule, file, message}) {
        h.addData(part.toUtf8());
        h.addData(QByteArrayView("\0", 1));
    }
    return QString::fromLatin1(h.result().toHex().left(12));
}

} // namespace harness
