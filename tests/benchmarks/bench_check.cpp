// bench_check: `harness check` (layers, limits, a forbidden pattern, secrets) on a generated C++ tree
// of 5,000 files with realistic includes, against `rg '#include'` over the same tree in the same run.
// Prints both medians and their ratio (target: harness check <= 2 x rg).
#include "checkcommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>

namespace {

constexpr int kLayers = 5;
constexpr int kModulesPerLayer = 10;
constexpr int kFilesPerModule = 100; // 50 headers + 50 sources: 5 layers x 10 modules x 100 = 5,000 files

QString moduleName(int layer, int module)
{
    return QStringLiteral("l%1m%2").arg(layer).arg(module);
}

// A header or source of ~60-150 lines: includes of its own module and lower layers, system headers,
// a class with methods, comments — the shapes include scanners meet in real code.
QByteArray fileText(int layer, int module, int index, bool header, QRandomGenerator &rng)
{
    QByteArray out = "// Generated for bench_check: " + moduleName(layer, module).toUtf8() + " file " +
            QByteArray::number(index) + "\n";
    if (header)
        out += "#pragma once\n\n";
    static const char *system[] = {"<vector>",  "<string>", "<memory>",   "<map>",
                                   "<QString>", "<QList>",  "<optional>", "<algorithm>"};
    const int systemCount = 2 + int(rng.bounded(3));
    for (int i = 0; i < systemCount; ++i)
        out += QByteArray("#include ") + system[rng.bounded(8)] + "\n";
    if (!header)
        out += "#include \"" + moduleName(layer, module).toUtf8() + "/f" + QByteArray::number(index) +
                ".h\"\n";
    const int deps = 3 + int(rng.bounded(5));
    for (int i = 0; i < deps; ++i) {
        const int toLayer = int(rng.bounded(layer + 1)); // same or lower layer: allowed
        const int toModule = int(rng.bounded(kModulesPerLayer));
        const int toIndex = int(rng.bounded(kFilesPerModule / 2));
        out += "#include \"" + moduleName(toLayer, toModule).toUtf8() + "/f" + QByteArray::number(toIndex) +
                ".h\"\n";
    }
    out += "\nnamespace " + moduleName(layer, module).toUtf8() + " {\n\n";
    const int methods = 4 + int(rng.bounded(10));
    out += "class F" + QByteArray::number(index) + "\n{\npublic:\n";
    for (int m = 0; m < methods; ++m) {
        out += "    // Returns the value of item " + QByteArray::number(m) +
                "; the caller keeps ownership.\n";
        if (header)
            out += "    int value" + QByteArray::number(m) + "(const std::vector<int> &items) const;\n";
        else
            out += "    int value" + QByteArray::number(m) +
                    "(const std::vector<int> &items) const\n    {\n"
                    "        int sum = 0;\n        for (int v : items)\n            sum += v * " +
                    QByteArray::number(m + 1) +
                    ";\n"
                    "        return sum;\n    }\n";
    }
    out += "\nprivate:\n    std::string m_name = \"f" + QByteArray::number(index) +
            "\";\n};\n\n} // namespace\n";
    return out;
}

// CPU time (user + system, all threads) used so far by this process or by its finished children, in ms:
// a steadier figure than wall time on a machine shared with other work.
qint64 cpuMs(int who)
{
    struct rusage u;
    getrusage(who, &u);
    return (qint64(u.ru_utime.tv_sec) + u.ru_stime.tv_sec) * 1000 +
            (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000;
}

qint64 median(QList<qint64> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString rg = QStandardPaths::findExecutable(QStringLiteral("rg"));
    if (rg.isEmpty()) {
        std::fprintf(stderr,
                     "bench_check: ripgrep (rg) is required as the reference; install the Debian package "
                     "ripgrep\n");
        return 2;
    }
    QTemporaryDir dir;
    const QString root = dir.path();
    QRandomGenerator rng(42);
    int files = 0;
    qint64 bytes = 0;
    for (int l = 0; l < kLayers; ++l)
        for (int m = 0; m < kModulesPerLayer; ++m) {
            QDir().mkpath(root + QStringLiteral("/src/") + moduleName(l, m));
            for (int i = 0; i < kFilesPerModule / 2; ++i)
                for (bool header : {true, false}) {
                    QFile f(root +
                            QStringLiteral("/src/%1/f%2.%3")
                                    .arg(moduleName(l, m))
                                    .arg(i)
                                    .arg(header ? QStringLiteral("h") : QStringLiteral("cpp")));
                    if (!f.open(QIODevice::WriteOnly))
                        return 2;
                    const QByteArray text = fileText(l, m, i, header, rng);
                    f.write(text);
                    bytes += text.size();
                    ++files;
                }
        }
    // rules: one layer per generated layer, each allowed to use the layers below it
    QByteArray rules = "{\n  \"layers\": [\n";
    for (int l = 0; l < kLayers; ++l) {
        QByteArray allow;
        for (int k = 0; k < l; ++k)
            allow += (k ? ", \"L" : "\"L") + QByteArray::number(k) + "\"";
        rules += "    {\"name\": \"L" + QByteArray::number(l) + "\", \"paths\": [\"src/l" +
                QByteArray::number(l) + "m*/**\"], \"allow\": [" + allow + "]}";
        rules += l + 1 < kLayers ? ",\n" : "\n";
    }
    rules += "  ],\n  \"limits\": [{\"id\": \"max-lines\", \"paths\": [\"src/**\"], \"max_lines\": 1000, "
             "\"message\": \"Split it.\"}],\n"
             "  \"forbidden\": [{\"id\": \"no-printf\", \"paths\": [\"src/**\"], \"pattern\": "
             "\"\\\\bprintf\\\\s*\\\\(\", \"message\": \"Use the logger.\"}]\n}\n";
    QDir().mkpath(root + QStringLiteral("/.harness"));
    QFile rf(root + QStringLiteral("/.harness/rules.json"));
    if (!rf.open(QIODevice::WriteOnly))
        return 2;
    rf.write(rules);
    rf.close();
    std::printf("bench_check: generated %d C++ files (%.1f MB) with ~%d includes each in %s\n", files,
                double(bytes) / 1e6, 9, qPrintable(root));

    constexpr int kRounds = 5;
    QList<qint64> checkTimes, rgTimes, checkCpu, rgCpu;
    int exitCode = -1;
    qint64 rgLines = 0;
    for (int round = 0; round <= kRounds; ++round) { // round 0 warms the page cache for both
        QString out, err;
        QTextStream o(&out), e(&err);
        QElapsedTimer t;
        const qint64 cpu0 = cpuMs(RUSAGE_SELF);
        t.start();
        exitCode = harness::runCheckCommand({root, QStringLiteral("--format"), QStringLiteral("json")}, o, e);
        const qint64 checkMs = t.elapsed();
        const qint64 checkCpuMs = cpuMs(RUSAGE_SELF) - cpu0;
        if (exitCode != 0) {
            std::fprintf(
                    stderr,
                    "bench_check: the generated tree should be clean; harness check said (exit %d):\n%s%s\n",
                    exitCode, qPrintable(out.left(2000)), qPrintable(err));
            return 1;
        }
        QProcess p;
        const qint64 child0 = cpuMs(RUSAGE_CHILDREN);
        t.restart();
        p.start(rg, {QStringLiteral("#include"), root});
        p.waitForFinished(120000);
        const QByteArray rgOut = p.readAllStandardOutput();
        const qint64 rgMs = t.elapsed();
        const qint64 rgCpuMs = cpuMs(RUSAGE_CHILDREN) - child0;
        rgLines = rgOut.count('\n');
        if (round > 0) {
            checkTimes.append(checkMs);
            rgTimes.append(rgMs);
            checkCpu.append(checkCpuMs);
            rgCpu.append(rgCpuMs);
        }
    }
    const qint64 c = median(checkTimes);
    const qint64 r = median(rgTimes);
    std::printf("harness check (layers, limits, forbidden pattern, secrets; %d files): median %lld ms over "
                "%d runs\n",
                files, qint64(c), kRounds);
    std::printf("rg '#include' (%lld matching lines):                               median %lld ms over %d "
                "runs\n",
                rgLines, qint64(r), kRounds);
    std::printf("ratio harness check / rg: %.2f (target <= 2)\n", r > 0 ? double(c) / double(r) : 0.0);
    const qint64 cc = median(checkCpu), rc = median(rgCpu);
    std::printf("CPU time (user + system): harness check %lld ms, rg %lld ms, ratio %.2f\n", qint64(cc),
                qint64(rc), rc > 0 ? double(cc) / double(rc) : 0.0);
    return 0;
}
