// ToolExecutor: the tools an agent may call in its worktree — read_file, list_files, search, edit_file,
// apply_patch, write_file, run_command — each checked by the PermissionController and, for commands, run
// in the Sandbox. A write gate keeps every tool that writes or executes closed until the orchestrator
// opens it (plan approved): enforced here, where tools execute, not in the prompt: the approval binds to the
// hash of the plan it approved. execute() BLOCKS (file I/O, git, sandboxed commands): call it from the run's
// worker thread. setWriteAllowed() may be called from any thread.
#pragma once

#include "permissioncontroller.h"
#include "toolresult.h"

#include "core/sizepolicy.h"

#include <QJsonArray>
#include <atomic>
#include <functional>

namespace harness {

class EventSink;
class Sandbox;

class ToolExecutor
{
public:
    // sandbox may be null: run_command then refuses. The executor does not own sandbox, events or approvals.
    ToolExecutor(QString worktreeRoot, PermissionProfile profile, const Sandbox *sandbox, EventSink *events,
                 QString runId, ApprovalRequester *approvals = nullptr);

    // OpenAI-style tool definitions: [{name, description, parameters: <JSON Schema>}].
    QJsonArray toolSchemas() const;
    ToolResult execute(const QString &name, const QJsonObject &arguments);

    // The write gate: closed (false) by default.
    void setWriteAllowed(bool allowed) { m_writeAllowed.store(allowed); }
    // A flag that, when set, stops a running run_command (the run is pausing or aborting).
    void setCancelFlag(const std::atomic_bool *cancel) { m_cancel = cancel; }
    bool writeAllowed() const { return m_writeAllowed.load(); }
    // Optional extra condition checked on every gated call (e.g. "the approval still binds to the
    // current plan hash"); both it and the flag must allow.
    void setWriteGate(std::function<bool()> predicate) { m_writeGate = std::move(predicate); }

    static const QStringList &toolNames();
    static const QStringList &gatedTools(); // edit_file, apply_patch, write_file, run_command
    PermissionController &permissions() { return m_permissions; }

    static constexpr int kMaxReadLines = 2000;
    static constexpr int kMaxResultChars = SizePolicy::kMaxToolOutputChars;
    static constexpr int kMaxSearchResults = 200;
    static constexpr int kMaxListedFiles = 2000;
    static constexpr qint64 kMaxFileBytes = SizePolicy::kMaxFileBytes; // of a file the tools read or leave

private:
    ToolResult readFile(const QJsonObject &args);
    ToolResult listFiles(const QJsonObject &args);
    ToolResult search(const QJsonObject &args);
    ToolResult editFile(const QJsonObject &args);
    ToolResult applyPatch(const QJsonObject &args);
    ToolResult writeFile(const QJsonObject &args);
    ToolResult runCommand(const QJsonObject &args);

    // Files under a worktree-relative directory, honouring .gitignore; only readable ones.
    QStringList trackedFiles(const QString &relativeDir, bool *truncated);
    void recordCall(const QString &name, const QJsonObject &arguments, const ToolResult &result, qint64 ms);

    QString m_root;
    PermissionController m_permissions;
    const Sandbox *m_sandbox = nullptr;
    EventSink *m_events = nullptr;
    QString m_runId;
    std::atomic<bool> m_writeAllowed {false};
    const std::atomic_bool *m_cancel = nullptr;
    std::function<bool()> m_writeGate;
};

} // namespace harness
