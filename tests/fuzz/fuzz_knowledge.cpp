// fuzz_knowledge: the first byte picks a target — top-level symbol extraction (regular expressions on
// arbitrary text must neither crash nor run away), token cuts (never over the allowance, always a prefix),
// or the `context_assembled` record parser (anything it accepts must survive a round trip unchanged).
#include "knowledge/assembledcontext.h"
#include "knowledge/symbolextractor.h"
#include "knowledge/tokenestimator.h"

#include <QJsonDocument>
#include <cstdint>
#include <cstdlib>

using namespace harness;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray payload(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 3) {
    case 0: {
        using L = SymbolExtractor::Language;
        for (L language : {L::CppHeader, L::Python, L::Script, L::Go}) {
            int more = 0;
            const QStringList symbols = SymbolExtractor::extract(language, payload, 8, &more);
            if (symbols.size() > 8 || more < 0)
                std::abort();
            for (const QString &s : symbols) {
                if (!s.contains(QLatin1Char(' ')))
                    std::abort();
            }
        }
        break;
    }
    case 1: {
        const QString text = QString::fromUtf8(payload);
        const qint64 budget = qint64(size % 97);
        const QString clipped = TokenEstimator::clipToTokens(text, budget);
        if (!text.startsWith(clipped) || TokenEstimator::estimate(clipped) > std::max<qint64>(budget, 0))
            std::abort();
        break;
    }
    default: {
        const QJsonDocument doc = QJsonDocument::fromJson(payload);
        if (!doc.isObject())
            break;
        const auto record = AssembledContext::fromJson(doc.object());
        if (!record)
            break;
        const auto again = AssembledContext::fromJson(record->toJson());
        if (!again || !(*again == *record))
            std::abort();
        (void)record->render();
        break;
    }
    }
    return 0;
}
