// AuditExporter: writes the audit trail (all of it, or what a filter keeps) to JSON Lines or CSV,
// reading the log in pages. Blocking: run it in a worker thread; it can be cancelled.
#pragma once

#include "audit/auditfilter.h"
#include "store/store.h"

#include <atomic>
#include <functional>

namespace harness::ui {

struct AuditExporter
{
    enum class Format { JsonLines, Csv };
    static constexpr int kPage = 5000;

    // Returns the number of events written. The file is written under a temporary name and renamed
    // when complete, so a cancelled or failed export leaves no partial file behind.
    static Result<qint64> exportTo(Store &store, const QString &path, Format format,
                                   const AuditFilter &filter, const std::atomic<bool> *cancel = nullptr,
                                   const std::function<void(qint64 scanned)> &progress = {});
    static QByteArray csvHeader();
    static QByteArray csvRow(const Event &event);
    static QByteArray jsonLine(const Event &event);
};

} // namespace harness::ui
