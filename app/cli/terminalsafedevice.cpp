// TerminalSafeDevice: control characters written as visible escapes.
#include "terminalsafedevice.h"

namespace harness {

TerminalSafeDevice::TerminalSafeDevice(FILE *file) : m_file(file)
{
    open(QIODevice::WriteOnly | QIODevice::Unbuffered);
}

TerminalSafeDevice::~TerminalSafeDevice()
{
    if (m_pendingLead)
        std::fwrite("\xc2", 1, 1, m_file);
    std::fflush(m_file);
}

QByteArray TerminalSafeDevice::escaped(QByteArrayView bytes, bool *pendingLead)
{
    static const char hex[] = "0123456789abcdef";
    QByteArray out;
    out.reserve(bytes.size());
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (*pendingLead) {
            *pendingLead = false;
            if (c >= 0x80 && c <= 0x9f) { // U+0080..U+009F: a C1 control
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 0xf];
                continue;
            }
            out += char(0xc2);
        }
        if (c == 0xc2) {
            *pendingLead = true;
            continue;
        }
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 0xf];
            continue;
        }
        out += char(c);
    }
    return out;
}

qint64 TerminalSafeDevice::writeData(const char *data, qint64 size)
{
    const QByteArray safe = escaped(QByteArrayView(data, size), &m_pendingLead);
    if (!safe.isEmpty() &&
        std::fwrite(safe.constData(), 1, size_t(safe.size()), m_file) != size_t(safe.size()))
        return -1;
    std::fflush(m_file);
    return size;
}

} // namespace harness
