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

// Rows for results whose custom_id the input lacks (all rows when there is no input file, as for Anthropic)
// are capped: at most the input's requests + kExtraRowsMargin, never more than kMaxExtraRows. The rest are
// dropped with one warning saying how many: a hostile file of millions of lines must not grow the rows.
inline constexpr qint64 kExtraRowsMargin = 1000;
inline constexpr qint64 kMaxExtraRows = 200'000;

// The joined rows, with groups built (ErrorGroups::build). Fails when a file that is named cannot be read, or
// when cancelled (error "cancelled"); a line that does not read is a warning and the rest goes on.
[[nodiscard]] Parsed<ResultSet> read(Provider provider, const ResultFiles &files,
                                     const Progress &progress = Progress());

// The bytes of `line` in the file at `path`, exactly as written (empty when the file is gone or shorter).
QByteArray readLine(const QString &path, const LineRef &line);
} // namespace ResultsReader
