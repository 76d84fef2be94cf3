#pragma once

#include "sim/simrequestplan.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <memory>
#include <optional>

struct SimBatch;

// What validation makes of an uploaded input file: its requests' ids and models, or why the batch fails
// validation: the first problems (up to kMaxProblems), each with its line (1-based), as the API lists them in
// the batch's `errors`.
struct SimInputFile
{
    struct Problem
    {
        QString code;
        QString message;
        qint64 line = 0;
    };
    static constexpr int kMaxProblems = 10;

    std::shared_ptr<SimRequestIds> requests = std::make_shared<SimRequestIds>();
    QString model;       // the first request's
    QString failureCode; // the first problem's
    QString failureMessage;
    std::optional<qint64> failureLine;
    QVector<Problem> problems;

    bool failed() const { return !failureCode.isEmpty(); }
    qint64 count() const { return requests->customIds.size(); }

    // Gives `batch` its model and requests, or its validation failure (status failed, the problems as
    // errors).
    void applyTo(SimBatch &batch) const;

    // OpenAI's and Azure's lines: {custom_id, method, url, body{model}}, every url the batch's `endpoint`.
    static SimInputFile readOpenAi(const QByteArray &content, const QString &endpoint);
    // Gemini's lines: {key, request}; `model` is the batch's (the lines do not name one).
    static SimInputFile readGemini(const QByteArray &content, const QString &model);
};
