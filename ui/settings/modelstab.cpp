// ModelsTab: editable combo boxes; the catalog replaces the drop-down items, never the text.
#include "modelstab.h"
#include "orchestration/policyform.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace harness::ui {

ModelsTab::ModelsTab(QWidget *parent)
    : QWidget(parent), m_fetch(new QPushButton(tr("Fetch Models from the Provider"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_status(new QLabel(this))
{
    auto *form = new QFormLayout(this);
    for (const QString &phase : PolicyForm::phases()) {
        auto *box = new QComboBox(this);
        box->setEditable(true);
        box->setInsertPolicy(QComboBox::NoInsert);
        box->setObjectName(QStringLiteral("modelBox_") + phase);
        box->lineEdit()->setObjectName(QStringLiteral("model_") + phase);
        box->lineEdit()->setPlaceholderText(phase == QLatin1String("default")
                                                    ? tr("used by phases without their own")
                                                    : tr("the default model"));
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(16);
        m_boxes.insert(phase, box);
        form->addRow(phase == QLatin1String("plan")                ? tr("P&lan:")
                             : phase == QLatin1String("build")     ? tr("B&uild:")
                             : phase == QLatin1String("fix")       ? tr("&Fix:")
                             : phase == QLatin1String("summarise") ? tr("&Summarise:")
                                                                   : tr("&Default:"),
                     box);
    }
    m_fetch->setObjectName(QStringLiteral("fetchModels"));
    m_cancel->setObjectName(QStringLiteral("cancelFetchModels"));
    m_cancel->hide();
    m_status->setObjectName(QStringLiteral("modelListStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *row = new QHBoxLayout;
    row->addWidget(m_fetch);
    row->addWidget(m_cancel);
    row->addStretch(1);
    form->addRow(row);
    form->addRow(m_status);
    connect(m_fetch, &QPushButton::clicked, this, &ModelsTab::fetchRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ModelsTab::cancelRequested);
}

QLineEdit *ModelsTab::modelEdit(const QString &phase) const
{
    QComboBox *box = m_boxes.value(phase);
    return box ? box->lineEdit() : nullptr;
}

void ModelsTab::setModels(const QMap<QString, QString> &models)
{
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        it.value()->setEditText(models.value(it.key()));
}

QMap<QString, QString> ModelsTab::models() const
{
    QMap<QString, QString> out;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it)
        if (const QString model = it.value()->currentText().trimmed(); !model.isEmpty())
            out.insert(it.key(), model);
    return out;
}

QString ModelsTab::modelToCheck() const
{
    const QMap<QString, QString> set = models();
    if (set.contains(QStringLiteral("default")))
        return set.value(QStringLiteral("default"));
    for (const QString &phase : PolicyForm::phases())
        if (set.contains(phase))
            return set.value(phase);
    return {};
}

void ModelsTab::setCatalog(const QStringList &models)
{
    for (QComboBox *box : std::as_const(m_boxes)) {
        const QString text = box->currentText();
        box->clear();
        box->addItems(models);
        box->setEditText(text);
    }
}

void ModelsTab::setFetching(bool fetching)
{
    m_fetch->setEnabled(!fetching);
    m_cancel->setVisible(fetching);
    if (fetching)
        setFetchMessage(tr("Asking the provider for its models…"), false);
}

void ModelsTab::setFetchMessage(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color:#8a1c1c;") : QString());
}

void ModelsTab::setFetchAvailable(bool available, const QString &why)
{
    m_fetch->setEnabled(available);
    m_fetch->setToolTip(why);
    if (!available)
        setFetchMessage(why, false);
}

} // namespace harness::ui
