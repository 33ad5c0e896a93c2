// Test API keys: each carries a canary marker that tests/leak-check.sh searches for in every database,
// settings file and log after the suite. The marker is assembled at run time, so the test binaries
// themselves do not contain it and the search can cover the whole build and scratch directories.
#pragma once

#include <QByteArray>
#include <QRandomGenerator>
#include <QString>

inline QString leakCanaryMarker()
{
    return QString::fromLatin1(QByteArray::fromHex("68776c65616b63616e617279"));
}

inline QString testKey(const QString &tag)
{
    return QStringLiteral("sk-%1-%2-%3")
            .arg(leakCanaryMarker(), tag, QString::number(QRandomGenerator::global()->generate64(), 16));
}
