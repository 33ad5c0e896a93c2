// SettingsDialog: saves the provider, base URL, models per phase and budgets into .harness/policy.json
// (keeping fields it does not edit), shows whether bubblewrap is usable, and stores an API key in the
// OS keychain showing only that one is stored — never the key — or says plainly that no keychain is
// reachable.
#include "agents/secretstore.h"
#include "common/taskeditdialog.h"
#include "orchestration/projectpolicy.h"
#include "runtime/sandbox.h"
#include "settings/settingsdialog.h"
#include "ui/support/uifixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QUuid>
#include <QtTest>

using namespace harness;
using namespace harness::ui;
using namespace harness::ui::test;

class TestSettingsDialog : public QObject
{
    Q_OBJECT
private:
    static QString waitForKeyStatus(SettingsDialog &dialog)
    {
        QElapsedTimer t;
        t.start();
        while (dialog.isCheckingKey() && t.elapsed() < 20000)
            QTest::qWait(20);
        return dialog.keyStatus()->property("plainStatus").toString();
    }
    static QStringList allTexts(QWidget *root)
    {
        QStringList out;
        for (QLabel *l : root->findChildren<QLabel *>())
            out << l->text();
        for (QLineEdit *e : root->findChildren<QLineEdit *>())
            out << e->text();
        return out;
    }

private Q_SLOTS:
    void savesThePolicy()
    {
        UiFixture fx;
        QDir(fx.repo).mkpath(QStringLiteral(".harness"));
        {
            QFile f(SettingsDialog::policyPath(fx.repo));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"auto_approve\":{\"enabled\":true,\"paths\":[\"docs/"
                    "**\"],\"max_steps\":2,\"max_files\":2},"
                    "\"target_branch\":\"develop\"}");
        }
        SettingsDialog dialog(fx.repo);
        QCOMPARE(dialog.providerKind()->currentData().toString(), QStringLiteral("replay"));
        dialog.providerKind()->setCurrentIndex(dialog.providerKind()->findData(QStringLiteral("openai")));
        QCOMPARE(dialog.baseUrl()->text(), QStringLiteral("https://api.openai.com/v1"));
        dialog.providerId()->setText(QStringLiteral("local-ollama"));
        dialog.baseUrl()->setText(QStringLiteral("http://127.0.0.1:11434/v1"));
        dialog.modelEdit(QStringLiteral("plan"))->setText(QStringLiteral("qwen2.5-coder:32b"));
        dialog.modelEdit(QStringLiteral("default"))->setText(QStringLiteral("qwen2.5-coder:7b"));
        dialog.maxTokens()->setValue(250000);
        QVERIFY2(dialog.save(), qPrintable(dialog.errorText()));

        auto policy = ProjectPolicy::load(SettingsDialog::policyPath(fx.repo));
        QVERIFY2(policy.ok(), qPrintable(policy.errorText()));
        QCOMPARE(policy->provider, QStringLiteral("openai"));
        QCOMPARE(policy->providerConfig.value(QStringLiteral("base_url")).toString(),
                 QStringLiteral("http://127.0.0.1:11434/v1"));
        QCOMPARE(policy->providerConfig.value(QStringLiteral("id")).toString(),
                 QStringLiteral("local-ollama"));
        QCOMPARE(policy->models.value(QStringLiteral("plan")).toString(),
                 QStringLiteral("qwen2.5-coder:32b"));
        QCOMPARE(policy->models.value(QStringLiteral("default")).toString(),
                 QStringLiteral("qwen2.5-coder:7b"));
        QVERIFY(!policy->models.contains(QStringLiteral("build")));
        // What the dialog does not edit is kept.
        QCOMPARE(policy->targetBranch, QStringLiteral("develop"));
        QVERIFY(policy->autoApprove.enabled);
        QCOMPARE(policy->autoApprove.paths, QStringList {QStringLiteral("docs/**")});
        // The default budget reaches the next new task's dialog; no key was written anywhere.
        QCOMPARE(TaskEditDialog::defaultBudget().maxTokens, 250000);
        QFile f(SettingsDialog::policyPath(fx.repo));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains("api_key\""));
    }

    // A policy.json that cannot be read is never saved over silently: Save asks, and the file is kept.
    void anUnreadablePolicyIsReplacedOnlyAfterConfirmation()
    {
        UiFixture fx;
        QDir(fx.repo).mkpath(QStringLiteral(".harness"));
        const QString path = SettingsDialog::policyPath(fx.repo);
        const QByteArray broken = "{ \"provider\": \"openai\", ";
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(broken);
        }
        SettingsDialog dialog(fx.repo);
        QVERIFY(dialog.errorText().contains(QStringLiteral("cannot be read")));
        QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("saveTarget"))
                        ->text()
                        .contains(QStringLiteral("policy.json")));
        QVERIFY(!dialog.save());
        auto *confirm = dialog.findChild<QMessageBox *>(QStringLiteral("replacePolicyConfirm"));
        QVERIFY(confirm && confirm->isVisible());
        QTest::mouseClick(confirm->button(QMessageBox::Cancel), Qt::LeftButton);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), broken);
        f.close();
        QVERIFY(!dialog.save());
        confirm = dialog.findChild<QMessageBox *>(QStringLiteral("replacePolicyConfirm"));
        QVERIFY(confirm);
        QTest::mouseClick(confirm->button(QMessageBox::Yes), Qt::LeftButton);
        QTRY_VERIFY(ProjectPolicy::load(path).ok());
        QFile backup(path + QStringLiteral(".bak"));
        QVERIFY(backup.open(QIODevice::ReadOnly));
        QCOMPARE(backup.readAll(), broken);
    }

    void invalidBaseUrlIsRefused()
    {
        UiFixture fx;
        SettingsDialog dialog(fx.repo);
        dialog.providerKind()->setCurrentIndex(dialog.providerKind()->findData(QStringLiteral("anthropic")));
        dialog.providerId()->clear();
        QVERIFY(!dialog.save());
        QVERIFY(dialog.errorText().contains(QStringLiteral("not valid")));
        QVERIFY(!QFile::exists(SettingsDialog::policyPath(fx.repo)));
    }

    void sandboxStatus()
    {
        UiFixture fx;
        SettingsDialog dialog(fx.repo);
        QSignalSpy probed(&dialog, &SettingsDialog::sandboxProbed);
        QVERIFY(probed.wait(30000) || !dialog.isProbingSandbox());
        const bool available = Sandbox::probe().available;
        QVERIFY(dialog.sandboxStatus()->text().contains(available ? QStringLiteral("The sandbox is usable")
                                                                  : QStringLiteral("not usable")));
    }

    void networkModeShownAndAllowListKept()
    {
        UiFixture fx;
        QDir(fx.repo).mkpath(QStringLiteral(".harness"));
        {
            QFile f(SettingsDialog::policyPath(fx.repo));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("{\"network\": {\"mode\": \"proxy\", \"allow\": [\"api.anthropic.com\", "
                    "\"127.0.0.1:8123\"]}}");
        }
        SettingsDialog dialog(fx.repo);
        auto *mode = dialog.findChild<QLabel *>(QStringLiteral("networkMode"));
        QVERIFY(mode);
        QVERIFY2(mode->text().contains(QStringLiteral("network: proxy to 2 allowed hosts")),
                 qPrintable(mode->text()));
        QVERIFY(dialog.save());
        auto policy = ProjectPolicy::load(SettingsDialog::policyPath(fx.repo));
        QVERIFY2(policy.ok(), qPrintable(policy.errorText()));
        QCOMPARE(policy->network.allow().size(), 2);
    }

    void keyIsStoredNeverShown()
    {
        UiFixture fx;
        SettingsDialog dialog(fx.repo);
        dialog.show();
        dialog.providerKind()->setCurrentIndex(dialog.providerKind()->findData(QStringLiteral("openai")));
        const QString provider =
                QStringLiteral("ui-test-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        dialog.providerId()->setText(provider);
        dialog.refreshKeyStatus();
        const QString before = waitForKeyStatus(dialog);
        if (before != QStringLiteral("No key is stored for this provider.")) {
            // No keychain here: the dialog must say so plainly, and storing must not fall back anywhere.
            QVERIFY2(before.contains(QStringLiteral("keychain"), Qt::CaseInsensitive), qPrintable(before));
            dialog.keyEdit()->setText(QStringLiteral("sk-ui-test-never-stored"));
            dialog.storeKey();
            const QString after = waitForKeyStatus(dialog);
            QVERIFY(after.contains(QStringLiteral("keychain"), Qt::CaseInsensitive));
            QVERIFY(dialog.keyEdit()->text().isEmpty());
            QFAIL("No Secret Service reachable (the no-keychain message was checked; storing was not): run "
                  "the tests with packaging/run-tests.sh, which starts gnome-keyring");
        }
        const QString key = QStringLiteral("sk-ui-test-") + QUuid::createUuid().toString(QUuid::Id128);
        QTest::keyClicks(dialog.keyEdit(), key);
        QTest::mouseClick(dialog.storeKeyButton(), Qt::LeftButton);
        QVERIFY(dialog.keyEdit()->text().isEmpty()); // the field is cleared at once
        QTRY_COMPARE_WITH_TIMEOUT(waitForKeyStatus(dialog),
                                  QStringLiteral("A key is stored in the keychain."), 20000);
        for (const QString &t : allTexts(&dialog))
            QVERIFY2(!t.contains(key), "the key must never be shown");
        // It really is in the keychain, under the provider id.
        SecretStore secrets;
        bool read = false;
        SecretReply reply;
        secrets.readKey(provider, this, [&](SecretReply r) {
            reply = r;
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 20000);
        QCOMPARE(reply.value, key);
        QTest::mouseClick(dialog.removeKeyButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(waitForKeyStatus(dialog),
                                  QStringLiteral("No key is stored for this provider."), 20000);
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
