// Payloads of tools, permissions and the sandbox. tool_call_started (write-ahead, with the target files'
// hashes), tool_result and tool_call_interrupted answer the agent's requested calls and are written by
// the engine; tool_call, permission_* and sandbox_* are the runtime layer's audit records.
#pragma once

#include "payload.h"

#include <QJsonArray>

namespace harness {

struct ToolCallStartedPayload
{
    static constexpr QLatin1StringView kKind = kinds::ToolCallStarted;
    static constexpr int kVersion = 1;
    QString callId;
    QString name;
    int turn = 0;
    QJsonObject before; // relative path -> SHA-256 of the file before the call ("absent", "unreadable")

    QJsonObject toJson() const;
    static Result<ToolCallStartedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct ToolResultPayload
{
    static constexpr QLatin1StringView kKind = kinds::ToolResult;
    static constexpr int kVersion = 1;
    QString callId;
    QString name;
    bool ok = false;
    QJsonObject content; // the tool's result when ok
    QString error; // why not, when not ok
    bool afterRestart = false; // run after a restart found it had not taken effect
    bool recovered = false; // found applied after a restart; not run again

    // What the agent is told: the content, or {"error": ...}.
    QJsonObject answer() const;
    QJsonObject toJson() const;
    static Result<ToolResultPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct ToolInterruptedPayload
{
    static constexpr QLatin1StringView kKind = kinds::ToolInterrupted;
    static constexpr int kVersion = 1;
    QString callId;
    QString name;
    QString message; // what the agent is told

    QJsonObject toJson() const;
    static Result<ToolInterruptedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// The runtime's record of every tool execution (arguments summarised, never file contents).
struct ToolCallPayload
{
    static constexpr QLatin1StringView kKind = kinds::ToolCall;
    static constexpr int kVersion = 1;
    QString tool;
    QJsonObject arguments;
    bool ok = false;
    qint64 durationMs = 0;
    QString error;
    QJsonObject command; // run_command: exit_code, timed_out, output_truncated, sandboxed

    QJsonObject toJson() const;
    static Result<ToolCallPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// permission_allowed, permission_denied and permission_ask: the permission controller's decisions.
struct PermissionPayload
{
    static constexpr int kVersion = 1;
    static bool accepts(QStringView kind)
    {
        return kind == kinds::PermissionAllowed || kind == kinds::PermissionDenied ||
                kind == kinds::PermissionAsk;
    }
    QString tool;
    QString requestKind; // read, write, execute, network
    QString subject;
    QString reason;
    QString resolved; // the path as resolved inside the worktree
    QString answer; // permission_ask: allowed, denied, pending, no_approver

    QJsonObject toJson() const;
    static Result<PermissionPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// permission_granted and permission_refused: a human's answer to a permission approval.
struct PermissionAnswerPayload
{
    static constexpr int kVersion = 1;
    static bool accepts(QStringView kind)
    {
        return kind == kinds::PermissionGranted || kind == kinds::PermissionRefused;
    }
    QString approval;
    QJsonObject subject;
    QString feedback;

    QJsonObject toJson() const;
    static Result<PermissionAnswerPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// sandbox_unavailable and sandbox_bypassed.
struct SandboxPayload
{
    static constexpr int kVersion = 1;
    static bool accepts(QStringView kind)
    {
        return kind == kinds::SandboxUnavailable || kind == kinds::SandboxBypassed;
    }
    QString reason;
    QString command; // bypassed: the command that ran bare

    QJsonObject toJson() const;
    static Result<SandboxPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// security_violation: the harness refused the agent's tree (a repository of its own inside it).
struct SecurityViolationPayload
{
    static constexpr QLatin1StringView kKind = kinds::SecurityViolation;
    static constexpr int kVersion = 1;
    QString worktree;
    QJsonArray found; // [{path, found, detail}], as inspected when the refusal was recorded
    QString step; // checkpoint, merge, verify, ...; empty when a gate recorded it
    QString gate; // the gate that refused to run on the tree; empty otherwise
    QString reason;

    QJsonObject toJson() const;
    static Result<SecurityViolationPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// network_denied: the sandbox's allow-list proxy refused a destination.
struct NetworkDeniedPayload
{
    static constexpr QLatin1StringView kKind = kinds::NetworkDenied;
    static constexpr int kVersion = 1;
    QString host;
    int port = 0;
    QString reason;
    QString network; // the policy in force, as NetworkPolicy::description() says it
    bool furtherNotRecorded =
            false; // the last one recorded for this command; later refusals are counted only

    QJsonObject toJson() const;
    static Result<NetworkDeniedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// sandbox_write_refused: a process of an external agent's sandbox tried to write where the sandbox is
// read-only (seen by the write audit, SandboxAudit; the kernel's read-only mounts refused it).
struct SandboxWriteRefusedPayload
{
    static constexpr QLatin1StringView kKind = kinds::SandboxWriteRefused;
    static constexpr int kVersion = 1;
    QString path; // as seen inside the sandbox, normalised, clipped
    QString syscall; // openat, mkdir, renameat2, ...
    qint64 pid = 0; // as the harness sees it
    QString comm; // the process's name (/proc/<pid>/comm)
    QString reason; // the worktree is read-only until the plan is approved, .git is read-only, ...
    bool furtherNotRecorded = false; // the last one recorded for this launch; later ones are counted only

    QJsonObject toJson() const;
    static Result<SandboxWriteRefusedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

} // namespace harness
