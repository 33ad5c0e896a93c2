// ToolArguments: reading a tool call's JSON arguments (an optional non-negative integer, a string) with
// the message an agent can act on, and summarising them for the tool_call audit record (strings cut,
// arrays and objects named, never file contents).
#pragma once

#include "core/events/toolevents.h"

#include <QJsonObject>
#include <QString>

namespace harness {

class ToolArguments
{
public:
    // Reads an optional non-negative integer; false with *error on the wrong type.
    static bool integer(const QJsonObject &args, const char *key, int fallback, int *out, QString *error);
    // Reads a string; false with *error when it is required and missing, or of the wrong type.
    static bool string(const QJsonObject &args, const char *key, bool required, QString *out, QString *error);
    // The size policy on arguments: any string argument over the limit (or already cut when it was
    // stored) is refused before the tool runs, the same way live and after a restart. Empty: none is.
    static QString oversized(const QString &tool, const QJsonObject &args);
    static QJsonObject summarize(const QJsonObject &args);
    // At most max characters, with the full length named when cut.
    static QString cut(const QString &s, int max);
    // The tool_call event of one call: its arguments summarised, an error cut to 500 characters.
    static ToolCallPayload callPayload(const QString &tool, const QJsonObject &args, bool ok, qint64 ms,
                                       const QString &error);
};

} // namespace harness
