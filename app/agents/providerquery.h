// ProviderQuery: one GET to a model provider's HTTP API (its models list, or one model) with the
// provider's authentication headers, a time limit and cancel; the outcome names exactly what failed
// (DNS, refused, TLS, timeout, key rejected, not found, ...) so a settings view can say it plainly.
#pragma once

#include "providerconfig.h"

#include <QByteArray>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QTimer;

namespace harness {

struct ProviderProblem
{
    enum class Kind {
        None,
        NoKey,
        Dns,
        Refused,
        Tls,
        Timeout,
        Network,
        KeyRejected,
        NotFound,
        Http,
        Protocol,
        Cancelled
    };
    Kind kind = Kind::None;
    int httpStatus = 0;
    QString detail; // the server's own words (its error message) or the network layer's, redacted
    QUrl url; // what was asked

    bool ok() const { return kind == Kind::None; }
    // An HTTP answer came back (so the server is reachable), whatever it said.
    bool answered() const { return httpStatus > 0; }
};

class ProviderQuery : public QObject
{
    Q_OBJECT
public:
    explicit ProviderQuery(QObject *parent = nullptr);
    ~ProviderQuery() override;

    // The URL of `path` ("models", "models/<id>") under the provider's API root: the OpenAI-compatible
    // base URL already ends in its version (…/v1); Anthropic's base URL gets /v1 unless it has it.
    static QUrl endpoint(const ProviderConfig &config, const QString &path, const QString &query = {});

    // Starts the GET; finished() follows once (also after cancel()). A query already running is cancelled.
    void get(const ProviderConfig &config, const QString &apiKey, const QUrl &url, int timeoutMs);
    void cancel();
    bool isRunning() const { return m_reply != nullptr; }

Q_SIGNALS:
    void finished(const QByteArray &body, const harness::ProviderProblem &problem);

private:
    void done(QNetworkReply *reply);
    ProviderProblem classify(QNetworkReply *reply, const QByteArray &body) const;

    QNetworkAccessManager *m_nam;
    QTimer *m_timer;
    QPointer<QNetworkReply> m_reply;
    QStringList m_tlsErrors;
    bool m_timedOut = false;
    int m_timeoutMs = 0;
};

} // namespace harness

Q_DECLARE_METATYPE(harness::ProviderProblem)
