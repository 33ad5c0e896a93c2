// Event: one entry of the single event log (docs/architecture.md, "One log, many views"). Everything a run
// does is an event; the run state, the timeline and the audit trail are views of these.
#pragma once

#include "result.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>

namespace harness {

struct Event
{
    QString runId; // empty for store-wide events (task added, rule changed, ...)
    qint64 seq = 0; // per-run sequence, assigned by the store on append (1, 2, ...)
    qint64 logId = 0; // position in the whole log, assigned by the store
    QDateTime time; // assigned on append when invalid
    QString actor; // "human:<name>", "agent:<model>" or "harness"
    QString kind; // lower_snake, e.g. "plan_proposed", "tool_call", "gate_result"
    QJsonObject payload;
    QByteArray prevHash; // SHA-256 (hex) of the previous event in the log; set by the store
    QByteArray hash; // SHA-256 (hex) of this event's canonical form; set by the store
    // Who wrote it, set by the store that appended it: the runner's name (empty outside `harness
    // runner`) and the machine. Hashed only when set, so events written before they existed verify.
    QString runner;
    QString host;

    static Event make(QString runId, QString actor, QString kind, QJsonObject payload = {});

    // The bytes that are hashed for the audit chain: every field except hash, in a fixed order
    // (runner and host last, and only when one of them is set).
    QByteArray canonicalBytes() const;
    QByteArray computeHash() const;

    QJsonObject toJson() const;
    static Result<Event> fromJson(const QJsonObject &json);
    bool operator==(const Event &) const = default;
};

// The shape of an actor string: human:<name>, agent:<model> or harness.
bool isValidActor(const QString &actor);

} // namespace harness
