// GitIndexPaths: the paths a git index file holds, read without starting git — in the order git keeps
// them (by path), each path once whatever its stages. Versions 2, 3 and 4 (path compression) with
// SHA-1 or SHA-256 object names. Anything else — a split index, a sparse index, an extension git
// itself must understand, a truncated or unsorted file — is "don't know" (nullopt), and the caller asks
// git, which stays the authority.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace harness {

struct GitIndexPaths
{
    // The index file's bytes; nullopt when they are not an index this reader understands.
    static std::optional<QStringList> parse(const QByteArray &index);
    // The same from a file; nullopt also when it cannot be read.
    static std::optional<QStringList> read(const QString &indexPath);
};

} // namespace harness
