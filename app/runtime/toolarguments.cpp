// ToolArguments: typed reads of a tool call's arguments, and their summary for the audit record.
#include "toolarguments.h"

#include "core/sizepolicy.h"

#include <QJsonArray>

namespace harness {

QString ToolArguments::cut(const QString &s, int max)
{
    return s.size() <= max ? s : s.left(max) + QStringLiteral("…(%1 chars)").arg(s.size());
}

QJsonObject ToolArguments::summarize(const QJsonObject &args)
{
    QJsonObject out;
    for (auto it = args.begin(); it != args.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString())
            out.insert(it.key(),
                       cut(v.toString(),
                           it.key() == QLatin1String("command") || it.key() == QLatin1String("path") ? 500
                                                                                                     : 200));
        else if (v.isArray())
            out.insert(it.key(), QStringLiteral("[%1 items]").arg(v.toArray().size()));
        else if (v.isObject())
            out.insert(it.key(), QStringLiteral("{object}"));
        else
            out.insert(it.key(), v);
    }
    return out;
}

// Reads an optional positive integer argument; fails on the wrong type.
bool ToolArguments::integer(const QJsonObject &args, const char *key, int fallback, int *out, QString *error)
{
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        *out = fallback;
        return true;
    }
    if (!v.isDouble() || v.toDouble() != double(qint64(v.toDouble())) || v.toDouble() < 0 ||
        v.toDouble() > 1e9) {
        *error = QStringLiteral("%1: must be a non-negative integer").arg(QLatin1String(key));
        return false;
    }
    *out = int(v.toDouble());
    return true;
}

bool ToolArguments::string(const QJsonObject &args, const char *key, bool required, QString *out,
                           QString *error)
{
    const QJsonValue v = args.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull()) {
        if (required)
            *error = QStringLiteral("%1: missing (a string)").arg(QLatin1String(key));
        return !required;
    }
    if (!v.isString()) {
        *error = QStringLiteral("%1: must be a string").arg(QLatin1String(key));
        return false;
    }
    *out = v.toString();
    return true;
}

QString ToolArguments::oversized(const QString &tool, const QJsonObject &args)
{
    for (auto it = args.begin(); it != args.end(); ++it) {
        const QJsonValue v = it.value();
        const bool cut = SizePolicy::isCut(v);
        if (!cut && !(v.isString() && SizePolicy::exceeds(v.toString(), SizePolicy::kMaxToolArgumentBytes)))
            continue;
        const QString hint = tool == QLatin1String("apply_patch")
                ? QStringLiteral("split the patch into several apply_patch calls")
                : tool == QLatin1String("write_file")
                ? QStringLiteral("write a first part with write_file, then add the rest with edit_file "
                                 "(op append) in further calls")
                : QStringLiteral("send the change in smaller calls");
        return QStringLiteral("%1: argument \"%2\" is %3, over the %4 limit for one tool argument; nothing "
                              "was changed. To make a large change, %5.")
                .arg(tool, it.key(), SizePolicy::sizeText(SizePolicy::originalSize(v)),
                     SizePolicy::sizeText(SizePolicy::kMaxToolArgumentBytes), hint);
    }
    // Many strings, each under the limit, in one call: refused as a whole (and so stored whole when
    // accepted, within the stored payload budget).
    if (const qint64 total = SizePolicy::stringBytes(args); total > SizePolicy::kMaxToolCallBytes)
        return QStringLiteral("%1: the arguments together are %2, over the %3 limit for one tool call; "
                              "nothing was changed. To make a large change, send it in smaller calls.")
                .arg(tool, SizePolicy::sizeText(total), SizePolicy::sizeText(SizePolicy::kMaxToolCallBytes));
    return {};
}

ToolCallPayload ToolArguments::callPayload(const QString &tool, const QJsonObject &args, bool ok, qint64 ms,
                                           const QString &error)
{
    ToolCallPayload p;
    p.tool = tool;
    p.arguments = summarize(args);
    p.ok = ok;
    p.durationMs = ms;
    if (!error.isEmpty())
        p.error = cut(error, 500);
    return p;
}

} // namespace harness
