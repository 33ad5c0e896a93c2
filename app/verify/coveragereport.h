// CoverageReport: line coverage read from lcov tracefiles (.info), gcov text (.gcov files or a directory
// of them) or Cobertura XML, keyed by repository-relative path.
#pragma once

#include "core/result.h"

#include <QHash>
#include <QMap>
#include <QString>

namespace harness {

class CoverageReport
{
public:
    enum class Format { Lcov, Gcov, Cobertura };

    // Reads a report; paths in it are made relative to root. Format guessed from the content when empty.
    static Result<CoverageReport> load(const QString &path, const QString &root, const QString &format = {});
    // baseDir: where relative paths in the report start (gcov: the directory it ran in).
    static Result<CoverageReport> parse(const QByteArray &content, Format format, const QString &root,
                                        const QString &baseDir = {});

    // Hits per executable line (lines absent from the map are not executable).
    QMap<int, qint64> linesOf(const QString &file) const;
    bool hasFile(const QString &file) const;
    QStringList files() const { return m_lines.keys(); }

private:
    void add(const QString &file, int line, qint64 hits);
    QString resolve(const QString &path) const;

    QString m_root;
    QString m_base; // Cobertura <source>
    QHash<QString, QMap<int, qint64>> m_lines;
};

} // namespace harness
