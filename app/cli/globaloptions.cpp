// GlobalOptions: --repo and --store, with their value as the next word or after '='.
#include "globaloptions.h"

namespace harness {

GlobalOptions GlobalOptions::read(const QStringList &arguments)
{
    GlobalOptions o;
    qsizetype &i = o.next;
    for (; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == QLatin1String("--repo") || a == QLatin1String("--store")) {
            if (i + 1 >= arguments.size()) {
                o.missingValue = a;
                return o;
            }
            (a == QLatin1String("--repo") ? o.repo : o.store) = arguments.at(++i);
            continue;
        }
        if (a.startsWith(QLatin1String("--repo=")) || a.startsWith(QLatin1String("--store="))) {
            (a.startsWith(QLatin1String("--repo=")) ? o.repo : o.store) = a.section(QLatin1Char('='), 1);
            continue;
        }
        break;
    }
    return o;
}

} // namespace harness
