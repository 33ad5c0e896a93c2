// Shared by the provider tests: a provider config aimed at the loopback ModelServer with short limits,
// and a runner that collects everything a ChatStream reports.
#pragma once

#include "agents/modelprovider.h"
#include "agents/providerconfig.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QTimer>
#include <optional>

struct StreamOutcome
{
    std::optional<harness::ChatResponse> response;
    std::optional<harness::AgentError> error;
    QString text; // text deltas since the last restart
    QString toolDeltas; // argument fragments, joined
    QList<int> restartDelays;
    qint64 elapsedMs = 0;
    bool timedOut = false;
};

inline harness::ProviderConfig loopbackConfig(const QString &kind, const QString &baseUrl)
{
    harness::ProviderConfig c;
    c.id = QStringLiteral("test-") + kind;
    c.kind = kind;
    c.baseUrl = baseUrl;
    c.apiKeyEnv = QStringLiteral("HARNESS_TEST_UNSET_KEY");
    c.defaultModel = QStringLiteral("test-model");
    c.connectTimeoutMs = 2000;
    c.readTimeoutMs = 300;
    c.totalTimeoutMs = 8000;
    c.maxResponseBytes = 1024 * 1024;
    c.retry.maxAttempts = 3;
    c.retry.baseDelayMs = 20;
    c.retry.maxDelayMs = 80;
    c.retry.maxTotalMs = 6000;
    c.retry.maxRetryAfterMs = 3000;
    return c;
}

inline StreamOutcome runStream(harness::ModelProvider &provider, const harness::ChatRequest &request,
                               std::function<void(harness::ChatStream *)> whileRunning = {},
                               int limitMs = 15000)
{
    using namespace harness;
    StreamOutcome out;
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    QPointer<ChatStream> stream = provider.start(request);
    QObject::connect(stream, &ChatStream::textDelta, &loop, [&](const QString &t) { out.text += t; });
    QObject::connect(stream, &ChatStream::toolCallDelta, &loop,
                     [&](int, const QString &, const QString &, const QString &f) { out.toolDeltas += f; });
    QObject::connect(stream, &ChatStream::restarted, &loop, [&](int, int delayMs, const QString &) {
        out.restartDelays << delayMs;
        out.text.clear();
    });
    QObject::connect(stream, &ChatStream::finished, &loop, [&](const ChatResponse &r) {
        out.response = r;
        loop.quit();
    });
    QObject::connect(stream, &ChatStream::failed, &loop, [&](const AgentError &e) {
        out.error = e;
        loop.quit();
    });
    if (whileRunning)
        whileRunning(stream);
    QTimer::singleShot(limitMs, &loop, [&] {
        out.timedOut = true;
        loop.quit();
    });
    loop.exec();
    out.elapsedMs = clock.elapsed();
    return out;
}

inline harness::ChatRequest simpleRequest(const QString &phase = QStringLiteral("build"))
{
    harness::ChatRequest r;
    r.phase = phase;
    r.iteration = 1;
    r.turn = 0;
    r.model = QStringLiteral("test-model");
    r.system = QStringLiteral("You are a careful engineer.");
    r.messages << harness::ChatMessage::user(QStringLiteral("Read src/a.cpp"));
    r.tools.append(QJsonObject {{QStringLiteral("name"), QStringLiteral("read")},
                                {QStringLiteral("description"), QStringLiteral("Read a file")},
                                {QStringLiteral("parameters"),
                                 QJsonObject {{QStringLiteral("type"), QStringLiteral("object")},
                                              {QStringLiteral("properties"),
                                               QJsonObject {{QStringLiteral("path"),
                                                             QJsonObject {{QStringLiteral("type"),
                                                                           QStringLiteral("string")}}}}}}}});
    r.maxOutputTokens = 512;
    return r;
}
