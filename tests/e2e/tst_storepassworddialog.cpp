// The workbench asks for a shared store's password (packaging/test-session.sh's PostgreSQL over TLS, the
// real Secret Service): the real MainWindow offscreen opens a repository whose store has no password in
// the keychain, the password dialog appears; Cancel leaves the welcome page with the reason; a password
// typed without "Remember" serves that open only; a wrong one is refused in the dialog, which stays; the
// right one opens the repository and goes to the keychain, so the next open does not ask. The password is
// then nowhere else: not in the store's events, the settings, a file of the repository or a log line.
#include "agents/secretstore.h"
#include "common/repositorysession.h"
#include "common/tlsteststore.h"
#include "mainwindow.h"
#include "orchestration/taskservice.h"
#include "shell/storepassworddialog.h"
#include "shell/welcomepage.h"

#include <QApplication>
#include <QCheckBox>
#include <QDirIterator>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace harness;
using namespace harness::ui;

namespace {

// Every message logged while the test runs, to look for the password in them.
QMutex g_lock;
QStringList g_messages;
QtMessageHandler g_previous = nullptr;

void keepMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker locker(&g_lock);
        g_messages << message;
    }
    if (g_previous)
        g_previous(type, context, message);
}

} // namespace

class TestStorePasswordDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repo, m_url, m_password, m_key, m_wrong;
    SecretStore m_secrets {SecretStore::kService};

    // SecretStore's blocking calls are refused on the GUI thread: run one on a thread of its own while this
    // thread's event loop serves the keychain job. Not on the global pool: the window paints with it (the
    // raster engine's threads) and the rule checker waits on it, and two cores make a pool of two.
    static SecretReply onWorker(std::function<SecretReply()> call)
    {
        auto reply = std::make_shared<SecretReply>();
        std::unique_ptr<QThread> thread(QThread::create([reply, call] { *reply = call(); }));
        thread->start();
        QElapsedTimer timer;
        timer.start();
        while (!thread->isFinished() && timer.elapsed() < 20000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        if (!thread->wait(1000))
            qFatal("the keychain did not answer within 20 s");
        return *reply;
    }
    SecretReply keychainEntry()
    {
        return onWorker([this] { return m_secrets.readKeyBlocking(m_key); });
    }

    static StorePasswordDialog *shownDialog()
    {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (w->objectName() == QLatin1String("storePasswordDialog") && w->isVisible())
                return qobject_cast<StorePasswordDialog *>(w);
        return nullptr;
    }
    // Opens the repository in the window and waits for the dialog that asks for the password.
    StorePasswordDialog *openAndAsk(MainWindow &w, const QString &spec = {})
    {
        if (!w.openRepository(m_repo, spec))
            return nullptr;
        if (w.waitForOpen(30000))
            return nullptr; // opened without asking
        auto *dialog = shownDialog();
        if (!dialog)
            return nullptr;
        auto *field = dialog->findChild<QLineEdit *>(QStringLiteral("storePasswordField"));
        auto *remember = dialog->findChild<QCheckBox *>(QStringLiteral("rememberPasswordBox"));
        auto *connect = dialog->findChild<QPushButton *>(QStringLiteral("connectButton"));
        if (!field || !remember || !connect || field->echoMode() != QLineEdit::Password ||
            !remember->isChecked() || connect->isEnabled())
            return nullptr;
        return dialog;
    }
    static void type(StorePasswordDialog *dialog, const QString &password, bool remember)
    {
        auto *field = dialog->findChild<QLineEdit *>(QStringLiteral("storePasswordField"));
        field->selectAll();
        QTest::keyClicks(field, password);
        dialog->findChild<QCheckBox *>(QStringLiteral("rememberPasswordBox"))->setChecked(remember);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("connectButton")), Qt::LeftButton);
    }
    static QString refusal(StorePasswordDialog *dialog)
    {
        return dialog->findChild<QLabel *>(QStringLiteral("storePasswordRefusal"))->text();
    }

    // The window with the dialog over it, as the person sees it (the offscreen platform draws no desktop).
    static QImage withDialog(QWidget *window, QWidget *dialog)
    {
        QImage image = window->grab().toImage();
        QPainter p(&image);
        p.fillRect(image.rect(), QColor(0, 0, 0, 70));
        const QPixmap top = dialog->grab();
        const QPoint at((image.width() - top.width()) / 2, (image.height() - top.height()) / 3);
        p.drawPixmap(at, top);
        p.setPen(QColor(0, 0, 0, 140));
        p.drawRect(QRect(at, top.size()).adjusted(-1, -1, 0, 0));
        return image;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("harness-ui-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_storepassworddialog"));
        QSettings().clear();
        g_previous = qInstallMessageHandler(keepMessage);
        const harness::test::TlsTestStore tls = harness::test::TlsTestStore::fromEnvironment();
        if (!tls.missing.isEmpty())
            QFAIL(qPrintable(tls.missing));
        m_password = tls.password;
        m_wrong = QStringLiteral("not-the-password-%1").arg(QCoreApplication::applicationPid());
        // "localhost" (the server certificate names it too): a keychain entry of this test's own, apart from
        // the one tst_workbenchstore and tst_storecredentials use at the same time.
        m_url = QString(tls.url).replace(QStringLiteral("@127.0.0.1:"), QStringLiteral("@localhost:"));
        const auto location = StoreLocation::parse(m_url);
        QVERIFY2(location, qPrintable(location.errorText()));
        m_key = location->keychainKey();
        const SecretReply probe = onWorker([this] { return m_secrets.removeKeyBlocking(m_key); });
        QVERIFY2(probe.ok() || probe.outcome == SecretReply::Outcome::NotFound,
                 qPrintable(QStringLiteral("no Secret Service: ") + probe.message));
        QVERIFY(m_dir.isValid());
        m_repo = QDir(m_dir.path()).filePath(QStringLiteral("repo"));
        QVERIFY(QDir().mkpath(m_repo));
        QProcess git;
        git.setWorkingDirectory(m_repo);
        git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q")});
        QVERIFY(git.waitForFinished(30000) && git.exitCode() == 0);
        m_repo = QDir(m_repo).canonicalPath();
        qunsetenv("PGPASSWORD");
        qunsetenv("HARNESS_STORE");
        qputenv("PGPASSFILE", "/nonexistent/harness-test-pgpass");
    }

    void cleanupTestCase()
    {
        (void)onWorker([this] { return m_secrets.removeKeyBlocking(m_key); });
        qInstallMessageHandler(g_previous);
    }

    void cancelLeavesTheWelcomePageWithTheReason()
    {
        MainWindow w;
        w.show();
        StorePasswordDialog *dialog = openAndAsk(w, m_url);
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("storeName"))->text(),
                 m_key.mid(QStringLiteral("store:").size()));
        QVERIFY2(refusal(dialog).contains(QStringLiteral("no password supplied")) &&
                         refusal(dialog).contains(QStringLiteral("holds no password")),
                 qPrintable(refusal(dialog)));
        QVERIFY(!dialog->refusalLine()->property("error").toBool()); // nothing was refused yet
        QVERIFY(!w.session());
        if (const QString shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR"); !shots.isEmpty())
            QVERIFY(dialog->grab().save(shots + QStringLiteral("/store-password-dialog-first.png")));
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
        QTRY_VERIFY(!shownDialog());
        QVERIFY(!w.session());
        QVERIFY(w.welcomePage()->isVisible());
        QVERIFY2(w.lastError().contains(m_key) && w.lastError().contains(QStringLiteral("no password")),
                 qPrintable(w.lastError()));
    }

    void withoutRememberThePasswordServesThisOpenOnly()
    {
        MainWindow w;
        w.show();
        StorePasswordDialog *dialog = openAndAsk(w, m_url);
        QVERIFY(dialog);
        type(dialog, m_password, false);
        QVERIFY(w.waitForOpen(30000));
        QVERIFY(w.session());
        QTRY_VERIFY(!shownDialog());
        QCOMPARE(keychainEntry().outcome, SecretReply::Outcome::NotFound);
    }

    void wrongPasswordIsRefusedThenTheRightOneOpensAndIsKept()
    {
        MainWindow w;
        w.resize(1280, 720);
        w.show();
        StorePasswordDialog *dialog = openAndAsk(w, m_url);
        QVERIFY(dialog);
        type(dialog, m_wrong, true);
        QVERIFY(dialog->isConnecting()); // the connection is tried on a worker; the window goes on
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isConnecting(), 30000);
        QCOMPARE(shownDialog(), dialog);
        QVERIFY2(refusal(dialog).contains(QStringLiteral("password authentication failed for user")),
                 qPrintable(refusal(dialog)));
        QVERIFY(dialog->refusalLine()->property("error").toBool());
        auto *field = dialog->findChild<QLineEdit *>(QStringLiteral("storePasswordField"));
        QCOMPARE(field->text(), m_wrong);
        QCOMPARE(field->selectedText(), m_wrong);
        QVERIFY(!w.session());
        QCOMPARE(keychainEntry().outcome, SecretReply::Outcome::NotFound);

        if (const QString shots = qEnvironmentVariable("HARNESS_SCREENSHOT_DIR"); !shots.isEmpty()) {
            QVERIFY(dialog->grab().save(shots + QStringLiteral("/store-password-dialog.png")));
            for (const QSize size : {QSize(1600, 1000), QSize(1280, 720)}) {
                w.resize(size);
                QTRY_COMPARE(w.size(), size);
                QCoreApplication::processEvents();
                QVERIFY(withDialog(&w, dialog)
                                .save(QStringLiteral("%1/store-password-%2x%3.png")
                                              .arg(shots)
                                              .arg(size.width())
                                              .arg(size.height())));
            }
        }

        type(dialog, m_password, true);
        QVERIFY(w.waitForOpen(30000)); // and the keychain has answered
        QVERIFY(w.session());
        QTRY_VERIFY(!shownDialog());
        const SecretReply kept = keychainEntry();
        QVERIFY2(kept.ok(), qPrintable(kept.message));
        QVERIFY(kept.value == m_password);
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("kept in the keychain")),
                 qPrintable(w.statusBar()->currentMessage()));
    }

    void theNextOpenDoesNotAsk()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openRepository(m_repo)); // the store URL remembered for this repository
        QVERIFY2(w.waitForOpen(30000), qPrintable(w.lastError()));
        QVERIFY(!shownDialog());
        QCOMPARE(w.session()->store().location().keychainKey(), m_key);
        // Something for the store's log to hold, written the way the workbench writes it.
        Task task;
        task.title = QStringLiteral("Check the store password");
        task.contract.goal = QStringLiteral("The password is nowhere but the keychain.");
        QVERIFY(TaskService(w.session()->store()).addTask(task, QStringLiteral("human:test")));
    }

    void thePasswordIsNowhereElse()
    {
        const QByteArray secrets[] = {m_password.toUtf8(), m_wrong.toUtf8()};
        MainWindow w;
        QVERIFY(w.openRepository(m_repo));
        QVERIFY(w.waitForOpen(30000));
        const auto events = w.session()->store().eventsFromLog(0, 100000);
        QVERIFY2(events, qPrintable(events.errorText()));
        QVERIFY(!events->isEmpty());
        for (const Event &event : *events) {
            const QByteArray json = QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
            for (const QByteArray &secret : secrets)
                QVERIFY2(!json.contains(secret), qPrintable(event.kind));
        }
        QSettings settings;
        settings.sync();
        int remembered = 0;
        for (const QString &key : settings.allKeys()) {
            const QString value = settings.value(key).toString();
            remembered += value.contains(QStringLiteral("harness_tls@localhost")) ? 1 : 0;
            for (const QByteArray &secret : secrets)
                QVERIFY2(!value.contains(QString::fromUtf8(secret)), qPrintable(key));
        }
        QCOMPARE(remembered, 1); // the store URL, without its password
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray stored = file.readAll();
        for (const QByteArray &secret : secrets)
            QVERIFY(!stored.contains(secret));
        int files = 0;
        QDirIterator it(m_repo, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            ++files;
            for (const QByteArray &secret : secrets)
                QVERIFY2(!bytes.contains(secret), qPrintable(it.filePath()));
        }
        QVERIFY(files > 0);
        const QMutexLocker locker(&g_lock);
        for (const QString &message : std::as_const(g_messages))
            for (const QByteArray &secret : secrets)
                QVERIFY(!message.contains(QString::fromUtf8(secret)));
    }
};

QTEST_MAIN(TestStorePasswordDialog)
#include "tst_storepassworddialog.moc"
