// RulesService: reading and saving a repository's .harness/rules.json for the rule editor — the stable
// writer, an atomic write, a refusal to overwrite a file that changed on disk or cannot be parsed, a
// replacement of an unreadable file that keeps it as a backup, and an audited rules_changed event.
#pragma once

#include "rules/ruleset.h"
#include "store/store.h"

namespace harness {

// The rules as read from one repository's file, and what the file held when it was read.
struct RulesFile
{
    QString path; // absolute path of .harness/rules.json, fixed when the file is read
    RuleSet rules;
    bool exists = false;
    QByteArray fingerprint; // SHA-256 (hex) of the bytes read; empty when the file was absent
};

class RulesService
{
public:
    RulesService(Store &store, const QString &repositoryRoot);

    static QString rulesPath(const QString &repositoryRoot);
    // Reads the rules file; an absent file reads as an empty rule set. A file that cannot be parsed or
    // does not validate is an error saying where, and that it must be fixed (or replaced) first.
    static Result<RulesFile> load(const QString &repositoryRoot);

    // Writes `rules` atomically with the stable writer and records rules_changed (actor, before and after
    // fingerprints, the rule ids added, removed and changed). Refused, leaving the file as it is, when
    // the file on disk is no longer the one read (`loadedFingerprint`; empty = it was absent) or cannot
    // be parsed.
    Result<RulesFile> save(const RuleSet &rules, const QByteArray &loadedFingerprint, const QString &actor);
    // For a file load() refused: moves its bytes to rules.json.bak (rules.json.bak.2, … when taken),
    // then writes `rules` and records rules_changed naming the backup. Refused when the file reads fine.
    Result<RulesFile> replaceUnreadable(const RuleSet &rules, const QString &actor);

    static QByteArray fingerprintOf(const QByteArray &bytes);

private:
    Result<RulesFile> write(const RuleSet &rules, const RuleSet &before, const QByteArray &beforeFingerprint,
                            const QString &actor, const QString &backup);

    Store &m_store;
    QString m_root;
};

} // namespace harness
