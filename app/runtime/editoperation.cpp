// Strict JSON parsing of line-anchored edit operations.
#include "editoperation.h"

#include <QJsonDocument>

namespace harness {

namespace {
constexpr int kMaxEditsPerBatch = 2000;

struct KindName
{
    EditOperation::Kind kind;
    const char *name;
};
constexpr KindName kKinds[] = {
        {EditOperation::Kind::Replace, "replace"},
        {EditOperation::Kind::Delete, "delete"},
        {EditOperation::Kind::InsertBefore, "insert_before"},
        {EditOperation::Kind::InsertAfter, "insert_after"},
        {EditOperation::Kind::Prepend, "prepend"},
        {EditOperation::Kind::Append, "append"},
};
} // namespace

QString EditOperation::kindName(Kind kind)
{
    for (const auto &k : kKinds)
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    return {};
}

Result<EditOperation> EditOperation::fromJson(const QJsonObject &json, const QString &path)
{
    const auto field = [&](const char *key) {
        return path.isEmpty() ? QString::fromLatin1(key) : path + QLatin1Char('.') + QLatin1String(key);
    };
    const auto fail = [&](const char *key, const QString &message) {
        return Result<EditOperation>::failure(message, field(key));
    };
    EditOperation op;
    const QJsonValue opValue = json.value(QStringLiteral("op"));
    if (!opValue.isString())
        return fail("op",
                    QStringLiteral(
                            "missing; use replace, delete, insert_before, insert_after, prepend or append"));
    bool known = false;
    for (const auto &k : kKinds) {
        if (opValue.toString() == QLatin1String(k.name)) {
            op.kind = k.kind;
            known = true;
        }
    }
    if (!known)
        return fail("op",
                    QStringLiteral("unknown operation \"%1\"; use replace, delete, insert_before, "
                                   "insert_after, prepend or append")
                            .arg(opValue.toString().left(40)));

    const auto anchorAt = [&](const char *key, bool required, LineAnchor *out) -> std::optional<Error> {
        const QJsonValue v = json.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return Error {QStringLiteral("missing anchor (LINE:HASH as shown by read_file)"), field(key)};
            return std::nullopt;
        }
        if (!v.isString())
            return Error {QStringLiteral("must be a string LINE:HASH"), field(key)};
        auto parsed = LineAnchor::parse(v.toString());
        if (!parsed)
            return Error {parsed.error().message, field(key)};
        *out = *parsed;
        return std::nullopt;
    };

    switch (op.kind) {
    case Kind::Replace:
    case Kind::Delete: {
        const char *startKey =
                json.contains(QStringLiteral("anchor")) && !json.contains(QStringLiteral("start")) ? "anchor"
                                                                                                   : "start";
        if (auto e = anchorAt(startKey, true, &op.start))
            return *e;
        op.end = op.start;
        if (auto e = anchorAt("end", false, &op.end))
            return *e;
        if (op.end.line < op.start.line)
            return fail("end",
                        QStringLiteral("range ends (line %1) before it starts (line %2)")
                                .arg(op.end.line)
                                .arg(op.start.line));
        break;
    }
    case Kind::InsertBefore:
    case Kind::InsertAfter:
        if (auto e = anchorAt("anchor", true, &op.start))
            return *e;
        op.end = op.start;
        break;
    case Kind::Prepend:
    case Kind::Append:
        break;
    }

    const QJsonValue linesValue = json.value(QStringLiteral("lines"));
    if (op.kind == Kind::Delete) {
        if (!linesValue.isUndefined() && !(linesValue.isArray() && linesValue.toArray().isEmpty()))
            return fail("lines", QStringLiteral("delete takes no lines; use replace to substitute text"));
        return op;
    }
    if (linesValue.isString()) {
        QString text = linesValue.toString();
        if (text.endsWith(QLatin1Char('\n')))
            text.chop(1);
        op.lines = text.split(QLatin1Char('\n'));
    } else if (linesValue.isArray()) {
        const QJsonArray array = linesValue.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isString())
                return Result<EditOperation>::failure(QStringLiteral("must be a string"),
                                                      field("lines") + QStringLiteral("[%1]").arg(i));
            const QString line = array.at(i).toString();
            if (line.contains(QLatin1Char('\n')))
                op.lines += line.split(QLatin1Char('\n'));
            else
                op.lines += line;
        }
    } else {
        return fail("lines", QStringLiteral("missing; give the new lines as an array of strings"));
    }
    if (op.kind != Kind::Replace && op.lines.isEmpty())
        return fail("lines", QStringLiteral("an insertion needs at least one line"));
    for (QString &line : op.lines)
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    return op;
}

QJsonObject EditOperation::toJson() const
{
    QJsonObject o {{QStringLiteral("op"), kindName(kind)}};
    switch (kind) {
    case Kind::Replace:
    case Kind::Delete:
        o.insert(QStringLiteral("start"), start.toString());
        o.insert(QStringLiteral("end"), end.toString());
        break;
    case Kind::InsertBefore:
    case Kind::InsertAfter:
        o.insert(QStringLiteral("anchor"), start.toString());
        break;
    case Kind::Prepend:
    case Kind::Append:
        break;
    }
    if (kind != Kind::Delete)
        o.insert(QStringLiteral("lines"), QJsonArray::fromStringList(lines));
    return o;
}

Result<QList<EditOperation>> EditOperation::parseBatch(const QJsonArray &edits)
{
    using R = Result<QList<EditOperation>>;
    if (edits.isEmpty())
        return R::failure(QStringLiteral("no edits given"), QStringLiteral("edits"));
    if (edits.size() > kMaxEditsPerBatch)
        return R::failure(QStringLiteral("too many edits in one batch (%1, at most %2); split the change")
                                  .arg(edits.size())
                                  .arg(kMaxEditsPerBatch),
                          QStringLiteral("edits"));
    QList<EditOperation> ops;
    ops.reserve(edits.size());
    for (qsizetype i = 0; i < edits.size(); ++i) {
        const QString path = QStringLiteral("edits[%1]").arg(i);
        if (!edits.at(i).isObject())
            return R::failure(QStringLiteral("must be an object"), path);
        auto op = fromJson(edits.at(i).toObject(), path);
        if (!op)
            return op.error();
        ops.append(std::move(*op));
    }
    return ops;
}

Result<QList<EditOperation>> EditOperation::parseBatch(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return Result<QList<EditOperation>>::failure(
                QStringLiteral("not valid JSON at offset %1: %2").arg(error.offset).arg(error.errorString()));
    if (doc.isArray())
        return parseBatch(doc.array());
    const QJsonValue edits = doc.object().value(QStringLiteral("edits"));
    if (!edits.isArray())
        return Result<QList<EditOperation>>::failure(QStringLiteral("missing array of edits"),
                                                     QStringLiteral("edits"));
    return parseBatch(edits.toArray());
}

} // namespace harness
