// StoreWorker: one thread with its own store connection where the views run their reads and small
// writes, so the GUI thread never waits on the database. Results come back as queued calls.
#pragma once

#include "store/store.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <memory>

namespace harness::ui {

class StoreWorker : public QObject
{
    Q_OBJECT
public:
    explicit StoreWorker(std::shared_ptr<Store> store, QObject *parent = nullptr);
    ~StoreWorker() override; // finishes the job in progress, drops the queued ones

    std::shared_ptr<Store> store() const { return m_store; }

    // Runs work(Store &) on the worker thread, then done(result) on the GUI thread unless context
    // was destroyed meanwhile. Jobs run one at a time in the order posted.
    template<typename Work, typename Done>
    void post(QObject *context, Work work, Done done)
    {
        std::shared_ptr<Store> store = m_store;
        QPointer<QObject> guard(context);
        QObject *back = this;
        QMetaObject::invokeMethod(
                m_threadObject,
                [store, work, done, guard, back]() {
                    auto result = work(*store);
                    QMetaObject::invokeMethod(
                            back,
                            [result, done, guard]() {
                                if (guard)
                                    done(result);
                            },
                            Qt::QueuedConnection);
                },
                Qt::QueuedConnection);
    }

    // Blocks until every job posted so far has run and delivered its result (tests, shutdown).
    void drain();

private:
    std::shared_ptr<Store> m_store;
    QThread m_thread;
    QObject *m_threadObject = nullptr;
};

} // namespace harness::ui
