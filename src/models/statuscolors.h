#pragma once

#include "core/batch/batchstatus.h"

#include <QColor>

// The one table of status colours, for light and dark palettes. Drawn from the Okabe-Ito set so that the
// statuses stay apart for colour-blind users; the status text is always shown beside the colour too.
namespace StatusColors {
QColor color(const BatchStatus &status, bool dark);
// The colours the progress bar paints its completed and failed shares with.
QColor completedShare(bool dark);
QColor failedShare(bool dark);
} // namespace StatusColors
