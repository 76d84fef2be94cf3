#include "testbatches.h"

#include "core/json/batchparser.h"

#include <QJsonArray>
#include <QTest>

TestBatch::TestBatch(const QString &id, const QString &status, qint64 createdAt)
    : m_json{{QStringLiteral("id"), id},
             {QStringLiteral("status"), status},
             {QStringLiteral("created_at"), createdAt}}
{
}

TestBatch &TestBatch::with(const QString &key, const QJsonValue &value)
{
    m_json.insert(key, value);
    return *this;
}

TestBatch &TestBatch::counts(qint64 total, qint64 completed, qint64 failed)
{
    return with(QStringLiteral("request_counts"), QJsonObject{{QStringLiteral("total"), total},
                                                              {QStringLiteral("completed"), completed},
                                                              {QStringLiteral("failed"), failed}});
}

TestBatch &TestBatch::tokens(qint64 total)
{
    return with(QStringLiteral("usage"), QJsonObject{{QStringLiteral("total_tokens"), total}});
}

TestBatch &TestBatch::metadata(const QString &key, const QString &value)
{
    QJsonObject metadata = m_json.value(QStringLiteral("metadata")).toObject();
    metadata.insert(key, value);
    return with(QStringLiteral("metadata"), metadata);
}

TestBatch &TestBatch::error(const QString &code, const QString &message)
{
    QJsonObject errors = m_json.value(QStringLiteral("errors")).toObject();
    QJsonArray data = errors.value(QStringLiteral("data")).toArray();
    data.append(QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}});
    errors.insert(QStringLiteral("data"), data);
    return with(QStringLiteral("errors"), errors);
}

Batch TestBatch::build() const
{
    Parsed<Batch> parsed = BatchParser::parseBatch(m_json);
    if (!parsed.ok())
        QTest::qFail(qPrintable(QStringLiteral("test batch does not parse: ") + parsed.error), __FILE__,
                     __LINE__);
    return std::move(parsed.value);
}

QString TestBatch::numberedId(int n)
{
    return QStringLiteral("batch_%1").arg(n, 5, 10, QChar(u'0'));
}
