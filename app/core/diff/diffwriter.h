// DiffWriter: writes a Diff back as git's patch text (the format diffparser.h describes), so that a model
// read from canonical `git diff` output is written byte for byte as git wrote it, and any model reads back
// to itself.
#pragma once

#include "core/diff/diff.h"

namespace harness {

class DiffWriter
{
public:
    static QByteArray write(const Diff &diff);
};

} // namespace harness
