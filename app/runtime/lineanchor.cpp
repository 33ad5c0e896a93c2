// Line hashing, parsing and formatting of `LINE:HASH` anchors.
#include "lineanchor.h"

namespace harness {

QString LineAnchor::hashOf(QStringView text)
{
    qsizetype end = text.size();
    while (end > 0) {
        const QChar c = text.at(end - 1);
        if (c != QLatin1Char(' ') && c != QLatin1Char('\t') && c != QLatin1Char('\r'))
            break;
        --end;
    }
    const QByteArray bytes = text.first(end).toUtf8();
    quint32 h = 2166136261u;
    for (const char ch : bytes) {
        h ^= static_cast<quint8>(ch);
        h *= 16777619u;
    }
    return QStringLiteral("%1").arg(h % 4096u, 3, 16, QLatin1Char('0'));
}

Result<LineAnchor> LineAnchor::parse(QStringView text)
{
    QStringView t = text.trimmed();
    const qsizetype bar = t.indexOf(QLatin1Char('|'));
    if (bar >= 0)
        t = t.first(bar);
    const qsizetype colon = t.indexOf(QLatin1Char(':'));
    if (colon <= 0)
        return Result<LineAnchor>::failure(
                QStringLiteral("anchor \"%1\" is not of the form LINE:HASH (e.g. 12:a3f)")
                        .arg(text.left(40)));
    bool ok = false;
    const int line = t.first(colon).toInt(&ok);
    if (!ok || line < 1)
        return Result<LineAnchor>::failure(
                QStringLiteral("anchor \"%1\" has no valid line number (lines start at 1)")
                        .arg(text.left(40)));
    const QStringView hash = t.sliced(colon + 1);
    if (hash.size() != 3)
        return Result<LineAnchor>::failure(
                QStringLiteral("anchor \"%1\" needs a 3-digit hex hash after the colon").arg(text.left(40)));
    for (const QChar c : hash) {
        const bool hex = (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                (c >= QLatin1Char('a') && c <= QLatin1Char('f')) ||
                (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
        if (!hex)
            return Result<LineAnchor>::failure(
                    QStringLiteral("anchor \"%1\" has a non-hex hash").arg(text.left(40)));
    }
    return LineAnchor {line, hash.toString().toLower()};
}

QString LineAnchor::formatLine(int line, QStringView text)
{
    return QString::number(line) + QLatin1Char(':') + hashOf(text) + QLatin1Char('|') + text.toString();
}

} // namespace harness
