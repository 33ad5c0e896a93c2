// AboutDialog: build facts from buildinfo.h, runtime facts from qVersion() and ToolVersions::probe().
#include "aboutdialog.h"

#include "buildinfo.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace harness::ui {

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent), m_text(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Harness Workbench"));
    m_text->setObjectName(QStringLiteral("aboutText"));
    m_text->setOpenExternalLinks(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(buttons);
    resize(560, 420);
    connect(&m_probe, &QFutureWatcher<ToolVersions>::finished, this, [this] {
        m_tools = m_probe.result();
        render();
        Q_EMIT probed();
    });
    m_probe.setFuture(QtConcurrent::run([] { return ToolVersions::probe(); }));
    render();
}

AboutDialog::~AboutDialog()
{
    m_probe.waitForFinished();
}

void AboutDialog::render()
{
    auto row = [](const QString &name, const QString &value) {
        return QStringLiteral("<tr><td style='padding-right:16px'><b>%1</b></td><td>%2</td></tr>")
                .arg(name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    const QString asking = tr("asking…");
    QString sandbox = asking, git = asking;
    if (m_tools) {
        git = m_tools->git.isEmpty() ? tr("not found — install git") : m_tools->git;
        sandbox = m_tools->bubblewrap.isEmpty() ? tr("bubblewrap not found")
                                                : tr("bubblewrap %1").arg(m_tools->bubblewrap);
        sandbox += m_tools->sandboxUsable ? tr(" — usable")
                                          : tr(" — not usable: %1").arg(m_tools->sandboxProblem);
    }
    QString html =
            QStringLiteral("<h2>Harness Workbench %1</h2><p>%2</p><table>")
                    .arg(QStringLiteral(HARNESS_BUILD_VERSION),
                         tr("Steer AI coding agents; the harness — rules, gates, plan approval, a sandbox "
                            "and one event log — makes their work reliable."));
    html += row(
            tr("Qt"),
            tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)));
    html += row(tr("Syntax highlighting"), QStringLiteral(HARNESS_SYNTAX_BACKEND));
    html += row(tr("Graph layout"), QStringLiteral(HARNESS_GRAPHVIZ_BACKEND));
    html += row(tr("Keychain"), QStringLiteral(HARNESS_KEYCHAIN_BACKEND));
    html += row(tr("git"), git);
    html += row(tr("Sandbox"), sandbox);
    html += row(tr("Platform"),
                QGuiApplication::platformName() + QStringLiteral(" · ") + QSysInfo::prettyProductName());
    html += QStringLiteral("</table>");
    m_text->setHtml(html);
}

QString AboutDialog::text() const
{
    return m_text->toPlainText();
}

} // namespace harness::ui
