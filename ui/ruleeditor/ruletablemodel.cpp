// RuleTableModel: reading and writing the fields of each rule kind, one undoable change per edit.
#include "ruletablemodel.h"

#include "core/pathglob.h"

#include <QColor>
#include <QCoreApplication>
#include <QRegularExpression>

namespace harness::ui {

namespace {

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}

QString originText(const RuleOrigin &origin)
{
    QStringList parts;
    if (!origin.incident.isEmpty())
        parts << origin.incident;
    if (!origin.run.isEmpty())
        parts << QCoreApplication::translate("RuleTableModel", "run %1").arg(origin.run);
    if (!origin.finding.isEmpty())
        parts << QStringLiteral("%1:%2 %3")
                         .arg(origin.finding.value(QStringLiteral("file")).toString())
                         .arg(origin.finding.value(QStringLiteral("line")).toInt())
                         .arg(origin.finding.value(QStringLiteral("rule")).toString());
    if (!origin.created.isEmpty())
        parts << origin.created;
    return parts.join(QStringLiteral(" · "));
}

QString checkGlobs(const QStringList &globs)
{
    for (const QString &g : globs) {
        const PathGlob glob(g);
        if (!glob.isValid())
            return QCoreApplication::translate("RuleTableModel", "\"%1\" is not a valid path glob: %2")
                    .arg(g, glob.errorString());
    }
    return {};
}

QString checkRegex(const QString &pattern)
{
    const QRegularExpression re(pattern);
    if (!re.isValid())
        return QCoreApplication::translate("RuleTableModel",
                                           "not a valid regular expression (at character %1): %2")
                .arg(re.patternErrorOffset())
                .arg(re.errorString());
    return {};
}

// Fields every rule kind has.
template<typename Rule>
QVariant commonValue(const Rule &rule, const QString &key)
{
    if (key == QLatin1String("id"))
        return rule.id;
    if (key == QLatin1String("severity"))
        return severityName(rule.severity);
    if (key == QLatin1String("message"))
        return rule.message;
    if (key == QLatin1String("origin"))
        return originText(rule.origin);
    if constexpr (requires { rule.paths; }) {
        if (key == QLatin1String("paths"))
            return rule.paths.join(QStringLiteral(", "));
    }
    if constexpr (requires { rule.excludePaths; }) {
        if (key == QLatin1String("exclude_paths"))
            return rule.excludePaths.join(QStringLiteral(", "));
    }
    return {};
}

// Returns an error text, or an empty string when the value was taken.
template<typename Rule>
QString setCommon(Rule &rule, const QString &key, const QString &value, bool *handled)
{
    *handled = true;
    if (key == QLatin1String("id")) {
        rule.id = value.trimmed();
        return {};
    }
    if (key == QLatin1String("severity")) {
        auto s = severityFromName(value.trimmed());
        if (!s)
            return s.error().message;
        rule.severity = s.value();
        return {};
    }
    if (key == QLatin1String("message")) {
        rule.message = value;
        return {};
    }
    if constexpr (requires { rule.paths; }) {
        if (key == QLatin1String("paths")) {
            const QStringList globs = splitList(value);
            if (globs.isEmpty())
                return QCoreApplication::translate("RuleTableModel",
                                                   "at least one path glob is needed, e.g. src/**");
            if (QString e = checkGlobs(globs); !e.isEmpty())
                return e;
            rule.paths = globs;
            return {};
        }
    }
    if constexpr (requires { rule.excludePaths; }) {
        if (key == QLatin1String("exclude_paths")) {
            const QStringList globs = splitList(value);
            if (QString e = checkGlobs(globs); !e.isEmpty())
                return e;
            rule.excludePaths = globs;
            return {};
        }
    }
    *handled = false;
    return {};
}

} // namespace

RuleTableModel::RuleTableModel(Kind kind, RuleDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_kind(kind), m_document(document), m_rows(rowCount())
{
    connect(document, &RuleDocument::changed, this, [this] {
        // An edit keeps the rows: the cells change in place, so an open editor stays the view's (a
        // reset here would close it under the delegate, which then closes it again). Rows added or
        // removed reset the model.
        const int rows = rowCount();
        if (rows == m_rows) {
            if (rows > 0)
                Q_EMIT dataChanged(index(0, 0), index(rows - 1, columnCount() - 1));
            return;
        }
        beginResetModel();
        m_rows = rows;
        endResetModel();
    });
}

QStringList RuleTableModel::keys() const
{
    switch (m_kind) {
    case Kind::Layers:
        return {QStringLiteral("id"),    QStringLiteral("name"),     QStringLiteral("paths"),
                QStringLiteral("allow"), QStringLiteral("severity"), QStringLiteral("message"),
                QStringLiteral("origin")};
    case Kind::Limits:
        return {QStringLiteral("id"),        QStringLiteral("paths"),    QStringLiteral("exclude_paths"),
                QStringLiteral("max_lines"), QStringLiteral("severity"), QStringLiteral("message"),
                QStringLiteral("origin")};
    case Kind::Forbidden:
        return {QStringLiteral("id"),      QStringLiteral("paths"),   QStringLiteral("exclude_paths"),
                QStringLiteral("pattern"), QStringLiteral("imports"), QStringLiteral("severity"),
                QStringLiteral("message"), QStringLiteral("origin")};
    case Kind::Secrets:
        return {QStringLiteral("id"),          QStringLiteral("pattern"),  QStringLiteral("secret_group"),
                QStringLiteral("min_entropy"), QStringLiteral("keywords"), QStringLiteral("severity"),
                QStringLiteral("message"),     QStringLiteral("origin")};
    }
    return {};
}

QString RuleTableModel::columnKey(int column) const
{
    return keys().value(column);
}

QString RuleTableModel::arrayName() const
{
    switch (m_kind) {
    case Kind::Layers:
        return QStringLiteral("layers");
    case Kind::Limits:
        return QStringLiteral("limits");
    case Kind::Forbidden:
        return QStringLiteral("forbidden");
    case Kind::Secrets:
        return QStringLiteral("secrets.patterns");
    }
    return {};
}

int RuleTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    const RuleSet &r = m_document->rules();
    switch (m_kind) {
    case Kind::Layers:
        return int(r.layers.size());
    case Kind::Limits:
        return int(r.limits.size());
    case Kind::Forbidden:
        return int(r.forbidden.size());
    case Kind::Secrets:
        return int(r.secrets.patterns.size());
    }
    return 0;
}

int RuleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(keys().size());
}

QVariant RuleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    const QString key = columnKey(section);
    static const QHash<QString, const char *> titles {
            {QStringLiteral("id"), QT_TR_NOOP("Id")},
            {QStringLiteral("name"), QT_TR_NOOP("Layer")},
            {QStringLiteral("paths"), QT_TR_NOOP("Paths")},
            {QStringLiteral("allow"), QT_TR_NOOP("May depend on")},
            {QStringLiteral("exclude_paths"), QT_TR_NOOP("Except")},
            {QStringLiteral("max_lines"), QT_TR_NOOP("Max lines")},
            {QStringLiteral("pattern"), QT_TR_NOOP("Pattern")},
            {QStringLiteral("imports"), QT_TR_NOOP("Imports")},
            {QStringLiteral("secret_group"), QT_TR_NOOP("Group")},
            {QStringLiteral("min_entropy"), QT_TR_NOOP("Min entropy")},
            {QStringLiteral("keywords"), QT_TR_NOOP("Keywords")},
            {QStringLiteral("severity"), QT_TR_NOOP("Severity")},
            {QStringLiteral("message"), QT_TR_NOOP("Message for the agent")},
            {QStringLiteral("origin"), QT_TR_NOOP("Origin")}};
    return tr(titles.value(key, ""));
}

int RuleTableModel::invalidRow(int *column) const
{
    const Status v = m_document->validation();
    if (v.ok())
        return -1;
    const QString field = v.error().field;
    const QString prefix = arrayName() + QLatin1Char('[');
    if (!field.startsWith(prefix))
        return -1;
    const int close = int(field.indexOf(QLatin1Char(']'), prefix.size()));
    const int row = field.mid(prefix.size(), close - prefix.size()).toInt();
    const QString rest = field.mid(close + 2); // after "]."
    *column = -1;
    const QStringList k = keys();
    for (int c = 0; c < k.size(); ++c) {
        if (rest == k[c] || rest.startsWith(k[c] + QLatin1Char('[')))
            *column = c;
    }
    return row;
}

QVariant RuleTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const QString key = columnKey(index.column());
    const RuleSet &rules = m_document->rules();
    if (role == Qt::BackgroundRole || role == Qt::ToolTipRole) {
        int column = -1;
        const int row = invalidRow(&column);
        if (row == index.row() && (column == index.column() || (column < 0 && index.column() == 0)))
            return role == Qt::BackgroundRole ? QVariant(QColor(0xff, 0xd7, 0xd5))
                                              : QVariant(m_document->validation().error().message);
        if (role == Qt::ToolTipRole && key == QLatin1String("origin"))
            return data(index, Qt::DisplayRole);
        return {};
    }
    if (role == Qt::EditRole) // always text, so every cell is edited (and validated) the same way
        return data(index, Qt::DisplayRole).toString();
    if (role != Qt::DisplayRole)
        return {};
    const int row = index.row();
    switch (m_kind) {
    case Kind::Layers: {
        const Layer &l = rules.layers[row];
        if (key == QLatin1String("name"))
            return l.name;
        if (key == QLatin1String("allow"))
            return l.allow.join(QStringLiteral(", "));
        return commonValue(l, key);
    }
    case Kind::Limits: {
        const LimitRule &l = rules.limits[row];
        if (key == QLatin1String("max_lines"))
            return l.maxLines;
        return commonValue(l, key);
    }
    case Kind::Forbidden: {
        const ForbiddenRule &f = rules.forbidden[row];
        if (key == QLatin1String("pattern"))
            return f.pattern;
        if (key == QLatin1String("imports"))
            return f.imports.join(QStringLiteral(", "));
        return commonValue(f, key);
    }
    case Kind::Secrets: {
        const SecretPattern &s = rules.secrets.patterns[row];
        if (key == QLatin1String("pattern"))
            return s.pattern;
        if (key == QLatin1String("secret_group"))
            return s.secretGroup;
        if (key == QLatin1String("min_entropy"))
            return s.minEntropy;
        if (key == QLatin1String("keywords"))
            return s.keywords.join(QStringLiteral(", "));
        return commonValue(s, key);
    }
    }
    return {};
}

Qt::ItemFlags RuleTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && columnKey(index.column()) != QLatin1String("origin"))
        f |= Qt::ItemIsEditable;
    return f;
}

bool RuleTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.row() >= rowCount())
        return false;
    const QString key = columnKey(index.column());
    const QString text = value.toString();
    RuleSet after = m_document->rules();
    const int row = index.row();
    QString error;
    bool handled = false;
    QString label;
    switch (m_kind) {
    case Kind::Layers: {
        Layer &l = after.layers[row];
        label = l.name;
        if (key == QLatin1String("name")) {
            const QString name = text.trimmed();
            if (name.isEmpty())
                error = tr("a layer needs a name");
            else if (name != l.name && after.layerByName(name))
                error = tr("there is already a layer named \"%1\"").arg(name);
            else {
                // Keep the dependency directions that named the old name.
                for (Layer &other : after.layers)
                    other.allow.replaceInStrings(QRegularExpression(QStringLiteral("^%1$").arg(
                                                         QRegularExpression::escape(l.name))),
                                                 name);
                after.layers[row].name = name;
            }
        } else if (key == QLatin1String("allow")) {
            const QStringList names = splitList(text);
            for (const QString &n : names) {
                if (!after.layerByName(n))
                    error = tr("there is no layer named \"%1\"").arg(n);
                else if (n == l.name)
                    error = tr("a layer may always use itself; leave \"%1\" out").arg(n);
            }
            if (error.isEmpty())
                l.allow = names;
        } else {
            error = setCommon(l, key, text, &handled);
        }
        break;
    }
    case Kind::Limits: {
        LimitRule &l = after.limits[row];
        label = l.id;
        if (key == QLatin1String("max_lines")) {
            bool ok = false;
            const int n = text.trimmed().toInt(&ok);
            if (!ok || n <= 0)
                error = tr("must be a positive whole number of lines");
            else
                l.maxLines = n;
        } else {
            error = setCommon(l, key, text, &handled);
        }
        break;
    }
    case Kind::Forbidden: {
        ForbiddenRule &f = after.forbidden[row];
        label = f.id;
        if (key == QLatin1String("pattern")) {
            error = checkRegex(text);
            if (error.isEmpty())
                f.pattern = text;
        } else if (key == QLatin1String("imports")) {
            f.imports = splitList(text);
        } else {
            error = setCommon(f, key, text, &handled);
        }
        break;
    }
    case Kind::Secrets: {
        SecretPattern &s = after.secrets.patterns[row];
        label = s.id;
        if (key == QLatin1String("pattern")) {
            error = checkRegex(text);
            if (error.isEmpty())
                s.pattern = text;
        } else if (key == QLatin1String("secret_group")) {
            bool ok = false;
            const int n = text.trimmed().toInt(&ok);
            const int groups = QRegularExpression(s.pattern).captureCount();
            if (!ok || n < 0 || n > groups)
                error = tr("must be a capture group of the pattern (0 to %1)").arg(groups);
            else
                s.secretGroup = n;
        } else if (key == QLatin1String("min_entropy")) {
            bool ok = false;
            const double e = text.trimmed().toDouble(&ok);
            if (!ok || e < 0 || e > 8)
                error = tr("must be a number of bits per character between 0 and 8");
            else
                s.minEntropy = e;
        } else if (key == QLatin1String("keywords")) {
            s.keywords = splitList(text);
        } else {
            error = setCommon(s, key, text, &handled);
        }
        break;
    }
    }
    if (!error.isEmpty()) {
        m_lastError = tr("%1: %2").arg(headerData(index.column(), Qt::Horizontal).toString(), error);
        Q_EMIT editRejected(m_lastError);
        return false;
    }
    m_lastError.clear();
    m_document->apply(after,
                      tr("Edit %1 of %2").arg(headerData(index.column(), Qt::Horizontal).toString(), label),
                      QStringLiteral("%1/%2/%3").arg(arrayName()).arg(row).arg(key));
    return true;
}

QString RuleTableModel::idFor(Kind kind, const QString &name, const RuleSet &rules)
{
    QString slug;
    for (const QChar c : name.trimmed().toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
            (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            slug += c;
        else if (!slug.isEmpty() && !slug.endsWith(QLatin1Char('-')))
            slug += QLatin1Char('-');
    }
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    QString stem;
    switch (kind) {
    case Kind::Layers:
        stem = slug.isEmpty() ? QStringLiteral("layer")
                : slug == QLatin1String("layer") || slug.startsWith(QLatin1String("layer-"))
                ? slug
                : QStringLiteral("layer-") + slug;
        break;
    case Kind::Limits:
        stem = slug.isEmpty() ? QStringLiteral("max-lines") : slug;
        break;
    case Kind::Forbidden:
        stem = slug.isEmpty() ? QStringLiteral("forbidden") : slug;
        break;
    case Kind::Secrets:
        stem = slug.isEmpty() ? QStringLiteral("secret") : slug;
        break;
    }
    const QStringList ids = rules.ruleIds();
    QString id = stem;
    for (int n = 2; ids.contains(id); ++n)
        id = QStringLiteral("%1-%2").arg(stem).arg(n);
    return id;
}

QString RuleTableModel::checkNewRule(Kind kind, const NewRuleSpec &spec, const RuleSet &rules)
{
    const QString name = spec.name.trimmed();
    if (name.isEmpty())
        return kind == Kind::Layers
                ? tr("Give the layer a name, e.g. api or storage.")
                : tr("Give the rule a short name, e.g. no printf; its id is made from it.");
    if (kind == Kind::Layers && rules.layerByName(name))
        return tr("There is already a layer named \"%1\".").arg(name);
    if (spec.message.trimmed().isEmpty())
        return tr("Write the message the agent will read when it breaks this rule: what to do instead.");
    if (QString e = checkGlobs(spec.paths); !e.isEmpty())
        return e;
    if (kind == Kind::Forbidden || kind == Kind::Secrets) {
        if (spec.pattern.isEmpty())
            return tr("Give the pattern (a regular expression) that must not appear.");
        if (QString e = checkRegex(spec.pattern); !e.isEmpty())
            return tr("The pattern is %1").arg(e);
    }
    if (kind == Kind::Limits && spec.maxLines <= 0)
        return tr("The limit must be a positive number of lines.");
    return {};
}

int RuleTableModel::addRule(const NewRuleSpec &spec)
{
    RuleSet after = m_document->rules();
    if (QString e = checkNewRule(m_kind, spec, after); !e.isEmpty()) {
        m_lastError = e;
        Q_EMIT editRejected(e);
        return -1;
    }
    m_lastError.clear();
    const QString id = idFor(m_kind, spec.name, after);
    const QString message = spec.message.trimmed();
    int row = 0;
    switch (m_kind) {
    case Kind::Layers: {
        Layer l;
        l.name = spec.name.trimmed();
        l.id = id;
        l.paths = spec.paths.isEmpty() ? QStringList {l.name + QStringLiteral("/**")} : spec.paths;
        l.message = message;
        after.layers.append(l);
        row = int(after.layers.size()) - 1;
        break;
    }
    case Kind::Limits: {
        LimitRule l;
        l.id = id;
        l.paths = spec.paths.isEmpty() ? QStringList {QStringLiteral("**")} : spec.paths;
        l.maxLines = spec.maxLines;
        l.message = message;
        after.limits.append(l);
        row = int(after.limits.size()) - 1;
        break;
    }
    case Kind::Forbidden: {
        ForbiddenRule f;
        f.id = id;
        f.paths = spec.paths.isEmpty() ? QStringList {QStringLiteral("**")} : spec.paths;
        f.pattern = spec.pattern;
        f.message = message;
        after.forbidden.append(f);
        row = int(after.forbidden.size()) - 1;
        break;
    }
    case Kind::Secrets: {
        SecretPattern p;
        p.id = id;
        p.pattern = spec.pattern;
        p.message = message;
        after.secrets.patterns.append(p);
        row = int(after.secrets.patterns.size()) - 1;
        break;
    }
    }
    if (!m_document->apply(after, tr("Add %1").arg(m_kind == Kind::Layers ? spec.name.trimmed() : id)))
        return -1;
    return row;
}

bool RuleTableModel::removeRule(int row)
{
    if (row < 0 || row >= rowCount())
        return false;
    RuleSet after = m_document->rules();
    QString name;
    switch (m_kind) {
    case Kind::Layers:
        name = after.layers[row].name;
        after.layers.removeAt(row);
        for (Layer &other : after.layers)
            other.allow.removeAll(name); // nothing may name a layer that is gone
        break;
    case Kind::Limits:
        name = after.limits[row].id;
        after.limits.removeAt(row);
        break;
    case Kind::Forbidden:
        name = after.forbidden[row].id;
        after.forbidden.removeAt(row);
        break;
    case Kind::Secrets:
        name = after.secrets.patterns[row].id;
        after.secrets.patterns.removeAt(row);
        break;
    }
    return m_document->apply(after, tr("Remove %1").arg(name));
}

int RuleTableModel::rowOfId(const QString &id) const
{
    const RuleSet &r = m_document->rules();
    switch (m_kind) {
    case Kind::Layers:
        for (int i = 0; i < r.layers.size(); ++i)
            if (r.layers[i].id == id || r.layers[i].name == id)
                return i;
        break;
    case Kind::Limits:
        for (int i = 0; i < r.limits.size(); ++i)
            if (r.limits[i].id == id)
                return i;
        break;
    case Kind::Forbidden:
        for (int i = 0; i < r.forbidden.size(); ++i)
            if (r.forbidden[i].id == id)
                return i;
        break;
    case Kind::Secrets:
        for (int i = 0; i < r.secrets.patterns.size(); ++i)
            if (r.secrets.patterns[i].id == id)
                return i;
        break;
    }
    return -1;
}

} // namespace harness::ui
