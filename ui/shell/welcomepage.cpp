// WelcomePage: the empty state of the whole window.
#include "welcomepage.h"
#include "recentrepositories.h"

#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace harness::ui {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent), m_recent(new QListWidget(this)),
      m_recentTitle(new QLabel(tr("Recent repositories"), this)), m_error(new QLabel(this))
{
    setObjectName(QStringLiteral("welcomePage"));
    auto *outer = new QHBoxLayout(this);
    auto *column = new QVBoxLayout;
    outer->addStretch(1);
    outer->addLayout(column, 2);
    outer->addStretch(1);

    auto *title = new QLabel(tr("No repository is open"), this);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    title->setFont(f);
    auto *text = new QLabel(tr("Open a git repository to see its tasks, runs, plans and audit trail. "
                               "The workbench keeps its state for each repository in its own store."),
                            this);
    text->setWordWrap(true);
    auto *open = new QPushButton(tr("Open Repository…"), this);
    open->setObjectName(QStringLiteral("openRepositoryButton"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    m_recent->setObjectName(QStringLiteral("recentRepositories"));

    column->addStretch(1);
    column->addWidget(title);
    column->addWidget(text);
    column->addSpacing(12);
    column->addWidget(open, 0, Qt::AlignLeft);
    column->addWidget(m_error);
    column->addSpacing(12);
    column->addWidget(m_recentTitle);
    column->addWidget(m_recent, 3);
    column->addStretch(1);

    connect(open, &QPushButton::clicked, this, &WelcomePage::browseRequested);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT openRequested(item->data(Qt::UserRole).toString()); });
    reload();
}

void WelcomePage::reload()
{
    m_recent->clear();
    for (const QString &path : RecentRepositories::list()) {
        auto *item = new QListWidgetItem(QDir(path).dirName() + QStringLiteral("  —  ") +
                                         QDir::toNativeSeparators(path));
        item->setData(Qt::UserRole, path);
        m_recent->addItem(item);
    }
    const bool any = m_recent->count() > 0;
    m_recent->setVisible(any);
    m_recentTitle->setVisible(any);
}

void WelcomePage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace harness::ui
