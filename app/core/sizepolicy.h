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
    // All the arguments of one tool call together (UTF-8 bytes of every string, at any depth): one
    // argument at the limit plus small ones. Many strings under the argument limit are refused too.
    static constexpr qint64 kMaxToolCallBytes = kMaxToolArgumentBytes + 64 * 1024;
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
    // One stored event payload as a whole, as compact JSON text. Over it, the values that pass their
    // fair share of the budget (strings, arrays, objects at any depth) are cut smaller until it fits;
    // small values (ids, kinds, names, numbers) are kept. Twice the field limit, so a tool call whose
    // arguments the tools accept is stored whole.
    static constexpr qint64 kMaxStoredPayloadBytes = 2 * kMaxStoredFieldBytes;
    // What a cut array or object keeps of its JSON text at most.
    static constexpr int kCutJsonHeadBytes = 4 * 1024;

    // UTF-8 size of a string, computed only when it could be over `limit`.
    static qint64 utf8Size(const QString &text);
    static bool exceeds(const QString &text, qint64 limitBytes);

    // The stored form of an oversized string: {"cut": true, "size": <bytes>, "sha256": <hex of the whole
    // UTF-8 text>, "head": <first bytes>, "tail": <last bytes>}.
    static QJsonObject cut(const QString &text, int headBytes = kCutHeadBytes, int tailBytes = kCutTailBytes);
    // The stored form of an oversized array or object: {"cut": true, "kind": "array"|"object",
    // "size": <bytes of its compact JSON>, "sha256": <hex of that JSON>, "head": <its first bytes>}.
    static QJsonObject cutJson(const QJsonValue &value, int headBytes = kCutJsonHeadBytes);
    static bool isCut(const QJsonValue &value);
    // The size a string argument had: its own, or the one a cut records.
    static qint64 originalSize(const QJsonValue &value);

    // The size of a value as compact JSON text (escapes counted), and of its strings' UTF-8 alone.
    static qint64 jsonBytes(const QJsonValue &value);
    static qint64 stringBytes(const QJsonValue &value);

    // Every string in the value (at any depth) over the stored-field limit replaced by its cut.
    static QJsonValue bounded(const QJsonValue &value, qint64 limitBytes = kMaxStoredFieldBytes);
    // A stored event payload: strings over the field limit cut, then, when its JSON passes
    // payloadBytes, its bulkiest values cut until it fits (the top-level keys always stay).
    static QJsonObject bounded(const QJsonObject &payload, qint64 limitBytes = kMaxStoredFieldBytes,
                               qint64 payloadBytes = kMaxStoredPayloadBytes);
    static QList<Event> bounded(QList<Event> events);

    // "80.0 MiB", "512 KiB", "300 bytes".
    static QString sizeText(qint64 bytes);
};

} // namespace harness
