// TextWindows: decoding a window as part of its content.
#include "textwindows.h"

namespace harness {

QString TextWindows::decode(const QByteArray &content, const TextWindow &w)
{
    if (w.begin == 0)
        return QString::fromUtf8(content.constData(), w.end);
    // QString::fromUtf8 drops a byte order mark at the start of what it decodes: start at the '\n' before
    // the window so that the window decodes as it does inside the content, then drop that '\n'.
    QString text = QString::fromUtf8(content.constData() + w.begin - 1, w.end - w.begin + 1);
    text.remove(0, 1);
    return text;
}

} // namespace harness
