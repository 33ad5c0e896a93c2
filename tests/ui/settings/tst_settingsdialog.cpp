// SettingsDialog: saves the provider, base URL, models per phase and budgets into .harness/policy.json
// rewriting only the changed values (byte-exact), lists the provider's models and tests the connection
// against real HTTP on 127.0.0.1 (texts and enabled states as the user sees them), asks for a provider
// instead of assuming one, shows whether bubblewrap is usable, and stores an API key in the OS keychain
// showing only that one is stored — never the key — or says plainly that no keychain is reachable.
#include "agents/secretstore.h"
#include "common/modelserver.h"
#include "common/taskeditdialog.h"
#include "orchestration/projectpolicy.h"
#include "runtime/sandbox.h"
#include "settings/modelstab.h"
#include "settings/providerchecker.h"
#include "settings/providertab.h"
#include "settings/settingsdialog.h"
#include "ui/support/uifixture.h"

#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUuid>

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

    static QString writeFile(const QString &root, const QByteArray &text)
    {
        QDir(root).mkpath(QStringLiteral(".harness"));
        QFile f(SettingsDialog::policyPath(root));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(text);
        return f.fileName();
    }
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    static QJsonObject models(const QStringList &ids)
    {
        QJsonArray data;
        for (const QString &id : ids)
            data.append(QJsonObject {{QStringLiteral("id"), id}});
        return QJsonObject {{QStringLiteral("data"), data}};
    }
    // A dialog on an OpenAI-compatible provider at the loopback server, with a key typed (not stored).
    static void pointAt(SettingsDialog &dialog, const ModelServer &server)
    {
        dialog.providerKind()->setCurrentIndex(dialog.providerKind()->findData(QStringLiteral("openai")));
        dialog.providerId()->setText(QStringLiteral("loopback"));
        dialog.baseUrl()->setText(server.baseUrl(QStringLiteral("/v1")));
        QTest::keyClicks(dialog.keyEdit(), QStringLiteral("sk-typed-not-stored"));
    }
    static QString resultText(SettingsDialog &dialog) { return dialog.providerTab()->testResult()->text(); }

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
        // The file names no provider: the dialog says so instead of showing one nobody chose.
        QCOMPARE(dialog.providerKind()->currentData().toString(), QString());
        QCOMPARE(dialog.providerKind()->currentText(), QStringLiteral("Choose a provider…"));
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
        QVERIFY2(dialog.errorText().contains(QStringLiteral("cannot be read")),
                 qPrintable(dialog.errorText()));
        QVERIFY2(dialog.errorText().contains(QStringLiteral("policy.json:1:")),
                 qPrintable(dialog.errorText()));
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
        QVERIFY2(dialog.savedText().contains(QStringLiteral("policy.json.bak")),
                 qPrintable(dialog.savedText()));
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

    // Saving writes only what changed: the demo's hand-formatted file keeps every other byte.
    void saveRewritesOnlyTheChangedValues()
    {
        UiFixture fx;
        const QByteArray before = "{\n"
                                  "  \"provider\": \"replay\",\n"
                                  "  \"transcript\": \".harness/replay/add-kelvin.jsonl\",\n"
                                  "  \"models\": {\"default\": \"replay-demo\"},\n"
                                  "  \"auto_approve\": {\"enabled\": false},\n"
                                  "  \"max_plan_rounds\": 5,\n"
                                  "  \"network\": false\n"
                                  "}\n";
        const QString path = writeFile(fx.repo, before);
        SettingsDialog dialog(fx.repo);
        dialog.show();
        QCOMPARE(dialog.providerKind()->currentData().toString(), QStringLiteral("replay"));
        QCOMPARE(dialog.modelEdit(QStringLiteral("default"))->text(), QStringLiteral("replay-demo"));
        dialog.tabs()->setCurrentWidget(dialog.modelsTab());
        dialog.modelEdit(QStringLiteral("plan"))->setText(QStringLiteral("replay-plan"));
        QVERIFY2(dialog.save(), qPrintable(dialog.errorText()));
        QCOMPARE(readFile(path),
                 QByteArray(before).replace("{\"default\": \"replay-demo\"}",
                                            "{\"default\": \"replay-demo\", \"plan\": \"replay-plan\"}"));
        QCOMPARE(dialog.savedText(), QStringLiteral("Saved to %1.").arg(QDir::toNativeSeparators(path)));
        // Saved again without a change: not one byte moves.
        QVERIFY(dialog.save());
        QVERIFY(dialog.savedText().startsWith(QStringLiteral("Nothing changed")));
    }

    void aReplayProviderNeedsATranscript()
    {
        UiFixture fx;
        SettingsDialog dialog(fx.repo);
        dialog.providerKind()->setCurrentIndex(dialog.providerKind()->findData(QStringLiteral("replay")));
        QVERIFY(!dialog.save());
        QVERIFY2(dialog.errorText().contains(QStringLiteral("needs a transcript")),
                 qPrintable(dialog.errorText()));
        QVERIFY(!QFile::exists(SettingsDialog::policyPath(fx.repo)));
    }

    void theModelListComesFromTheProvider()
    {
        UiFixture fx;
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::json(models({"qwen2.5-coder:7b", "llama3.1:8b"})));
        SettingsDialog dialog(fx.repo);
        dialog.show();
        ModelsTab *tab = dialog.modelsTab();
        QVERIFY(!tab->fetchButton()->isEnabled()); // no provider that lists models yet
        QVERIFY2(tab->fetchStatus()->text().contains(QStringLiteral("choose one on the Provider tab")),
                 qPrintable(tab->fetchStatus()->text()));
        pointAt(dialog, server);
        dialog.tabs()->setCurrentWidget(tab);
        QVERIFY(tab->fetchButton()->isEnabled());
        QTest::mouseClick(tab->fetchButton(), Qt::LeftButton);
        QTRY_VERIFY(tab->fetchStatus()->text().contains(QStringLiteral("2 model(s) listed")));
        QVERIFY(tab->fetchButton()->isEnabled());
        QVERIFY(tab->cancelButton()->isHidden());
        QComboBox *plan = tab->modelBox(QStringLiteral("plan"));
        QCOMPARE(plan->count(), 2);
        QCOMPARE(plan->itemText(0), QStringLiteral("llama3.1:8b"));
        QCOMPARE(server.requests().constFirst().headers.value("authorization"),
                 QByteArray("Bearer sk-typed-not-stored"));
        plan->setCurrentIndex(1);
        // A model the list lacks can still be typed.
        dialog.modelEdit(QStringLiteral("build"))->setText(QStringLiteral("my-finetune"));
        QVERIFY2(dialog.save(), qPrintable(dialog.errorText()));
        auto policy = ProjectPolicy::load(SettingsDialog::policyPath(fx.repo));
        QVERIFY2(policy.ok(), qPrintable(policy.errorText()));
        QCOMPARE(policy->models.value(QStringLiteral("plan")).toString(), QStringLiteral("qwen2.5-coder:7b"));
        QCOMPARE(policy->models.value(QStringLiteral("build")).toString(), QStringLiteral("my-finetune"));
        QVERIFY(!readFile(SettingsDialog::policyPath(fx.repo))
                         .contains("sk-typed")); // the key is never written
    }

    void aFailedModelListSaysWhyAndLeavesTypingOpen()
    {
        UiFixture fx;
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::jsonError(401, R"({"error":{"message":"Incorrect API key provided"}})"));
        SettingsDialog dialog(fx.repo);
        dialog.show();
        pointAt(dialog, server);
        QTest::mouseClick(dialog.modelsTab()->fetchButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog.checker()->isFetching());
        const QString text = dialog.modelsTab()->fetchStatus()->text();
        QVERIFY2(text.contains(QStringLiteral(
                         "127.0.0.1 rejected the API key (HTTP 401: Incorrect API key provided)")),
                 qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("You can still type the model's name.")));
        QVERIFY(dialog.modelEdit(QStringLiteral("plan"))->isEnabled());
    }

    void testConnectionSaysWhatWorks()
    {
        UiFixture fx;
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::json(models({"m-small", "m-large"})));
        SettingsDialog dialog(fx.repo);
        dialog.show();
        pointAt(dialog, server);
        dialog.modelEdit(QStringLiteral("default"))->setText(QStringLiteral("m-large"));
        ProviderTab *tab = dialog.providerTab();
        QTest::mouseClick(tab->testButton(), Qt::LeftButton);
        QTRY_VERIFY(!dialog.checker()->isTesting());
        QVERIFY2(resultText(dialog).contains(QStringLiteral("reachable, the key is accepted, and the model "
                                                            "\"m-large\" exists")),
                 qPrintable(resultText(dialog)));
        QVERIFY(tab->testButton()->isEnabled());
    }

    void testConnectionNamesTheFailure_data()
    {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<QString>("expected");
        QTest::newRow("404 model")
                << "404"
                << "The model \"m-gone\" does not exist at 127.0.0.1 (HTTP 404: no such model)";
        QTest::newRow("refused") << "refused"
                                 << "refused the connection: nothing listens there";
        QTest::newRow("dns") << "dns"
                             << "The host name no-such-host.invalid could not be resolved (DNS)";
        QTest::newRow("tls") << "tls"
                             << "The secure connection to 127.0.0.1 failed (TLS:";
    }
    void testConnectionNamesTheFailure()
    {
        QFETCH(QString, scenario);
        QFETCH(QString, expected);
        UiFixture fx;
        ModelServer server;
        QVERIFY(server.listen());
        server.enqueue(ModelServer::json(models({"m-small"})));
        server.enqueue(ModelServer::jsonError(404, R"({"error":{"message":"no such model"}})"));
        SettingsDialog dialog(fx.repo);
        dialog.show();
        pointAt(dialog, server);
        dialog.modelEdit(QStringLiteral("default"))->setText(QStringLiteral("m-gone"));
        QTcpServer plain; // answers a TLS hello in plain HTTP
        if (scenario == QLatin1String("refused")) {
            QTcpServer closed;
            QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
            dialog.baseUrl()->setText(QStringLiteral("http://127.0.0.1:%1/v1").arg(closed.serverPort()));
        } else if (scenario == QLatin1String("dns")) {
            dialog.baseUrl()->setText(QStringLiteral("http://no-such-host.invalid/v1"));
        } else if (scenario == QLatin1String("tls")) {
            QVERIFY(plain.listen(QHostAddress::LocalHost, 0));
            connect(&plain, &QTcpServer::newConnection, this, [&plain]() {
                QTcpSocket *socket = plain.nextPendingConnection();
                connect(socket, &QTcpSocket::readyRead, socket, [socket]() {
                    socket->readAll();
                    socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                    socket->disconnectFromHost();
                });
            });
            dialog.baseUrl()->setText(QStringLiteral("https://127.0.0.1:%1/v1").arg(plain.serverPort()));
        }
        QTest::mouseClick(dialog.providerTab()->testButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.checker()->isTesting(), 20000);
        QVERIFY2(resultText(dialog).contains(expected), qPrintable(resultText(dialog)));
    }

    // The window stays live while a server is silent; Cancel stops the test at once.
    void testConnectionIsCancellable()
    {
        UiFixture fx;
        ModelServer server;
        QVERIFY(server.listen());
        ScriptedReply hang;
        hang.end = ScriptedReply::End::Hang;
        server.enqueue(hang);
        SettingsDialog dialog(fx.repo);
        dialog.show();
        pointAt(dialog, server);
        ProviderTab *tab = dialog.providerTab();
        QTest::mouseClick(tab->testButton(), Qt::LeftButton);
        QCOMPARE(resultText(dialog), QStringLiteral("Testing the connection…"));
        QVERIFY(!tab->testButton()->isEnabled());
        QVERIFY(tab->cancelTestButton()->isVisible());
        QTRY_COMPARE(server.requestCount(), 1);
        QTest::mouseClick(tab->cancelTestButton(), Qt::LeftButton);
        QCOMPARE(resultText(dialog), QStringLiteral("Cancelled."));
        QVERIFY(tab->testButton()->isEnabled());
        QVERIFY(!tab->cancelTestButton()->isVisible());
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
