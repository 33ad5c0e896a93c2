// RunEngine: one step at a time, each recorded before the next. The step to take is always derived
// from the folded state, never from memory of what this process did, which is what makes resume exact.
#include "runengine.h"
#include "eventkinds.h"
#include "planextractor.h"
#include "project.h"
#include "projectconfigcheck.h"
#include "runcontrol.h"
#include "runeventsink.h"
#include "storeapprovalrequester.h"

#include "agents/modelprovider.h"
#include "core/pathglob.h"
#include "core/sizepolicy.h"
#include "core/worktreereader.h"
#include "knowledge/agentsmap.h"
#include "knowledge/contextassembler.h"
#include "knowledge/findingtrimmer.h"
#include "knowledge/repomap.h"
#include "runtime/gitrunner.h"
#include "runtime/lineanchor.h"
#include "runtime/sandbox.h"
#include "runtime/toolexecutor.h"
#include "runtime/unifieddiff.h"
#include "runtime/worktreemanager.h"
#include "verify/gateconfig.h"
#include "verify/gatepipeline.h"
#include "verify/sandboxcommandrunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>

namespace harness {

namespace {

const QStringList kReadOnlyTools {QStringLiteral("read_file"), QStringLiteral("list_files"),
                                  QStringLiteral("search")};

QString planSystemPrompt()
{
    return QStringLiteral(
            "You are the planning step of a coding agent working under Harness Workbench.\n"
            "Read the contract and the context, then answer with ONE JSON object and nothing else:\n"
            "{\"summary\": string, \"steps\": [{\"description\": string, \"files\": [relative paths]}],\n"
            " \"risks\": [string], \"tests\": [string], \"subtasks\": [{\"title\", \"goal\", \"scope\": "
            "[globs]}]}\n"
            "Touch only files inside the contract's scope. No tool is available in this step.");
}

QString buildSystemPrompt(bool fixing)
{
    return QStringLiteral(
                   "You are the build step of a coding agent working under Harness Workbench, in a git "
                   "worktree of your own.\n"
                   "Carry out the approved plan with the tools. Files are shown as LINE:HASH|text; edit "
                   "with edit_file using those anchors, apply_patch for unified diffs, write_file for new "
                   "files. A stale anchor is rejected with the current lines: read them and retry.\n"
                   "When the work is done, answer without any tool call; the harness then commits and runs "
                   "the quality gates.\n") +
            (fixing ? QStringLiteral(
                              "This is a FIX iteration: make the failing findings pass without weakening "
                              "or deleting tests.\n")
                    : QString());
}

// What a target file looks like before a tool call, read like every worktree file (no link followed, no
// FIFO opened, bounded): a link counts by its target text.
QByteArray fileHash(const QString &root, const QString &path)
{
    const WorktreeRead r = WorktreeReader::readFile(root, path, SizePolicy::kMaxFileBytes,
                                                    WorktreeReader::OverLimit::Truncate);
    if (r.status == WorktreeRead::Status::Missing)
        return QByteArrayLiteral("absent");
    QByteArray bytes;
    if (r.ok())
        bytes = r.data +
                (r.status == WorktreeRead::Status::Truncated ? QByteArray::number(r.size) : QByteArray());
    else if (r.status == WorktreeRead::Status::Symlink)
        bytes = "link:" + r.linkPath.toUtf8() + "->" + r.linkTarget.toUtf8();
    else
        return QByteArrayLiteral("unreadable");
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// The files a patch touches (both sides of a rename), by the runtime's own strict parser; a patch that
// does not parse touches nothing (the tool refuses it).
QStringList patchTargets(const QString &patch)
{
    QStringList out;
    auto parsed = UnifiedDiff::parse(patch);
    if (!parsed)
        return out;
    for (const FileDiff &f : parsed->files())
        for (const QString &p : {f.oldPath, f.newPath})
            if (!p.isEmpty() && !out.contains(p))
                out << p;
    return out;
}

// The lock file named in git's "Unable to create '<path>/index.lock': File exists." message.
QString staleIndexLock(const QString &gitError)
{
    const qsizetype end = gitError.indexOf(QLatin1String("index.lock"));
    const qsizetype start = gitError.lastIndexOf(QLatin1Char('\''), end);
    if (end < 0 || start < 0)
        return {};
    return gitError.mid(start + 1, end + 10 - start - 1);
}

TaskState taskStateFor(RunPhase phase)
{
    switch (phase) {
    case RunPhase::Created:
    case RunPhase::Planning:
    case RunPhase::Building:
    case RunPhase::Verifying:
    case RunPhase::Fixing:
        return TaskState::Running;
    case RunPhase::AwaitingApproval:
        return TaskState::AwaitingApproval;
    case RunPhase::Review:
        return TaskState::Review;
    case RunPhase::Merged:
        return TaskState::Merged;
    case RunPhase::Discarded:
        return TaskState::Discarded;
    case RunPhase::Escalated:
        return TaskState::Escalated;
    case RunPhase::Failed:
        return TaskState::Failed;
    case RunPhase::Aborted:
        return TaskState::Aborted;
    }
    return TaskState::Running;
}

} // namespace

RunEngine::RunEngine(Project &project, QString runId, RunServices services)
    : m_project(project), m_store(project.store()), m_runId(std::move(runId)),
      m_services(std::move(services)), m_sink(std::make_unique<RunEventSink>(m_store, m_runId))
{ }

RunEngine::~RunEngine() = default;

Result<Run> RunEngine::createRun(Project &project, const QString &taskId, const ProjectPolicy &policy,
                                 const QString &actor)
{
    Store &store = project.store();
    auto task = store.task(taskId);
    if (!task)
        return Result<Run>::failure(
                QStringLiteral("there is no task %1; \"harness task list\" shows them").arg(taskId));
    if (task->state == TaskState::Merged)
        return Result<Run>::failure(QStringLiteral("task %1 is already merged").arg(taskId));
    auto runs = store.runs(taskId);
    if (!runs)
        return runs.error();
    for (const auto &r : *runs) {
        auto events = store.events(r.id);
        if (events && !isTerminal(RunState::fold(*events).phase))
            return Result<Run>::failure(QStringLiteral("task %1 already has a live run, %2; resume it "
                                                       "(\"harness resume %2\") or abort it")
                                                .arg(taskId, r.id));
    }
    auto all = store.tasks();
    if (all) {
        for (const auto &dep : std::as_const(task->dependsOn)) {
            for (const auto &t : *all)
                if (t.id == dep && t.state != TaskState::Merged)
                    return Result<Run>::failure(
                            QStringLiteral("task %1 depends on %2, which is not merged yet")
                                    .arg(taskId, dep));
        }
    }
    // A broken rules, gates or policy file stops here, before anything is made.
    QString brokenFile;
    if (auto config = ProjectConfigCheck::check(project.root(), &brokenFile); !config)
        return Result<Run>::failure(ProjectConfigCheck::stoppedMessage(config.errorText(), brokenFile));
    WorktreeManager worktrees(project.root());
    QString target = policy.targetBranch;
    if (target.isEmpty()) {
        auto current = project.currentBranch();
        if (!current)
            return current.error();
        target = *current;
    }
    Run run;
    run.taskId = taskId;
    run.baseRef = target;
    run.targetBranch = target;
    auto added = store.addRun(run);
    if (!added)
        return added.error();
    auto created = store.append(
            Event::make(added->id, actor, QStringLiteral("run_requested"),
                        QJsonObject {{QStringLiteral("task"), taskId}, {QStringLiteral("target"), target}}));
    if (!created)
        return created.error();
    return *added;
}

Status RunEngine::sync()
{
    if (m_run.id.isEmpty()) {
        auto run = m_store.run(m_runId);
        if (!run)
            return Status::failure(QStringLiteral("there is no run %1").arg(m_runId));
        m_run = *run;
        auto task = m_store.task(m_run.taskId);
        if (!task)
            return task.error();
        m_task = *task;
    }
    constexpr int kPage = 2000;
    for (;;) {
        auto events = m_store.events(m_runId, m_state.lastSeq + 1, -1, kPage);
        if (!events)
            return events.error();
        for (const auto &e : *events)
            absorb(e);
        if (events->size() < kPage)
            break;
    }
    if (m_state.taskId.isEmpty())
        m_state.taskId = m_run.taskId;
    return success();
}

void RunEngine::absorb(const Event &e)
{
    m_state.apply(e);
    m_history.apply(e);
    if (e.kind == kinds::PhaseStarted)
        m_phaseEvents.clear();
    m_phaseEvents.append(e);
    if (m_observer)
        m_observer(e);
}

Status RunEngine::absorbAppended(const QList<Event> &appended)
{
    // The store hands back what it committed (seq, time, hash). When nothing else joined the run in
    // between (a sandbox event, a decision from another process), that is exactly what a read would
    // return, so no read is needed; otherwise sync() reads the run's new events in order.
    qint64 expected = m_state.lastSeq + 1;
    for (const auto &e : appended)
        if (e.seq != expected++)
            return sync();
    for (const auto &e : appended)
        absorb(e);
    return success();
}

Status RunEngine::append(const QString &kind, const QJsonObject &payload, const QString &actor)
{
    return appendTogether({Event::make(m_runId, actor, kind, payload)});
}

Status RunEngine::appendTogether(const QList<Event> &events)
{
    // The one place run events are built into the log: no stored field over the size policy.
    auto appended = m_store.append(SizePolicy::bounded(events));
    if (!appended)
        return appended.error();
    return absorbAppended(*appended);
}

Status RunEngine::updateTaskState()
{
    const TaskState wanted = taskStateFor(m_state.phase);
    if (isTerminal(m_state.phase))
        return RunControl::settleEndedRun(m_store, m_runId, wanted, QStringLiteral("harness"));
    // Only this engine moves a running task between non-terminal states: the store is read (and
    // written) only when the phase asks for another state than the one last seen.
    if (m_taskStateWritten == wanted)
        return success();
    auto current = m_store.task(m_task.id);
    if (!current)
        return current.error();
    m_taskStateWritten = wanted;
    if (current->state == wanted)
        return success();
    current->state = wanted;
    m_task = *current;
    return m_store.updateTask(*current);
}

Result<RunEngine::Outcome> RunEngine::drive(const std::atomic_bool *cancel)
{
    for (;;) {
        if (cancel && cancel->load())
            return Outcome::Paused;
        auto outcome = step(cancel);
        if (!outcome)
            return outcome;
        if (*outcome != Outcome::Progressed)
            return outcome;
    }
}

Result<RunEngine::Outcome> RunEngine::step(const std::atomic_bool *cancel)
{
    if (auto s = sync(); !s)
        return s.error();
    Result<Outcome> outcome = Outcome::Progressed;
    if (isTerminal(m_state.phase))
        outcome = Outcome::Finished;
    else if (m_state.paused)
        outcome = Outcome::Paused;
    else {
        switch (m_state.phase) {
        case RunPhase::Created:
            outcome = stepCreated();
            break;
        case RunPhase::Planning:
        case RunPhase::AwaitingApproval:
            // The approval of exactly the current plan (by a human or the policy) opens Build.
            if (m_state.writeAllowed())
                outcome = startBuild();
            else if (m_state.phase == RunPhase::Planning)
                outcome = stepPlanning(cancel);
            else
                outcome = stepAwaitingApproval();
            break;
        case RunPhase::Building:
        case RunPhase::Fixing:
            outcome = stepBuilding(cancel);
            break;
        case RunPhase::Verifying:
            outcome = stepVerifying(cancel);
            break;
        case RunPhase::Review:
            outcome = Outcome::Waiting;
            break;
        default:
            outcome = Outcome::Finished;
        }
    }
    if (auto s = updateTaskState(); !s)
        return s.error();
    if (outcome && *outcome == Outcome::Progressed && isTerminal(m_state.phase))
        return Outcome::Finished;
    return outcome;
}

Result<RunEngine::Outcome> RunEngine::stepCreated()
{
    if (m_state.worktreePath.isEmpty()) {
        WorktreeManager worktrees(m_project.root());
        // A kill between making the worktree and recording it leaves the worktree behind: reuse it.
        Result<WorktreeInfo> info = Result<WorktreeInfo>::failure(QStringLiteral("not made"));
        if (auto existing = worktrees.list()) {
            for (const auto &w : *existing)
                if (w.branch == WorktreeManager::branchName(m_run.taskId, m_runId))
                    info = w;
        }
        if (info && info->baseCommit.isEmpty()) {
            // Found again after a restart: the base is where the run branch forked from the target.
            GitRunner git(m_project.root());
            auto base = git.run({QStringLiteral("merge-base"), info->branch, m_run.baseRef});
            if (base)
                info->baseCommit = base->trimmed();
        }
        if (!info)
            info = worktrees.create(m_run.taskId, m_runId, m_run.baseRef);
        if (!info) {
            if (auto s = append(
                        kinds::Failed,
                        {{QStringLiteral("reason"),
                          QStringLiteral("could not make the run's worktree: %1").arg(info.errorText())}});
                !s)
                return s.error();
            return Outcome::Finished;
        }
        Run run = m_run;
        run.branch = info->branch;
        run.worktreePath = info->path;
        if (auto s = m_store.updateRun(run); !s)
            return s.error();
        m_run = run;
        if (auto s = append(kinds::RunCreated,
                            {{QStringLiteral("task"), m_run.taskId},
                             {QStringLiteral("base_commit"), info->baseCommit},
                             {QStringLiteral("worktree"), info->path},
                             {QStringLiteral("branch"), info->branch},
                             {QStringLiteral("target"), m_run.targetBranch}});
            !s)
            return s.error();
        return Outcome::Progressed;
    }
    // The run's own copy of the configuration (its base commit's) must load before it plans.
    QString brokenFile;
    if (auto config = ProjectConfigCheck::check(m_state.worktreePath, &brokenFile); !config) {
        if (auto s = append(kinds::Failed,
                            {{QStringLiteral("reason"),
                              ProjectConfigCheck::stoppedMessage(config.errorText(), brokenFile)},
                             {QStringLiteral("config_file"), brokenFile}});
            !s)
            return s.error();
        return Outcome::Finished;
    }
    if (auto s = append(kinds::PhaseStarted,
                        {{QStringLiteral("phase"), QStringLiteral("plan")},
                         {QStringLiteral("round"), m_state.planRound + 1}});
        !s)
        return s.error();
    return Outcome::Progressed;
}

double RunEngine::budgetFraction() const
{
    const Budget &b = m_task.contract.budget;
    double f = 0.0;
    if (b.maxTokens > 0)
        f = qMax(f, double(m_state.tokensIn + m_state.tokensOut) / double(b.maxTokens));
    if (b.maxCost > 0)
        f = qMax(f, m_state.cost / b.maxCost);
    return f;
}

QString RunEngine::modelFor(const QString &phase)
{
    const ProjectPolicy &policy = m_services.policy;
    const QString configured = policy.models.value(phase).toString();
    const QString normal =
            configured.isEmpty() ? policy.models.value(QStringLiteral("default")).toString() : configured;
    // Past the threshold the cheaper model takes over, so the budget lasts (DESIGN.md section 6).
    if (policy.fallbackModel.isEmpty() || budgetFraction() < policy.degradeAt)
        return normal;
    if (!m_state.degraded) {
        // Recorded once per run (the fold remembers it across restarts); a failed write is retried next turn.
        (void)append(kinds::BudgetDegraded,
                     {{QStringLiteral("phase"), phase},
                      {QStringLiteral("from"), normal},
                      {QStringLiteral("to"), policy.fallbackModel},
                      {QStringLiteral("spent_fraction"), budgetFraction()}});
    }
    return policy.fallbackModel;
}

Status RunEngine::checkBudget(bool *stop)
{
    *stop = false;
    const Budget &b = m_task.contract.budget;
    QString reason;
    if (b.maxTokens > 0 && m_state.tokensIn + m_state.tokensOut >= b.maxTokens)
        reason = QStringLiteral("the token budget (%1) is spent: %2 tokens used")
                         .arg(b.maxTokens)
                         .arg(m_state.tokensIn + m_state.tokensOut);
    else if (b.maxCost > 0 && m_state.cost >= b.maxCost)
        reason = QStringLiteral("the money budget ($%1) is spent: $%2 used")
                         .arg(b.maxCost)
                         .arg(m_state.cost, 0, 'f', 4);
    else if (b.maxWallSeconds > 0 && m_run.created.isValid() &&
             m_run.created.secsTo(QDateTime::currentDateTimeUtc()) >= b.maxWallSeconds)
        reason = QStringLiteral("the wall-time budget (%1 s) is spent").arg(b.maxWallSeconds);
    if (reason.isEmpty())
        return success();
    *stop = true;
    return append(kinds::BudgetExhausted,
                  {{QStringLiteral("reason"), reason},
                   {QStringLiteral("tokens"), m_state.tokensIn + m_state.tokensOut},
                   {QStringLiteral("cost"), m_state.cost}});
}

QString RunEngine::contextFor(const QString &phase, const std::atomic_bool *cancel, QJsonObject *record)
{
    Q_UNUSED(cancel)
    const QString root = m_state.worktreePath;
    ContextInputs in;
    in.contract = m_task.contract;
    in.agentsMap = AgentsMap::discover(root, m_task.contract.scope).text;
    in.repoMap = RepoMap::build(root).text;
    if (m_state.plan && phase != QLatin1String("plan")) {
        in.files = ContextFile::read(root, m_state.plan->touchedFiles());
        in.humanFeedback = m_state.fixFeedback;
    } else {
        in.humanFeedback = m_state.planFeedback;
    }
    if (phase == QLatin1String("fix"))
        in.findings = m_state.latestFindings;
    if (m_state.plan && phase != QLatin1String("plan"))
        in.contract.interfaceNotes += QStringLiteral("\n\nApproved plan:\n") +
                QString::fromUtf8(QJsonDocument(m_state.plan->toJson()).toJson(QJsonDocument::Indented));
    for (const QString &id : std::as_const(m_task.contract.constraints))
        in.rules.append(
                {id, QStringLiteral("constraint %1 of .harness/rules.json applies to this task").arg(id)});

    // Older iterations, summarised from their facts.
    in.olderSummaries = m_history.summariesBefore(m_state.iteration);
    ContextAssembler assembler(m_services.contextTokenBudget);
    assembler.setFileRenderer([](const QString &, const QString &content) {
        QString out;
        const QStringList lines = content.split(QLatin1Char('\n'));
        const qsizetype n = content.endsWith(QLatin1Char('\n')) ? lines.size() - 1 : lines.size();
        for (qsizetype i = 0; i < n; ++i)
            out += LineAnchor::formatLine(int(i + 1), lines.at(i)) + QLatin1Char('\n');
        return out;
    });
    const AssembledContext ctx = assembler.assemble(in);
    *record = ctx.toJson();
    return ctx.render();
}

Result<RunEngine::Outcome> RunEngine::stepPlanning(const std::atomic_bool *cancel)
{
    const ProjectPolicy &policy = m_services.policy;
    // A proposed plan that awaits a decision: approve by policy or ask the human.
    if (m_state.planPending) {
        if (autoApproves(*m_state.plan)) {
            const QString actor = m_services.autoApproveActor.isEmpty() ? QStringLiteral("harness")
                                                                        : m_services.autoApproveActor;
            if (auto s = append(kinds::PlanApproved,
                                {{QStringLiteral("plan_hash"), QString::fromLatin1(m_state.planHash)},
                                 {QStringLiteral("auto"), true},
                                 {QStringLiteral("policy"),
                                  m_services.autoApproveActor.isEmpty()
                                          ? QStringLiteral("project auto_approve policy")
                                          : QStringLiteral("--approve auto")}},
                                actor);
                !s)
                return s.error();
            return Outcome::Progressed;
        }
        if (auto s = requestApproval(); !s)
            return s.error();
        return Outcome::Progressed;
    }
    if (m_state.planRound >= policy.maxPlanRounds) {
        if (auto s =
                    append(kinds::Escalated,
                           {{QStringLiteral("reason"),
                             QStringLiteral("no plan was approved after %1 rounds").arg(m_state.planRound)}});
            !s)
            return s.error();
        return Outcome::Finished;
    }
    if (m_state.invalidPlansThisRound >= 3) {
        if (auto s = append(kinds::Escalated,
                            {{QStringLiteral("reason"),
                              QStringLiteral("the agent gave no valid plan in 3 attempts: %1")
                                      .arg(m_state.lastPlanError)}});
            !s)
            return s.error();
        return Outcome::Finished;
    }
    bool stop = false;
    if (auto s = checkBudget(&stop); !s)
        return s.error();
    if (stop)
        return Outcome::Finished;

    // The round's context is assembled once and recorded; a repair request quotes the last error.
    const QList<Event> events = iterationEvents();
    QJsonObject record;
    QString prompt;
    for (const auto &e : events)
        if (e.kind == kinds::ContextAssembled)
            prompt = e.payload.value(QStringLiteral("prompt")).toString();
    if (prompt.isEmpty()) {
        prompt = contextFor(QStringLiteral("plan"), cancel, &record);
        record.insert(QStringLiteral("phase"), QStringLiteral("plan"));
        record.insert(QStringLiteral("prompt"), prompt);
        if (auto s = append(kinds::ContextAssembled, record); !s)
            return s.error();
        return Outcome::Progressed;
    }
    // A plan answer recorded just before a crash, whose plan was not read yet, is read now: asking
    // again would repeat (and pay for) a model call, and a replayed session has no second answer.
    QString answer, answeredBy;
    bool unread = false;
    for (const auto &e : events) {
        if (e.kind == kinds::AgentResponse) {
            answer = e.payload.value(QStringLiteral("text")).toString();
            answeredBy = e.actor;
            unread = true;
        } else if (e.kind == kinds::PlanInvalid || e.kind == kinds::PlanProposed) {
            unread = false;
        }
    }
    if (!unread) {
        ChatRequest request;
        request.phase = QStringLiteral("plan");
        request.iteration = m_state.planRound + 1;
        request.turn = m_state.modelTurns;
        request.model = modelFor(QStringLiteral("plan"));
        request.system = planSystemPrompt();
        request.messages.append(ChatMessage::user(prompt));
        for (const auto &e : events) {
            if (e.kind == kinds::AgentResponse)
                request.messages.append(
                        ChatMessage::assistant(e.payload.value(QStringLiteral("text")).toString()));
            else if (e.kind == kinds::PlanInvalid)
                request.messages.append(ChatMessage::user(
                        QStringLiteral("That answer is not a valid plan: %1\nAnswer again with the JSON "
                                       "object only.")
                                .arg(e.payload.value(QStringLiteral("error")).toString())));
        }
        Result<Outcome> stopped = Outcome::Finished;
        const std::optional<ChatResponse> response = callModel(request, cancel, &stopped);
        if (!response)
            return stopped;
        answer = response->text;
        answeredBy = agentActor(*response);
    }
    auto plan = PlanExtractor::extract(answer);
    if (!plan) {
        if (auto s = append(kinds::PlanInvalid,
                            {{QStringLiteral("error"), plan.errorText()},
                             {QStringLiteral("excerpt"), answer.left(400)}});
            !s)
            return s.error();
        return Outcome::Progressed;
    }
    // The plan and its proposed subtasks are one commit: a crash cannot keep the one and lose the other.
    QList<Event> proposal {Event::make(m_runId, answeredBy, kinds::PlanProposed,
                                       {{QStringLiteral("plan"), plan->toJson()},
                                        {QStringLiteral("plan_hash"), QString::fromLatin1(plan->hash())},
                                        {QStringLiteral("round"), m_state.planRound + 1}})};
    if (!plan->subtasks.isEmpty()) {
        QJsonArray subs;
        for (const auto &st : plan->subtasks)
            subs.append(QJsonObject {{QStringLiteral("title"), st.title},
                                     {QStringLiteral("goal"), st.goal},
                                     {QStringLiteral("scope"), QJsonArray::fromStringList(st.scope)}});
        proposal << Event::make(m_runId, QStringLiteral("harness"), kinds::SubtasksProposed,
                                {{QStringLiteral("subtasks"), subs}});
    }
    if (auto s = appendTogether(proposal); !s)
        return s.error();
    return Outcome::Progressed;
}

std::optional<ChatResponse> RunEngine::callModel(const ChatRequest &request, const std::atomic_bool *cancel,
                                                 Result<Outcome> *stopped)
{
    AgentError error;
    auto response = m_services.provider->complete(request, cancel, &error);
    if (response) {
        if (auto s = recordModelCall(request, *response); !s) {
            *stopped = s.error();
            return std::nullopt;
        }
        return *response;
    }
    if (cancel && cancel->load()) {
        *stopped = Outcome::Paused;
        return std::nullopt;
    }
    Status s = append(kinds::RunError,
                      {{QStringLiteral("phase"), request.phase},
                       {QStringLiteral("message"), response.errorText()},
                       {QStringLiteral("kind"), response.error().field}});
    if (s)
        s = append(kinds::Escalated,
                   {{QStringLiteral("reason"),
                     QStringLiteral("the model call failed: %1").arg(response.errorText())}});
    *stopped = s ? Result<Outcome>(Outcome::Finished) : Result<Outcome>(s.error());
    return std::nullopt;
}

QString RunEngine::agentActor(const ChatResponse &response) const
{
    return QStringLiteral("agent:") + (response.model.isEmpty() ? m_services.provider->id() : response.model);
}

Status RunEngine::recordModelCall(const ChatRequest &request, const ChatResponse &response)
{
    const double cost = m_services.priceOf
            ? m_services.priceOf(response.model, response.usage.inputTokens, response.usage.outputTokens)
            : 0.0;
    QJsonArray calls;
    for (const auto &c : response.toolCalls)
        calls.append(c.toJson());
    // One batch, one commit: a crash cannot leave a counted call without its answer (which would make
    // the resumed run pay for the same turn twice).
    const QString agent = agentActor(response);
    return appendTogether({Event::make(m_runId, QStringLiteral("harness"), kinds::ModelCall,
                                       {{QStringLiteral("phase"), request.phase},
                                        {QStringLiteral("turn"), request.turn},
                                        {QStringLiteral("model"), response.model},
                                        {QStringLiteral("input_tokens"), response.usage.inputTokens},
                                        {QStringLiteral("output_tokens"), response.usage.outputTokens},
                                        {QStringLiteral("cost"), cost},
                                        {QStringLiteral("latency_ms"), response.latencyMs}}),
                           Event::make(m_runId, agent, kinds::AgentResponse,
                                       {{QStringLiteral("phase"), request.phase},
                                        {QStringLiteral("iteration"), request.iteration},
                                        {QStringLiteral("turn"), request.turn},
                                        {QStringLiteral("text"), response.text},
                                        {QStringLiteral("tool_calls"), calls},
                                        {QStringLiteral("stop_reason"), response.stopReason}})});
}

bool RunEngine::autoApproves(const Plan &plan) const
{
    if (!m_services.autoApproveActor.isEmpty())
        return true;
    const AutoApprovePolicy &p = m_services.policy.autoApprove;
    if (!p.enabled || plan.steps.size() > p.maxSteps)
        return false;
    const QStringList files = plan.touchedFiles();
    if (files.size() > p.maxFiles)
        return false;
    for (const QString &f : files) {
        bool allowed = false;
        for (const QString &glob : p.paths)
            allowed = allowed || PathGlob(glob).matches(f);
        if (!allowed)
            return false;
    }
    return true;
}

Status RunEngine::requestApproval()
{
    // After a crash between making the approval and recording it, the pending one is found again.
    auto pending = m_store.approvals(true, m_runId);
    if (!pending)
        return pending.error();
    QString id;
    for (const auto &a : *pending)
        if (a.kind == ApprovalKind::Plan && a.subjectHash == m_state.planHash)
            id = a.id;
    if (id.isEmpty()) {
        Approval a;
        a.runId = m_runId;
        a.kind = ApprovalKind::Plan;
        a.subjectHash = m_state.planHash;
        a.subject = m_state.plan->toJson();
        auto added = m_store.addApproval(a);
        if (!added)
            return added.error();
        id = added->id;
    }
    return append(kinds::ApprovalRequested,
                  {{QStringLiteral("approval"), id},
                   {QStringLiteral("kind"), QStringLiteral("plan")},
                   {QStringLiteral("plan_hash"), QString::fromLatin1(m_state.planHash)}});
}

Result<RunEngine::Outcome> RunEngine::startBuild()
{
    if (auto s = append(
                kinds::PhaseStarted,
                {{QStringLiteral("phase"), QStringLiteral("build")}, {QStringLiteral("iteration"), 1}});
        !s)
        return s.error();
    return Outcome::Progressed;
}

Result<RunEngine::Outcome> RunEngine::stepAwaitingApproval()
{
    if (m_state.pendingApprovalId.isEmpty())
        return Outcome::Waiting;
    auto approval = m_store.approval(m_state.pendingApprovalId);
    if (!approval)
        return approval.error();
    const QString actor =
            approval->decidedBy.isEmpty() ? QStringLiteral("human:unknown") : approval->decidedBy;
    switch (approval->state) {
    case ApprovalState::Pending:
        return Outcome::Waiting;
    case ApprovalState::Approved: {
        if (approval->subjectHash != m_state.planHash) {
            // The approval was given to another plan: it does not carry over (USER-ASKS 3).
            if (auto s = append(
                        kinds::RunError,
                        {{QStringLiteral("message"),
                          QStringLiteral("approval %1 was for plan %2, not the current plan %3; asking again")
                                  .arg(approval->id, QString::fromLatin1(approval->subjectHash.left(12)),
                                       QString::fromLatin1(m_state.planHash.left(12)))}});
                !s)
                return s.error();
            if (auto s = requestApproval(); !s)
                return s.error();
            return Outcome::Progressed;
        }
        if (auto edited = ApprovalService::editedPlan(*approval)) {
            if (auto s = append(kinds::PlanEdited,
                                {{QStringLiteral("approval"), approval->id},
                                 {QStringLiteral("plan"), edited->toJson()},
                                 {QStringLiteral("plan_hash"), QString::fromLatin1(edited->hash())}},
                                actor);
                !s)
                return s.error();
        }
        if (auto s = append(kinds::PlanApproved,
                            {{QStringLiteral("approval"), approval->id},
                             {QStringLiteral("plan_hash"), QString::fromLatin1(m_state.planHash)},
                             {QStringLiteral("edited"), m_state.planHash != approval->subjectHash}},
                            actor);
            !s)
            return s.error();
        return Outcome::Progressed;
    }
    case ApprovalState::ChangesRequested:
    case ApprovalState::Rejected: {
        const bool rejected = approval->state == ApprovalState::Rejected;
        if (auto s = append(rejected ? kinds::PlanRejected : kinds::PlanChangesRequested,
                            {{QStringLiteral("approval"), approval->id},
                             {QStringLiteral("feedback"), approval->feedback}},
                            actor);
            !s)
            return s.error();
        if (auto s = append(kinds::PhaseStarted,
                            {{QStringLiteral("phase"), QStringLiteral("plan")},
                             {QStringLiteral("round"), m_state.planRound + 1}});
            !s)
            return s.error();
        return Outcome::Progressed;
    }
    }
    return Outcome::Waiting;
}

QJsonObject RunEngine::targetFileHashes(const PendingToolCall &call) const
{
    QStringList paths;
    if (call.name == QLatin1String("apply_patch"))
        paths = patchTargets(call.arguments.value(QStringLiteral("patch")).toString());
    else if (call.arguments.contains(QStringLiteral("path")))
        paths << call.arguments.value(QStringLiteral("path")).toString();
    QJsonObject out;
    const QDir root(m_state.worktreePath);
    for (const QString &p : paths) {
        const QString abs = QDir::cleanPath(root.filePath(p));
        if (!abs.startsWith(root.absolutePath() + QLatin1Char('/')))
            continue; // outside: the tool itself refuses it
        out.insert(p, QString::fromLatin1(fileHash(m_state.worktreePath, abs)));
    }
    return out;
}

void RunEngine::ensureTools()
{
    if (m_tools)
        return;
    SandboxConfig config;
    config.worktreeRoot = m_state.worktreePath;
    config.bwrapPath = m_services.bwrapPath;
    config.allowUnsandboxed = m_services.policy.allowUnsandboxed;
    config.runId = m_runId;
    config.events = m_sink.get();
    m_sandbox = std::make_unique<Sandbox>(config);
    PermissionProfile profile = PermissionProfile::defaultFor(m_state.worktreePath);
    profile.network = m_services.policy.network;
    // The contract's scope is what the agent may touch.
    if (!m_task.contract.scope.isEmpty())
        profile.writable = m_task.contract.scope;
    ApprovalRequester *approvals = m_services.permissionApprovals;
    if (!approvals) {
        m_permissionRequester = std::make_unique<StoreApprovalRequester>(m_store);
        approvals = m_permissionRequester.get();
    }
    m_tools = std::make_unique<ToolExecutor>(m_state.worktreePath, profile, m_sandbox.get(), m_sink.get(),
                                             m_runId, approvals);
    // Both the flag and this predicate must allow a writing tool: the approval binds to the plan hash.
    m_tools->setWriteGate([this] { return m_state.writeAllowed(); });
}

Status RunEngine::executeToolCall(const PendingToolCall &call, const std::atomic_bool *cancel)
{
    ensureTools();
    const bool readOnly = kReadOnlyTools.contains(call.name);
    if (!readOnly) {
        // Write-ahead: what the target files looked like before, so a restart can tell whether it ran.
        if (auto s = append(kinds::ToolCallStarted,
                            {{QStringLiteral("call_id"), call.callId},
                             {QStringLiteral("name"), call.name},
                             {QStringLiteral("turn"), call.turn},
                             {QStringLiteral("before"), targetFileHashes(call)}});
            !s)
            return s;
    }
    // The write gate is enforced inside the tools: nothing writes or executes without the approval
    // of exactly the current plan.
    m_tools->setWriteAllowed(m_state.writeAllowed());
    m_tools->setCancelFlag(cancel);
    const ToolResult result = m_tools->execute(call.name, call.arguments);
    m_tools->setCancelFlag(nullptr);
    if (result.interrupted)
        return success(); // paused mid-command: the resumed run reports the interruption to the agent
    return append(kinds::ToolResult,
                  {{QStringLiteral("call_id"), call.callId},
                   {QStringLiteral("name"), call.name},
                   {QStringLiteral("ok"), result.ok},
                   {QStringLiteral("content"), result.content},
                   {QStringLiteral("error"), result.error}});
}

Status RunEngine::recoverToolCall(const PendingToolCall &call)
{
    const QList<Event> events = iterationEvents();
    QJsonObject before;
    for (const auto &e : events)
        if (e.kind == kinds::ToolCallStarted &&
            e.payload.value(QStringLiteral("call_id")).toString() == call.callId)
            before = e.payload.value(QStringLiteral("before")).toObject();
    if (call.name == QLatin1String("run_command")) {
        // A command's effects cannot be checked: it is not run a second time.
        return append(
                kinds::ToolInterrupted,
                {{QStringLiteral("call_id"), call.callId},
                 {QStringLiteral("name"), call.name},
                 {QStringLiteral("message"),
                  QStringLiteral("the harness stopped while this command ran; it was not run again and its "
                                 "effects are unknown: check the files before relying on them")}});
    }
    const QJsonObject now = targetFileHashes(call);
    if (now == before) {
        // Nothing changed: the call never took effect, so running it now runs it once.
        ensureTools();
        m_tools->setWriteAllowed(m_state.writeAllowed());
        const ToolResult result = m_tools->execute(call.name, call.arguments);
        return append(kinds::ToolResult,
                      {{QStringLiteral("call_id"), call.callId},
                       {QStringLiteral("name"), call.name},
                       {QStringLiteral("ok"), result.ok},
                       {QStringLiteral("content"), result.content},
                       {QStringLiteral("error"), result.error},
                       {QStringLiteral("after_restart"), true}});
    }
    return append(
            kinds::ToolResult,
            {{QStringLiteral("call_id"), call.callId},
             {QStringLiteral("name"), call.name},
             {QStringLiteral("ok"), true},
             {QStringLiteral("content"),
              QJsonObject {{QStringLiteral("note"), QStringLiteral("applied before the harness restarted")}}},
             {QStringLiteral("recovered"), true}});
}

Result<RunEngine::Outcome> RunEngine::stepBuilding(const std::atomic_bool *cancel)
{
    if (!m_state.writeAllowed()) {
        if (auto s = append(kinds::Failed,
                            {{QStringLiteral("reason"),
                              QStringLiteral("the build phase started without an approved plan")}});
            !s)
            return s.error();
        return Outcome::Finished;
    }
    const bool fixing = m_state.phase == RunPhase::Fixing;
    const QString phase = fixing ? QStringLiteral("fix") : QStringLiteral("build");

    // 1. Answer the tool calls of the last response, one per step.
    if (!m_state.unansweredToolCalls.isEmpty()) {
        const PendingToolCall call = m_state.unansweredToolCalls.constFirst();
        const Status s = m_state.startedToolCalls.contains(call.callId) ? recoverToolCall(call)
                                                                        : executeToolCall(call, cancel);
        if (!s)
            return s.error();
        return cancel && cancel->load() ? Outcome::Paused : Outcome::Progressed;
    }
    // 2. Checkpoint once the agent is done.
    if (m_state.iterationAgentDone) {
        if (!m_state.iterationCheckpointed) {
            WorktreeManager worktrees(m_project.root());
            // Committing twice is impossible: after a restart there is nothing new to commit and the
            // current commit comes back.
            const QString message = QStringLiteral("harness: %1 %2 iteration %3")
                                            .arg(m_task.id, phase)
                                            .arg(m_state.iteration);
            auto commit = worktrees.checkpoint(m_state.worktreePath, message);
            // A git left running by a killed harness may still hold the index lock: let it finish, and
            // remove a lock that no process has touched for a while (what git itself advises).
            for (int attempt = 0;
                 !commit && commit.errorText().contains(QLatin1String("index.lock")) && attempt < 40;
                 ++attempt) {
                const QString lock = staleIndexLock(commit.errorText());
                if (!lock.isEmpty() &&
                    QFileInfo(lock).lastModified().secsTo(QDateTime::currentDateTime()) > 20)
                    QFile::remove(lock);
                QThread::msleep(500);
                commit = worktrees.checkpoint(m_state.worktreePath, message);
            }
            if (!commit) {
                if (auto s = append(kinds::Failed,
                                    {{QStringLiteral("reason"),
                                      QStringLiteral("checkpoint failed: %1").arg(commit.errorText())}});
                    !s)
                    return s.error();
                return Outcome::Finished;
            }
            if (auto s = append(kinds::Checkpoint,
                                {{QStringLiteral("commit"), *commit},
                                 {QStringLiteral("iteration"), m_state.iteration}});
                !s)
                return s.error();
            return Outcome::Progressed;
        }
        if (auto s = append(kinds::PhaseStarted,
                            {{QStringLiteral("phase"), QStringLiteral("verify")},
                             {QStringLiteral("iteration"), m_state.iteration}});
            !s)
            return s.error();
        return Outcome::Progressed;
    }
    if (m_state.iterationTurns >= m_services.policy.maxTurnsPerIteration) {
        if (auto s = append(kinds::Escalated,
                            {{QStringLiteral("reason"),
                              QStringLiteral("the agent did not finish iteration %1 within %2 turns")
                                      .arg(m_state.iteration)
                                      .arg(m_services.policy.maxTurnsPerIteration)}});
            !s)
            return s.error();
        return Outcome::Finished;
    }
    // 3. The iteration's context, assembled once and recorded.
    const QList<Event> events = iterationEvents();
    QString prompt;
    for (const auto &e : events)
        if (e.kind == kinds::ContextAssembled)
            prompt = e.payload.value(QStringLiteral("prompt")).toString();
    if (prompt.isEmpty()) {
        QJsonObject record;
        prompt = contextFor(phase, cancel, &record);
        record.insert(QStringLiteral("phase"), phase);
        record.insert(QStringLiteral("iteration"), m_state.iteration);
        record.insert(QStringLiteral("prompt"), prompt);
        if (auto s = append(kinds::ContextAssembled, record); !s)
            return s.error();
        return Outcome::Progressed;
    }
    // 4. The next model turn, with the conversation rebuilt from the log.
    bool stop = false;
    if (auto s = checkBudget(&stop); !s)
        return s.error();
    if (stop)
        return Outcome::Finished;
    ensureTools();
    ChatRequest request;
    request.phase = phase;
    request.iteration = m_state.iteration;
    request.turn = m_state.modelTurns;
    request.model = modelFor(phase);
    request.system = buildSystemPrompt(fixing);
    request.tools = m_tools->toolSchemas();
    request.messages.append(ChatMessage::user(prompt));
    for (const auto &e : events) {
        if (e.kind == kinds::AgentResponse) {
            QList<ToolCall> calls;
            for (const auto &c : e.payload.value(QStringLiteral("tool_calls")).toArray())
                if (auto call = ToolCall::fromJson(c.toObject()))
                    calls << *call;
            request.messages.append(
                    ChatMessage::assistant(e.payload.value(QStringLiteral("text")).toString(), calls));
        } else if (e.kind == kinds::ToolResult || e.kind == kinds::ToolInterrupted) {
            const QJsonObject &p = e.payload;
            const QString body = e.kind == kinds::ToolInterrupted
                    ? p.value(QStringLiteral("message")).toString()
                    : QString::fromUtf8(
                              QJsonDocument(p.value(QStringLiteral("ok")).toBool()
                                                    ? p.value(QStringLiteral("content")).toObject()
                                                    : QJsonObject {{QStringLiteral("error"),
                                                                    p.value(QStringLiteral("error"))}})
                                      .toJson(QJsonDocument::Compact));
            request.messages.append(ChatMessage::toolResult(p.value(QStringLiteral("call_id")).toString(),
                                                            body,
                                                            !p.value(QStringLiteral("ok")).toBool(true)));
        }
    }
    Result<Outcome> stopped = Outcome::Finished;
    const std::optional<ChatResponse> response = callModel(request, cancel, &stopped);
    if (!response)
        return stopped;
    return Outcome::Progressed;
}

Result<RunEngine::Outcome> RunEngine::stepVerifying(const std::atomic_bool *cancel)
{
    if (!m_state.verifyDone) {
        ensureTools();
        auto config =
                GateConfig::load(QDir(m_state.worktreePath).filePath(QStringLiteral(".harness/gates.json")));
        QList<GateResult> results;
        if (!config) {
            GateResult r;
            r.gate = QStringLiteral("gates.json");
            r.status = GateStatus::Error;
            r.log = config.errorText();
            r.findings.append({QStringLiteral(".harness/gates.json"), 0, 0, Severity::Error,
                               QStringLiteral("gates-config"), config.errorText(),
                               QStringLiteral("harness")});
            results << r;
        } else {
            GateContext ctx;
            ctx.worktree = m_state.worktreePath;
            ctx.baseRevision = m_state.baseCommit;
            ctx.events = m_sink.get();
            ctx.runId = m_runId;
            ctx.cancel = cancel;
            SandboxCommandRunner runner(m_sandbox->config());
            ctx.runner = &runner;
            GatePipeline pipeline(*config);
            results = pipeline.run(ctx);
        }
        if (cancel && cancel->load())
            return Outcome::Paused; // the gates run again when the run resumes
        // Acceptance criteria with a check command are gates too.
        for (const auto &criterion : std::as_const(m_task.contract.criteria)) {
            if (criterion.checkCommand.isEmpty())
                continue;
            const CommandResult c = m_sandbox->runShell(criterion.checkCommand, 10 * 60 * 1000,
                                                        4 * 1024 * 1024, false, {}, cancel);
            if (c.cancelled)
                return Outcome::Paused; // checked again when the run resumes
            GateResult r;
            r.gate = QStringLiteral("acceptance: ") + criterion.text;
            r.status = c.succeeded() ? GateStatus::Passed : GateStatus::Failed;
            r.durationMs = c.durationMs;
            r.exitCode = c.exitCode;
            r.log = QString::fromUtf8(c.stdoutData + c.stderrData).right(64 * 1024);
            if (!c.succeeded())
                r.findings.append(
                        {QString(), 0, 0, Severity::Error, QStringLiteral("acceptance"),
                         QStringLiteral("acceptance criterion not met: \"%1\" (check `%2` %3)")
                                 .arg(criterion.text, criterion.checkCommand,
                                      c.started ? QStringLiteral("exited %1").arg(c.exitCode) : c.error),
                         QStringLiteral("acceptance")});
            if (auto s = append(kinds::GateResult, r.toJson()); !s)
                return s.error();
            results << r;
        }
        if (cancel && cancel->load())
            return Outcome::Paused;
        bool passed = true;
        QJsonArray gates;
        QList<Finding> findings;
        for (const auto &r : std::as_const(results)) {
            passed = passed && r.passed();
            gates.append(QJsonObject {{QStringLiteral("gate"), r.gate},
                                      {QStringLiteral("status"), gateStatusName(r.status)},
                                      {QStringLiteral("duration_ms"), r.durationMs},
                                      {QStringLiteral("findings"), r.findings.size()}});
            findings += r.findings;
        }
        QJsonArray trimmed;
        for (const auto &f : FindingTrimmer::trim(findings, 50).kept)
            trimmed.append(f.toJson());
        if (auto s = append(kinds::VerifyFinished,
                            {{QStringLiteral("iteration"), m_state.iteration},
                             {QStringLiteral("passed"), passed},
                             {QStringLiteral("gates"), gates},
                             {QStringLiteral("findings"), trimmed},
                             {QStringLiteral("finding_count"), findings.size()}});
            !s)
            return s.error();
        return Outcome::Progressed;
    }
    if (m_state.verifyPassed) {
        // One commit: a crash cannot leave the run in review without what the review is of.
        const QString harness = QStringLiteral("harness");
        if (auto s = appendTogether({Event::make(m_runId, harness, kinds::PhaseStarted,
                                                 {{QStringLiteral("phase"), QStringLiteral("review")},
                                                  {QStringLiteral("iteration"), m_state.iteration}}),
                                     Event::make(m_runId, harness, kinds::ReviewReady,
                                                 {{QStringLiteral("commit"), m_state.lastCheckpoint},
                                                  {QStringLiteral("base_commit"), m_state.baseCommit},
                                                  {QStringLiteral("branch"), m_state.branch},
                                                  {QStringLiteral("target"), m_state.targetBranch}})});
            !s)
            return s.error();
        return Outcome::Waiting;
    }
    if (m_state.iteration >= m_task.contract.budget.maxIterations) {
        QStringList failing;
        for (const auto &f : std::as_const(m_state.latestFindings))
            if (!failing.contains(f.source))
                failing << f.source;
        if (auto s = append(
                    kinds::Escalated,
                    {{QStringLiteral("reason"),
                      QStringLiteral("the gates still fail after %1 iterations (%2); a human has to look")
                              .arg(m_state.iteration)
                              .arg(failing.join(QStringLiteral(", ")))}});
            !s)
            return s.error();
        return Outcome::Finished;
    }
    if (auto s = append(kinds::PhaseStarted,
                        {{QStringLiteral("phase"), QStringLiteral("fix")},
                         {QStringLiteral("iteration"), m_state.iteration + 1}});
        !s)
        return s.error();
    QJsonArray findings;
    for (const auto &f : std::as_const(m_state.latestFindings))
        findings.append(f.toJson());
    if (auto s = append(
                kinds::FixRequested,
                {{QStringLiteral("iteration"), m_state.iteration}, {QStringLiteral("findings"), findings}});
        !s)
        return s.error();
    return Outcome::Progressed;
}

} // namespace harness
