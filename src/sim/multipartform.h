#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

// The parts of a multipart/form-data body (RFC 7578), enough for `POST /files`; also multipart/related (RFC
// 2387, Google's multipart upload), whose parts are named by their place: "0", "1", ...
class MultipartForm
{
public:
    static MultipartForm parse(const QByteArray &contentType, const QByteArray &body);

    bool isValid() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    QByteArray value(const QByteArray &name) const { return m_values.value(name); }
    bool hasFile(const QByteArray &name) const { return m_fileNames.contains(name); }
    QString fileName(const QByteArray &name) const { return m_fileNames.value(name); }

private:
    QString m_error;
    QHash<QByteArray, QByteArray> m_values;
    QHash<QByteArray, QString> m_fileNames;
};
