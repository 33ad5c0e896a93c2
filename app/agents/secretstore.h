// SecretStore: API keys in the OS keychain through QtKeychain (Secret Service / KWallet on Linux,
// Keychain on macOS, Credential Manager on Windows), one entry per provider id under the service
// "harness-workbench". Never falls back to plain-text storage. Keys read are registered with Redactor.
#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace harness {

struct SecretReply
{
    enum class Outcome { Ok, NotFound, Unavailable, Failed };
    Outcome outcome = Outcome::Failed;
    QString value; // the key, for a successful read
    QString message; // for the user, when not Ok

    bool ok() const { return outcome == Outcome::Ok; }
};

class SecretStore : public QObject
{
    Q_OBJECT
public:
    static inline const QString kService = QStringLiteral("harness-workbench");

    // Keychain jobs run in the thread this object lives in (QtKeychain is not thread-safe).
    explicit SecretStore(QString service = kService, QObject *parent = nullptr);

    QString service() const { return m_service; }

    // Asynchronous: `done` runs in `context`'s thread once the keychain answers.
    void readKey(const QString &providerId, QObject *context, std::function<void(SecretReply)> done);
    void writeKey(const QString &providerId, const QString &key, QObject *context,
                  std::function<void(SecretReply)> done);
    void removeKey(const QString &providerId, QObject *context, std::function<void(SecretReply)> done);

    // Blocking forms: call from a worker thread (the job runs in this object's thread meanwhile), or
    // from this object's own thread when it is not a GUI thread (a local event loop runs then).
    SecretReply readKeyBlocking(const QString &providerId);
    SecretReply writeKeyBlocking(const QString &providerId, const QString &key);
    SecretReply removeKeyBlocking(const QString &providerId);

    // Whether a keychain answers at all (blocking probe, same rules as above). When not, `message`
    // receives the plain-language explanation of what to start.
    bool keychainAvailable(QString *message = nullptr);

    // The key for a run: the environment variable `envVar` when set (headless runs), else the keychain.
    // Blocking, same rules as above. The value is registered with Redactor::global().
    SecretReply resolveKey(const QString &providerId, const QString &envVar);

    static QString unavailableMessage(const QString &envVar = {});

private:
    enum class Op { Read, Write, Remove };
    void run(Op op, const QString &providerId, const QString &value, QObject *context,
             std::function<void(SecretReply)> done);
    SecretReply runBlocking(Op op, const QString &providerId, const QString &value);

    QString m_service;
};

} // namespace harness
