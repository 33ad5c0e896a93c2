// Bounded JSON form of a command's result.
#include "commandspec.h"

namespace harness {

namespace {
QString tail(const QByteArray &data, qint64 maxBytes)
{
    if (data.size() <= maxBytes)
        return QString::fromUtf8(data);
    return QStringLiteral("[... %1 bytes cut ...]\n").arg(data.size() - maxBytes) +
            QString::fromUtf8(data.right(maxBytes));
}
} // namespace

QJsonObject CommandResult::toJson(qint64 maxBytes) const
{
    QJsonObject o {{QStringLiteral("started"), started},
                   {QStringLiteral("exit_code"), exitCode},
                   {QStringLiteral("timed_out"), timedOut},
                   {QStringLiteral("output_truncated"), outputTruncated},
                   {QStringLiteral("sandboxed"), sandboxed},
                   {QStringLiteral("duration_ms"), durationMs},
                   {QStringLiteral("stdout"), tail(stdoutData, maxBytes)},
                   {QStringLiteral("stderr"), tail(stderrData, maxBytes)}};
    if (cancelled)
        o.insert(QStringLiteral("cancelled"), true);
    if (droppedBytes > 0)
        o.insert(QStringLiteral("dropped_bytes"), droppedBytes);
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    if (!warning.isEmpty())
        o.insert(QStringLiteral("warning"), warning);
    return o;
}

} // namespace harness
