#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <initializer_list>

// Batch files written for the results tests: lines joined with '\n' (and one after the last, unless told).
inline QByteArray jsonLines(std::initializer_list<QByteArray> lines, bool finalNewline = true)
{
    QByteArray out;
    for (const QByteArray &line : lines)
        out += line + '\n';
    if (!finalNewline && !out.isEmpty())
        out.chop(1);
    return out;
}

inline QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        return QString();
    return path;
}

// One OpenAI-shaped request line and its output line.
inline QByteArray openAiRequest(const QByteArray &id, const QByteArray &model = "gpt-4o-mini")
{
    return "{\"custom_id\":\"" + id +
           "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{\"model\":\"" + model +
           "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}";
}

inline QByteArray openAiOutput(const QByteArray &id, int status, const QByteArray &body)
{
    return "{\"id\":\"batch_req_" + id + "\",\"custom_id\":\"" + id +
           "\",\"response\":{\"status_code\":" + QByteArray::number(status) + ",\"request_id\":\"req_" + id +
           "\",\"body\":" + body + "},\"error\":null}";
}

inline QByteArray chatAnswer(const QByteArray &text, int in, int out)
{
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{"
           "\"role\":"
           "\"assistant\",\"content\":\"" +
           text + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + QByteArray::number(in) +
           ",\"completion_tokens\":" + QByteArray::number(out) +
           ",\"total_tokens\":" + QByteArray::number(in + out) + "}}";
}

inline QByteArray openAiBodyError(const QByteArray &code, const QByteArray &message)
{
    return "{\"error\":{\"message\":\"" + message +
           "\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"" + code + "\"}}";
}

inline QByteArray openAiErrorLine(const QByteArray &id, const QByteArray &code, const QByteArray &message)
{
    return "{\"id\":\"batch_req_" + id + "\",\"custom_id\":\"" + id +
           "\",\"response\":null,\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
}
