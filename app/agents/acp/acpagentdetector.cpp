// AcpAgentDetector implementation: the executable from the agent's profile, its package.json found beside
// the installed package (or up from the program's real location). Nothing is run.
#include "agents/acp/acpagentdetector.h"
#include "agents/acp/acpagentprofile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QStandardPaths>
#include <QThreadPool>

#include <memory>

namespace harness {

namespace {

QString k(const char *text)
{
    return QString::fromLatin1(text);
}

// The preset name policy.json uses for a profile id.
QString presetOf(const QString &id)
{
    return id == k("claude") ? k("claude-code") : id;
}

// The "version" of a package.json whose "name" is `package`; empty otherwise. At most 1 MiB is read.
QString versionIn(const QString &path, const QString &package)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > (1 << 20))
        return {};
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    if (o.value(k("name")).toString() != package)
        return {};
    return o.value(k("version")).toString().left(64);
}

// The installed package's version: in the prefix's node_modules, else up from the program's real file.
QString packageVersion(const QString &agentsDir, const QString &program, const QString &package)
{
    if (!agentsDir.isEmpty())
        if (const QString v =
                    versionIn(agentsDir + k("/node_modules/") + package + k("/package.json"), package);
            !v.isEmpty())
            return v;
    QDir dir = QFileInfo(QFileInfo(program).canonicalFilePath()).absoluteDir();
    for (int depth = 0; depth < 8; ++depth) {
        if (const QString v = versionIn(dir.filePath(k("package.json")), package); !v.isEmpty())
            return v;
        if (!dir.cdUp())
            break;
    }
    return {};
}

AcpAgentInstall detectOne(const AcpAgentProfile &profile, const QString &agentsDir)
{
    AcpAgentInstall a;
    a.id = profile.id;
    a.preset = presetOf(profile.id);
    a.displayName = profile.displayName;
    a.package = AcpAgentDetector::packageOf(profile.id);
    const QString binDir = agentsDir.isEmpty() ? QString() : agentsDir + k("/node_modules/.bin");
    // The program exactly as a run would start it.
    const QString program = profile.command(binDir, {}, QDir::tempPath()).program;
    const QString name = QFileInfo(program).fileName();
    QString found = agentsDir.isEmpty() ? QStandardPaths::findExecutable(name) : program;
    if (found.isEmpty() || !QFileInfo(found).isFile() || !QFileInfo(found).isExecutable()) {
        a.problem = agentsDir.isEmpty()
                ? QStringLiteral("no %1 on the PATH").arg(name)
                : QStringLiteral("no executable %1 in %2").arg(name, QDir::toNativeSeparators(binDir));
        return a;
    }
    a.executable = QFileInfo(found).absoluteFilePath();
    a.version = packageVersion(agentsDir, a.executable, a.package);
    if (!a.version.isEmpty())
        a.versionSource = k("package.json");
    else
        a.problem = QStringLiteral("no package.json of %1 beside it: version unknown").arg(a.package);
    return a;
}

} // namespace

AcpAgentDetector::AcpAgentDetector(QObject *parent) : QObject(parent)
{
    connect(&m_watcher, &QFutureWatcher<QList<AcpAgentInstall>>::finished, this, [this]() {
        m_pending = false;
        if (m_watcher.future().resultCount() == 0)
            return;
        m_last = m_watcher.result();
        Q_EMIT detected(m_last);
    });
}

AcpAgentDetector::~AcpAgentDetector()
{
    m_watcher.waitForFinished();
}

QString AcpAgentDetector::defaultAgentsDir()
{
    return qEnvironmentVariable("HARNESS_AGENTS_DIR");
}

QString AcpAgentDetector::packageOf(const QString &profileId)
{
    if (profileId == k("claude"))
        return k("@zed-industries/claude-agent-acp");
    if (profileId == k("codex"))
        return k("@zed-industries/codex-acp");
    if (profileId == k("gemini"))
        return k("@google/gemini-cli");
    if (profileId == k("opencode"))
        return k("opencode-ai");
    return {};
}

QList<AcpAgentInstall> AcpAgentDetector::detect(const QString &agentsDir)
{
    QList<AcpAgentInstall> out;
    for (const QString &id : AcpAgentProfile::knownIds())
        if (const auto profile = AcpAgentProfile::byId(id))
            out << detectOne(*profile, agentsDir);
    return out;
}

bool AcpAgentDetector::start(const QString &agentsDir)
{
    if (m_pending)
        return false;
    m_pending = true;
    auto promise = std::make_shared<QPromise<QList<AcpAgentInstall>>>();
    promise->start();
    m_watcher.setFuture(promise->future());
    QThreadPool::globalInstance()->start([promise, agentsDir]() {
        promise->addResult(detect(agentsDir));
        promise->finish();
    });
    return true;
}

} // namespace harness
