#pragma once

#include <QMap>
#include <QString>

// A batch to create from requests the provider already holds (an uploaded file's id), or, for a provider that
// takes requests in the create call (Anthropic), from the JSONL file at `requestsPath`.
struct BatchCreateSpec
{
    QString inputFileId;
    QString requestsPath;
    QString endpoint;
    QString model; // Gemini: the model that runs the batch (its create names it in the path); else unused
    QString completionWindow = QStringLiteral("24h");
    QMap<QString, QString> metadata;
};
