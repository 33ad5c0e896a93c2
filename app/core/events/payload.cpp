// Payload versions.
#include "payload.h"

namespace harness {

int payloadVersion(const QJsonObject &payload)
{
    const QJsonValue v = payload.value(kPayloadVersionKey);
    return v.isDouble() && v.toInt() >= 1 ? v.toInt() : 1;
}

QJsonObject withVersion(QJsonObject payload, int version)
{
    payload.insert(kPayloadVersionKey, version);
    return payload;
}

} // namespace harness
