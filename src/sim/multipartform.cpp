#include "sim/multipartform.h"

namespace {
// The value of `key=` in a header such as `form-data; name="file"; filename="a.jsonl"`.
QByteArray parameter(const QByteArray &header, const QByteArray &key)
{
    for (QByteArray part : header.split(';')) {
        part = part.trimmed();
        if (!part.toLower().startsWith(QByteArray(key + '=')))
            continue;
        QByteArray value = part.mid(key.size() + 1).trimmed();
        if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
            value = value.mid(1, value.size() - 2);
        return value;
    }
    return {};
}
} // namespace

MultipartForm MultipartForm::parse(const QByteArray &contentType, const QByteArray &body)
{
    MultipartForm form;
    const bool related = contentType.toLower().startsWith("multipart/related");
    if (!related && !contentType.toLower().startsWith("multipart/form-data")) {
        form.m_error = QStringLiteral("content type is \"%1\"").arg(QString::fromLatin1(contentType));
        return form;
    }
    const QByteArray boundary = parameter(contentType, "boundary");
    if (boundary.isEmpty()) {
        form.m_error = QStringLiteral("no boundary in the content type");
        return form;
    }
    const QByteArray delimiter = "--" + boundary;
    qsizetype pos = body.indexOf(delimiter);
    int index = 0;
    while (pos >= 0) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return form; // closing delimiter
        const qsizetype headersStart = body.indexOf("\r\n", pos) + 2;
        const qsizetype headersEnd = body.indexOf("\r\n\r\n", headersStart);
        const qsizetype next = body.indexOf(QByteArray("\r\n" + delimiter), headersEnd);
        if (headersStart < 2 || headersEnd < 0 || next < 0)
            break;
        QByteArray disposition;
        for (const QByteArray &line : body.mid(headersStart, headersEnd - headersStart).split('\n')) {
            if (line.toLower().startsWith("content-disposition:"))
                disposition = line.mid(20).trimmed();
        }
        // multipart/related parts have no names: they are known by their place ("0", "1", ...).
        const QByteArray name = related ? QByteArray::number(index++) : parameter(disposition, "name");
        const qsizetype contentStart = headersEnd + 4;
        form.m_values.insert(name, body.mid(contentStart, next - contentStart));
        if (disposition.contains("filename="))
            form.m_fileNames.insert(name, QString::fromUtf8(parameter(disposition, "filename")));
        pos = next + 2;
    }
    form.m_error = QStringLiteral("the body ends before the closing boundary");
    return form;
}
