// ModelProvider::complete: a local event loop around start().
#include "modelprovider.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <optional>

namespace harness {

ModelProvider::ModelProvider(QObject *parent) : QObject(parent) { }

Result<ChatResponse> ModelProvider::complete(const ChatRequest &request, const std::atomic_bool *cancel,
                                             AgentError *errorOut)
{
    Q_ASSERT_X(!QCoreApplication::instance() || !QCoreApplication::instance()->inherits("QGuiApplication") ||
                       QThread::currentThread() != QCoreApplication::instance()->thread(),
               "ModelProvider::complete", "blocks: call it from a worker thread, not the GUI thread");
    std::optional<ChatResponse> response;
    AgentError error = AgentError::make(AgentError::Kind::Cancelled, tr("The model call was cancelled."));
    if (cancel && cancel->load()) {
        if (errorOut)
            *errorOut = error;
        return error.toError();
    }
    QEventLoop loop;
    QPointer<ChatStream> stream = start(request);
    connect(stream, &ChatStream::finished, &loop, [&](const ChatResponse &r) {
        response = r;
        loop.quit();
    });
    connect(stream, &ChatStream::failed, &loop, [&](const AgentError &e) {
        error = e;
        loop.quit();
    });
    QTimer poll;
    if (cancel) {
        poll.setInterval(20);
        connect(&poll, &QTimer::timeout, &loop, [&] {
            if (cancel->load() && stream)
                stream->cancel();
        });
        poll.start();
    }
    loop.exec();
    // The stream asked for deleteLater(); a pool thread may never run an event loop again, so delete now.
    delete stream.data();
    if (response)
        return *response;
    if (errorOut)
        *errorOut = error;
    return error.toError();
}

} // namespace harness
