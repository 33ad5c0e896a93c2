// ToolCallAssembler: joins the argument fragments of streamed tool calls (OpenAI "tool_calls[].index",
// Anthropic "input_json_delta" per content block) and parses each call's arguments once complete.
#pragma once

#include "chatrequest.h"

#include <QByteArray>
#include <QList>
#include <QMap>

namespace harness {

class ToolCallAssembler
{
public:
    explicit ToolCallAssembler(qsizetype maxArgumentBytes = 4 * 1024 * 1024);

    // Starts or updates the call at `index`; an empty id or name leaves the known one in place.
    void begin(int index, const QString &id, const QString &name);
    // Appends an argument fragment. Returns false (with errorText()) past the size cap.
    bool append(int index, const QByteArray &fragment);
    // Sets a call's complete arguments at once (a provider that sends them as an object).
    void setArguments(int index, const QJsonObject &arguments);

    bool isEmpty() const { return m_calls.isEmpty(); }
    int count() const { return int(m_calls.size()); }
    QString errorText() const { return m_error; }
    QByteArray excerpt() const { return m_excerpt; }

    // The calls in index order with parsed arguments; an error names the call and quotes its text.
    Result<QList<ToolCall>> finish();
    void reset();

private:
    struct Partial
    {
        QString id;
        QString name;
        QByteArray arguments;
        QJsonObject object;
        bool hasObject = false;
    };
    QMap<int, Partial> m_calls;
    qsizetype m_maxArgumentBytes;
    qsizetype m_total = 0;
    QString m_error;
    QByteArray m_excerpt;
};

} // namespace harness
