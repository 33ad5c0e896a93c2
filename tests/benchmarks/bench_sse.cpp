// bench_sse: parse throughput of a recorded-shape 50 MB OpenAI event stream (MB/s) and per-request
// overhead against the loopback model server, each with a reference measured in the same run:
// a bare newline scan of the same bytes, and a bare HTTP exchange over a QTcpSocket.
#include "agents/httpprovider.h"
#include "agents/openaichatstream.h"
#include "agents/sseparser.h"
#include "common/modelserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>
#include <cstdio>
#include <cstring>

using namespace harness;

namespace {

// A stream of the shape real sessions record: text deltas and tool calls whose arguments arrive in
// small fragments, with usage and [DONE] at the end of each answer.
QByteArray recordedStream(qsizetype targetBytes, bool withToolCalls = true)
{
    QByteArray out;
    out.reserve(targetBytes + 65536);
    int n = 0;
    while (out.size() < targetBytes) {
        QStringList pieces;
        for (int i = 0; i < 40; ++i)
            pieces << QStringLiteral("token%1 ").arg(n + i);
        QStringList fragments;
        for (int i = 0; i < 20; ++i)
            fragments << (i == 0 ? QStringLiteral("{\"path\": \"src/file%1.cpp\", \"text\": \"").arg(n)
                                 : QStringLiteral("line %1\\n").arg(i));
        fragments << QStringLiteral("\"}");
        QList<ScriptedToolCall> calls;
        if (withToolCalls)
            calls.append({QStringLiteral("call_%1").arg(n), QStringLiteral("write"), fragments});
        const QList<QByteArray> events =
                ModelServer::openAiEvents(QStringLiteral("gpt-bench"), pieces, calls, 1000, 200);
        for (const QByteArray &e : events)
            out += e;
        ++n;
    }
    return out;
}

class DecodeProbe : public OpenAiChatStream
{
public:
    using OpenAiChatStream::OpenAiChatStream;
    void feed(const SseEvent &e)
    {
        if (e.data == "[DONE]") {
            // One answer ended: assemble its tool calls the way completeAnswer() does, then start over.
            (void)m_tools.finish();
            m_tools.reset();
            m_text.clear();
            return;
        }
        handleEvent(e);
    }
};

double mbPerSecond(qsizetype bytes, qint64 ns)
{
    return (double(bytes) / (1024.0 * 1024.0)) / (double(ns) / 1e9);
}

void waitFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qsizetype target = 50 * 1024 * 1024;
    const QByteArray stream = recordedStream(target);
    const qsizetype chunk = 16 * 1024; // about what a TCP read delivers
    std::printf("bench_sse: %.1f MB stream in %lld-byte reads\n", double(stream.size()) / (1024 * 1024),
                static_cast<long long>(chunk));

    // Reference: count line ends with memchr over the same reads (the least any parser must do).
    QElapsedTimer t;
    t.start();
    qsizetype lines = 0;
    for (qsizetype i = 0; i < stream.size(); i += chunk) {
        const char *p = stream.constData() + i;
        const char *end = p + qMin(chunk, stream.size() - i);
        while ((p = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p))))) {
            ++lines;
            ++p;
        }
    }
    const qint64 scanNs = t.nsecsElapsed();

    t.restart();
    SseParser parser(16 * 1024 * 1024);
    QList<SseEvent> events;
    qsizetype eventCount = 0;
    for (qsizetype i = 0; i < stream.size(); i += chunk) {
        events.clear();
        parser.feed(stream.mid(i, chunk), events);
        eventCount += events.size();
    }
    const qint64 parseNs = t.nsecsElapsed();

    // Full decode: SSE parsing, JSON per event, text and tool-call assembly (the provider's own code).
    ProviderConfig config;
    config.id = QStringLiteral("bench");
    config.kind = QStringLiteral("openai");
    config.baseUrl = QStringLiteral("http://127.0.0.1:9");
    DecodeProbe probe(ChatRequest {}, config, QString());
    SseParser parser2(16 * 1024 * 1024);
    t.restart();
    for (qsizetype i = 0; i < stream.size(); i += chunk) {
        events.clear();
        parser2.feed(stream.mid(i, chunk), events);
        for (const SseEvent &e : std::as_const(events))
            probe.feed(e);
    }
    const qint64 decodeNs = t.nsecsElapsed();

    std::printf("  newline scan (reference): %9.1f MB/s  (%lld lines)\n", mbPerSecond(stream.size(), scanNs),
                static_cast<long long>(lines));
    std::printf("  SseParser:                %9.1f MB/s  (%lld events)  ratio to scan %.2f\n",
                mbPerSecond(stream.size(), parseNs), static_cast<long long>(eventCount),
                double(parseNs) / double(scanNs));
    std::printf("  parse + JSON + assembly:  %9.1f MB/s  ratio to SseParser %.2f\n",
                mbPerSecond(stream.size(), decodeNs), double(decodeNs) / double(parseNs));

    // Per-request overhead over loopback: a tiny streamed answer, many times.
    ModelServer server;
    if (!server.listen()) {
        std::printf("cannot listen on 127.0.0.1\n");
        return 1;
    }
    server.setFallback(ModelServer::stream(
            ModelServer::openAiEvents(QStringLiteral("m"), {QStringLiteral("ok")}, {}, 1, 1)));
    const int requests = 300;

    // Reference: the same HTTP exchange by hand on a QTcpSocket (connect, POST, read until close).
    const QByteArray body = R"({"model":"m","stream":true,"messages":[{"role":"user","content":"hi"}]})";
    const QByteArray raw =
            "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: " +
            QByteArray::number(body.size()) + "\r\n\r\n" + body;
    t.restart();
    for (int i = 0; i < requests; ++i) {
        QTcpSocket socket;
        QEventLoop loop;
        QObject::connect(&socket, &QTcpSocket::connected, &loop, [&] { socket.write(raw); });
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        socket.connectToHost(QHostAddress::LocalHost, server.port());
        loop.exec();
    }
    const qint64 rawNs = t.nsecsElapsed();

    ProviderConfig loop = config;
    loop.baseUrl = server.baseUrl(QStringLiteral("/v1"));
    HttpProvider provider(loop, QStringLiteral("bench-key-not-secret"));
    ChatRequest request;
    request.messages << ChatMessage::user(QStringLiteral("hi"));
    int failures = 0;
    t.restart();
    for (int i = 0; i < requests; ++i) {
        QEventLoop wait;
        ChatStream *s = provider.start(request);
        QObject::connect(s, &ChatStream::finished, &wait, &QEventLoop::quit);
        QObject::connect(s, &ChatStream::failed, &wait, [&] {
            ++failures;
            wait.quit();
        });
        wait.exec();
    }
    const qint64 providerNs = t.nsecsElapsed();
    waitFor(50);
    std::printf("  loopback request, bare QTcpSocket (reference): %7.3f ms\n",
                double(rawNs) / requests / 1e6);
    std::printf("  loopback request, HttpProvider stream:         %7.3f ms  ratio %.2f  (%d failed)\n",
                double(providerNs) / requests / 1e6, double(providerNs) / double(rawNs), failures);

    // End to end: one 50 MB text answer through the provider over loopback (one "[DONE]" at the end).
    QByteArray single = recordedStream(target, false);
    single.replace("data: [DONE]\n\n", "");
    single += "data: [DONE]\n\n";
    ScriptedReply big;
    big.chunks = ModelServer::rechunk({single}, 64 * 1024);
    server.enqueue(big);
    ProviderConfig bigConfig = loop;
    bigConfig.maxResponseBytes = 200 * 1024 * 1024;
    HttpProvider bigProvider(bigConfig, QString());
    qint64 deltas = 0;
    t.restart();
    {
        QEventLoop wait;
        ChatStream *s = bigProvider.start(request);
        QObject::connect(s, &ChatStream::textDelta, &wait, [&] { ++deltas; });
        QObject::connect(s, &ChatStream::finished, &wait, &QEventLoop::quit);
        QObject::connect(s, &ChatStream::failed, &wait, [&](const AgentError &e) {
            std::printf("  end-to-end failed: %s\n", qPrintable(e.message));
            wait.quit();
        });
        wait.exec();
    }
    const qint64 e2eNs = t.nsecsElapsed();
    std::printf("  %.0f MB answer through HttpProvider over loopback: %9.1f MB/s  (%lld text deltas)\n",
                double(single.size()) / (1024 * 1024), mbPerSecond(single.size(), e2eNs),
                static_cast<long long>(deltas));
    return 0;
}
