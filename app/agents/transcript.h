// Transcript: a recorded agent session as JSON Lines, one model call per line:
// {"phase","iteration","turn","model","delay_ms","response":{"text","tool_calls","usage","stop_reason"}}.
// A call is found by (phase, iteration, turn), so a resumed run in a new process gets the same answer.
#pragma once

#include "chatresponse.h"

#include <QHash>

namespace harness {

struct TranscriptLine
{
    QString phase;
    int iteration = 1;
    int turn = 0;
    QString model;
    int delayMs = 0; // replay waits this long before answering
    ChatResponse response;

    QJsonObject toJson() const;
    static Result<TranscriptLine> fromJson(const QJsonObject &json);
};

class Transcript
{
public:
    // Reads a transcript; an error names the file, the line number and the bad field. Later lines
    // replace earlier ones for the same (phase, iteration, turn), so a re-recorded turn wins.
    static Result<Transcript> load(const QString &path);
    static Result<Transcript> parse(const QByteArray &jsonLines,
                                    const QString &name = QStringLiteral("transcript"));

    const TranscriptLine *find(const QString &phase, int iteration, int turn) const;
    int size() const { return int(m_lines.size()); }
    QList<TranscriptLine> lines() const { return m_lines; }
    QString path() const { return m_path; }

    // Appends one line to a transcript file (creating it); safe to call from several threads.
    static Status append(const QString &path, const TranscriptLine &line);

private:
    static QString key(const QString &phase, int iteration, int turn);
    QString m_path;
    QList<TranscriptLine> m_lines;
    QHash<QString, int> m_index;
};

} // namespace harness
