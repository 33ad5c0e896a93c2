// SecretStore implementation over QtKeychain jobs, with the job always started in the store's thread.
#include "secretstore.h"
#include "redactor.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPointer>
#include <QThread>
#include <future>
#include <qt6keychain/keychain.h>

namespace harness {

namespace {

bool looksUnreachable(const QString &errorText)
{
    static const char *const kHints[] = {"D-Bus",
                                         "DBus",
                                         "dbus",
                                         "org.freedesktop",
                                         "secret service",
                                         "Secret Service",
                                         "not provided by any",
                                         "No such interface",
                                         "ServiceUnknown",
                                         "autolaunch",
                                         "Could not connect",
                                         "kwallet"};
    for (const char *hint : kHints)
        if (errorText.contains(QLatin1String(hint), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

SecretStore::SecretStore(QString service, QObject *parent)
    : QObject(parent), m_service(std::move(service)) { }

QString SecretStore::unavailableMessage(const QString &envVar)
{
    QString text =
            tr("No OS keychain is reachable (the Secret Service is not running). Start gnome-keyring or "
               "KWallet and unlock it");
    if (!envVar.isEmpty())
        text += tr(", or set %1 for this run").arg(envVar);
    return text + tr(". API keys are never stored in plain text.");
}

void SecretStore::run(Op op, const QString &providerId, const QString &value, QObject *context,
                      std::function<void(SecretReply)> done)
{
    QPointer<QObject> guard(context);
    auto deliver = [guard, done](SecretReply reply) {
        if (!guard)
            return;
        QMetaObject::invokeMethod(
                guard, [done, reply] { done(reply); }, Qt::AutoConnection);
    };
    const QString service = m_service;
    QMetaObject::invokeMethod(
            this,
            [this, op, providerId, value, deliver, service] {
                // A job has no parent: it deletes itself when the keychain answers (autoDelete). Deleted with
                // this store while libsecret still holds it (a dialog closed before the keychain answered),
                // the answer would land in freed memory.
                QKeychain::Job *job = nullptr;
                if (op == Op::Read) {
                    job = new QKeychain::ReadPasswordJob(service);
                } else if (op == Op::Write) {
                    auto *write = new QKeychain::WritePasswordJob(service);
                    write->setTextData(value);
                    job = write;
                } else {
                    job = new QKeychain::DeletePasswordJob(service);
                }
                job->setKey(providerId);
                job->setAutoDelete(true);
                job->setInsecureFallback(false); // never plain text, whatever the platform default
                connect(job, &QKeychain::Job::finished, this, [op, providerId, deliver](QKeychain::Job *j) {
                    SecretReply reply;
                    switch (j->error()) {
                    case QKeychain::NoError:
                        reply.outcome = SecretReply::Outcome::Ok;
                        if (op == Op::Read) {
                            reply.value = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
                            Redactor::global().add(reply.value);
                        }
                        break;
                    case QKeychain::EntryNotFound:
                        reply.outcome = SecretReply::Outcome::NotFound;
                        reply.message = tr("No API key is stored for provider \"%1\". Add one in Settings → "
                                           "API keys.")
                                                .arg(providerId);
                        break;
                    case QKeychain::NoBackendAvailable:
                    case QKeychain::NotImplemented:
                        reply.outcome = SecretReply::Outcome::Unavailable;
                        reply.message = unavailableMessage();
                        break;
                    case QKeychain::AccessDenied:
                    case QKeychain::AccessDeniedByUser:
                        reply.outcome = SecretReply::Outcome::Failed;
                        reply.message = tr("The keychain refused access to the key for provider \"%1\" (%2). "
                                           "Unlock the "
                                           "keychain and try again.")
                                                .arg(providerId, j->errorString());
                        break;
                    default:
                        if (looksUnreachable(j->errorString())) {
                            reply.outcome = SecretReply::Outcome::Unavailable;
                            reply.message = unavailableMessage() + QStringLiteral(" (") + j->errorString() +
                                    QStringLiteral(")");
                        } else {
                            reply.outcome = SecretReply::Outcome::Failed;
                            reply.message = tr("The keychain failed for provider \"%1\": %2")
                                                    .arg(providerId, j->errorString());
                        }
                    }
                    deliver(reply);
                });
                job->start();
            },
            Qt::AutoConnection);
}

SecretReply SecretStore::runBlocking(Op op, const QString &providerId, const QString &value)
{
    if (QThread::currentThread() == thread()) {
        Q_ASSERT_X(!QCoreApplication::instance() ||
                           !QCoreApplication::instance()->inherits("QGuiApplication") ||
                           thread() != QCoreApplication::instance()->thread(),
                   "SecretStore", "blocking keychain calls must not run on the GUI thread");
        QEventLoop loop;
        QObject context;
        SecretReply result;
        run(op, providerId, value, &context, [&](SecretReply reply) {
            result = std::move(reply);
            loop.quit();
        });
        loop.exec();
        return result;
    }
    auto promise = std::make_shared<std::promise<SecretReply>>();
    std::future<SecretReply> future = promise->get_future();
    // The callback runs in the store's thread; `this` outlives the wait.
    run(op, providerId, value, this, [promise](SecretReply reply) { promise->set_value(std::move(reply)); });
    return future.get();
}

void SecretStore::readKey(const QString &providerId, QObject *context, std::function<void(SecretReply)> done)
{
    run(Op::Read, providerId, {}, context, std::move(done));
}

void SecretStore::writeKey(const QString &providerId, const QString &key, QObject *context,
                           std::function<void(SecretReply)> done)
{
    Redactor::global().add(key);
    run(Op::Write, providerId, key, context, std::move(done));
}

void SecretStore::removeKey(const QString &providerId, QObject *context,
                            std::function<void(SecretReply)> done)
{
    run(Op::Remove, providerId, {}, context, std::move(done));
}

SecretReply SecretStore::readKeyBlocking(const QString &providerId)
{
    return runBlocking(Op::Read, providerId, {});
}

SecretReply SecretStore::writeKeyBlocking(const QString &providerId, const QString &key)
{
    Redactor::global().add(key);
    return runBlocking(Op::Write, providerId, key);
}

SecretReply SecretStore::removeKeyBlocking(const QString &providerId)
{
    return runBlocking(Op::Remove, providerId, {});
}

bool SecretStore::keychainAvailable(QString *message)
{
    const SecretReply probe = readKeyBlocking(QStringLiteral("harness-keychain-probe"));
    const bool available =
            probe.outcome == SecretReply::Outcome::Ok || probe.outcome == SecretReply::Outcome::NotFound;
    if (!available && message)
        *message = probe.message;
    return available;
}

SecretReply SecretStore::resolveKey(const QString &providerId, const QString &envVar)
{
    if (!envVar.isEmpty()) {
        const QString fromEnv = qEnvironmentVariable(envVar.toLocal8Bit().constData());
        if (!fromEnv.isEmpty()) {
            Redactor::global().add(fromEnv);
            return SecretReply {SecretReply::Outcome::Ok, fromEnv, {}};
        }
    }
    SecretReply reply = readKeyBlocking(providerId);
    if (reply.outcome == SecretReply::Outcome::Unavailable)
        reply.message = unavailableMessage(envVar);
    else if (reply.outcome == SecretReply::Outcome::NotFound && !envVar.isEmpty())
        reply.message =
                tr("No API key is stored for provider \"%1\". Add one in Settings → API keys, or set %2 for "
                   "this run.")
                        .arg(providerId, envVar);
    return reply;
}

} // namespace harness
