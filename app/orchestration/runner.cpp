// Runner: enroll, claim, drive, heartbeat, release.
#include "runner.h"

#include "store/runnerroster.h"
#include "store/storenotifier.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSysInfo>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

namespace harness {

namespace {
QString runnerVersion()
{
#ifdef HARNESS_VERSION
    return QStringLiteral(HARNESS_VERSION);
#else
    return QStringLiteral("unknown");
#endif
}
} // namespace

Runner::Runner(std::shared_ptr<Store> store, Options options)
    : m_store(std::move(store)), m_options(std::move(options)),
      m_instance(QUuid::createUuid().toString(QUuid::WithoutBraces))
{
    if (m_options.host.isEmpty())
        m_options.host = QSysInfo::machineHostName();
    if (m_options.heartbeatMs <= 0)
        m_options.heartbeatMs = qMax(100, m_options.leaseMs / 3);
    m_options.capacity = qMax(1, m_options.capacity);
    m_pool.setMaxThreadCount(m_options.capacity);
    m_pool.setExpiryTimeout(-1);
}

Runner::~Runner()
{
    stop();
    m_pool.waitForDone();
    m_store->setBeforeAppend({});
}

void Runner::say(const QString &line) const
{
    if (m_options.say)
        m_options.say(line);
}

void Runner::stop()
{
    m_stop.store(true);
    m_store->notifier().changedHere({StoreNotifier::kQueue});
}

Status Runner::run()
{
    RunnerInfo me;
    me.name = m_options.name;
    me.host = m_options.host;
    me.instance = m_instance;
    me.capacity = m_options.capacity;
    me.version = runnerVersion();
    if (Status enrolled = m_store->roster().enroll(me, m_options.leaseMs); !enrolled)
        return enrolled;
    m_store->setOrigin(m_options.name, m_options.host);
    m_store->setBeforeAppend([this](const QList<Event> &events) -> Status {
        std::shared_ptr<Active> active;
        {
            QMutexLocker lock(&m_mutex);
            active = m_active.value(events.constFirst().runId);
        }
        return active ? active->run->beforeAppend(events) : success();
    });
    say(QStringLiteral("runner %1 on %2: capacity %3, lease %4 ms, store %5")
                .arg(m_options.name, m_options.host)
                .arg(m_options.capacity)
                .arg(m_options.leaseMs)
                .arg(m_store->location().describe()));
    StoreNotifier &changes = m_store->notifier();
    changes.start();
    QElapsedTimer sinceHeartbeat;
    sinceHeartbeat.start();
    while (!m_stop.load()) {
        if (m_options.stopRequested && m_options.stopRequested->load())
            break;
        const quint64 seen = changes.generation(StoreNotifier::kQueue);
        reap();
        if (sinceHeartbeat.elapsed() >= m_options.heartbeatMs) {
            heartbeat();
            sinceHeartbeat.restart();
        }
        claimMore();
        bool empty = false;
        {
            QMutexLocker lock(&m_mutex);
            empty = m_active.isEmpty();
        }
        if (empty && m_options.maxRuns > 0 && m_claims >= m_options.maxRuns)
            break;
        if (m_options.exitWhenIdle) {
            if (empty) {
                if (auto done = idle(); done && *done)
                    break;
            }
        }
        const int backoff = m_failures > 0 ? qMin(kMaxBackoffMs, 250 << qMin(m_failures, 7)) : 0;
        const int untilHeartbeat = int(m_options.heartbeatMs - sinceHeartbeat.elapsed());
        // A signal handler cannot wake the wait: it looks at least every half second.
        changes.waitForChange(
                StoreNotifier::kQueue, seen,
                qBound(1, qMax(backoff, untilHeartbeat), m_options.stopRequested ? 500 : kMaxBackoffMs));
    }
    // Stopping: every claimed run stops at its next safe point and goes back to the queue.
    QList<std::shared_ptr<Active>> left;
    {
        QMutexLocker lock(&m_mutex);
        left = m_active.values();
    }
    for (auto &a : left)
        a->run->cancel(false);
    m_pool.waitForDone();
    reap();
    // The last heartbeat says "stopped"; if the store cannot take it, the roster shows the runner's
    // heartbeat growing old instead, and the person reading this output learns why.
    if (auto said = m_store->roster().heartbeat(m_options.name, m_instance, QStringLiteral("stopped")); !said)
        say(QStringLiteral("runner %1: could not record the stop: %2").arg(m_options.name, said.errorText()));
    say(QStringLiteral("runner %1 stopped").arg(m_options.name));
    return success();
}

void Runner::reap()
{
    QList<std::shared_ptr<Active>> done;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_active.begin(); it != m_active.end();) {
            if ((*it)->finished.load()) {
                done << *it;
                it = m_active.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto &a : done) {
        a->done.waitForFinished();
        const Lease &lease = a->run->lease();
        if (!a->ending.leaseLost) {
            auto released = m_store->queue().release(lease, a->ending.state, a->ending.note);
            if (!released)
                say(QStringLiteral("[%1] could not release the lease: %2 (it expires instead)")
                            .arg(lease.runId, released.errorText()));
        }
        m_store->clearFence(lease.runId);
    }
}

void Runner::heartbeat()
{
    auto alive = m_store->roster().heartbeat(m_options.name, m_instance, QStringLiteral("running"));
    if (!alive) {
        ++m_failures;
        say(QStringLiteral("the store is unreachable (%1); trying again").arg(alive.errorText()));
        return;
    }
    m_failures = 0;
    QList<std::shared_ptr<Active>> active;
    {
        QMutexLocker lock(&m_mutex);
        active = m_active.values();
    }
    for (auto &a : active) {
        auto kept = m_store->queue().heartbeat(a->run->lease(), m_options.leaseMs, a->run->spent());
        if (kept && !*kept) {
            say(QStringLiteral("[%1] the lease was taken over: stopping").arg(a->run->lease().runId));
            a->run->cancel(true);
        }
    }
}

void Runner::claimMore()
{
    for (;;) {
        {
            QMutexLocker lock(&m_mutex);
            if (m_stop.load() || m_active.size() >= m_options.capacity ||
                (m_options.maxRuns > 0 && m_claims >= m_options.maxRuns))
                return;
        }
        auto claimed = m_store->queue().claim(m_options.name, m_options.leaseMs);
        if (!claimed) {
            ++m_failures;
            say(QStringLiteral("cannot claim: %1").arg(claimed.errorText()));
            return;
        }
        if (!claimed->has_value())
            return;
        const Lease lease = **claimed;
        ++m_claims;
        ClaimedRun::Context context;
        context.store = m_store;
        context.runner = m_options.name;
        context.host = m_options.host;
        context.cacheDir = m_options.cacheDir;
        context.remoteOverride = m_options.remoteOverride;
        context.transcript = m_options.transcript;
        context.say = m_options.say;
        auto active = std::make_shared<Active>();
        active->run = std::make_unique<ClaimedRun>(context, lease);
        {
            QMutexLocker lock(&m_mutex);
            m_active.insert(lease.runId, active);
        }
        Active *raw = active.get();
        StoreNotifier *changes = &m_store->notifier();
        active->done = QtConcurrent::run(&m_pool, [raw, changes] {
            raw->ending = raw->run->drive();
            raw->finished.store(true);
            changes->changedHere({StoreNotifier::kQueue}); // the runner releases it now
        });
    }
}

Result<bool> Runner::idle()
{
    auto entries = m_store->queue().entries(false);
    if (!entries)
        return entries.error();
    for (const QueueEntry &e : std::as_const(*entries))
        if (e.state == QueueEntry::State::Queued || e.state == QueueEntry::State::Claimed)
            return false;
    return true;
}

} // namespace harness
