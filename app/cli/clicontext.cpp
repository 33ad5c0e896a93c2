// CliContext implementation.
#include "clicontext.h"
#include "exitcodes.h"

#include "core/localuser.h"

namespace harness {

Project *CliContext::project()
{
    if (m_project)
        return m_project.get();
    auto root = Project::findRepositoryRoot(m_repoPath);
    if (!root) {
        fail(exitcode::Usage, root.errorText());
        return nullptr;
    }
    auto opened = Project::open(*root, m_storeSpec);
    if (!opened) {
        fail(exitcode::Store, opened.errorText());
        return nullptr;
    }
    m_project = *opened;
    return m_project.get();
}

bool CliContext::parse(QCommandLineParser &parser, const QStringList &args, const QString &usage)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    if (!parser.parse(QStringList {QStringLiteral("harness")} + args)) {
        fail(exitcode::Usage, parser.errorText() + QStringLiteral("\nusage: ") + usage);
        return false;
    }
    return true;
}

int CliContext::fail(int code, const QString &message)
{
    io.err << "harness: " << message << Qt::endl;
    exitCode = code;
    return code;
}

QString CliContext::humanActor()
{
    return LocalUser::actor();
}

} // namespace harness
