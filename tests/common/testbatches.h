#pragma once

#include "core/batch/batch.h"

#include <QJsonObject>
#include <QString>

// Batches for tests, built as the server sends them (a JSON object read by BatchParser), so every field is
// filled the way the application fills it. One builder for every test instead of a helper per test.
class TestBatch
{
public:
    static constexpr qint64 kCreatedAt = 1'764'000'000;

    TestBatch(const QString &id, const QString &status, qint64 createdAt = kCreatedAt);

    // Any field of the batch object, as the API names it.
    TestBatch &with(const QString &key, const QJsonValue &value);
    TestBatch &counts(qint64 total, qint64 completed, qint64 failed);
    TestBatch &tokens(qint64 total);
    TestBatch &metadata(const QString &key, const QString &value);
    TestBatch &error(const QString &code, const QString &message);

    const QJsonObject &json() const { return m_json; }
    // Fails the current test (QVERIFY) when the object does not parse.
    Batch build() const;
    operator Batch() const { return build(); }

    // "batch_00042": ids that sort as their numbers do.
    static QString numberedId(int n);

private:
    QJsonObject m_json;
};
