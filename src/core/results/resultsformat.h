#pragma once

#include "core/results/requestresult.h"

#include <QByteArray>

#include <functional>

class QIODevice;

// The joined rows as records, for `batchwatch results` and the Results view's export. JSONL records are
// {"custom_id", "outcome": "ok"|"failed"|"not_run", "status_code", "error": {"code", "message"} | null,
// "usage": {"input_tokens", "output_tokens"} | null}; CSV has the same columns flattened
// (custom_id,outcome,status_code,error_code,error_message,input_tokens,output_tokens), RFC 4180, with
// formula-looking cells defused as the batch export does.
namespace ResultsFormat {
enum class Format { Csv, Jsonl };

QString outcomeWord(RequestOutcome outcome); // "ok", "failed", "not_run"
QByteArray csvHeader();
QByteArray csvRecord(const RequestResult &row);
QByteArray jsonlRecord(const RequestResult &row);

// Writes the header (CSV) and the rows `include` accepts (all when empty), in the set's order; false with
// `error` when the device refuses a write.
[[nodiscard]] bool write(QIODevice *out, Format format, const ResultSet &set,
                         const std::function<bool(const RequestResult &)> &include, QString *error);
} // namespace ResultsFormat
