#pragma once

#include "sim/simrequestplan.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>

// What validation makes of an uploaded input file: its requests' ids and models, or the first reason the
// batch fails validation, with its line (1-based), as the API reports it in the batch's `errors`.
struct SimInputFile
{
    std::shared_ptr<SimRequestIds> requests = std::make_shared<SimRequestIds>();
    QString model; // the first request's
    QString failureCode;
    QString failureMessage;
    std::optional<qint64> failureLine;

    bool failed() const { return !failureCode.isEmpty(); }
    qint64 count() const { return requests->customIds.size(); }

    // OpenAI's and Azure's lines: {custom_id, method, url, body{model}}, every url the batch's `endpoint`.
    static SimInputFile readOpenAi(const QByteArray &content, const QString &endpoint);
    // Gemini's lines: {key, request}; `model` is the batch's (the lines do not name one).
    static SimInputFile readGemini(const QByteArray &content, const QString &model);
};
