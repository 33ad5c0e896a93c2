// libFuzzer target for the SSE parser and the tool-call assembler, through the real OpenAI and Anthropic
// stream decoders. Input: one mode byte (decoder, chunk size), then the raw response body.
#include "agents/anthropicchatstream.h"
#include "agents/openaichatstream.h"
#include "agents/sseparser.h"
#include "agents/toolcallassembler.h"

#include <QCoreApplication>
#include <cstddef>
#include <cstdint>

namespace {

using namespace harness;

// Exposes the protected event handler; the stream never sends a request (begin() is not called).
template<typename Stream>
class Probe : public Stream
{
public:
    using Stream::Stream;
    void feed(const SseEvent &event) { this->handleEvent(event); }
};

ProviderConfig config(const char *kind)
{
    ProviderConfig c;
    c.id = QStringLiteral("fuzz");
    c.kind = QString::fromLatin1(kind);
    c.baseUrl = QStringLiteral("http://127.0.0.1:9");
    c.maxResponseBytes = 1 << 20;
    return c;
}

template<typename Stream>
void decode(const QList<SseEvent> &events, const char *kind)
{
    Probe<Stream> stream(ChatRequest {}, config(kind), QString());
    for (const SseEvent &e : events) {
        if (stream.isDone())
            break;
        stream.feed(e);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz_sse";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = new QCoreApplication(argc, argv);
    Q_UNUSED(app);
    if (size == 0)
        return 0;
    const uint8_t mode = data[0];
    const QByteArray body(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype chunk = 1 + (mode >> 2) % 64;

    SseParser parser(64 * 1024);
    QList<SseEvent> events;
    for (qsizetype i = 0; i < body.size() && events.size() < 5000; i += chunk)
        if (!parser.feed(body.mid(i, chunk), events))
            break;

    if (mode & 1)
        decode<AnthropicChatStream>(events, "anthropic");
    else
        decode<OpenAiChatStream>(events, "openai");

    if (mode & 2) {
        // The assembler on its own: each event's data is a fragment for the call its id names.
        ToolCallAssembler assembler(256 * 1024);
        for (const SseEvent &e : std::as_const(events)) {
            const int index = int(qHash(e.id) % 4);
            assembler.begin(index, QString::fromUtf8(e.id),
                            e.event.isEmpty() ? QString() : QString::fromUtf8(e.event));
            if (!assembler.append(index, e.data))
                break;
        }
        (void)assembler.finish();
    }
    return 0;
}
