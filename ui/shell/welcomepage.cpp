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
      m_recentTitle(new QLabel(tr("Recent repositories"), this)), m_error(new QLabel(this)),
      m_progress(new QLabel(this))
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
    // The first steps, each with what it does.
    auto step = [this](const QString &button, const QString &name, const QString &text) {
        auto *row = new QHBoxLayout;
        auto *b = new QPushButton(button, this);
        b->setObjectName(name);
        b->setMinimumWidth(230);
        auto *label = new QLabel(text, this);
        label->setWordWrap(true);
        label->setForegroundRole(QPalette::PlaceholderText);
        row->addWidget(b, 0, Qt::AlignTop);
        row->addWidget(label, 1);
        return std::pair {b, row};
    };
    auto [demo, demoRow] = step(tr("Try the Demo Project"), QStringLiteral("firstRunDemoButton"),
                                tr("A small Python project with a recorded agent session: see a whole run — "
                                   "plan, approval, build, gates, fix, review — without a model or tokens."));
    auto [open, openRow] = step(tr("Open Repository…"), QStringLiteral("openRepositoryButton"),
                                tr("Any folder inside a git work tree; a folder without git is offered git "
                                   "init."));
    auto [provider, providerRow] = step(
            tr("Set Up a Model Provider…"), QStringLiteral("firstRunProviderButton"),
            tr("OpenAI-compatible servers (OpenAI, Ollama, vLLM, llama.cpp) or Anthropic; the API key goes "
               "into the OS keychain, never into a file."));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    m_progress->setObjectName(QStringLiteral("openProgressText"));
    m_progress->setWordWrap(true);
    m_progress->hide();
    m_recent->setObjectName(QStringLiteral("recentRepositories"));

    column->addStretch(1);
    column->addWidget(title);
    column->addWidget(text);
    column->addSpacing(12);
    column->addLayout(demoRow);
    column->addLayout(openRow);
    column->addLayout(providerRow);
    column->addWidget(m_progress);
    column->addWidget(m_error);
    column->addSpacing(12);
    column->addWidget(m_recentTitle);
    column->addWidget(m_recent, 3);
    column->addStretch(1);

    connect(open, &QPushButton::clicked, this, &WelcomePage::browseRequested);
    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(provider, &QPushButton::clicked, this, &WelcomePage::providerSetupRequested);
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

void WelcomePage::showProgress(const QString &message)
{
    m_progress->setText(message);
    m_progress->setVisible(!message.isEmpty());
    if (!message.isEmpty())
        m_error->hide();
}

void WelcomePage::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

} // namespace harness::ui
