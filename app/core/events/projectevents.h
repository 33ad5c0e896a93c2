// Payloads of changes people make to the project's own files through the workbench: rules_changed
// (.harness/rules.json saved by the rule editor).
#pragma once

#include "payload.h"

namespace harness {

struct RulesChangedPayload
{
    static constexpr QLatin1StringView kKind = kinds::RulesChanged;
    static constexpr int kVersion = 1;
    QString path; // relative to the repository: .harness/rules.json
    QString before; // the file's fingerprint before the write (empty: there was none)
    QString after; // and after it
    QStringList added; // rule ids
    QStringList removed;
    QStringList changed;
    bool settingsChanged = false; // exclude or secret-scan settings changed
    QString backup; // relative path of the kept copy when an unreadable file was replaced

    QJsonObject toJson() const;
    static Result<RulesChangedPayload> fromJson(const QJsonObject &json, QStringView kind = {});
};

} // namespace harness
