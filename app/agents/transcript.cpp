// Transcript reading, lookup and appending.
#include "transcript.h"
#include "core/jsonreader.h"
#include "redactor.h"

#include <QFile>
#include <QJsonDocument>
#include <QMutex>

namespace harness {

QJsonObject TranscriptLine::toJson() const
{
    QJsonObject o {{QStringLiteral("phase"), phase},
                   {QStringLiteral("iteration"), iteration},
                   {QStringLiteral("turn"), turn},
                   {QStringLiteral("response"), response.toJson()}};
    if (!model.isEmpty())
        o.insert(QStringLiteral("model"), model);
    if (delayMs > 0)
        o.insert(QStringLiteral("delay_ms"), delayMs);
    return o;
}

Result<TranscriptLine> TranscriptLine::fromJson(const QJsonObject &json)
{
    JsonReader r(json);
    TranscriptLine line;
    line.phase = r.string(QStringLiteral("phase"));
    line.iteration = int(r.integer(QStringLiteral("iteration"), false, 1));
    line.turn = int(r.integer(QStringLiteral("turn")));
    line.model = r.optionalString(QStringLiteral("model"));
    line.delayMs = int(r.integer(QStringLiteral("delay_ms"), false, 0));
    const QJsonObject response = r.object(QStringLiteral("response"));
    if (r.ok()) {
        auto parsed = ChatResponse::fromJson(response);
        if (!parsed)
            r.adopt(parsed.error());
        else
            line.response = *parsed;
    }
    if (r.ok() && !ChatRequest::isValidPhase(line.phase))
        r.fail(QStringLiteral("phase"), QStringLiteral("must be plan, build, fix or summarise"));
    if (r.ok() && (line.turn < 0 || line.iteration < 0))
        r.fail(line.turn < 0 ? QStringLiteral("turn") : QStringLiteral("iteration"),
               QStringLiteral("must not be negative"));
    if (r.ok() && (line.delayMs < 0 || line.delayMs > 600000))
        r.fail(QStringLiteral("delay_ms"), QStringLiteral("must be between 0 and 600000"));
    if (!r.ok())
        return r.error();
    if (line.response.model.isEmpty())
        line.response.model = line.model;
    return line;
}

QString Transcript::key(const QString &phase, int iteration, int turn)
{
    return QStringLiteral("%1/%2/%3").arg(phase).arg(iteration).arg(turn);
}

Result<Transcript> Transcript::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error {
                QStringLiteral("cannot read the replay transcript (%1); check the provider's transcript_path")
                        .arg(file.errorString()),
                path};
    auto t = parse(file.readAll(), path);
    if (t)
        t->m_path = path;
    return t;
}

Result<Transcript> Transcript::parse(const QByteArray &jsonLines, const QString &name)
{
    Transcript t;
    const QList<QByteArray> lines = jsonLines.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray text = lines.at(i).trimmed();
        if (text.isEmpty())
            continue;
        const QString where = QStringLiteral("%1 line %2").arg(name).arg(i + 1);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return Error {QStringLiteral("is not a JSON object (%1)")
                                  .arg(error.error != QJsonParseError::NoError
                                               ? error.errorString()
                                               : QStringLiteral("not an object")),
                          where};
        auto line = TranscriptLine::fromJson(doc.object());
        if (!line)
            return Error {line.error().message, where + QStringLiteral(": ") + line.error().field};
        const QString k = key(line->phase, line->iteration, line->turn);
        if (t.m_index.contains(k)) {
            t.m_lines[t.m_index.value(k)] = *line;
        } else {
            t.m_index.insert(k, int(t.m_lines.size()));
            t.m_lines.append(*line);
        }
    }
    return t;
}

const TranscriptLine *Transcript::find(const QString &phase, int iteration, int turn) const
{
    const auto it = m_index.constFind(key(phase, iteration, turn));
    return it == m_index.cend() ? nullptr : &m_lines.at(it.value());
}

Status Transcript::append(const QString &path, const TranscriptLine &line)
{
    static QMutex mutex;
    QMutexLocker lock(&mutex);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append))
        return Status::failure(QStringLiteral("cannot append to the transcript (%1)").arg(file.errorString()),
                               path);
    // Anything stored passes the redaction filter: an echoed key must not land in a transcript.
    const QJsonObject clean = Redactor::global().redact(QJsonValue(line.toJson())).toObject();
    const QByteArray bytes = QJsonDocument(clean).toJson(QJsonDocument::Compact) + '\n';
    if (file.write(bytes) != bytes.size() || !file.flush())
        return Status::failure(QStringLiteral("cannot append to the transcript (%1)").arg(file.errorString()),
                               path);
    return success();
}

} // namespace harness
