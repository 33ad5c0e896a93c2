// DiffDocument: how the Diff view holds the one diff model (core/diff/diff.h), shared and read-only
// between the loader's worker thread and the views, and the words it shows for a file's status.
#pragma once

#include "core/diff/diff.h"

#include <memory>

namespace harness::ui {

using DiffDocumentPtr = std::shared_ptr<const Diff>;

// Translated: "added", "renamed (92%)", "binary", "mode 100644 → 100755".
QString fileStatusText(const DiffFile &file);

} // namespace harness::ui
