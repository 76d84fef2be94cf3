#pragma once

#include "core/json/batchparser.h"
#include "core/results/requestresult.h"

#include <functional>

// Reads a batch's input, output and error files as its provider writes them (through the provider's adapter:
// OpenAI's and Azure's output and error files, Anthropic's results, Gemini's responses file) and joins them
// by custom_id (Gemini: key). Streams the files line by line; memory grows with the number of requests, not
// with the size of their bodies. Safe to run in a worker thread: it touches no QObject.
namespace ResultsReader {
// Called now and then with the bytes read so far over all files; returning false cancels the read.
using Progress = std::function<bool(qint64 bytesDone, qint64 bytesTotal)>;

// The joined rows, with groups built (ErrorGroups::build). Fails when a file that is named cannot be read, or
// when cancelled (error "cancelled"); a line that does not read is a warning and the rest goes on.
[[nodiscard]] Parsed<ResultSet> read(Provider provider, const ResultFiles &files,
                                     const Progress &progress = Progress());

// The bytes of `line` in the file at `path`, exactly as written (empty when the file is gone or shorter).
QByteArray readLine(const QString &path, const LineRef &line);
} // namespace ResultsReader
