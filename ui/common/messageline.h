// showMessageLine: a view's one-line answer to what the person just did — green when it worked, red with
// what to do when it did not (the label's "error" property says which, for tests and styles).
#pragma once

class QLabel;
class QString;

namespace harness::ui {

void showMessageLine(QLabel *label, const QString &text, bool error);

} // namespace harness::ui
