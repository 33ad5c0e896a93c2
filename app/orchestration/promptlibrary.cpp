// PromptLibrary: every text is read from the prompts.qrc resource on first use; a missing one is a
// broken build, reported loudly rather than sent to the model empty.
#include "promptlibrary.h"

#include <QDirIterator>
#include <QFile>
#include <QHash>

static void initPromptResource()
{
    Q_INIT_RESOURCE(prompts);
}

namespace harness {

const QString &PromptLibrary::text(const QString &name)
{
    static const QHash<QString, QString> texts = [] {
        initPromptResource();
        QHash<QString, QString> out;
        QDirIterator it(QStringLiteral(":/prompts"), QDir::Files);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly))
                out.insert(it.fileName(), QString::fromUtf8(f.readAll()));
        }
        return out;
    }();
    const auto found = texts.constFind(name);
    if (found == texts.cend())
        qFatal("the prompt %s is missing from this build (resources/prompts/prompts.qrc)", qPrintable(name));
    return *found;
}

QString PromptLibrary::planSystem()
{
    return text(QStringLiteral("plan-system.txt"));
}

QString PromptLibrary::buildSystem(bool fixing)
{
    return text(QStringLiteral("build-system.txt")) +
            (fixing ? text(QStringLiteral("fix-system.txt")) : QString());
}

QString PromptLibrary::planInvalid(const QString &error)
{
    return text(QStringLiteral("plan-invalid.txt")).arg(error);
}

QString PromptLibrary::externalAgent(const QString &which)
{
    return text(QStringLiteral("acp-%1.txt").arg(which));
}

} // namespace harness
