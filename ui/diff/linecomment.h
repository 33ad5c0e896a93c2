// LineComment: a reviewer's note on one line of a diff; sent back to the agent as feedback.
#pragma once

#include "core/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace harness::ui {

struct LineComment
{
    enum class Side { Old, New };
    QString file; // path on the side the comment is on
    Side side = Side::New;
    int line = 0; // 1-based line number on that side
    QString text;
    QString lineText; // the line as it was shown, so feedback stays readable if the file moves on

    QJsonObject toJson() const;
    static Result<LineComment> fromJson(const QJsonObject &json);
    bool operator==(const LineComment &) const = default;

    // The comments as one feedback message for the agent's next iteration (Markdown).
    static QString feedbackText(const QList<LineComment> &comments);
};

} // namespace harness::ui
