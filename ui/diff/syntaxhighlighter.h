// SyntaxHighlighter: colours for one line of a file, chosen by its name. Uses KSyntaxHighlighting when
// the build found it (HARNESS_HAVE_KSYNTAXHIGHLIGHTING), otherwise a small built-in lexer for common
// languages.
#pragma once

#include <QColor>
#include <QList>
#include <QString>

#include <memory>

namespace harness::ui {

struct SyntaxSpan
{
    int start = 0;
    int length = 0;
    QColor color;
    bool bold = false;
    bool italic = false;
};

class SyntaxHighlighter
{
public:
    explicit SyntaxHighlighter(bool darkBackground = false);
    ~SyntaxHighlighter();
    SyntaxHighlighter(const SyntaxHighlighter &) = delete;
    SyntaxHighlighter &operator=(const SyntaxHighlighter &) = delete;

    // Each line is highlighted on its own (diff lines are fragments of a file), so state never leaks.
    QList<SyntaxSpan> highlight(const QString &fileName, const QString &line);
    static QString backendName();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace harness::ui
