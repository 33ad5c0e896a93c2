// HelpBrowser: the project's documentation inside the workbench — docs/*.md compiled into the program's
// resources (so an installed workbench has them) and shown as Markdown in a QTextBrowser, with the list of
// documents beside it. Links between documents stay inside; web links open in the browser.
#pragma once

#include <QDialog>

class QListWidget;
class QTextBrowser;

namespace harness::ui {

class HelpBrowser : public QDialog
{
    Q_OBJECT
public:
    explicit HelpBrowser(QWidget *parent = nullptr);

    // The documents compiled in, by file name ("user-guide.md", …), the guide first.
    static QStringList documents();
    // Shows a document by file name; false when it is not in this build.
    bool showDocument(const QString &name);
    QString currentDocument() const { return m_current; }
    QTextBrowser *browser() const { return m_browser; }

private:
    void openLink(const QUrl &url);

    QListWidget *m_list;
    QTextBrowser *m_browser;
    QString m_current;
};

} // namespace harness::ui
