// RuleSet: parsing with unknown-key detection, semantic validation and the stable text writer.
#include "ruleset.h"

#include "core/pathglob.h"
#include "jsontextlocator.h"

#include "core/jsonreader.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

namespace harness {

QString RuleFileError::text() const
{
    QString where = file;
    if (line > 0)
        where += QStringLiteral(":%1:%2").arg(line).arg(column);
    return path.isEmpty() ? QStringLiteral("%1: %2").arg(where, message)
                          : QStringLiteral("%1: %2: %3").arg(where, path, message);
}

namespace {

const QString kVersion = QStringLiteral("version");

// Reports keys the schema does not know, which are almost always typos ("max_line" for "max_lines").
void rejectUnknownKeys(JsonReader &r, const QJsonObject &o, const QStringList &known)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key())) {
            r.fail(it.key(),
                   QStringLiteral("unknown key \"%1\"; expected one of: %2")
                           .arg(it.key(), known.join(QStringLiteral(", "))));
            return;
        }
    }
}

Severity readSeverity(JsonReader &r)
{
    const QString s = r.optionalString(QStringLiteral("severity"), QStringLiteral("error"));
    auto sev = severityFromName(s);
    if (!sev) {
        r.fail(QStringLiteral("severity"), sev.error().message);
        return Severity::Error;
    }
    return *sev;
}

QJsonObject objectAt(JsonReader &r, const QJsonArray &a, qsizetype i)
{
    if (!a.at(i).isObject()) {
        r.fail(QStringLiteral("[%1]").arg(i), QStringLiteral("must be an object"));
        return {};
    }
    return a.at(i).toObject();
}

RuleOrigin readOrigin(JsonReader &parent, const QJsonObject &o)
{
    const QJsonValue v = o.value(QStringLiteral("origin"));
    if (v.isUndefined() || v.isNull())
        return {};
    if (!v.isObject()) {
        parent.fail(QStringLiteral("origin"), QStringLiteral("must be an object"));
        return {};
    }
    const QJsonObject json = v.toObject();
    JsonReader r(json, parent.fieldPath(QStringLiteral("origin")));
    rejectUnknownKeys(r, json,
                      {QStringLiteral("incident"), QStringLiteral("run"), QStringLiteral("finding"),
                       QStringLiteral("created")});
    RuleOrigin origin = RuleOrigin::read(r, json);
    if (!r.ok())
        parent.adopt(r.error());
    return origin;
}

Layer readLayer(JsonReader &r, const QJsonObject &o)
{
    rejectUnknownKeys(r, o,
                      {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("paths"),
                       QStringLiteral("allow"), QStringLiteral("severity"), QStringLiteral("message"),
                       QStringLiteral("origin")});
    Layer l;
    l.name = r.string(QStringLiteral("name"));
    l.id = r.optionalString(QStringLiteral("id"));
    if (l.id.isEmpty() && !l.name.isEmpty())
        l.id = QStringLiteral("layer-") + l.name;
    l.paths = r.stringList(QStringLiteral("paths"), true);
    l.allow = r.stringList(QStringLiteral("allow"));
    l.severity = readSeverity(r);
    l.message = r.optionalString(QStringLiteral("message"));
    l.origin = readOrigin(r, o);
    return l;
}

LimitRule readLimit(JsonReader &r, const QJsonObject &o)
{
    rejectUnknownKeys(r, o,
                      {QStringLiteral("id"), QStringLiteral("paths"), QStringLiteral("exclude_paths"),
                       QStringLiteral("max_lines"), QStringLiteral("severity"), QStringLiteral("message"),
                       QStringLiteral("origin")});
    LimitRule l;
    l.id = r.string(QStringLiteral("id"));
    l.paths = r.stringList(QStringLiteral("paths"), true);
    l.excludePaths = r.stringList(QStringLiteral("exclude_paths"));
    l.maxLines = int(r.integer(QStringLiteral("max_lines")));
    l.severity = readSeverity(r);
    l.message = r.string(QStringLiteral("message"));
    l.origin = readOrigin(r, o);
    if (r.ok() && l.maxLines <= 0)
        r.fail(QStringLiteral("max_lines"), QStringLiteral("must be a positive number of lines"));
    return l;
}

ForbiddenRule readForbidden(JsonReader &r, const QJsonObject &o)
{
    rejectUnknownKeys(r, o,
                      {QStringLiteral("id"), QStringLiteral("paths"), QStringLiteral("exclude_paths"),
                       QStringLiteral("pattern"), QStringLiteral("imports"), QStringLiteral("severity"),
                       QStringLiteral("message"), QStringLiteral("origin")});
    ForbiddenRule f;
    f.id = r.string(QStringLiteral("id"));
    f.paths = r.stringList(QStringLiteral("paths"), true);
    f.excludePaths = r.stringList(QStringLiteral("exclude_paths"));
    f.pattern = r.optionalString(QStringLiteral("pattern"));
    f.imports = r.stringList(QStringLiteral("imports"));
    f.severity = readSeverity(r);
    f.message = r.string(QStringLiteral("message"));
    f.origin = readOrigin(r, o);
    if (r.ok() && f.pattern.isEmpty() && f.imports.isEmpty())
        r.fail(QStringLiteral("pattern"),
               QStringLiteral("a forbidden rule needs a \"pattern\" or \"imports\""));
    return f;
}

SecretPattern readSecretPattern(JsonReader &r, const QJsonObject &o)
{
    rejectUnknownKeys(r, o,
                      {QStringLiteral("id"), QStringLiteral("pattern"), QStringLiteral("secret_group"),
                       QStringLiteral("min_entropy"), QStringLiteral("keywords"), QStringLiteral("severity"),
                       QStringLiteral("message"), QStringLiteral("origin")});
    SecretPattern s;
    s.id = r.string(QStringLiteral("id"));
    s.pattern = r.string(QStringLiteral("pattern"));
    s.secretGroup = int(r.integer(QStringLiteral("secret_group"), false, 0));
    s.minEntropy = r.number(QStringLiteral("min_entropy"), false, 0.0);
    s.keywords = r.stringList(QStringLiteral("keywords"));
    s.severity = readSeverity(r);
    s.message = r.string(QStringLiteral("message"));
    s.origin = readOrigin(r, o);
    return s;
}

template<typename T, typename Read>
QList<T> readList(JsonReader &top, const QJsonObject &root, const QString &key, Read read)
{
    QList<T> out;
    const QJsonArray a = top.array(key);
    for (qsizetype i = 0; i < a.size() && top.ok(); ++i) {
        const QJsonObject none;
        JsonReader r(none, top.fieldPath(key));
        const QJsonObject o = objectAt(r, a, i);
        if (!r.ok()) {
            top.adopt(r.error());
            break;
        }
        JsonReader item(o, QStringLiteral("%1[%2]").arg(top.fieldPath(key)).arg(i));
        T value = read(item, o);
        if (!item.ok())
            top.adopt(item.error());
        out.append(value);
    }
    Q_UNUSED(root);
    return out;
}

Status checkGlobs(const QStringList &globs, const QString &path)
{
    for (qsizetype i = 0; i < globs.size(); ++i) {
        PathGlob g(globs.at(i));
        if (!g.isValid())
            return Status::failure(g.errorString(), QStringLiteral("%1[%2]").arg(path).arg(i));
    }
    return success();
}

Status checkRegex(const QString &pattern, const QString &path)
{
    QRegularExpression rx(pattern);
    if (!rx.isValid())
        return Status::failure(QStringLiteral("invalid regular expression at character %1: %2")
                                       .arg(rx.patternErrorOffset())
                                       .arg(rx.errorString()),
                               path);
    return success();
}

// ---- stable writer ---------------------------------------------------------------------------

QByteArray inlineJson(const QJsonValue &v)
{
    if (v.isArray()) {
        QByteArray out = "[";
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (i)
                out += ", ";
            out += inlineJson(a.at(i));
        }
        return out + "]";
    }
    if (v.isObject()) {
        QByteArray out = "{";
        const QJsonObject o = v.toObject();
        bool first = true;
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!first)
                out += ", ";
            first = false;
            out += inlineJson(it.key()) + ": " + inlineJson(it.value());
        }
        return out + "}";
    }
    if (v.isDouble()) {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            return QByteArray::number(qint64(d));
        return QByteArray::number(d, 'g', 12);
    }
    // strings, booleans and null: let QJsonDocument escape them
    QByteArray text = QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact);
    return text.mid(1, text.size() - 2);
}

using Fields = QList<std::pair<QString, QJsonValue>>;

void writeBlock(QByteArray &out, const Fields &fields, int indent)
{
    const QByteArray pad(indent, ' ');
    out += pad + "{\n";
    for (qsizetype i = 0; i < fields.size(); ++i) {
        out += pad + "  " + inlineJson(fields.at(i).first) + ": " + inlineJson(fields.at(i).second);
        out += i + 1 < fields.size() ? ",\n" : "\n";
    }
    out += pad + "}";
}

void writeBlockList(QByteArray &out, const QString &key, const QList<Fields> &blocks, int indent, bool last)
{
    const QByteArray pad(indent, ' ');
    out += pad + inlineJson(key) + ": [";
    if (blocks.isEmpty()) {
        out += "]";
    } else {
        out += "\n";
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            writeBlock(out, blocks.at(i), indent + 2);
            out += i + 1 < blocks.size() ? ",\n" : "\n";
        }
        out += pad + "]";
    }
    out += last ? "\n" : ",\n";
}

void addCommon(Fields &f, Severity severity, const QString &message, const RuleOrigin &origin)
{
    f.append({QStringLiteral("severity"), severityName(severity)});
    if (!message.isEmpty())
        f.append({QStringLiteral("message"), message});
    if (!origin.isEmpty())
        f.append({QStringLiteral("origin"), origin.toJson()});
}

void addList(Fields &f, const QString &key, const QStringList &list, bool always = false)
{
    if (always || !list.isEmpty())
        f.append({key, QJsonArray::fromStringList(list)});
}

} // namespace

Result<RuleSet> RuleSet::fromJsonText(const QByteArray &text, const QString &fileName, RuleFileError *detail)
{
    JsonTextLocator locator(text);
    auto fail = [&](const QString &path, const QString &message, qsizetype offset = -1) {
        RuleFileError e;
        e.file = fileName;
        e.path = path;
        e.message = message;
        const TextPosition pos =
                offset >= 0 ? locator.positionOfOffset(offset) : locator.positionOfPath(path);
        e.line = pos.line;
        e.column = pos.column;
        if (detail)
            *detail = e;
        QString where = fileName;
        if (e.line > 0)
            where += QStringLiteral(":%1:%2").arg(e.line).arg(e.column);
        return Result<RuleSet>(Error {message, path.isEmpty() ? where : where + QStringLiteral(": ") + path});
    };

    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(QString(),
                    QStringLiteral("not valid JSON (%1); fix the syntax at this position")
                            .arg(parseError.errorString()),
                    parseError.offset);
    if (!doc.isObject())
        return fail(QString(),
                    QStringLiteral("the top level must be an object with \"layers\", \"limits\", "
                                   "\"forbidden\" and \"secrets\""),
                    0);

    const QJsonObject root = doc.object();
    JsonReader top(root);
    rejectUnknownKeys(top, root,
                      {kVersion, QStringLiteral("exclude"), QStringLiteral("layers"),
                       QStringLiteral("limits"), QStringLiteral("forbidden"), QStringLiteral("secrets")});
    RuleSet set;
    set.version = int(top.integer(kVersion, false, 1));
    if (top.ok() && set.version != 1)
        top.fail(kVersion, QStringLiteral("only version 1 is supported"));
    set.exclude = top.stringList(QStringLiteral("exclude"));
    if (top.ok())
        set.layers = readList<Layer>(top, root, QStringLiteral("layers"), readLayer);
    if (top.ok())
        set.limits = readList<LimitRule>(top, root, QStringLiteral("limits"), readLimit);
    if (top.ok())
        set.forbidden = readList<ForbiddenRule>(top, root, QStringLiteral("forbidden"), readForbidden);
    if (top.ok() && root.contains(QStringLiteral("secrets"))) {
        const QJsonObject so = top.object(QStringLiteral("secrets"));
        if (top.ok()) {
            JsonReader r(so, QStringLiteral("secrets"));
            rejectUnknownKeys(r, so,
                              {QStringLiteral("builtin"), QStringLiteral("entropy"),
                               QStringLiteral("allow_paths"), QStringLiteral("allow_patterns"),
                               QStringLiteral("patterns")});
            if (so.contains(QStringLiteral("builtin")) && !so.value(QStringLiteral("builtin")).isBool())
                r.fail(QStringLiteral("builtin"), QStringLiteral("must be true or false"));
            set.secrets.builtin = r.boolean(QStringLiteral("builtin"), true);
            set.secrets.entropy = r.number(QStringLiteral("entropy"), false, 4.0);
            if (r.ok() && (set.secrets.entropy < 0 || set.secrets.entropy > 8))
                r.fail(QStringLiteral("entropy"),
                       QStringLiteral("must be between 0 (off) and 8 bits per character"));
            set.secrets.allowPaths = r.stringList(QStringLiteral("allow_paths"));
            set.secrets.allowPatterns = r.stringList(QStringLiteral("allow_patterns"));
            if (r.ok())
                set.secrets.patterns =
                        readList<SecretPattern>(r, so, QStringLiteral("patterns"), readSecretPattern);
            if (!r.ok())
                top.adopt(r.error());
        }
    }
    if (!top.ok())
        return fail(top.error().field, top.error().message);
    const Status valid = set.validate();
    if (!valid)
        return fail(valid.error().field, valid.error().message);
    return set;
}

Result<RuleSet> RuleSet::load(const QString &path, RuleFileError *detail)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (detail)
            *detail = RuleFileError {path, 0, 0, QString(), f.errorString()};
        return Result<RuleSet>::failure(QStringLiteral("cannot read the rules file (%1); pass an existing "
                                                       "file with --rules or create .harness/rules.json")
                                                .arg(f.errorString()),
                                        path);
    }
    return fromJsonText(f.readAll(), path, detail);
}

Status RuleSet::validate() const
{
    QSet<QString> ids;
    auto checkId = [&](const QString &id, const QString &path) -> Status {
        if (id.isEmpty())
            return Status::failure(QStringLiteral("is required"), path);
        static const QRegularExpression shape(QStringLiteral("\\A[A-Za-z0-9][A-Za-z0-9_.:/-]*\\z"));
        if (!shape.match(id).hasMatch())
            return Status::failure(
                    QStringLiteral("\"%1\" is not a valid rule id (letters, digits, - _ . : / only)").arg(id),
                    path);
        if (ids.contains(id))
            return Status::failure(
                    QStringLiteral("rule id \"%1\" is used twice; give each rule its own id").arg(id), path);
        ids.insert(id);
        return success();
    };
    if (Status s = checkGlobs(exclude, QStringLiteral("exclude")); !s)
        return s;
    QSet<QString> names;
    for (const auto &l : layers)
        names.insert(l.name);
    QSet<QString> seenNames;
    for (qsizetype i = 0; i < layers.size(); ++i) {
        const Layer &l = layers.at(i);
        const QString p = QStringLiteral("layers[%1]").arg(i);
        if (l.name.isEmpty())
            return Status::failure(QStringLiteral("is required"), p + QStringLiteral(".name"));
        if (seenNames.contains(l.name))
            return Status::failure(QStringLiteral("layer \"%1\" is defined twice").arg(l.name),
                                   p + QStringLiteral(".name"));
        seenNames.insert(l.name);
        if (Status s = checkId(l.id, p + QStringLiteral(".id")); !s)
            return s;
        if (l.paths.isEmpty())
            return Status::failure(QStringLiteral("a layer needs at least one path glob"),
                                   p + QStringLiteral(".paths"));
        if (Status s = checkGlobs(l.paths, p + QStringLiteral(".paths")); !s)
            return s;
        for (qsizetype j = 0; j < l.allow.size(); ++j) {
            if (!names.contains(l.allow.at(j)))
                return Status::failure(
                        QStringLiteral(
                                "names no layer (\"%1\"); use one of the layer names defined in \"layers\"")
                                .arg(l.allow.at(j)),
                        QStringLiteral("%1.allow[%2]").arg(p).arg(j));
            if (l.allow.at(j) == l.name)
                return Status::failure(
                        QStringLiteral("a layer may always use itself; remove \"%1\"").arg(l.name),
                        QStringLiteral("%1.allow[%2]").arg(p).arg(j));
        }
    }
    for (qsizetype i = 0; i < limits.size(); ++i) {
        const QString p = QStringLiteral("limits[%1]").arg(i);
        if (Status s = checkId(limits.at(i).id, p + QStringLiteral(".id")); !s)
            return s;
        if (limits.at(i).paths.isEmpty())
            return Status::failure(QStringLiteral("a limit needs at least one path glob"),
                                   p + QStringLiteral(".paths"));
        if (limits.at(i).maxLines <= 0)
            return Status::failure(QStringLiteral("must be a positive number of lines"),
                                   p + QStringLiteral(".max_lines"));
        if (Status s = checkGlobs(limits.at(i).paths, p + QStringLiteral(".paths")); !s)
            return s;
        if (Status s = checkGlobs(limits.at(i).excludePaths, p + QStringLiteral(".exclude_paths")); !s)
            return s;
    }
    for (qsizetype i = 0; i < forbidden.size(); ++i) {
        const ForbiddenRule &f = forbidden.at(i);
        const QString p = QStringLiteral("forbidden[%1]").arg(i);
        if (Status s = checkId(f.id, p + QStringLiteral(".id")); !s)
            return s;
        if (f.paths.isEmpty())
            return Status::failure(QStringLiteral("a forbidden rule needs at least one path glob"),
                                   p + QStringLiteral(".paths"));
        if (f.pattern.isEmpty() && f.imports.isEmpty())
            return Status::failure(QStringLiteral("a forbidden rule needs a \"pattern\" or \"imports\""), p);
        if (Status s = checkGlobs(f.paths, p + QStringLiteral(".paths")); !s)
            return s;
        if (Status s = checkGlobs(f.excludePaths, p + QStringLiteral(".exclude_paths")); !s)
            return s;
        if (!f.pattern.isEmpty())
            if (Status s = checkRegex(f.pattern, p + QStringLiteral(".pattern")); !s)
                return s;
    }
    if (Status s = checkGlobs(secrets.allowPaths, QStringLiteral("secrets.allow_paths")); !s)
        return s;
    for (qsizetype i = 0; i < secrets.allowPatterns.size(); ++i)
        if (Status s = checkRegex(secrets.allowPatterns.at(i),
                                  QStringLiteral("secrets.allow_patterns[%1]").arg(i));
            !s)
            return s;
    for (qsizetype i = 0; i < secrets.patterns.size(); ++i) {
        const SecretPattern &sp = secrets.patterns.at(i);
        const QString p = QStringLiteral("secrets.patterns[%1]").arg(i);
        if (Status s = checkId(sp.id, p + QStringLiteral(".id")); !s)
            return s;
        if (Status s = checkRegex(sp.pattern, p + QStringLiteral(".pattern")); !s)
            return s;
        if (sp.secretGroup < 0 || sp.secretGroup > QRegularExpression(sp.pattern).captureCount())
            return Status::failure(QStringLiteral("names capture group %1 but the pattern has %2")
                                           .arg(sp.secretGroup)
                                           .arg(QRegularExpression(sp.pattern).captureCount()),
                                   p + QStringLiteral(".secret_group"));
        if (sp.minEntropy < 0 || sp.minEntropy > 8)
            return Status::failure(QStringLiteral("must be between 0 and 8 bits per character"),
                                   p + QStringLiteral(".min_entropy"));
    }
    return success();
}

QByteArray RuleSet::toJsonText() const
{
    QByteArray out = "{\n";
    out += "  \"version\": " + QByteArray::number(version) + ",\n";
    out += "  \"exclude\": " + inlineJson(QJsonArray::fromStringList(exclude)) + ",\n";

    QList<Fields> blocks;
    for (const Layer &l : layers) {
        Fields f {{QStringLiteral("id"), l.id}, {QStringLiteral("name"), l.name}};
        addList(f, QStringLiteral("paths"), l.paths, true);
        addList(f, QStringLiteral("allow"), l.allow, true);
        addCommon(f, l.severity, l.message, l.origin);
        blocks.append(f);
    }
    writeBlockList(out, QStringLiteral("layers"), blocks, 2, false);

    blocks.clear();
    for (const LimitRule &l : limits) {
        Fields f {{QStringLiteral("id"), l.id}};
        addList(f, QStringLiteral("paths"), l.paths, true);
        addList(f, QStringLiteral("exclude_paths"), l.excludePaths);
        f.append({QStringLiteral("max_lines"), l.maxLines});
        addCommon(f, l.severity, l.message, l.origin);
        blocks.append(f);
    }
    writeBlockList(out, QStringLiteral("limits"), blocks, 2, false);

    blocks.clear();
    for (const ForbiddenRule &r : forbidden) {
        Fields f {{QStringLiteral("id"), r.id}};
        addList(f, QStringLiteral("paths"), r.paths, true);
        addList(f, QStringLiteral("exclude_paths"), r.excludePaths);
        if (!r.pattern.isEmpty())
            f.append({QStringLiteral("pattern"), r.pattern});
        addList(f, QStringLiteral("imports"), r.imports);
        addCommon(f, r.severity, r.message, r.origin);
        blocks.append(f);
    }
    writeBlockList(out, QStringLiteral("forbidden"), blocks, 2, false);

    out += "  \"secrets\": {\n";
    out += QByteArray("    \"builtin\": ") + (secrets.builtin ? "true" : "false") + ",\n";
    out += "    \"entropy\": " + inlineJson(secrets.entropy) + ",\n";
    out += "    \"allow_paths\": " + inlineJson(QJsonArray::fromStringList(secrets.allowPaths)) + ",\n";
    out += "    \"allow_patterns\": " + inlineJson(QJsonArray::fromStringList(secrets.allowPatterns)) + ",\n";
    blocks.clear();
    for (const SecretPattern &s : secrets.patterns) {
        Fields f {{QStringLiteral("id"), s.id}, {QStringLiteral("pattern"), s.pattern}};
        if (s.secretGroup > 0)
            f.append({QStringLiteral("secret_group"), s.secretGroup});
        if (s.minEntropy > 0)
            f.append({QStringLiteral("min_entropy"), s.minEntropy});
        addList(f, QStringLiteral("keywords"), s.keywords);
        addCommon(f, s.severity, s.message, s.origin);
        blocks.append(f);
    }
    writeBlockList(out, QStringLiteral("patterns"), blocks, 4, true);
    out += "  }\n}\n";
    return out;
}

Status RuleSet::save(const QString &path) const
{
    if (Status s = validate(); !s)
        return Status::failure(QStringLiteral("the rules were not saved: %1").arg(s.error().message),
                               s.error().field);
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return Status::failure(QStringLiteral("cannot write the rules file: %1").arg(f.errorString()), path);
    f.write(toJsonText());
    if (!f.commit())
        return Status::failure(QStringLiteral("cannot write the rules file: %1").arg(f.errorString()), path);
    return success();
}

const Layer *RuleSet::layerByName(const QString &name) const
{
    for (const auto &l : layers)
        if (l.name == name)
            return &l;
    return nullptr;
}

int RuleSet::layerIndexOf(const QString &relativePath) const
{
    for (qsizetype i = 0; i < layers.size(); ++i)
        for (const QString &g : layers.at(i).paths)
            if (PathGlob(g).matches(relativePath))
                return int(i);
    return -1;
}

QStringList RuleSet::ruleIds() const
{
    QStringList ids;
    for (const auto &l : layers)
        ids << l.id;
    for (const auto &l : limits)
        ids << l.id;
    for (const auto &f : forbidden)
        ids << f.id;
    for (const auto &s : secrets.patterns)
        ids << s.id;
    return ids;
}

} // namespace harness
