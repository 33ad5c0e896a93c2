// SandboxLaunch: one bubblewrap command line built by the Sandbox, with the secrets in `--args`.
#include "sandboxlaunch.h"
#include "core/events/toolevents.h"
#include "core/eventsink.h"
#include "core/hostenvironment.h"
#include "networkproxy.h"
#include "sandbox.h"
#include "sandboxaudit.h"

namespace harness {

SandboxLaunch::SandboxLaunch() = default;
SandboxLaunch::~SandboxLaunch() = default;

QList<int> SandboxLaunch::inheritableFds() const
{
    QList<int> fds = m_files.inheritable();
    if (m_audit)
        fds << m_audit->inheritableFd();
    return fds;
}

Result<std::unique_ptr<SandboxLaunch>> SandboxLaunch::make(const Sandbox &sandbox, const Options &options)
{
    using R = Result<std::unique_ptr<SandboxLaunch>>;
    if (options.argv.isEmpty())
        return R::failure(QStringLiteral("no command given for the agent"));
    std::unique_ptr<SandboxLaunch> launch(new SandboxLaunch);
    const SandboxConfig &config = sandbox.config();
    const SandboxStatus status = Sandbox::probe(config.bwrapPath);
    CommandSpec spec;
    spec.argv = options.argv;
    spec.env = options.env;
    spec.network = options.network;
    if (!status.available) {
        if (!config.allowUnsandboxed) {
            if (config.events)
                config.events->record(makeEvent(config.runId, kinds::SandboxUnavailable,
                                                SandboxPayload {status.reason, {}}));
            return R::failure(QStringLiteral("Refusing to start the agent: %1. Agents only run inside the "
                                             "sandbox; a project may opt in to unsandboxed execution in its "
                                             "settings (not recommended).")
                                      .arg(status.reason));
        }
        // The project opted in: bare, recorded, with the same scrubbed environment.
        QProcessEnvironment env;
        for (const QString &kv : sandbox.environmentFor(spec))
            env.insert(kv.section(QLatin1Char('='), 0, 0), kv.mid(kv.indexOf(QLatin1Char('=')) + 1));
        for (auto it = options.secretEnv.cbegin(); it != options.secretEnv.cend(); ++it)
            env.insert(it.key(), it.value());
        launch->m_program = options.argv.first();
        launch->m_arguments = options.argv.mid(1);
        launch->m_environment = env;
        launch->m_sandboxed = false;
        if (config.events)
            config.events->record(
                    makeEvent(config.runId, kinds::SandboxBypassed,
                              SandboxPayload {status.reason, options.argv.join(u' ').left(500)}));
        return R(std::move(launch));
    }
    if (spec.network.enabled()) {
        if (status.socat.isEmpty())
            return R::failure(QStringLiteral("Refusing to start the agent: it needs the network (%1), which "
                                             "needs socat inside the sandbox; install the \"socat\" package.")
                                      .arg(spec.network.description()));
        launch->m_proxy = std::make_unique<NetworkProxy>(spec.network, config.events, config.runId);
        if (auto started = launch->m_proxy->start(); !started)
            return R::failure(QStringLiteral("Refusing to start the agent: %1").arg(started.errorText()));
    }
    // The write audit: the process starts as the launcher, visible read-only inside wherever it lies.
    SandboxAudit::Options audit;
    audit.scope.root = sandbox.m_root;
    audit.scope.protectedPaths = config.protectedPaths;
    audit.scope.worktreeReadOnly = config.worktreeReadOnly;
    audit.events = config.events;
    audit.runId = config.runId;
    launch->m_audit = std::make_unique<SandboxAudit>(audit);
    if (auto started = launch->m_audit->start(); !started)
        return R::failure(QStringLiteral("Refusing to start the agent: %1").arg(started.errorText()));
    spec.argv = launch->m_audit->wrap(options.argv);
    QStringList more {QStringLiteral("--ro-bind"), launch->m_audit->launcherPath(),
                      launch->m_audit->launcherPath()};
    // bubblewrap reads `--setenv NAME VALUE` from the memory file after the ones of the command line.
    if (!options.secretEnv.isEmpty()) {
        QByteArray args;
        for (auto it = options.secretEnv.cbegin(); it != options.secretEnv.cend(); ++it)
            args += QByteArrayLiteral("--setenv") + '\0' + it.key().toUtf8() + '\0' + it.value().toUtf8() +
                    '\0';
        auto fd = launch->m_files.add(args);
        if (!fd)
            return fd.error();
        more << QStringLiteral("--args") << QString::number(*fd);
    }
    auto arguments = sandbox.bwrapArguments(spec, launch->m_files, launch->m_proxy.get(), status.socat, more);
    if (!arguments)
        return arguments.error();
    launch->m_program = status.executable;
    launch->m_arguments = *arguments;
    launch->m_environment = HostEnvironment::scrubbed();
    return R(std::move(launch));
}

} // namespace harness
