// AcpAgentDetector: which of the known external agents (Claude Code, Codex, Gemini CLI, opencode) are
// installed and at which version, for the settings dialog. An agent is looked for where a run would start
// it: in the agents prefix of packaging/install-agents.sh (its node_modules/.bin) when one is named, else on
// the PATH. Its version is the "version" of its npm package's package.json (unknown without one): no
// program is run to ask, since processes start on the host only through the sandbox, git or an ACP peer.
// Detection reads files (perhaps on a slow disk), so `start()` does it in the thread pool and `detected`
// brings the answer back to the object's thread; `detect()` is the same work, blocking, for that worker.
#pragma once

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>

namespace harness {

struct AcpAgentInstall
{
    QString id; // AcpAgentProfile id: claude, codex, gemini, opencode
    QString preset; // policy.json's name for it: claude-code, codex, gemini, opencode
    QString displayName;
    QString package; // the npm package that provides it
    QString executable; // where it was found (absolute); empty when not found
    QString version; // empty when unknown
    QString versionSource; // "package.json", or empty when unknown
    QString problem; // why it is not usable, or why its version is unknown

    bool installed() const { return !executable.isEmpty(); }
};

class AcpAgentDetector : public QObject
{
    Q_OBJECT
public:
    explicit AcpAgentDetector(QObject *parent = nullptr);
    ~AcpAgentDetector() override; // waits for a detection under way

    // HARNESS_AGENTS_DIR (the prefix of packaging/install-agents.sh), or empty: the PATH.
    static QString defaultAgentsDir();
    // The npm package of a preset's profile id (claude -> @zed-industries/claude-agent-acp).
    static QString packageOf(const QString &profileId);

    // Blocking: every known agent, in AcpAgentProfile::knownIds() order. Never call it on the GUI thread.
    static QList<AcpAgentInstall> detect(const QString &agentsDir);

    // Detects in the thread pool; `detected` follows. A start before the last one's `detected` was delivered
    // is ignored (returns false): the pool may be done while its answer still waits in the event queue.
    bool start(const QString &agentsDir);
    bool isRunning() const { return m_pending; }
    QList<AcpAgentInstall> last() const { return m_last; }

Q_SIGNALS:
    void detected(const QList<harness::AcpAgentInstall> &agents);

private:
    QFutureWatcher<QList<AcpAgentInstall>> m_watcher;
    QList<AcpAgentInstall> m_last;
    bool m_pending = false;
};

} // namespace harness
