// TerminalSafeDevice: what the `harness` command writes to its standard output and error. Text an agent
// wrote (a plan summary, a file name, a reason) reaches the person's terminal through many lines; a control
// sequence in it could set the clipboard (OSC 52), clear the screen, retitle the window or hide text. So
// every C0 control character but newline and tab, DEL, and the C1 controls (U+0080..U+009F, which some
// terminals take for ESC sequences) are written as visible escapes ("\x1b", "\u009b"). JSON output is
// unchanged: its strings escape control characters already.
#pragma once

#include <QIODevice>

#include <cstdio>

namespace harness {

class TerminalSafeDevice : public QIODevice
{
public:
    explicit TerminalSafeDevice(FILE *file);
    ~TerminalSafeDevice() override;

    // The escaped form of bytes (UTF-8 text); pending carries a lead byte of U+0080..U+009F split from its
    // second byte across two writes.
    static QByteArray escaped(QByteArrayView bytes, bool *pendingLead);

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    FILE *m_file;
    bool m_pendingLead = false;
};

} // namespace harness
