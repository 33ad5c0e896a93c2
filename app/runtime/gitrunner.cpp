// Blocking execution of git commands with a non-interactive environment.
#include "gitrunner.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

namespace harness {

QString GitOutput::errorText() const
{
    QString text = QString::fromUtf8(err).trimmed();
    if (text.isEmpty())
        text = QString::fromUtf8(out).trimmed();
    return text.left(2000);
}

GitRunner::GitRunner(QString workDir, int timeoutMs) : m_workDir(std::move(workDir)), m_timeoutMs(timeoutMs)
{ }

GitOutput GitRunner::exec(const QStringList &args, const QByteArray &stdinData) const
{
    GitOutput o;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // Never wait for a terminal prompt or an editor; keep messages parseable.
    env.insert(QStringLiteral("GIT_TERMINAL_PROMPT"), QStringLiteral("0"));
    env.insert(QStringLiteral("GIT_EDITOR"), QStringLiteral("true"));
    env.insert(QStringLiteral("GIT_MERGE_AUTOEDIT"), QStringLiteral("no"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C"));
    env.remove(QStringLiteral("GIT_DIR"));
    env.remove(QStringLiteral("GIT_WORK_TREE"));
    env.remove(QStringLiteral("GIT_INDEX_FILE"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(m_workDir);
    p.start(QStringLiteral("git"), args);
    if (!p.waitForStarted(10000)) {
        o.err = QByteArrayLiteral("could not start git: ") + p.errorString().toUtf8();
        return o;
    }
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(m_timeoutMs)) {
        p.kill();
        p.waitForFinished(2000);
        o.err = QByteArrayLiteral("git timed out: git ") + args.join(QLatin1Char(' ')).toUtf8();
        return o;
    }
    o.out = p.readAllStandardOutput();
    o.err = p.readAllStandardError();
    o.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return o;
}

Result<QString> GitRunner::run(const QStringList &args) const
{
    const GitOutput o = exec(args);
    if (!o.ok())
        return Result<QString>::failure(
                QStringLiteral("git %1 failed: %2").arg(args.value(0), o.errorText()));
    return QString::fromUtf8(o.out).trimmed();
}

QString GitRunner::hooksPathInside(const QString &worktreeRoot)
{
    const GitOutput o = GitRunner(worktreeRoot, 10000)
                                .exec({QStringLiteral("config"), QStringLiteral("--get"),
                                       QStringLiteral("core.hooksPath")});
    QString value = QString::fromUtf8(o.out).trimmed();
    if (!o.ok() || value.isEmpty())
        return {};
    if (value.startsWith(QLatin1String("~/")))
        value = QDir::homePath() + value.mid(1);
    QString root = QFileInfo(worktreeRoot).canonicalFilePath();
    if (root.isEmpty())
        root = QDir::cleanPath(worktreeRoot);
    QString path = QDir::isRelativePath(value) ? root + QLatin1Char('/') + value : value;
    const QString canonical = QFileInfo(path).canonicalFilePath();
    path = canonical.isEmpty() ? QDir::cleanPath(path) : canonical;
    if (!path.startsWith(root + QLatin1Char('/')))
        return {};
    return path.mid(root.size() + 1);
}

} // namespace harness
