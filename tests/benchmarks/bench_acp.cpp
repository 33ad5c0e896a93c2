// bench_acp: throughput of the ACP client's strict JSON-RPC reader (MB/s and messages/s) over 50 MB of
// agent output shaped like real sessions (message chunks, tool calls, tool call updates, usage), against a
// reference measured in the same run on the same bytes: a bare newline scan (memchr), the least any
// reader of newline-delimited JSON must do, and that scan plus Qt's JSON parse of each line (the floor for a
// reader that parses). Also the typed session/update parse on top of the reader.
#include "agents/acp/acptypes.h"
#include "agents/acp/jsonrpcreader.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <cstdio>
#include <cstring>

using namespace harness;

namespace {

QByteArray line(const QJsonObject &update)
{
    const QJsonObject message {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                               {QStringLiteral("method"), QStringLiteral("session/update")},
                               {QStringLiteral("params"),
                                QJsonObject {{QStringLiteral("sessionId"), QStringLiteral("sess_0123456789")},
                                             {QStringLiteral("update"), update}}}};
    return QJsonDocument(message).toJson(QJsonDocument::Compact) + '\n';
}

QByteArray agentOutput(qsizetype targetBytes)
{
    QByteArray out;
    out.reserve(targetBytes + 8192);
    int n = 0;
    while (out.size() < targetBytes) {
        for (int i = 0; i < 30; ++i)
            out += line({{QStringLiteral("sessionUpdate"), QStringLiteral("agent_message_chunk")},
                         {QStringLiteral("content"),
                          QJsonObject {{QStringLiteral("type"), QStringLiteral("text")},
                                       {QStringLiteral("text"), QStringLiteral("token%1 ").arg(n + i)}}}});
        const QString id = QStringLiteral("toolu_%1").arg(n);
        out += line(
                {{QStringLiteral("sessionUpdate"), QStringLiteral("tool_call")},
                 {QStringLiteral("toolCallId"), id},
                 {QStringLiteral("title"), QStringLiteral("Edit src/file%1.cpp").arg(n)},
                 {QStringLiteral("kind"), QStringLiteral("edit")},
                 {QStringLiteral("status"), QStringLiteral("pending")},
                 {QStringLiteral("locations"),
                  QJsonArray {QJsonObject {
                          {QStringLiteral("path"), QStringLiteral("/work/src/file%1.cpp").arg(n)}}}},
                 {QStringLiteral("rawInput"),
                  QJsonObject {{QStringLiteral("file_path"), QStringLiteral("/work/src/file%1.cpp").arg(n)},
                               {QStringLiteral("content"), QString(1500, QLatin1Char('x'))}}}});
        out += line({{QStringLiteral("sessionUpdate"), QStringLiteral("tool_call_update")},
                     {QStringLiteral("toolCallId"), id},
                     {QStringLiteral("status"), QStringLiteral("completed")},
                     {QStringLiteral("content"),
                      QJsonArray {QJsonObject {
                              {QStringLiteral("type"), QStringLiteral("diff")},
                              {QStringLiteral("path"), QStringLiteral("/work/src/file%1.cpp").arg(n)},
                              {QStringLiteral("oldText"), QString(600, QLatin1Char('o'))},
                              {QStringLiteral("newText"), QString(600, QLatin1Char('n'))}}}}});
        out += line({{QStringLiteral("sessionUpdate"), QStringLiteral("usage_update")},
                     {QStringLiteral("used"), 5000 + n},
                     {QStringLiteral("size"), 200000},
                     {QStringLiteral("cost"),
                      QJsonObject {{QStringLiteral("amount"), 0.01 * n},
                                   {QStringLiteral("currency"), QStringLiteral("USD")}}}});
        n += 30;
    }
    return out;
}

} // namespace

int main()
{
    const QByteArray bytes = agentOutput(50 * 1000 * 1000);
    const double mb = double(bytes.size()) / 1e6;
    constexpr qsizetype kChunk = 64 * 1024; // what a pipe read returns under load
    int rounds = 3;
    double bestScan = 1e9, bestParse = 1e9, bestReader = 1e9, bestTyped = 1e9;
    qint64 lines = 0, messages = 0;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer t;
        t.start();
        lines = 0;
        for (qsizetype i = 0; i < bytes.size(); i += kChunk) {
            const char *p = bytes.constData() + i;
            const char *end = p + qMin(kChunk, bytes.size() - i);
            while (const void *nl = std::memchr(p, '\n', size_t(end - p))) {
                ++lines;
                p = static_cast<const char *>(nl) + 1;
            }
        }
        bestScan = qMin(bestScan, t.nsecsElapsed() / 1e9);

        // Second reference: the scan plus QJsonDocument::fromJson of every line, no checks (the JSON floor).
        t.restart();
        qint64 parsed = 0;
        for (const char *p = bytes.constData(), *end = p + bytes.size(); p < end;) {
            const char *nl = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            if (!nl)
                break;
            parsed += QJsonDocument::fromJson(QByteArray(p, nl - p)).isObject() ? 1 : 0;
            p = nl + 1;
        }
        bestParse = qMin(bestParse, t.nsecsElapsed() / 1e9);
        if (parsed != lines)
            return 1;

        t.restart();
        JsonRpcReader reader(16 * 1024 * 1024);
        messages = 0;
        for (qsizetype i = 0; i < bytes.size(); i += kChunk) {
            QList<JsonRpcMessage> out;
            if (!reader.feed(QByteArrayView(bytes.constData() + i, qMin(kChunk, bytes.size() - i)), out)) {
                std::fprintf(stderr, "reader failed\n");
                return 1;
            }
            messages += out.size();
        }
        bestReader = qMin(bestReader, t.nsecsElapsed() / 1e9);

        t.restart();
        JsonRpcReader typedReader(16 * 1024 * 1024);
        qint64 typed = 0;
        for (qsizetype i = 0; i < bytes.size(); i += kChunk) {
            QList<JsonRpcMessage> out;
            (void)typedReader.feed(QByteArrayView(bytes.constData() + i, qMin(kChunk, bytes.size() - i)),
                                   out);
            for (const JsonRpcMessage &m : std::as_const(out))
                typed += AcpSessionUpdate::fromParams(m.params).ok() ? 1 : 0;
        }
        bestTyped = qMin(bestTyped, t.nsecsElapsed() / 1e9);
        if (typed != messages) {
            std::fprintf(stderr, "typed parse lost messages\n");
            return 1;
        }
    }
    if (lines != messages) {
        std::fprintf(stderr, "line count %lld != message count %lld\n", (long long)lines,
                     (long long)messages);
        return 1;
    }
    std::printf("bench_acp: %.1f MB of agent output, %lld messages, best of %d rounds\n", mb,
                (long long)messages, rounds);
    std::printf("  reference: bare newline scan (memchr)      %8.0f MB/s\n", mb / bestScan);
    std::printf("  reference: scan + QJsonDocument per line    %8.1f MB/s\n", mb / bestParse);
    std::printf("  JsonRpcReader (strict, validated)           %8.1f MB/s  %9.0f messages/s  (%.0fx the "
                "scan's time, %.2fx the parse's)\n",
                mb / bestReader, messages / bestReader, bestReader / bestScan, bestReader / bestParse);
    std::printf("  reader + typed session/update parse         %8.1f MB/s  %9.0f messages/s  (%.0fx the "
                "scan's time)\n",
                mb / bestTyped, messages / bestTyped, bestTyped / bestScan);
    return 0;
}
