// The settings dialog's Agents tab: the four external agents, each installed or not, with its version and
// path as found in a prefix laid out like packaging/install-agents.sh's (real files), the one policy.json
// selects marked (and said to be missing when it is), and "Detect Again" finding an agent installed since.
// With HARNESS_SCREENSHOT_DIR set, the dialog at its default size is saved there as settings-agents.png.
#include "settings/agentstab.h"
#include "settings/settingsdialog.h"
#include "ui/support/uifixture.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestAgentsTab : public QObject
{
    Q_OBJECT
private:
    static bool install(const QString &prefix, const QString &bin, const QString &package,
                        const QString &version)
    {
        QDir().mkpath(prefix + QStringLiteral("/node_modules/.bin"));
        QDir().mkpath(prefix + QStringLiteral("/node_modules/") + package);
        QFile program(prefix + QStringLiteral("/node_modules/.bin/") + bin);
        if (!program.open(QIODevice::WriteOnly) || program.write("#!/bin/sh\nexit 1\n") < 0)
            return false;
        program.close();
        if (!program.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            return false;
        QFile json(prefix + QStringLiteral("/node_modules/") + package + QStringLiteral("/package.json"));
        return json.open(QIODevice::WriteOnly) &&
                json.write(QJsonDocument(QJsonObject {{QStringLiteral("name"), package},
                                                      {QStringLiteral("version"), version}})
                                   .toJson()) > 0;
    }
    static QString cell(QTableWidget *table, int row, int column)
    {
        return table->item(row, column) ? table->item(row, column)->text() : QString();
    }
    static int rowOf(QTableWidget *table, const QString &name)
    {
        for (int row = 0; row < table->rowCount(); ++row)
            if (cell(table, row, AgentsTab::AgentColumn) == name)
                return row;
        return -1;
    }

private Q_SLOTS:
    void showsTheAgentsAndThePolicysChoice()
    {
        UiFixture fx;
        const QString prefix = fx.path(QStringLiteral("agents"));
        QVERIFY(install(prefix, QStringLiteral("claude-agent-acp"),
                        QStringLiteral("@zed-industries/claude-agent-acp"), QStringLiteral("0.23.1")));
        QVERIFY(install(prefix, QStringLiteral("codex-acp"), QStringLiteral("@zed-industries/codex-acp"),
                        QStringLiteral("0.16.0")));
        QVERIFY(install(prefix, QStringLiteral("opencode"), QStringLiteral("opencode-ai"),
                        QStringLiteral("1.18.33")));
        QDir(fx.repo).mkpath(QStringLiteral(".harness"));
        {
            QFile f(SettingsDialog::policyPath(fx.repo));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"executor\": {\"acp\": \"gemini\"}}");
        }
        const QByteArray before = qgetenv("HARNESS_AGENTS_DIR");
        qputenv("HARNESS_AGENTS_DIR", prefix.toUtf8());
        SettingsDialog dialog(fx.repo);
        qputenv("HARNESS_AGENTS_DIR", before);
        AgentsTab *tab = dialog.agentsTab();
        QVERIFY(tab);
        QCOMPARE(dialog.tabs()->tabText(dialog.tabs()->indexOf(tab)), QStringLiteral("Agents"));
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isDetecting() && tab->table()->rowCount() == 4, 10000);

        QTableWidget *table = tab->table();
        const int claude = rowOf(table, QStringLiteral("Claude Code"));
        QVERIFY(claude >= 0);
        QCOMPARE(cell(table, claude, AgentsTab::StateColumn), QStringLiteral("installed"));
        QCOMPARE(cell(table, claude, AgentsTab::VersionColumn), QStringLiteral("0.23.1"));
        QCOMPARE(cell(table, claude, AgentsTab::PathColumn),
                 QDir::toNativeSeparators(prefix + QStringLiteral("/node_modules/.bin/claude-agent-acp")));
        QCOMPARE(cell(table, rowOf(table, QStringLiteral("Codex")), AgentsTab::VersionColumn),
                 QStringLiteral("0.16.0"));
        QCOMPARE(cell(table, rowOf(table, QStringLiteral("opencode")), AgentsTab::VersionColumn),
                 QStringLiteral("1.18.33"));
        const int gemini = rowOf(table, QStringLiteral("Gemini CLI"));
        QVERIFY(gemini >= 0);
        QCOMPARE(cell(table, gemini, AgentsTab::StateColumn), QStringLiteral("not installed"));
        QCOMPARE(cell(table, gemini, AgentsTab::VersionColumn), QStringLiteral("unknown"));
        QVERIFY(cell(table, gemini, AgentsTab::PathColumn).contains(QStringLiteral("no executable gemini")));
        // policy.json selects gemini: marked, and said to be missing.
        QCOMPARE(cell(table, gemini, AgentsTab::PolicyColumn), QStringLiteral("selected"));
        QCOMPARE(cell(table, claude, AgentsTab::PolicyColumn), QString());
        QVERIFY2(tab->selection()->text().contains(QStringLiteral("gemini")),
                 qPrintable(tab->selection()->text()));
        QVERIFY2(tab->status()->text().contains(QStringLiteral("3 of 4 agents installed")),
                 qPrintable(tab->status()->text()));
        QVERIFY(tab->status()->text().contains(QStringLiteral("is not installed")));

        if (const QString shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR"); !shots.isEmpty()) {
            dialog.tabs()->setCurrentWidget(tab);
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(shots + QStringLiteral("/settings-agents.png")));
        }

        // Installed since: "Detect Again" finds it.
        QVERIFY(install(prefix, QStringLiteral("gemini"), QStringLiteral("@google/gemini-cli"),
                        QStringLiteral("0.61.0")));
        QSignalSpy detected(tab, &AgentsTab::detected);
        QVERIFY(tab->detectButton()->isEnabled());
        QTest::mouseClick(tab->detectButton(), Qt::LeftButton);
        QVERIFY(detected.wait(10000));
        QCOMPARE(cell(table, gemini, AgentsTab::StateColumn), QStringLiteral("installed"));
        QCOMPARE(cell(table, gemini, AgentsTab::VersionColumn), QStringLiteral("0.61.0"));
        QVERIFY(tab->status()->text().contains(QStringLiteral("4 of 4 agents installed")));
        QVERIFY(!tab->status()->text().contains(QStringLiteral("is not installed")));
    }

    void withoutARepositoryNothingIsSelected()
    {
        UiFixture fx;
        SettingsDialog dialog(QString {});
        AgentsTab *tab = dialog.agentsTab();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->isDetecting() && tab->table()->rowCount() == 4, 10000);
        for (int row = 0; row < 4; ++row)
            QCOMPARE(cell(tab->table(), row, AgentsTab::PolicyColumn), QString());
        QVERIFY(tab->selection()->text().contains(QStringLiteral("Open a repository")));
    }
};

QTEST_MAIN(TestAgentsTab)
#include "tst_agentstab.moc"
