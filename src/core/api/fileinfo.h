#pragma once

#include <QString>

#include <optional>

// A file's metadata as the provider describes it (OpenAI's and Azure's `GET /files/{id}`, Gemini's
// `GET /v1beta/files/{name}`), read by the account's adapter so widgets never parse it.
struct FileInfo
{
    QString id;
    QString filename;                // the server's name for it: shown, never used as a path as it stands
    qint64 bytes = -1;               // -1: not said
    std::optional<qint64> createdAt; // Unix seconds
    std::optional<qint64> expiresAt; // Unix seconds; absent: no expiry said
    QString purpose;                 // OpenAI's purpose, Gemini's mime type
};
