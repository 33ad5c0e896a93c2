// CoverageReport: the three formats' line records merged per file (hits are summed across records).
#include "coveragereport.h"

#include "core/worktreereader.h"

#include <QDir>
#include <QFileInfo>
#include <QXmlStreamReader>

namespace harness {

namespace {
// A coverage report larger than this is refused (a large project's lcov file is tens of MB).
constexpr qint64 kMaxReportBytes = 256 * 1024 * 1024;
} // namespace

QString CoverageReport::resolve(const QString &path) const
{
    QString p = path.trimmed();
    if (!QDir::isAbsolutePath(p) && !m_base.isEmpty())
        p = QDir(m_base).filePath(p);
    if (!QDir::isAbsolutePath(p))
        return QDir::cleanPath(p);
    const QString canonicalRoot = QFileInfo(m_root).canonicalFilePath();
    const QString canonical = QFileInfo(p).canonicalFilePath();
    const QString rel = QDir(canonicalRoot.isEmpty() ? m_root : canonicalRoot)
                                .relativeFilePath(canonical.isEmpty() ? p : canonical);
    return rel.startsWith(QLatin1String("..")) ? QDir::cleanPath(p) : rel;
}

void CoverageReport::add(const QString &file, int line, qint64 hits)
{
    if (line <= 0 || file.isEmpty())
        return;
    m_lines[file][line] += qMax<qint64>(0, hits);
}

QMap<int, qint64> CoverageReport::linesOf(const QString &file) const
{
    return m_lines.value(file);
}

bool CoverageReport::hasFile(const QString &file) const
{
    return m_lines.contains(file);
}

Result<CoverageReport> CoverageReport::parse(const QByteArray &content, Format format, const QString &root,
                                             const QString &baseDir)
{
    CoverageReport r;
    r.m_root = root;
    r.m_base = baseDir;
    if (format == Format::Lcov) {
        QString file;
        bool any = false;
        for (const QByteArray &raw : content.split('\n')) {
            const QByteArray line = raw.trimmed();
            if (line.startsWith("SF:")) {
                file = r.resolve(QString::fromUtf8(line.mid(3)));
                any = true;
            } else if (line.startsWith("DA:") && !file.isEmpty()) {
                const QList<QByteArray> parts = line.mid(3).split(',');
                if (parts.size() >= 2)
                    r.add(file, parts.at(0).toInt(), parts.at(1).toLongLong());
            } else if (line == "end_of_record") {
                file.clear();
            }
        }
        if (!any)
            return Result<CoverageReport>::failure(QStringLiteral(
                    "the lcov tracefile has no SF: record; was it written by lcov --capture?"));
        return r;
    }
    if (format == Format::Gcov) {
        QString file;
        for (const QByteArray &raw : content.split('\n')) {
            // "        5:   13:    code" / "    #####:   12:" / "        -:   14:" / "        -:
            // 0:Source:src/a.cpp"
            const qsizetype c1 = raw.indexOf(':');
            const qsizetype c2 = c1 < 0 ? -1 : raw.indexOf(':', c1 + 1);
            if (c2 < 0)
                continue;
            const QByteArray count = raw.left(c1).trimmed();
            const int lineNo = raw.mid(c1 + 1, c2 - c1 - 1).trimmed().toInt();
            if (lineNo == 0) {
                const QByteArray rest = raw.mid(c2 + 1);
                if (rest.startsWith("Source:"))
                    file = r.resolve(QString::fromUtf8(rest.mid(7).trimmed()));
                continue;
            }
            if (file.isEmpty() || count == "-")
                continue;
            if (count.startsWith("#####") || count.startsWith("====="))
                r.add(file, lineNo, 0);
            else
                r.add(file, lineNo, QByteArray(count).replace('*', "").toLongLong());
        }
        if (r.m_lines.isEmpty() && !content.contains("Source:"))
            return Result<CoverageReport>::failure(QStringLiteral(
                    "the gcov file has no \"Source:\" header; pass the .gcov files gcov wrote"));
        return r;
    }
    QXmlStreamReader xml(content);
    QString file;
    bool sawCoverage = false;
    bool sawSource = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("coverage"))
            sawCoverage = true;
        else if (xml.name() == QLatin1String("source") && !sawSource) {
            r.m_base = xml.readElementText().trimmed();
            sawSource = true;
        } else if (xml.name() == QLatin1String("class"))
            file = r.resolve(xml.attributes().value(QLatin1String("filename")).toString());
        else if (xml.name() == QLatin1String("line") && !file.isEmpty())
            r.add(file, xml.attributes().value(QLatin1String("number")).toInt(),
                  xml.attributes().value(QLatin1String("hits")).toLongLong());
    }
    if (!sawCoverage)
        return Result<CoverageReport>::failure(
                QStringLiteral("not a Cobertura report (no <coverage> element%1)")
                        .arg(xml.hasError() ? QStringLiteral(": ") + xml.errorString() : QString()));
    return r;
}

Result<CoverageReport> CoverageReport::load(const QString &path, const QString &root, const QString &format)
{
    // The report is written by a command that ran on the agent's tree: read it like any file of the tree
    // (no link followed, no FIFO opened, bounded), so a linked "report" cannot pull in a file outside.
    const WorktreeReader reader(root);
    const QString clean = QDir::cleanPath(QDir(root).absoluteFilePath(path));
    const QString rootPath = QDir::cleanPath(QDir(root).absolutePath());
    if (clean != rootPath && !clean.startsWith(rootPath + QLatin1Char('/')))
        return Result<CoverageReport>::failure(
                QStringLiteral(
                        "the coverage report must be inside the worktree; name it relative to the gate's "
                        "directory"),
                path);
    const QString rel = clean == rootPath ? QString() : clean.mid(rootPath.size() + 1);
    if (reader.entry(rel).type == WorktreeEntry::Type::Directory) {
        CoverageReport merged;
        merged.m_root = root;
        int files = 0;
        for (const QString &file : reader.walk(rel)) {
            if (!file.endsWith(QLatin1String(".gcov")))
                continue;
            const WorktreeRead read = reader.read(file, kMaxReportBytes);
            if (!read.ok())
                continue;
            auto one =
                    parse(read.data, Format::Gcov, root, QFileInfo(QDir(root).filePath(file)).absolutePath());
            if (!one)
                continue;
            for (auto fit = one->m_lines.constBegin(); fit != one->m_lines.constEnd(); ++fit)
                for (auto lit = fit->constBegin(); lit != fit->constEnd(); ++lit)
                    merged.add(fit.key(), lit.key(), lit.value());
            ++files;
        }
        if (files == 0)
            return Result<CoverageReport>::failure(
                    QStringLiteral("the directory holds no .gcov file; run gcov first"), path);
        return merged;
    }
    const WorktreeRead read = reader.read(rel, kMaxReportBytes);
    if (!read.ok())
        return Result<CoverageReport>::failure(
                QStringLiteral("cannot read the coverage report (%1); check that the test command wrote it")
                        .arg(read.describe()),
                path);
    const QByteArray content = read.data;
    const QFileInfo info(clean);
    Format fmt;
    if (format == QLatin1String("lcov"))
        fmt = Format::Lcov;
    else if (format == QLatin1String("gcov"))
        fmt = Format::Gcov;
    else if (format == QLatin1String("cobertura"))
        fmt = Format::Cobertura;
    else if (content.trimmed().startsWith('<'))
        fmt = Format::Cobertura;
    else if (content.contains("\nSF:") || content.startsWith("SF:") || content.startsWith("TN:"))
        fmt = Format::Lcov;
    else
        fmt = Format::Gcov;
    auto r = parse(content, fmt, root, fmt == Format::Gcov ? info.absolutePath() : QString());
    if (!r)
        return Result<CoverageReport>::failure(r.error().message, path);
    return r;
}

} // namespace harness
