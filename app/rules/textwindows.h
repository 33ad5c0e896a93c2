// TextWindows: the parts of a file where a regular expression can match, as runs of whole lines, so that
// a scan decodes and searches those lines instead of the whole file. A caller gives the offsets every
// match must be near (its literal words) and, for each, the offset by which every attempt through it
// has stopped; matches, lines and columns found in the windows are those a search of the whole file finds.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <algorithm>
#include <cstring>

namespace harness {

struct TextWindow
{
    qsizetype begin = 0; // the start of a line
    qsizetype end = 0; // just after a '\n', or the end of the content
    int firstLine = 1; // the 1-based line number of begin
};

class TextWindows
{
public:
    // hits: ascending byte offsets; a match may start up to `lead` bytes before a hit, and stopOf(i)
    // returns the offset of the last byte any attempt through hit i can look at (or the content's size).
    // Returns the merged windows of whole lines covering [hit - lead, stopOf(i)] for every hit; windows
    // closer than kMergeGap bytes become one (a search costs more to start than to read that much).
    template<typename StopOf>
    static QList<TextWindow> build(const QByteArray &content, const QList<qsizetype> &hits, qsizetype lead,
                                   StopOf stopOf)
    {
        QList<TextWindow> out;
        const char *d = content.constData();
        const qsizetype n = content.size();
        qsizetype counted = 0; // '\n' counted in [0, counted)
        int line = 1;
        for (qsizetype i = 0; i < hits.size(); ++i) {
            const qsizetype from = qMax<qsizetype>(0, hits.at(i) - lead);
            const qsizetype stop = stopOf(i);
            if (!out.isEmpty() && from < out.last().end + kMergeGap) {
                // a line end is looked for only past the window's end: linear however many hits a
                // (long) line holds
                if (stop >= out.last().end)
                    out.last().end = lineEndAfter(d, n, stop);
                continue;
            }
            const qsizetype end = lineEndAfter(d, n, stop);
            const qsizetype floor = out.isEmpty() ? 0 : out.last().end;
            qsizetype begin = from;
            while (begin > floor && d[begin - 1] != '\n')
                --begin;
            if (!out.isEmpty() && begin == floor) { // adjacent: one window
                out.last().end = end;
                continue;
            }
            line += int(countNewlines(d + counted, d + begin));
            counted = begin;
            out.append(TextWindow {begin, end, line});
        }
        return out;
    }

    // The window's text, decoded exactly as QString::fromUtf8 decodes those bytes inside the whole content
    // (a byte order mark at a window's start stays a character, as it does in the middle of the content).
    static QString decode(const QByteArray &content, const TextWindow &w);

    // The '\n' bytes in [from, to): counted in blocks of 240 bytes with 8-bit sums, which compilers
    // turn into vector code (std::count's 64-bit sum is about 15 times slower).
    static qsizetype countNewlines(const char *from, const char *to)
    {
        qsizetype total = 0;
        while (to - from >= 240) {
            quint8 block = 0;
            for (int i = 0; i < 240; ++i)
                block += from[i] == '\n';
            total += block;
            from += 240;
        }
        for (; from < to; ++from)
            total += *from == '\n';
        return total;
    }

    static constexpr qsizetype kMergeGap = 512;

private:
    static qsizetype lineEndAfter(const char *d, qsizetype n, qsizetype at)
    {
        if (at >= n)
            return n;
        const void *nl = std::memchr(d + at, '\n', size_t(n - at));
        return nl ? static_cast<const char *>(nl) - d + 1 : n;
    }
};

} // namespace harness
