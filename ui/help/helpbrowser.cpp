// HelpBrowser: reads ":/docs/<name>.md" and gives it to QTextBrowser as a MarkdownResource.
#include "helpbrowser.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QHBoxLayout>
#include <QListWidget>
#include <QSplitter>
#include <QTextBrowser>
#include <QUrl>

namespace harness::ui {

namespace {
const QString kPrefix = QStringLiteral(":/docs/");

// The first "# " heading of a document, for the list.
QString titleOf(const QString &name)
{
    QFile file(kPrefix + name);
    if (file.open(QIODevice::ReadOnly)) {
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (line.startsWith(QLatin1String("# ")))
                return line.mid(2);
        }
    }
    return name;
}
} // namespace

QStringList HelpBrowser::documents()
{
    QStringList names = QDir(kPrefix).entryList({QStringLiteral("*.md")}, QDir::Files, QDir::Name);
    if (names.removeAll(QStringLiteral("user-guide.md")) > 0)
        names.prepend(QStringLiteral("user-guide.md"));
    return names;
}

HelpBrowser::HelpBrowser(QWidget *parent)
    : QDialog(parent), m_list(new QListWidget(this)), m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("helpBrowser"));
    setWindowTitle(tr("Harness Workbench Help"));
    m_list->setObjectName(QStringLiteral("helpDocuments"));
    m_browser->setObjectName(QStringLiteral("helpText"));
    m_browser->setOpenLinks(false);
    for (const QString &name : documents()) {
        auto *item = new QListWidgetItem(titleOf(name), m_list);
        item->setData(Qt::UserRole, name);
    }
    auto *split = new QSplitter(this);
    split->addWidget(m_list);
    split->addWidget(m_browser);
    split->setStretchFactor(1, 1);
    split->setSizes({220, 700});
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);
    resize(1000, 700);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (item)
            showDocument(item->data(Qt::UserRole).toString());
    });
    connect(m_browser, &QTextBrowser::anchorClicked, this, &HelpBrowser::openLink);
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        m_browser->setPlainText(tr("This build has no documentation compiled in."));
}

bool HelpBrowser::showDocument(const QString &name)
{
    QFile file(kPrefix + name);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    m_current = name;
    m_browser->document()->setBaseUrl(QUrl(QStringLiteral("qrc:/docs/")));
    m_browser->setMarkdown(QString::fromUtf8(file.readAll()));
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->data(Qt::UserRole).toString() == name) {
            const QSignalBlocker block(m_list);
            m_list->setCurrentRow(i);
        }
    }
    return true;
}

void HelpBrowser::openLink(const QUrl &url)
{
    if (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https") ||
        url.scheme() == QLatin1String("mailto")) {
        QDesktopServices::openUrl(url);
        return;
    }
    const QString name = QFileInfo(url.path()).fileName();
    if (!name.isEmpty() && showDocument(name)) {
        if (!url.fragment().isEmpty())
            m_browser->scrollToAnchor(url.fragment());
        return;
    }
    if (!url.fragment().isEmpty() && url.path().isEmpty()) {
        m_browser->scrollToAnchor(url.fragment());
        return;
    }
    m_browser->append(QStringLiteral("<p><i>%1</i></p>")
                              .arg(tr("%1 is not part of this build's documentation.").arg(url.toString())));
}

} // namespace harness::ui
