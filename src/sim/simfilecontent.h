#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

struct SimBatch;

// The JSONL of a batch's files in OpenAI's line format, made on demand from its plan (SimRequestPlan): the
// output holds the requests that succeeded and some that failed with a non-2xx status, the error file the
// other failures, both in the order the requests ran (not input order), with the batch's custom_ids.
namespace SimFileContent {
QByteArray output(const SimBatch &batch, qint64 at);
QByteArray errors(const SimBatch &batch, qint64 at);
// The input file of a generated batch: one request line per request, in input order.
QByteArray input(const SimBatch &batch);
// The body a successful request of `endpoint` answers with (chat completion, response, embedding).
QJsonObject answerBody(const SimBatch &batch, qint64 request);
} // namespace SimFileContent
