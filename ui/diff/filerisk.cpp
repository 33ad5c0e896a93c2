// FileRisk: the heuristic behind the "risk" column of the changed-file tree.
#include "filerisk.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>

#include <cmath>

namespace harness::ui {

namespace {
QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("FileRisk", text, disambiguation, n);
}
} // namespace

QString FileRisk::levelName(Level level)
{
    switch (level) {
    case Level::High:
        return tr("high");
    case Level::Medium:
        return tr("medium");
    case Level::Low:
        break;
    }
    return tr("low");
}

FileRisk FileRisk::assess(const DiffFile &file, int findingCount)
{
    FileRisk risk;
    const QString path = file.path();
    const QString name = QFileInfo(path).fileName();
    static const QStringList lockFiles {QStringLiteral("package-lock.json"),
                                        QStringLiteral("yarn.lock"),
                                        QStringLiteral("pnpm-lock.yaml"),
                                        QStringLiteral("Cargo.lock"),
                                        QStringLiteral("go.sum"),
                                        QStringLiteral("poetry.lock"),
                                        QStringLiteral("Gemfile.lock"),
                                        QStringLiteral("composer.lock"),
                                        QStringLiteral("uv.lock"),
                                        QStringLiteral("flake.lock")};
    static const QRegularExpression generated(QStringLiteral(
            R"((^|/)(vendor|third_party|node_modules|dist|generated)/|\.min\.(js|css)$|\.map$|\.snap$|_pb2\.py$|\.pb\.(cc|h|go)$|_generated\.)"));
    static const QRegularExpression sensitive(
            QStringLiteral(
                    R"((^|/)(\.harness|\.github|\.ci|\.gitlab-ci\.yml|migrations?)(/|$)|(^|/)(Dockerfile|Makefile|CMakeLists\.txt|package\.json|setup\.py|pyproject\.toml|go\.mod|Cargo\.toml)$|\.(sh|cmake|sql|env)$|auth|secret|passw|token|crypt|security|permission|sandbox)"),
            QRegularExpression::CaseInsensitiveOption);

    const int changed = file.added + file.removed;
    risk.score = qMin(30, int(std::log2(1.0 + changed) * 3.0));
    if (findingCount > 0) {
        risk.score += 40 + 5 * qMin(findingCount, 6);
        risk.reasons << tr("%n finding(s) from the gates", nullptr, findingCount);
    }
    if (lockFiles.contains(name) || generated.match(path).hasMatch()) {
        risk.generated = true;
        risk.score /= 5;
        risk.reasons << tr("lock file or generated code");
    } else if (sensitive.match(path).hasMatch()) {
        risk.score += 30;
        risk.reasons << tr("build, CI, rules or security-sensitive path");
    }
    if (file.status == DiffFileStatus::Deleted) {
        risk.score += 15;
        risk.reasons << tr("file deleted");
    }
    if (file.modeChanged()) {
        risk.score += 20;
        risk.reasons << tr("file mode changed");
    }
    if (file.binary) {
        risk.score += 10;
        risk.reasons << tr("binary content cannot be reviewed here");
    }
    if (changed > 0)
        risk.reasons << tr("%n changed line(s)", nullptr, changed);
    risk.level = risk.score >= 50 ? Level::High : risk.score >= 25 ? Level::Medium : Level::Low;
    return risk;
}

} // namespace harness::ui
