// Fuzz target for the rules loader: RuleSet::fromJsonText on arbitrary bytes must never crash, must
// locate its errors inside the text, and a rule set it accepts must save and load back unchanged.
#include "rules/jsontextlocator.h"
#include "rules/ruleset.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    harness::RuleFileError detail;
    auto rules = harness::RuleSet::fromJsonText(text, QStringLiteral("rules.json"), &detail);
    if (!rules) {
        const int lines = int(text.count('\n')) + 1;
        if (detail.line < 0 || detail.line > lines || detail.column < 0)
            abort(); // an error position outside the text
        return 0;
    }
    const QByteArray saved = rules->toJsonText();
    auto again = harness::RuleSet::fromJsonText(saved);
    if (!again || !(*again == *rules) || again->toJsonText() != saved)
        abort(); // the stable writer must round-trip what the loader accepts
    harness::JsonTextLocator locator(text);
    for (const QString &id : rules->ruleIds())
        locator.positionOfPath(id);
    return 0;
}
