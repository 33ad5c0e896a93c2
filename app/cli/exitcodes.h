// The exit codes of the `harness` command, documented in `harness --help`.
#pragma once

namespace harness::exitcode {

inline constexpr int Ok = 0;
inline constexpr int Failed = 1; // violations found, a broken audit chain, a run that did not succeed
inline constexpr int Usage = 2; // bad command line or invalid input; nothing was written
inline constexpr int Store = 3; // the store cannot be opened (newer version, corrupt, unreachable)
inline constexpr int NotFound = 4; // the named task, run or approval does not exist
inline constexpr int Environment = 5; // a required tool is missing or unusable (git, bubblewrap, keychain)
inline constexpr int Waiting = 6; // a run stopped to wait for a human (approval or review)

} // namespace harness::exitcode
