// A small program for tst_secretstore: reads one key through SecretStore and prints the outcome, so the
// test can run it where no Secret Service is reachable (a fresh process has no cached D-Bus connection).
#include "agents/secretstore.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    harness::SecretStore store;
    const harness::SecretReply reply =
            store.resolveKey(QStringLiteral("probe-provider"), QStringLiteral("HARNESS_PROBE_KEY"));
    const char *outcome = "failed";
    switch (reply.outcome) {
    case harness::SecretReply::Outcome::Ok:
        outcome = "ok";
        break;
    case harness::SecretReply::Outcome::NotFound:
        outcome = "not_found";
        break;
    case harness::SecretReply::Outcome::Unavailable:
        outcome = "unavailable";
        break;
    case harness::SecretReply::Outcome::Failed:
        break;
    }
    std::printf("%s\n%s\n", outcome, qPrintable(reply.message));
    return 0;
}
