// The machinery every typed event payload shares: its schema version, making an Event of it, and
// reading one back with a message that says what is wrong. Each payload struct has toJson() and a
// validating fromJson(); a struct for one kind names it as kKind, a struct shared by several kinds
// (escalated / failed / aborted, ...) has accepts(kind) instead.
#pragma once

#include "core/event.h"
#include "core/eventkinds.h"
#include "core/jsonreader.h"

#include <concepts>
#include <optional>

namespace harness {

// Every payload carries "v": the version of its kind's shape. A payload without it was written before
// payloads were versioned and is version 1; a reader accepts every version up to its own, and reads
// the fields it knows from a newer one.
inline constexpr QLatin1StringView kPayloadVersionKey {"v"};
int payloadVersion(const QJsonObject &payload);
QJsonObject withVersion(QJsonObject payload, int version);

template<typename P>
concept OneKindPayload = requires
{
    {
        P::kKind
        } -> std::convertible_to<QLatin1StringView>;
};

template<typename P>
bool payloadAccepts(QStringView kind)
{
    if constexpr (OneKindPayload<P>)
        return kind == P::kKind;
    else
        return P::accepts(kind);
}

// An event of the payload's own kind.
template<OneKindPayload P>
Event makeEvent(QString runId, const P &payload, QString actor = QStringLiteral("harness"))
{
    return Event::make(std::move(runId), std::move(actor), QString(P::kKind), payload.toJson());
}

// An event of one of the kinds a shared payload serves (e.g. escalated with a RunEndedPayload).
template<typename P>
Event makeEvent(QString runId, QLatin1StringView kind, const P &payload,
                QString actor = QStringLiteral("harness"))
{
    Q_ASSERT(payloadAccepts<P>(QString(kind)));
    return Event::make(std::move(runId), std::move(actor), QString(kind), payload.toJson());
}

// A reader whose errors name the kind: "phase_started.phase: is required".
template<typename P>
JsonReader payloadReader(const QJsonObject &json, QStringView kind)
{
    if constexpr (OneKindPayload<P>)
        return JsonReader(json, kind.isEmpty() ? QString(P::kKind) : kind.toString());
    else
        return JsonReader(json, kind.toString());
}

// The typed payload of an event; an error when the event is of another kind or its payload is
// malformed (the message names the field, e.g. "phase_started.phase: is required").
template<typename P>
Result<P> readPayload(const Event &event)
{
    if (!payloadAccepts<P>(event.kind))
        return Result<P>::failure(
                QStringLiteral("an event of kind %1 has no payload of this type").arg(event.kind),
                QStringLiteral("kind"));
    return P::fromJson(event.payload, event.kind);
}

// The typed payload when the event is of the payload's kind and reads; nullopt otherwise (the cheap
// form for readers that skip what they do not show).
template<typename P>
std::optional<P> payloadIf(const Event &event)
{
    if (!payloadAccepts<P>(event.kind))
        return std::nullopt;
    auto p = P::fromJson(event.payload, event.kind);
    return p ? std::optional<P>(std::move(*p)) : std::nullopt;
}

} // namespace harness
