// SizePolicy: the one place that says how big a file the agent writes, a patch, a tool argument, a tool
// output and a stored event field may be, and how an oversized stored field is cut (docs/security.md).
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace harness {

struct Event;

class SizePolicy
{
public:
    // A file as the agent's tools leave it (write_file, edit_file, apply_patch check the result).
    static constexpr qint64 kMaxFileBytes = 20 * 1024 * 1024;
    // One string argument of a tool call, and so one patch: a model cannot sensibly emit more in one
    // call; a larger file is written in parts.
    static constexpr qint64 kMaxToolArgumentBytes = 1024 * 1024;
    static constexpr qint64 kMaxPatchBytes = kMaxToolArgumentBytes;
    // What one tool call returns to the model, in characters.
    static constexpr int kMaxToolOutputChars = 64 * 1024;
    // One string field of a stored event payload. Equal to the argument limit, so every argument a
    // tool accepts is stored whole and a resumed run executes exactly what the model sent.
    static constexpr qint64 kMaxStoredFieldBytes = kMaxToolArgumentBytes;
    // What a cut keeps of the text it replaces: the start and the end, where a log says most (a gate
    // log is kept up to 4 MiB by the runner and stored cut past the field limit).
    static constexpr int kCutHeadBytes = 64 * 1024;
    static constexpr int kCutTailBytes = 64 * 1024;

    // UTF-8 size of a string, computed only when it could be over `limit`.
    static qint64 utf8Size(const QString &text);
    static bool exceeds(const QString &text, qint64 limitBytes);

    // The stored form of an oversized string: {"cut": true, "size": <bytes>, "sha256": <hex of the whole
    // UTF-8 text>, "head": <first bytes>, "tail": <last bytes>}.
    static QJsonObject cut(const QString &text);
    static bool isCut(const QJsonValue &value);
    // The size a string argument had: its own, or the one a cut records.
    static qint64 originalSize(const QJsonValue &value);

    // Every string in the value (at any depth) over the stored-field limit replaced by its cut.
    static QJsonValue bounded(const QJsonValue &value, qint64 limitBytes = kMaxStoredFieldBytes);
    static QJsonObject bounded(const QJsonObject &payload, qint64 limitBytes = kMaxStoredFieldBytes);
    static QList<Event> bounded(QList<Event> events);

    // "80.0 MiB", "512 KiB", "300 bytes".
    static QString sizeText(qint64 bytes);
};

} // namespace harness
