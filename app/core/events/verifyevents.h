// Payloads of checkpoints and verification: the commit an iteration ended in, each gate started and its
// result, the iteration's verdict with the findings kept for the agent, and the request to fix them.
#pragma once

#include "payload.h"

#include "core/gateresult.h"

namespace harness {

struct CheckpointPayload
{
    static constexpr QLatin1StringView kKind = kinds::Checkpoint;
    static constexpr int kVersion = 1;
    QString commit;
    int iteration = 0;

    QJsonObject toJson() const;
    static Result<CheckpointPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct GateStartedPayload
{
    static constexpr QLatin1StringView kKind = kinds::GateStarted;
    static constexpr int kVersion = 1;
    QString gate;
    QString gateKind; // command, rules, secrets, coverage, test-integrity, acceptance
    int index = 0;

    QJsonObject toJson() const;
    static Result<GateStartedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// Version 2: one shape for every gate (version 1 had a second one, with the whole log under "log", for
// acceptance criteria); a bounded number of findings and the log's tail. Version 3: the reason a gate did
// not pass when its findings do not say it, and could_not_run (no change can make it pass here). Version 4:
// duration_us, the gate's time in microseconds.
struct GateResultPayload
{
    static constexpr QLatin1StringView kKind = kinds::GateResult;
    static constexpr int kVersion = 4;
    static constexpr int kMaxFindings = 200;
    static constexpr qsizetype kLogTail = 8 * 1024;
    QString gate;
    QString gateKind;
    GateStatus status = GateStatus::Passed;
    qint64 durationMs = 0;
    qint64 durationUs = 0; // 0 before version 4
    int exitCode = 0;
    qsizetype findingsCount = 0; // all of them, even past kMaxFindings
    QList<Finding> findings;
    QString logTail;
    QString reason; // empty when the findings say why, or the gate passed
    bool couldNotRun = false;

    static GateResultPayload of(const GateResult &result, const QString &gateKind);
    // The result as a view shows it (the log is the tail).
    GateResult toResult() const;
    QJsonObject toJson() const;
    static Result<GateResultPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct VerifyFinishedPayload
{
    static constexpr QLatin1StringView kKind = kinds::VerifyFinished;
    // Version 2: awaiting_human and human_only.
    static constexpr int kVersion = 2;
    static constexpr int kMaxAwaitingHuman = 200;
    struct Gate
    {
        QString gate;
        QString status;
        qint64 durationMs = 0;
        qsizetype findings = 0;
    };
    int iteration = 0;
    bool passed = false;
    QList<Gate> gates;
    QList<Finding> findings; // trimmed to what the agent is shown
    qsizetype findingCount = 0; // before trimming
    // The findings only a human can settle that are not accepted yet (at most kMaxAwaitingHuman; v2), and
    // whether they are all that failed (v2): then the run waits in review, its merge refused until they are
    // accepted or the change is sent back.
    QList<Finding> awaitingHuman;
    bool humanOnly = false;

    QJsonObject toJson() const;
    static Result<VerifyFinishedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// A human's acceptance of one finding (Finding::id) of the run's latest verification, with the reason.
struct FindingAcceptedPayload
{
    static constexpr QLatin1StringView kKind = kinds::FindingAccepted;
    static constexpr int kVersion = 1;
    QString finding; // Finding::id()
    QString reason;
    QString gate;
    QString rule;
    QString file;
    QString message;

    QJsonObject toJson() const;
    static Result<FindingAcceptedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

struct FixRequestedPayload
{
    static constexpr QLatin1StringView kKind = kinds::FixRequested;
    static constexpr int kVersion = 1;
    int iteration = 0; // the fix iteration that is to make them pass
    QList<Finding> findings;

    QJsonObject toJson() const;
    static Result<FixRequestedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

// Findings as a JSON array and back: a bad finding is an error naming it, or is left out when
// skipInvalid (the run's verdict must not be lost to one finding a reader cannot parse).
QJsonArray findingsToJson(const QList<Finding> &findings);
QList<Finding> readFindings(JsonReader &r, const QString &key, bool skipInvalid);

} // namespace harness
