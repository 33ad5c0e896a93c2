// PrivatePostgres: a PostgreSQL server of one test's own, on a free loopback port, that the test can stop
// and start again (the shared test server of packaging/test-session.sh serves other tests at the same time
// and must stay up). Made with the installed server's initdb and pg_ctl; as root, run as the postgres user.
#pragma once

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <unistd.h>

namespace harness::test {

class PrivatePostgres
{
public:
    PrivatePostgres()
    {
        const QStringList versions = QDir(QStringLiteral("/usr/lib/postgresql"))
                                             .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        if (!versions.isEmpty())
            m_bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(versions.last());
        if (m_bin.isEmpty() || !QFile::exists(m_bin + QStringLiteral("/initdb"))) {
            m_error = QStringLiteral("PostgreSQL's server is not installed (run packaging/install-deps.sh)");
            return;
        }
        // The postgres user must reach the data folder.
        QFile::setPermissions(m_dir.path(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                      QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
        m_data = m_dir.filePath(QStringLiteral("data"));
        QDir().mkpath(m_data);
        if (::geteuid() == 0)
            run(QStringLiteral("chown"), {QStringLiteral("postgres"), m_data}, false);
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        m_port = probe.serverPort();
        probe.close();
        if (!pg(QStringLiteral("initdb"),
                {QStringLiteral("-D"), m_data, QStringLiteral("-A"), QStringLiteral("trust"),
                 QStringLiteral("-U"), QStringLiteral("harness")}) ||
            !start() ||
            !pg(QStringLiteral("createdb"),
                {QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                 QString::number(m_port), QStringLiteral("-U"), QStringLiteral("harness"),
                 QStringLiteral("team")}))
            m_error = QStringLiteral("could not start a private PostgreSQL server: ") + m_output;
    }
    ~PrivatePostgres()
    {
        if (m_error.isEmpty())
            stop();
    }

    QString error() const { return m_error; }
    QString url() const { return QStringLiteral("postgres://harness@127.0.0.1:%1/team").arg(m_port); }

    bool start()
    {
        return pg(QStringLiteral("pg_ctl"),
                  {QStringLiteral("-D"), m_data, QStringLiteral("-o"),
                   QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2").arg(m_port).arg(m_data),
                   QStringLiteral("-l"), m_data + QStringLiteral("/server.log"), QStringLiteral("-w"),
                   QStringLiteral("start")});
    }
    // Fast shutdown: open sessions are ended, as when the server is restarted under the clients.
    bool stop()
    {
        return pg(QStringLiteral("pg_ctl"),
                  {QStringLiteral("-D"), m_data, QStringLiteral("-m"), QStringLiteral("fast"),
                   QStringLiteral("-w"), QStringLiteral("stop")});
    }

private:
    bool pg(const QString &tool, const QStringList &args)
    {
        return run(m_bin + QLatin1Char('/') + tool, args, true);
    }
    bool run(const QString &program, const QStringList &args, bool asPostgres)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.setWorkingDirectory(m_dir.path());
        if (asPostgres && ::geteuid() == 0)
            p.start(QStringLiteral("runuser"),
                    QStringList {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"),
                                 program} +
                            args);
        else
            p.start(program, args);
        const bool ok =
                p.waitForFinished(120000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
        m_output = QString::fromUtf8(p.readAll());
        return ok;
    }

    QTemporaryDir m_dir;
    QString m_bin, m_data, m_error, m_output;
    quint16 m_port = 0;
};

} // namespace harness::test
