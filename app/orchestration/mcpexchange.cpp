// McpExchange: the run's context document from its log, and the files of the exchange folder.
#include "mcpexchange.h"
#include "runstate.h"

#include "core/events/verifyevents.h"
#include "core/worktreereader.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace harness {

namespace {

const QString kContextFile = QStringLiteral("context.json");

Status writeFile(const QString &path, const QByteArray &data)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
        return Status::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return success();
}

} // namespace

QString McpExchange::folderFor(const QString &agentHome)
{
    return QDir::cleanPath(agentHome) + QStringLiteral(".mcp");
}

QJsonObject McpExchange::runContext(const Task &task, const QList<Event> &events)
{
    const RunState state = RunState::fold(events);
    QJsonObject o {{QStringLiteral("run"), state.runId},
                   {QStringLiteral("task"), task.id},
                   {QStringLiteral("title"), task.title},
                   {QStringLiteral("contract"), task.contract.toJson()},
                   {QStringLiteral("phase"), runPhaseName(state.phase)},
                   {QStringLiteral("iteration"), state.iteration},
                   {QStringLiteral("base_commit"), state.baseCommit},
                   {QStringLiteral("plan_approved"), state.writeAllowed()}};
    if (state.plan)
        o.insert(QStringLiteral("plan"), state.plan->toJson());
    o.insert(QStringLiteral("accepted"), QJsonArray::fromStringList(state.acceptedFindings.keys()));
    QList<QJsonObject> verifications;
    for (const Event &e : events)
        if (auto p = payloadIf<VerifyFinishedPayload>(e))
            verifications << p->toJson();
    if (verifications.size() > kMaxVerifications)
        verifications = verifications.mid(verifications.size() - kMaxVerifications);
    QJsonArray list;
    for (const QJsonObject &v : std::as_const(verifications))
        list.append(v);
    o.insert(QStringLiteral("verifications"), list);
    return o;
}

Status McpExchange::writeContext(const QString &folder, const QJsonObject &context)
{
    if (!QDir().mkpath(suggestionsFolder(folder)))
        return Status::failure(QStringLiteral("cannot make the MCP exchange folder %1").arg(folder));
    return writeFile(QDir(folder).filePath(kContextFile),
                     QJsonDocument(context).toJson(QJsonDocument::Compact));
}

Result<QJsonObject> McpExchange::readContext(const QString &folder)
{
    using R = Result<QJsonObject>;
    const WorktreeRead read = WorktreeReader::readFile(folder, kContextFile, kMaxContextBytes);
    if (read.status == WorktreeRead::Status::Missing)
        return R::failure(QStringLiteral("the harness has not written the run's context yet (%1/%2)")
                                  .arg(folder, kContextFile));
    if (!read.ok())
        return R::failure(QStringLiteral("the run's context cannot be read: %1").arg(read.describe()));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(read.data, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return R::failure(
                QStringLiteral("the run's context is not a JSON object (%1)").arg(error.errorString()));
    return document.object();
}

Result<QString> McpExchange::leaveSuggestion(const QString &folder, const RuleSuggestion &suggestion)
{
    const QString id = suggestion.id();
    const QString dir = suggestionsFolder(folder);
    if (!QFileInfo(dir).isDir())
        return Result<QString>::failure(QStringLiteral("the exchange folder %1 does not exist").arg(dir));
    if (auto s = writeFile(QDir(dir).filePath(id + QStringLiteral(".json")),
                           QJsonDocument(suggestion.toJson()).toJson(QJsonDocument::Compact));
        !s)
        return s.error();
    return id;
}

QList<Result<RuleSuggestion>> McpExchange::takeSuggestions(const QString &folder, int max)
{
    QList<Result<RuleSuggestion>> out;
    const QString dir = suggestionsFolder(folder);
    const QFileInfo info(dir);
    if (!info.isDir() || info.isSymLink())
        return out;
    const WorktreeReader reader(dir);
    const QStringList names = QDir(dir).entryList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names) {
        const QString path = QDir(dir).filePath(name);
        if (out.size() < max) {
            const WorktreeRead read = reader.read(name, kMaxSuggestionBytes);
            if (!read.ok()) {
                out << Result<RuleSuggestion>::failure(read.describe(), name);
            } else {
                const QJsonDocument document = QJsonDocument::fromJson(read.data);
                out << (document.isObject() ? RuleSuggestion::fromJson(document.object())
                                            : Result<RuleSuggestion>::failure(
                                                      QStringLiteral("is not a JSON object"), name));
            }
        }
        // Removed whatever it is: a link itself, never its target; a folder with what is in it.
        const QFileInfo entry(path);
        if (entry.isDir() && !entry.isSymLink())
            QDir(path).removeRecursively();
        else
            QFile::remove(path);
    }
    return out;
}

} // namespace harness
