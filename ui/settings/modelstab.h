// ModelsTab: the model per phase — each a free-text field with the models the provider lists to pick
// from (fetched on request, never required: a model the list lacks can still be typed).
#pragma once

#include <QMap>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace harness::ui {

class ModelsTab : public QWidget
{
    Q_OBJECT
public:
    explicit ModelsTab(QWidget *parent = nullptr);

    void setModels(const QMap<QString, QString> &models); // phase -> model
    QMap<QString, QString> models() const; // the phases with a model
    // The model Test connection checks: the default one, else the first phase's that is set.
    QString modelToCheck() const;

    // The provider's list: offered in every field (what is typed stays).
    void setCatalog(const QStringList &models);
    void setFetching(bool fetching);
    void setFetchMessage(const QString &text, bool error);
    void setFetchAvailable(bool available, const QString &why);

    QComboBox *modelBox(const QString &phase) const { return m_boxes.value(phase); }
    QLineEdit *modelEdit(const QString &phase) const;
    QPushButton *fetchButton() const { return m_fetch; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *fetchStatus() const { return m_status; }

Q_SIGNALS:
    void fetchRequested();
    void cancelRequested();

private:
    QMap<QString, QComboBox *> m_boxes;
    QPushButton *m_fetch;
    QPushButton *m_cancel;
    QLabel *m_status;
};

} // namespace harness::ui
