#pragma once

#include <QByteArray>
#include <QString>

// The JSONL a batch's output or error file holds, in the contract's line format.
namespace SimFileContent {
// `count` lines for requests first..first+count-1 of `batchId`; `errors` picks the error file's shapes.
// Lines come out of order, as the real API's do, so readers must match on custom_id.
QByteArray generate(const QString &batchId, const QString &model, qint64 first, qint64 count, bool errors);
// The input file a batch was created from: `count` request lines for `endpoint`.
QByteArray generateInput(const QString &endpoint, const QString &model, qint64 count);
} // namespace SimFileContent
