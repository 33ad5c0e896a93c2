// ToolResult: what an agent tool call returns to the model — structured, bounded in size.
#pragma once

#include <QJsonObject>
#include <QString>

namespace harness {

struct ToolResult
{
    bool ok = false;
    QJsonObject content; // tool-specific fields; for a failed edit also the fresh anchors
    QString error; // what went wrong and what to do, written for the agent
    bool interrupted = false; // stopped by a pause or abort of the run: not an answer for the agent

    static ToolResult success(QJsonObject content) { return ToolResult {true, std::move(content), {}}; }
    static ToolResult failure(QString error, QJsonObject content = {})
    {
        return ToolResult {false, std::move(content), std::move(error)};
    }
    QJsonObject toJson() const
    {
        QJsonObject o {{QStringLiteral("ok"), ok}, {QStringLiteral("content"), content}};
        if (!error.isEmpty())
            o.insert(QStringLiteral("error"), error);
        return o;
    }
};

} // namespace harness
