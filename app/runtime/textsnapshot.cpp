// Splitting text into lines and joining it back, preserving line endings.
#include "textsnapshot.h"
#include "lineanchor.h"

namespace harness {

TextSnapshot TextSnapshot::fromText(const QString &text)
{
    TextSnapshot s;
    if (text.isEmpty()) {
        s.trailingNewline = false;
        return s;
    }
    const qsizetype firstNl = text.indexOf(QLatin1Char('\n'));
    if (firstNl > 0 && text.at(firstNl - 1) == QLatin1Char('\r'))
        s.eol = QStringLiteral("\r\n");
    s.lines = text.split(QLatin1Char('\n'));
    s.trailingNewline = text.endsWith(QLatin1Char('\n'));
    if (s.trailingNewline)
        s.lines.removeLast();
    if (s.eol.size() == 2) {
        for (QString &line : s.lines)
            if (line.endsWith(QLatin1Char('\r')))
                line.chop(1);
    }
    return s;
}

QString TextSnapshot::toText() const
{
    if (lines.isEmpty())
        return {};
    QString out = lines.join(eol);
    if (trailingNewline)
        out += eol;
    return out;
}

QString TextSnapshot::formatRange(int first, int last, int maxLineChars) const
{
    first = qMax(1, first);
    last = qMin(lineCount(), last);
    QString out;
    for (int i = first; i <= last; ++i) {
        const QString &line = lines.at(i - 1);
        QString row = LineAnchor::formatLine(i, line);
        if (line.size() > maxLineChars)
            row = LineAnchor::formatLine(i, line).left(maxLineChars + 10) + QStringLiteral(" [line cut]");
        out += row + QLatin1Char('\n');
    }
    return out;
}

} // namespace harness
