// AuditExporter: CSV per RFC 4180 (fields quoted when they hold a comma, quote or line break).
#include "auditexporter.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSaveFile>

namespace harness::ui {

namespace {
QByteArray csvField(const QString &value)
{
    QByteArray v = value.toUtf8();
    if (v.contains(',') || v.contains('"') || v.contains('\n') || v.contains('\r')) {
        v.replace("\"", "\"\"");
        return '"' + v + '"';
    }
    return v;
}
} // namespace

QByteArray AuditExporter::csvHeader()
{
    return "log_id,time,run,seq,actor,kind,payload,prev_hash,hash\r\n";
}

QByteArray AuditExporter::csvRow(const Event &e)
{
    QByteArray row;
    row += QByteArray::number(e.logId) + ',';
    row += csvField(e.time.toUTC().toString(Qt::ISODateWithMs)) + ',';
    row += csvField(e.runId) + ',';
    row += (e.runId.isEmpty() ? QByteArray() : QByteArray::number(e.seq)) + ',';
    row += csvField(e.actor) + ',';
    row += csvField(e.kind) + ',';
    row += csvField(QString::fromUtf8(QJsonDocument(e.payload).toJson(QJsonDocument::Compact))) + ',';
    row += e.prevHash + ',';
    row += e.hash + "\r\n";
    return row;
}

QByteArray AuditExporter::jsonLine(const Event &e)
{
    return QJsonDocument(e.toJson()).toJson(QJsonDocument::Compact) + '\n';
}

Result<qint64> AuditExporter::exportTo(Store &store, const QString &path, Format format,
                                       const AuditFilter &filter, const std::atomic<bool> *cancel,
                                       const std::function<void(qint64)> &progress)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Result<qint64>::failure(QCoreApplication::translate("AuditExporter", "Cannot write %1: %2")
                                               .arg(path, file.errorString()));
    if (format == Format::Csv)
        file.write(csvHeader());
    qint64 written = 0, scanned = 0, next = 1;
    while (true) {
        if (cancel && cancel->load()) {
            file.cancelWriting();
            return Result<qint64>::failure(
                    QCoreApplication::translate("AuditExporter", "The export was cancelled."));
        }
        auto page = store.eventsFromLog(next, kPage);
        if (!page) {
            file.cancelWriting();
            return Result<qint64>::failure(
                    QCoreApplication::translate("AuditExporter", "Reading the log failed: %1")
                            .arg(page.errorText()));
        }
        for (const Event &e : *page) {
            next = e.logId + 1;
            if (!filter.matches(e))
                continue;
            file.write(format == Format::Csv ? csvRow(e) : jsonLine(e));
            ++written;
        }
        scanned += page->size();
        if (progress)
            progress(scanned);
        if (page->size() < kPage)
            break;
    }
    if (!file.commit())
        return Result<qint64>::failure(QCoreApplication::translate("AuditExporter", "Cannot write %1: %2")
                                               .arg(path, file.errorString()));
    return written;
}

} // namespace harness::ui
