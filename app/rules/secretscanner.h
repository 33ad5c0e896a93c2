// SecretScanner: finds credentials in files and in the added lines of diffs — built-in patterns for
// common cloud and API keys and private keys, the project's own patterns, and an entropy check for
// values assigned to secret-looking names — minus an allowlist. Reported secrets are redacted.
#pragma once

#include "changeparser.h"
#include "pathglob.h"
#include "rule.h"

#include <QRegularExpression>

namespace harness {

class SecretScanner
{
public:
    explicit SecretScanner(const SecretSettings &settings);

    // Findings for one file's content (path relative to the root, used for the allowlist and report).
    QList<Finding> scanContent(const QString &path, const QByteArray &content) const;
    // Findings for the lines a diff adds, at their line numbers in the new file.
    QList<Finding> scanDiff(const QList<FileChange> &diff) const;
    bool isAllowedPath(const QString &path) const { return PathGlob::matchesAny(m_allowPaths, path); }

    static QList<SecretPattern> builtinPatterns();
    // Shannon entropy in bits per character.
    static double shannonEntropy(QStringView text);
    // A line holding this marker is never reported (for test fixtures that must hold a fake key).
    static constexpr const char *kAllowMarker = "harness:allow-secret";

private:
    struct Compiled
    {
        SecretPattern pattern;
        QRegularExpression regex;
        QList<QByteArray> keywords; // lower case
    };
    QList<Compiled> m_patterns;
    QList<PathGlob> m_allowPaths;
    QList<QRegularExpression> m_allowPatterns;
};

} // namespace harness
