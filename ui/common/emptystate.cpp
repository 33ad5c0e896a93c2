// EmptyState: a centred title and explanation.
#include "emptystate.h"

#include <QLabel>
#include <QVBoxLayout>

namespace harness::ui {

EmptyState::EmptyState(const QString &title, const QString &text, QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_text(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.25);
    f.setBold(true);
    m_title->setFont(f);
    m_title->setAlignment(Qt::AlignCenter);
    m_title->setWordWrap(true);
    m_text->setAlignment(Qt::AlignCenter);
    m_text->setWordWrap(true);
    m_text->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addStretch(2);
    setText(title, text);
}

void EmptyState::setText(const QString &title, const QString &text)
{
    m_title->setText(title);
    m_text->setText(text);
    m_text->setVisible(!text.isEmpty());
}

QString EmptyState::title() const
{
    return m_title->text();
}

QString EmptyState::text() const
{
    return m_text->text();
}

} // namespace harness::ui
