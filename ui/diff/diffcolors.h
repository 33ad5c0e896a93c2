// DiffColors: the colours the diff views paint with, for a light or a dark palette.
#pragma once

#include <QColor>
#include <QPalette>

namespace harness::ui {

struct DiffColors
{
    QColor text, dimText, gutter, gutterText, added, removed, addedWord, removedWord, fileHeader, hunkHeader,
            fold, comment, current, border;
    bool dark = false;

    static DiffColors forPalette(const QPalette &palette);
};

} // namespace harness::ui
