// StoreWorker: the views' database thread.
#include "storeworker.h"

#include <QCoreApplication>
#include <QSemaphore>

namespace harness::ui {

StoreWorker::StoreWorker(std::shared_ptr<Store> store, QObject *parent)
    : QObject(parent), m_store(std::move(store))
{
    m_thread.setObjectName(QStringLiteral("harness-ui-store"));
    m_threadObject = new QObject;
    m_threadObject->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_threadObject, &QObject::deleteLater);
    m_thread.start();
}

StoreWorker::~StoreWorker()
{
    m_thread.quit();
    m_thread.wait();
}

void StoreWorker::drain()
{
    QSemaphore done;
    QMetaObject::invokeMethod(
            m_threadObject, [&done]() { done.release(); }, Qt::QueuedConnection);
    done.acquire();
    // Deliver the results queued back to this thread.
    QCoreApplication::sendPostedEvents(this);
}

} // namespace harness::ui
