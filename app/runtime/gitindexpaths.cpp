// GitIndexPaths: git's index format (gitformat-index(5)), read for its paths only.
#include "gitindexpaths.h"

#include <QCryptographicHash>
#include <QFile>

namespace harness {

namespace {

constexpr int kStatBytes = 40; // ctime, mtime, dev, ino, mode, uid, gid, size: ten 32-bit fields
constexpr quint32 kModeTypeMask = 0170000;
constexpr quint32 kModeDirectory = 0040000; // a sparse index's directory entry
constexpr quint16 kFlagExtended = 0x4000;
constexpr quint16 kNameMask = 0x0fff;

quint32 be32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return (quint32(u[0]) << 24) | (quint32(u[1]) << 16) | (quint32(u[2]) << 8) | quint32(u[3]);
}

quint16 be16(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return quint16((u[0] << 8) | u[1]);
}

// git's offset varint (varint.c): each continuation adds one before shifting.
bool readVarint(const char *&p, const char *end, quint64 *value)
{
    if (p >= end)
        return false;
    auto c = static_cast<unsigned char>(*p++);
    quint64 v = c & 127;
    while (c & 128) {
        if (p >= end || v > (quint64(1) << 50))
            return false;
        c = static_cast<unsigned char>(*p++);
        v = ((v + 1) << 7) | (c & 127);
    }
    *value = v;
    return true;
}

std::optional<QStringList> parseWith(const QByteArray &index, int hashBytes)
{
    const char *const begin = index.constData();
    const char *const end = begin + index.size();
    if (index.size() < 12 + hashBytes || !index.startsWith("DIRC"))
        return std::nullopt;
    const quint32 version = be32(begin + 4);
    if (version < 2 || version > 4)
        return std::nullopt;
    const quint32 count = be32(begin + 8);
    const char *const contentEnd = end - hashBytes; // the trailing checksum
    // The checksum is of the object format's hash (all zeros when index.skipHash is set); it also tells
    // the two formats apart, which the entries alone would not always.
    const QByteArrayView trailer(contentEnd, hashBytes);
    if (trailer != QByteArray(hashBytes, '\0')) {
        const auto algorithm = hashBytes == 20 ? QCryptographicHash::Sha1 : QCryptographicHash::Sha256;
        if (QCryptographicHash::hash(QByteArrayView(begin, contentEnd - begin), algorithm) != trailer)
            return std::nullopt;
    }
    const char *p = begin + 12;
    QStringList paths;
    paths.reserve(qsizetype(qMin<quint32>(count, quint32(index.size() / 62))));
    QByteArray previous; // version 4 compresses each path against the one before
    QByteArray last; // the last path appended, for order and for stages
    for (quint32 i = 0; i < count; ++i) {
        const char *const entry = p;
        const int fixed = kStatBytes + hashBytes + 2;
        if (contentEnd - p < fixed)
            return std::nullopt;
        const quint32 mode = be32(entry + 24);
        if ((mode & kModeTypeMask) == kModeDirectory)
            return std::nullopt;
        const quint16 flags = be16(entry + kStatBytes + hashBytes);
        p += fixed;
        if (flags & kFlagExtended) {
            if (version < 3 || contentEnd - p < 2)
                return std::nullopt;
            p += 2;
        }
        QByteArray path;
        if (version == 4) {
            quint64 strip = 0;
            if (!readVarint(p, contentEnd, &strip) || strip > quint64(previous.size()))
                return std::nullopt;
            const char *nul = static_cast<const char *>(memchr(p, 0, size_t(contentEnd - p)));
            if (!nul)
                return std::nullopt;
            path = previous.left(previous.size() - qsizetype(strip)) + QByteArray(p, nul - p);
            p = nul + 1;
        } else {
            const char *nul = static_cast<const char *>(memchr(p, 0, size_t(contentEnd - p)));
            if (!nul)
                return std::nullopt;
            path = QByteArray(p, nul - p);
            // Entries are padded with 1-8 NULs to a multiple of eight bytes from their start.
            const qsizetype unpadded = (p - entry) + path.size();
            p = entry + ((unpadded + 8) & ~qsizetype(7));
            if (p > contentEnd)
                return std::nullopt;
        }
        const quint16 nameLength = flags & kNameMask;
        if (path.isEmpty() || path.startsWith('/') || path.endsWith('/') ||
            (nameLength < kNameMask && nameLength != path.size()))
            return std::nullopt;
        if (!last.isNull() && path < last)
            return std::nullopt; // git sorts by path; anything else is not an index
        if (path != last) // the stages of an unmerged path are one file
            paths.append(QString::fromUtf8(path));
        last = path;
        previous = std::move(path);
    }
    // Extensions: optional ones start with an upper-case letter; one that git itself must understand
    // (a split index's "link", a sparse index's "sdir") changes what the entries mean.
    while (p < contentEnd) {
        if (contentEnd - p < 8)
            return std::nullopt;
        if (p[0] < 'A' || p[0] > 'Z')
            return std::nullopt;
        const quint32 size = be32(p + 4);
        if (quint64(contentEnd - p - 8) < size)
            return std::nullopt;
        p += 8 + size;
    }
    return paths;
}

} // namespace

std::optional<QStringList> GitIndexPaths::parse(const QByteArray &index)
{
    // The object format is not in the index itself: SHA-1 names are 20 bytes, SHA-256 ones 32. Only
    // one of the two reads to the end with every check passing.
    if (auto sha1 = parseWith(index, 20))
        return sha1;
    return parseWith(index, 32);
}

std::optional<QStringList> GitIndexPaths::read(const QString &indexPath)
{
    QFile f(indexPath);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    return parse(f.readAll());
}

} // namespace harness
