// The workbench's way to a shared PostgreSQL store over TLS (packaging/test-session.sh's server): the
// real RepositoryOpener reads the password from the real Secret Service asynchronously and opens the
// store; without a keychain entry the password dialog asks (tst_storepassworddialog drives it through the
// window) and its Cancel fails naming the entry, as does an opener without a window; a password typed into
// the URL serves that open only and the store setting handed on to be remembered carries none.
#include "agents/secretstore.h"
#include "common/tlsteststore.h"
#include "orchestration/project.h"
#include "shell/repositoryopener.h"
#include "shell/storepassworddialog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QWidget>
#include <QtConcurrent>

using namespace harness;
using harness::ui::RepositoryOpener;
using harness::ui::StorePasswordDialog;

class TestWorkbenchStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_repo;
    QString m_url;
    QString m_password;
    QString m_key;
    SecretStore m_secrets {SecretStore::kService};

    // SecretStore's blocking calls are refused on the GUI thread: run one on a worker while this thread's
    // event loop serves the keychain job.
    static SecretReply onWorker(std::function<SecretReply()> call)
    {
        QFuture<SecretReply> f = QtConcurrent::run(std::move(call));
        QElapsedTimer timer;
        timer.start();
        while (!f.isFinished() && timer.elapsed() < 20000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        return f.isFinished() ? f.result() : SecretReply {};
    }
    bool keychainAvailable(QString *why)
    {
        const SecretReply probe =
                onWorker([this] { return m_secrets.readKeyBlocking(QStringLiteral("probe")); });
        *why = probe.message;
        return probe.ok() || probe.outcome == SecretReply::Outcome::NotFound;
    }
    void removeKey()
    {
        (void)onWorker([this] { return m_secrets.removeKeyBlocking(m_key); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        const harness::test::TlsTestStore tls = harness::test::TlsTestStore::fromEnvironment();
        if (!tls.missing.isEmpty())
            QFAIL(qPrintable(tls.missing));
        m_password = tls.password;
        QString why;
        QVERIFY2(keychainAvailable(&why), qPrintable(QStringLiteral("no Secret Service: ") + why));
        m_url = tls.url;
        m_key = StoreLocation::parse(m_url)->keychainKey();
        QVERIFY(m_dir.isValid());
        m_repo = m_dir.filePath(QStringLiteral("repo"));
        QVERIFY(QDir().mkpath(m_repo));
        QProcess git;
        git.setWorkingDirectory(m_repo);
        git.start(QStringLiteral("git"), {QStringLiteral("init"), QStringLiteral("-q")});
        QVERIFY(git.waitForFinished(30000) && git.exitCode() == 0);
        qunsetenv("PGPASSWORD");
        qputenv("PGPASSFILE", "/nonexistent/harness-test-pgpass");
        qputenv("HARNESS_STORE", m_url.toUtf8()); // as a team member's environment would say
    }

    void cleanupTestCase() { removeKey(); }

    void withoutKeychainEntryTheDialogAsksAndCancelSaysWhere()
    {
        removeKey();
        QWidget window;
        RepositoryOpener opener(&window);
        QSignalSpy failed(&opener, &RepositoryOpener::failed);
        QVERIFY(opener.open(m_repo));
        QVERIFY(opener.isOpening()); // the keychain answers later; nothing blocked
        QVERIFY(!opener.waitForOpen(30000));
        QVERIFY(opener.isAskingForPassword()); // the server wants a password: the dialog asks for it
        QCOMPARE(failed.count(), 0);
        auto *dialog = window.findChild<StorePasswordDialog *>(QStringLiteral("storePasswordDialog"));
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->refusalLine()->text().contains(m_key), qPrintable(dialog->refusalLine()->text()));
        dialog->reject();
        QCOMPARE(failed.count(), 1);
        QVERIFY(!opener.isAskingForPassword());
        const QString why = failed.at(0).at(0).toString();
        QVERIFY2(why.contains(m_key) && why.contains(QStringLiteral("holds no password")) &&
                         why.contains(QStringLiteral("sslmode=verify-full")),
                 qPrintable(why));
    }

    void withoutAWindowNothingIsAsked()
    {
        removeKey();
        RepositoryOpener opener(nullptr);
        QSignalSpy failed(&opener, &RepositoryOpener::failed);
        QVERIFY(opener.open(m_repo));
        QVERIFY(!opener.waitForOpen(30000));
        QVERIFY(!opener.isAskingForPassword());
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.at(0).at(0).toString().contains(QStringLiteral("holds no password")),
                 qPrintable(failed.at(0).at(0).toString()));
    }

    void passwordFromTheKeychainOpensTheStore()
    {
        QVERIFY(onWorker([this] { return m_secrets.writeKeyBlocking(m_key, m_password); }).ok());
        QWidget window;
        RepositoryOpener opener(&window);
        QSignalSpy opened(&opener, &RepositoryOpener::opened);
        QSignalSpy failed(&opener, &RepositoryOpener::failed);
        QVERIFY(opener.open(m_repo));
        QVERIFY2(opener.waitForOpen(30000),
                 failed.isEmpty() ? "" : qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(opened.count(), 1);
        auto project = opened.at(0).at(0).value<std::shared_ptr<Project>>();
        QVERIFY(project);
        QCOMPARE(project->store().location().sslMode, QStringLiteral("verify-full"));
    }

    void passwordInTheUrlIsNotHandedOn()
    {
        removeKey();
        const QString typed =
                QString(m_url).replace(QStringLiteral("harness_tls@"),
                                       QStringLiteral("harness_tls:") + m_password + QLatin1Char('@'));
        QWidget window;
        RepositoryOpener opener(&window);
        QSignalSpy opened(&opener, &RepositoryOpener::opened);
        QVERIFY(opener.open(m_repo, typed));
        QVERIFY(opener.waitForOpen(30000));
        QCOMPARE(opened.count(), 1);
        const QString remembered = opened.at(0).at(1).toString();
        QVERIFY(!remembered.contains(m_password));
        QVERIFY2(remembered.startsWith(QStringLiteral("postgres://harness_tls@")) &&
                         remembered.contains(QStringLiteral("sslmode=verify-full")),
                 qPrintable(remembered));
    }
};

QTEST_MAIN(TestWorkbenchStore)
#include "tst_workbenchstore.moc"
