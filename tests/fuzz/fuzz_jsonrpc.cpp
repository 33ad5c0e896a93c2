// libFuzzer target for the ACP client's reader: JsonRpcReader over arbitrary bytes in arbitrary chunks, and
// every message it accepts through the typed ACP parsers (session updates, the agent's requests, answers).
// Input: one mode byte (chunk size), then the agent's stdout bytes.
#include "agents/acp/acpagentrequests.h"
#include "agents/acp/acptypes.h"
#include "agents/acp/jsonrpcreader.h"

#include <cstddef>
#include <cstdint>

using namespace harness;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype chunk = 1 + data[0] % 97;
    const QByteArrayView body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    JsonRpcReader reader(4096);
    QList<JsonRpcMessage> messages;
    for (qsizetype i = 0; i < body.size(); i += chunk)
        if (!reader.feed(QByteArrayView(body.data() + i, qMin(chunk, body.size() - i)), messages))
            break;
    (void)reader.finish();
    for (const JsonRpcMessage &m : std::as_const(messages)) {
        (void)m.toLine();
        (void)m.idText();
        (void)AcpSessionUpdate::fromParams(m.params);
        (void)AcpPermissionRequest::fromJson(m.params);
        (void)AcpReadTextFileRequest::fromJson(m.params);
        (void)AcpWriteTextFileRequest::fromJson(m.params);
        (void)AcpCreateTerminalRequest::fromJson(m.params);
        (void)AcpTerminalRequest::fromJson(m.params);
        const QJsonObject result = m.result.toObject();
        (void)AcpInitializeResult::fromJson(result);
        (void)AcpSessionInfo::fromJson(result);
        (void)AcpPromptResult::fromJson(result);
    }
    return 0;
}
