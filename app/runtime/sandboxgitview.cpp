// SandboxGitView: finding the config and credential files of a checkout and overlaying them.
#include "sandboxgitview.h"
#include "gitconfigredactor.h"
#include "gitdirlayout.h"
#include "memoryfiles.h"

#include <QDirIterator>
#include <QFileInfo>

namespace harness {

namespace {
constexpr int kMaxModuleConfigs = 200;

QString existingFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    const QString canonical = info.canonicalFilePath();
    return QFileInfo(canonical).isFile() ? canonical : QString();
}
} // namespace

SandboxGitView::SandboxGitView(const QString &worktreeRoot) : m_root(worktreeRoot)
{
    const GitDirLayout layout = GitDirLayout::of(worktreeRoot);
    if (layout.isValid()) {
        m_gitDir = QFileInfo(layout.gitDir).canonicalFilePath();
        m_commonDir = QFileInfo(layout.commonDir).canonicalFilePath();
    }
}

QStringList SandboxGitView::configFiles() const
{
    QStringList out;
    if (m_commonDir.isEmpty())
        return out;
    QStringList candidates {m_commonDir + QStringLiteral("/config"),
                            m_commonDir + QStringLiteral("/config.worktree")};
    if (m_gitDir != m_commonDir)
        candidates << m_gitDir + QStringLiteral("/config.worktree");
    // Submodules keep their own config (with their own remote URLs) under modules/.
    QDirIterator it(m_commonDir + QStringLiteral("/modules"),
                    {QStringLiteral("config"), QStringLiteral("config.worktree")}, QDir::Files | QDir::Hidden,
                    QDirIterator::Subdirectories);
    for (int n = 0; it.hasNext() && n < kMaxModuleConfigs; ++n)
        candidates << it.next();
    for (const QString &c : std::as_const(candidates)) {
        const QString f = existingFile(c);
        if (!f.isEmpty() && !out.contains(f))
            out << f;
    }
    return out;
}

QStringList SandboxGitView::credentialFiles() const
{
    QStringList candidates {m_root + QStringLiteral("/.git-credentials")};
    if (!m_commonDir.isEmpty())
        for (const char *name : {"credentials", ".git-credentials", "git-credentials"})
            candidates << m_commonDir + QLatin1Char('/') + QLatin1String(name);
    for (const QString &config : configFiles())
        for (const QString &file : GitConfigRedactor::credentialStoreFiles(config))
            if (QFileInfo(file).isAbsolute())
                candidates << file;
    QStringList out;
    for (const QString &c : std::as_const(candidates)) {
        const QString f = existingFile(c);
        if (!f.isEmpty() && !out.contains(f))
            out << f;
    }
    return out;
}

Result<QStringList> SandboxGitView::bwrapArguments(MemoryFiles &files) const
{
    QStringList args;
    for (const QString &config : configFiles()) {
        auto text = GitConfigRedactor::redactFile(config);
        if (!text)
            return text.error();
        auto fd = files.add(*text);
        if (!fd)
            return fd.error();
        args << QStringLiteral("--ro-bind-data") << QString::number(*fd) << config;
    }
    for (const QString &file : credentialFiles())
        args << QStringLiteral("--ro-bind") << QStringLiteral("/dev/null") << file;
    return args;
}

} // namespace harness
