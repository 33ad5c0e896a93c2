// LineComment: JSON form and the feedback text the agent receives.
#include "linecomment.h"

#include <QCoreApplication>

namespace harness::ui {

QJsonObject LineComment::toJson() const
{
    return {{QStringLiteral("file"), file},
            {QStringLiteral("side"), side == Side::Old ? QStringLiteral("old") : QStringLiteral("new")},
            {QStringLiteral("line"), line},
            {QStringLiteral("text"), text},
            {QStringLiteral("line_text"), lineText}};
}

Result<LineComment> LineComment::fromJson(const QJsonObject &json)
{
    LineComment c;
    c.file = json.value(QStringLiteral("file")).toString();
    if (c.file.isEmpty())
        return Result<LineComment>::failure(QStringLiteral("must be a non-empty path"),
                                            QStringLiteral("file"));
    const QString side = json.value(QStringLiteral("side")).toString(QStringLiteral("new"));
    if (side != QLatin1String("old") && side != QLatin1String("new"))
        return Result<LineComment>::failure(QStringLiteral("must be \"old\" or \"new\""),
                                            QStringLiteral("side"));
    c.side = side == QLatin1String("old") ? Side::Old : Side::New;
    c.line = json.value(QStringLiteral("line")).toInt(0);
    if (c.line <= 0)
        return Result<LineComment>::failure(QStringLiteral("must be a line number ≥ 1"),
                                            QStringLiteral("line"));
    c.text = json.value(QStringLiteral("text")).toString();
    if (c.text.trimmed().isEmpty())
        return Result<LineComment>::failure(QStringLiteral("must not be empty"), QStringLiteral("text"));
    c.lineText = json.value(QStringLiteral("line_text")).toString();
    return c;
}

QString LineComment::feedbackText(const QList<LineComment> &comments)
{
    QString out =
            QCoreApplication::translate("LineComment", "Review comments on your change:") + QLatin1Char('\n');
    for (const LineComment &c : comments) {
        out += QStringLiteral("\n- %1:%2%3\n")
                       .arg(c.file)
                       .arg(c.line)
                       .arg(c.side == Side::Old
                                    ? QCoreApplication::translate("LineComment", " (removed line)")
                                    : QString());
        if (!c.lineText.isEmpty())
            out += QStringLiteral("  `%1`\n").arg(c.lineText.trimmed());
        for (const QString &l : c.text.split(QLatin1Char('\n')))
            out += QStringLiteral("  %1\n").arg(l);
    }
    return out;
}

} // namespace harness::ui
