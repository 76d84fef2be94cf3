#pragma once

#include "core/results/requestresult.h"

#include <optional>

class QIODevice;

// The input lines of the requests to run again, byte for byte as they were uploaded, in input order.
namespace RetryLines {
// The metadata key a retry carries, naming the batch it retries: the detail pane links both ways from it.
inline constexpr char kRetryOfKey[] = "batchwatch_retry_of";

struct Selection
{
    bool failed = true;
    bool notRun = true;
    int group = -1; // >= 0: only the failures of this error group
};
bool includes(const Selection &selection, const RequestResult &row);

struct Written
{
    qint64 lines = 0;
    qint64 bytes = 0;
    qint64 estimatedInputTokens = 0; // Preflight::estimateTokens over the lines
};

// Copies the selected requests' input lines from set.files.input to `out`, each ending in one '\n'. nullopt
// with `error` when the input file is missing or changed (a line no longer reads as its request), or a write
// fails. Nothing selected writes nothing and is not an error.
[[nodiscard]] std::optional<Written> write(const ResultSet &set, const Selection &selection, QIODevice *out,
                                           QString *error);
} // namespace RetryLines
