// RecentRepositories: the most recently opened repositories, most recent first, kept in QSettings.
#pragma once

#include <QStringList>

namespace harness::ui {

class RecentRepositories
{
public:
    static constexpr int kMaximum = 10;

    static QStringList list(); // existing directories only
    static void add(const QString &path); // moves it to the front
    static void remove(const QString &path);
    static QString last(); // the repository open when the workbench last closed
    static void setLast(const QString &path);
};

} // namespace harness::ui
