// harness: the command's entry point, a few kilobytes with no library but the C library. `harness check`
// runs harness-check (QtCore and the rule engine: it starts in about half the engine's time); every other
// command runs harness-engine. Both are installed beside it; the arguments pass unchanged. The command word
// is found as GlobalOptions finds it (app/cli/globaloptions.cpp): after any --repo/--store options.
// The programs are found from /proc/self/exe (without /proc: from the path it was started by, or PATH).
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace {

bool startsWith(const char *s, const char *prefix)
{
    return std::strncmp(s, prefix, std::strlen(prefix)) == 0;
}

// The word of argv that names the command, or nullptr.
const char *commandWord(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (std::strcmp(a, "--repo") == 0 || std::strcmp(a, "--store") == 0) {
            ++i; // its value
            continue;
        }
        if (startsWith(a, "--repo=") || startsWith(a, "--store="))
            continue;
        return a;
    }
    return nullptr;
}

// The folder of this program, into `folder` (PATH_MAX bytes). Without /proc (a plain chroot): the folder
// of the path it was started by, or the first folder of PATH holding it, as the shell found it.
bool ownFolder(const char *argv0, char *folder)
{
    const ssize_t n = readlink("/proc/self/exe", folder, PATH_MAX - 1);
    if (n > 0) {
        folder[n] = '\0';
    } else if (!argv0 || !*argv0 || std::strlen(argv0) >= PATH_MAX) {
        return false;
    } else if (std::strchr(argv0, '/')) {
        std::strcpy(folder, argv0);
    } else {
        const char *path = std::getenv("PATH");
        bool found = false;
        for (const char *dir = path; dir && *dir && !found;) {
            const char *end = std::strchr(dir, ':');
            const int length = end ? int(end - dir) : int(std::strlen(dir));
            found = length > 0 && std::snprintf(folder, PATH_MAX, "%.*s/%s", length, dir, argv0) < PATH_MAX &&
                    access(folder, X_OK) == 0;
            dir = end ? end + 1 : nullptr;
        }
        if (!found)
            return false;
    }
    char *slash = std::strrchr(folder, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return true;
}

// Starts folder/name with argv; returns only when it could not.
void start(const char *folder, const char *name, char **argv)
{
    char path[PATH_MAX];
    if (std::snprintf(path, sizeof path, "%s/%s", folder, name) >= int(sizeof path)) {
        errno = ENAMETOOLONG;
        return;
    }
    execv(path, argv);
}

} // namespace

int main(int argc, char **argv)
{
    char folder[PATH_MAX];
    if (!ownFolder(argc > 0 ? argv[0] : nullptr, folder)) {
        std::fprintf(stderr,
                     "harness: cannot tell which folder this program is in (no /proc, and not found "
                     "by its path or PATH); start it by its full path\n");
        return 127;
    }
    const char *command = commandWord(argc, argv);
    if (command && std::strcmp(command, "check") == 0)
        start(folder, "harness-check", argv); // not there (a partial installation): the engine checks too
    start(folder, "harness-engine", argv);
    std::fprintf(stderr,
                 "harness: cannot start %s/harness-engine: %s; the installation is incomplete: reinstall "
                 "harness-workbench\n",
                 folder, std::strerror(errno));
    return 127;
}
