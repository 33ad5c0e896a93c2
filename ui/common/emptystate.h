// EmptyState: the honest placeholder a view shows when it has nothing to show yet, saying why and
// what to do — never sample data.
#pragma once

#include <QWidget>

class QLabel;

namespace harness::ui {

class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(const QString &title, const QString &text = {}, QWidget *parent = nullptr);
    void setText(const QString &title, const QString &text);
    QString title() const;
    QString text() const;

private:
    QLabel *m_title;
    QLabel *m_text;
};

} // namespace harness::ui
