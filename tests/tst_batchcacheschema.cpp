// The cache's schema 5: the columns other parts read without parsing JSON (status, created_at, model,
// tokens), filled on every write path and by the migration of an older file.
#include "core/cache/batchcache.h"
#include "core/cache/batchcachewalkwriter.h"
#include "core/providers/provideradapter.h"
#include "testbatches.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {
// The columns of one row as SQL sees them; a NULL stays an invalid QVariant.
struct Row
{
    QVariant status, createdAt, model, input, cached, output, total;
};

QHash<QString, Row> columns(const QString &file)
{
    QHash<QString, Row> rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("direct"));
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT id, status, created_at, model, input_tokens, cached_tokens, "
                                      "output_tokens, total_tokens FROM batches"))) {
                while (q.next()) {
                    const auto value = [&](int i) { return q.isNull(i) ? QVariant() : q.value(i); };
                    rows.insert(q.value(0).toString(),
                                Row{value(1), value(2), value(3), value(4), value(5), value(6), value(7)});
                }
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    return rows;
}

QJsonObject usage(qint64 input, qint64 cached, qint64 output)
{
    return {{QStringLiteral("input_tokens"), input},
            {QStringLiteral("input_tokens_details"), QJsonObject{{QStringLiteral("cached_tokens"), cached}}},
            {QStringLiteral("output_tokens"), output},
            {QStringLiteral("total_tokens"), input + output}};
}

Batch withUsage(const QString &id, const QString &status, qint64 createdAt, qint64 input)
{
    return TestBatch(id, status, createdAt)
        .with(QStringLiteral("model"), QStringLiteral("gpt-4o-mini"))
        .with(QStringLiteral("usage"), usage(input, input / 4, input / 2));
}

Batch withoutUsage(const QString &id, const QString &status, qint64 createdAt)
{
    return TestBatch(id, status, createdAt).with(QStringLiteral("model"), QStringLiteral("gpt-4.1"));
}

void expectUsage(const Row &row, const QString &status, qint64 createdAt, qint64 input)
{
    QCOMPARE(row.status.toString(), status);
    QCOMPARE(row.createdAt.toLongLong(), createdAt);
    QCOMPARE(row.model.toString(), QStringLiteral("gpt-4o-mini"));
    QCOMPARE(row.input.toLongLong(), input);
    QCOMPARE(row.cached.toLongLong(), input / 4);
    QCOMPARE(row.output.toLongLong(), input / 2);
    QCOMPARE(row.total.toLongLong(), input + input / 2);
}

void expectNoUsage(const Row &row, const QString &status, qint64 createdAt)
{
    QCOMPARE(row.status.toString(), status);
    QCOMPARE(row.createdAt.toLongLong(), createdAt);
    QCOMPARE(row.model.toString(), QStringLiteral("gpt-4.1"));
    QVERIFY(!row.input.isValid());
    QVERIFY(!row.cached.isValid());
    QVERIFY(!row.output.isValid());
    QVERIFY(!row.total.isValid());
}

bool exec(const QString &file, const QString &statement)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("direct"));
        db.setDatabaseName(file);
        ok = db.open() && QSqlQuery(db).exec(statement);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    return ok;
}

QVariant scalar(const QString &file, const QString &statement)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("direct"));
        db.setDatabaseName(file);
        QSqlQuery q(db);
        if (db.open() && q.exec(statement) && q.next())
            value = q.value(0);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("direct"));
    return value;
}

// Exactly what version 4 created, with `rows` JSON objects in rank order.
bool makeVersionFour(const QString &file, const QList<QByteArray> &rows,
                     const QString &provider = QStringLiteral("openai"))
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v4"));
        db.setDatabaseName(file);
        ok = db.open();
        QSqlQuery q(db);
        const QStringList statements = {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE batches (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, json BLOB NOT "
                           "NULL)"),
            QStringLiteral("CREATE INDEX batches_rank ON batches(rank)"),
            QStringLiteral("CREATE TABLE observations (batch_id TEXT NOT NULL, observed_at INTEGER NOT NULL, "
                           "completed INTEGER NOT NULL, failed INTEGER NOT NULL, total INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX observations_batch ON observations(batch_id, observed_at)"),
            QStringLiteral("INSERT INTO meta VALUES ('schema_version', '4'), ('complete', '1'), "
                           "('provider', '%2'), ('rows', '%1')")
                .arg(rows.size())
                .arg(provider),
        };
        for (const QString &statement : statements)
            ok = ok && q.exec(statement);
        q.prepare(QStringLiteral("INSERT INTO batches(id, rank, json) VALUES (?, ?, ?)"));
        for (qsizetype i = 0; ok && i < rows.size(); ++i) {
            q.addBindValue(QStringLiteral("r%1").arg(i)); // the id column; the JSON's own id is what reads
            q.addBindValue(i);
            q.addBindValue(rows[i]);
            ok = q.exec();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v4"));
    return ok;
}
// An Anthropic batch whose processing_status is a word its adapter does not know: unknown, even though
// OpenAI spells a terminal status so.
QByteArray anthropicJson(const QString &id, const QString &processingStatus)
{
    return QStringLiteral("{\"id\": \"%1\", \"type\": \"message_batch\", \"processing_status\": \"%2\", "
                          "\"created_at\": \"2026-01-01T00:00:00Z\"}")
        .arg(id, processingStatus)
        .toUtf8();
}

Batch anthropicBatch(const QString &id, const QString &processingStatus)
{
    Parsed<Batch> parsed =
        ProviderAdapter::of(Provider::Anthropic).parseBatch(anthropicJson(id, processingStatus));
    Q_ASSERT(parsed.ok());
    return parsed.value;
}

// Every row's plan status is unknown with its word kept, and its column cannot match a known word.
void expectUnknownEverywhere(const QString &file, int expected)
{
    {
        BatchCache cache;
        QString error;
        QVERIFY2(cache.open(file, Provider::Anthropic, &error, nullptr), qPrintable(error));
        BatchCache::ReadStatus status = BatchCache::ReadStatus::Failed;
        const std::vector<PlanRow> plan = cache.loadPlan(&error, &status);
        QCOMPARE(int(status), int(BatchCache::ReadStatus::Ok));
        QCOMPARE(int(plan.size()), expected);
        for (const PlanRow &row : plan) {
            QCOMPARE(row.status.value(), BatchStatus::Unknown);
            QVERIFY(!row.status.isTerminal());
            QCOMPARE(row.status.toString(), QStringLiteral("completed"));
        }
    }
    const QHash<QString, Row> rows = columns(file);
    QCOMPARE(rows.size(), expected);
    for (const Row &row : rows) {
        const QString text = row.status.toString();
        QVERIFY2(!QStringList({QStringLiteral("completed"), QStringLiteral("failed"),
                               QStringLiteral("expired"), QStringLiteral("cancelled")})
                      .contains(text),
                 qPrintable(text));
    }
}
} // namespace

class TestBatchCacheSchema : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString path(const QString &name) const { return m_dir.filePath(name + QStringLiteral(".sqlite")); }

private Q_SLOTS:
    void aVersionFourFileIsMigratedWithTheColumnsFilled()
    {
        const QString file = path(QStringLiteral("v4"));
        QVERIFY(makeVersionFour(
            file, {withUsage(QStringLiteral("a"), QStringLiteral("completed"), 300, 1000).json,
                   withoutUsage(QStringLiteral("b"), QStringLiteral("in_progress"), 200).json}));
        BatchCache cache;
        QString error, warning;
        QVERIFY2(cache.open(file, &error, &warning), qPrintable(error));
        QVERIFY2(warning.isEmpty(), qPrintable(warning)); // migrated in place
        QVERIFY(cache.isComplete());
        QCOMPARE(cache.load().size(), size_t(2));
        const QHash<QString, Row> rows = columns(file);
        QCOMPARE(rows.size(), 2);
        expectUsage(rows.value(QStringLiteral("r0")), QStringLiteral("completed"), 300, 1000);
        expectNoUsage(rows.value(QStringLiteral("r1")), QStringLiteral("in_progress"), 200);
    }

    void aVersionFourRowThatDoesNotParseMakesTheFileDamaged()
    {
        const QString file = path(QStringLiteral("v4bad"));
        QVERIFY(
            makeVersionFour(file, {withUsage(QStringLiteral("a"), QStringLiteral("completed"), 300, 10).json,
                                   QByteArrayLiteral("{\"id\": 12, \"status\": [")}));
        BatchCache cache;
        QString error, warning;
        QVERIFY2(cache.open(file, &error, &warning), qPrintable(error));
        QVERIFY2(!warning.isEmpty(), "a row that does not parse moves the file aside");
        QVERIFY(cache.load().empty());
    }

    void anUnknownStatusNeverReadsBackAsATerminalOne()
    {
        const QString file = path(QStringLiteral("unknown"));
        {
            BatchCache cache;
            QString error;
            QVERIFY(cache.open(file, Provider::Anthropic, &error, nullptr));
            const Batch first = anthropicBatch(QStringLiteral("msgbatch_a"), QStringLiteral("completed"));
            QCOMPARE(first.status.value(), BatchStatus::Unknown);
            QVERIFY2(cache.replaceAll({first}, true, &error), qPrintable(error));
            QVERIFY2(cache.store({anthropicBatch(QStringLiteral("msgbatch_b"), QStringLiteral("completed"))},
                                 {}, &error),
                     qPrintable(error));
            QVERIFY2(cache.append({anthropicBatch(QStringLiteral("msgbatch_c"), QStringLiteral("completed"))},
                                  &error),
                     qPrintable(error));
            QVERIFY2(cache.writeWalkPage(
                         {anthropicBatch(QStringLiteral("msgbatch_d"), QStringLiteral("completed"))},
                         cache.beginWalk(), &error),
                     qPrintable(error));
        }
        expectUnknownEverywhere(file, 4);

        // The migration writes it the same way.
        const QString v4 = path(QStringLiteral("unknownv4"));
        QVERIFY(makeVersionFour(v4,
                                {anthropicJson(QStringLiteral("msgbatch_e"), QStringLiteral("completed")),
                                 anthropicJson(QStringLiteral("msgbatch_f"), QStringLiteral("completed"))},
                                QStringLiteral("anthropic")));
        expectUnknownEverywhere(v4, 2);
    }

    void aMigrationThatFailsForAnotherReasonLeavesTheFileAsItWas()
    {
        const QString file = path(QStringLiteral("v4full"));
        QVERIFY(makeVersionFour(
            file, {withUsage(QStringLiteral("a"), QStringLiteral("completed"), 300, 1000).json,
                   withoutUsage(QStringLiteral("b"), QStringLiteral("in_progress"), 200).json}));
        // The migration's row updates fail as on a full disk: an SQL error that says nothing of the file.
        QVERIFY(exec(file, QStringLiteral("CREATE TRIGGER full BEFORE UPDATE ON batches BEGIN SELECT "
                                          "RAISE(ABORT, 'database or disk is full'); END")));
        {
            BatchCache cache;
            QString error, warning;
            QVERIFY(!cache.open(file, &error, &warning)); // the run goes on without the cache
            QVERIFY2(warning.isEmpty(), qPrintable(warning));
            QVERIFY2(error.contains(QStringLiteral("disk is full")), qPrintable(error));
        }
        QVERIFY(QFile::exists(file));
        QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral("v4full.sqlite.broken-*")}).isEmpty());
        // Rolled back: still version 4, without the new columns, its rows kept.
        QCOMPARE(
            scalar(file, QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")).toString(),
            QStringLiteral("4"));
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('batches') WHERE name = "
                                             "'status'"))
                     .toInt(),
                 0);
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM batches")).toInt(), 2);
        // Tried again at the next open, once the disk has room.
        QVERIFY(exec(file, QStringLiteral("DROP TRIGGER full")));
        BatchCache cache;
        QString error, warning;
        QVERIFY2(cache.open(file, &error, &warning), qPrintable(error));
        QVERIFY2(warning.isEmpty(), qPrintable(warning));
        QCOMPARE(cache.load().size(), size_t(2));
        expectUsage(columns(file).value(QStringLiteral("r0")), QStringLiteral("completed"), 300, 1000);
    }

    void rowsAnOlderBatchwatchWroteAreRefilledAtOpen()
    {
        const QString file = path(QStringLiteral("olderwriter"));
        {
            BatchCache cache;
            QString error;
            QVERIFY(cache.open(file, &error));
            QVERIFY(cache.replaceAll({withUsage(QStringLiteral("a"), QStringLiteral("completed"), 300, 1000)},
                                     true, &error));
        }
        // An older Batchwatch that still had the file open writes its own columns only (and its count).
        const QByteArray json = withUsage(QStringLiteral("b"), QStringLiteral("in_progress"), 400, 20).json;
        QVERIFY(!json.contains('\''));
        QVERIFY(
            exec(file, QStringLiteral("INSERT OR REPLACE INTO batches(id, rank, json) VALUES ('b', -1, '%1')")
                           .arg(QString::fromUtf8(json))));
        QVERIFY(exec(file, QStringLiteral("UPDATE meta SET value = '2' WHERE key = 'rows'")));
        {
            BatchCache cache;
            QString error, warning;
            QVERIFY2(cache.open(file, &error, &warning), qPrintable(error));
            QVERIFY2(warning.isEmpty(), qPrintable(warning));
            BatchCache::ReadStatus status = BatchCache::ReadStatus::Failed;
            const std::vector<PlanRow> plan = cache.loadPlan(&error, &status);
            QVERIFY2(status == BatchCache::ReadStatus::Ok, qPrintable(error));
            QCOMPARE(plan.size(), size_t(2));
            QCOMPARE(plan[0].id, QStringLiteral("b"));
            QCOMPARE(plan[0].status.value(), BatchStatus::InProgress);
            QCOMPARE(plan[0].createdAt, 400);
        }
        expectUsage(columns(file).value(QStringLiteral("b")), QStringLiteral("in_progress"), 400, 20);
        QVERIFY(QDir(m_dir.path()).entryList({QStringLiteral("olderwriter.sqlite.broken-*")}).isEmpty());
        // Written while this one has the file open: the plan reads that row from its JSON.
        const QByteArray later = withoutUsage(QStringLiteral("c"), QStringLiteral("validating"), 500).json;
        {
            BatchCache cache;
            QString error;
            QVERIFY(cache.open(file, &error));
            QVERIFY(exec(file, QStringLiteral("INSERT INTO batches(id, rank, json) VALUES ('c', -2, '%1')")
                                   .arg(QString::fromUtf8(later))));
            QVERIFY(exec(file, QStringLiteral("UPDATE meta SET value = '3' WHERE key = 'rows'")));
            BatchCache::ReadStatus status = BatchCache::ReadStatus::Failed;
            const std::vector<PlanRow> plan = cache.loadPlan(&error, &status);
            QVERIFY2(status == BatchCache::ReadStatus::Ok, qPrintable(error));
            QCOMPARE(plan.size(), size_t(3));
            QCOMPARE(plan[0].id, QStringLiteral("c"));
            QCOMPARE(plan[0].status.value(), BatchStatus::Validating);
            QCOMPARE(plan[0].createdAt, 500);
        }
        // Found through the partial index of the rows that may change (a NULL status is one), not a scan.
        QCOMPARE(scalar(file, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = "
                                             "'batches_changing'"))
                     .toInt(),
                 1);
    }

    void everyWritePathFillsTheColumns()
    {
        const QString file = path(QStringLiteral("writes"));
        BatchCache cache;
        QString error;
        QVERIFY(cache.open(file, &error));
        QVERIFY2(cache.replaceAll({withUsage(QStringLiteral("all"), QStringLiteral("completed"), 100, 40)},
                                  true, &error),
                 qPrintable(error));
        QVERIFY2(cache.store({withoutUsage(QStringLiteral("new"), QStringLiteral("validating"), 500)},
                             {withUsage(QStringLiteral("all"), QStringLiteral("expired"), 100, 80)}, &error),
                 qPrintable(error));
        QVERIFY2(cache.append({withUsage(QStringLiteral("older"), QStringLiteral("failed"), 50, 8)}, &error),
                 qPrintable(error));
        QVERIFY2(
            cache.writeWalkPage({withUsage(QStringLiteral("walked"), QStringLiteral("cancelled"), 900, 12),
                                 withoutUsage(QStringLiteral("walked2"), QStringLiteral("finalizing"), 800)},
                                cache.beginWalk(), &error),
            qPrintable(error));
        QHash<QString, Row> rows = columns(file);
        QCOMPARE(rows.size(), 5);
        expectUsage(rows.value(QStringLiteral("all")), QStringLiteral("expired"), 100, 80);
        expectNoUsage(rows.value(QStringLiteral("new")), QStringLiteral("validating"), 500);
        expectUsage(rows.value(QStringLiteral("older")), QStringLiteral("failed"), 50, 8);
        expectUsage(rows.value(QStringLiteral("walked")), QStringLiteral("cancelled"), 900, 12);
        expectNoUsage(rows.value(QStringLiteral("walked2")), QStringLiteral("finalizing"), 800);

        // The walk writer on its own thread (the C API path of a cold export).
        {
            BatchCacheWalkWriter writer(file, Provider::OpenAI, cache.beginWalk());
            QSignalSpy finished(&writer, &BatchCacheWalkWriter::finished);
            writer.write({withUsage(QStringLiteral("thread"), QStringLiteral("in_progress"), 1000, 4),
                          withoutUsage(QStringLiteral("thread2"), QStringLiteral("completed"), 999)});
            writer.finish(true);
            QVERIFY(finished.wait(10'000));
            QCOMPARE(finished.constFirst().at(0).toString(), QString());
        }
        rows = columns(file);
        QCOMPARE(rows.size(), 2); // a complete walk drops what it did not see
        expectUsage(rows.value(QStringLiteral("thread")), QStringLiteral("in_progress"), 1000, 4);
        expectNoUsage(rows.value(QStringLiteral("thread2")), QStringLiteral("completed"), 999);
    }

    void anUpdateWithoutUsageClearsTheTokens()
    {
        const QString file = path(QStringLiteral("cleared"));
        BatchCache cache;
        QString error;
        QVERIFY(cache.open(file, &error));
        QVERIFY(cache.replaceAll({withUsage(QStringLiteral("a"), QStringLiteral("completed"), 100, 40)}, true,
                                 &error));
        QVERIFY(
            cache.store({}, {withoutUsage(QStringLiteral("a"), QStringLiteral("in_progress"), 100)}, &error));
        expectNoUsage(columns(file).value(QStringLiteral("a")), QStringLiteral("in_progress"), 100);
    }

    void thePlanIsReadFromTheColumnsWithTheCountChecked()
    {
        const QString file = path(QStringLiteral("plan"));
        {
            BatchCache cache;
            QString error;
            QVERIFY(cache.open(file, &error));
            QVERIFY(cache.replaceAll({withUsage(QStringLiteral("c"), QStringLiteral("in_progress"), 30, 1),
                                      withoutUsage(QStringLiteral("b"), QStringLiteral("completed"), 20),
                                      withoutUsage(QStringLiteral("a"), QStringLiteral("failed"), 10)},
                                     true, &error));
            BatchCache::ReadStatus status = BatchCache::ReadStatus::Failed;
            bool complete = false;
            const std::vector<PlanRow> plan = cache.loadPlan(&error, &status, &complete);
            QCOMPARE(int(status), int(BatchCache::ReadStatus::Ok));
            QVERIFY(complete);
            QCOMPARE(plan.size(), size_t(3));
            QCOMPARE(plan[0].id, QStringLiteral("c"));
            QCOMPARE(plan[0].status.value(), BatchStatus::InProgress);
            QCOMPARE(plan[0].createdAt, 30);
            QCOMPARE(plan[2].id, QStringLiteral("a"));
            QCOMPARE(plan[2].status.value(), BatchStatus::Failed);
        }
        // JSON that no longer reads: the plan alone cannot tell; checking the JSON does.
        QVERIFY(exec(file, QStringLiteral("UPDATE batches SET json = '{\"id\": \"b' WHERE id = 'b'")));
        {
            BatchCache cache;
            QVERIFY(cache.open(file, nullptr));
            BatchCache::ReadStatus status = BatchCache::ReadStatus::Failed;
            QCOMPARE(cache.loadPlan(nullptr, &status).size(), size_t(3));
            QCOMPARE(int(status), int(BatchCache::ReadStatus::Ok));
            QString error;
            QVERIFY(cache.loadPlan(&error, &status, nullptr, true).empty());
            QCOMPARE(int(status), int(BatchCache::ReadStatus::Damaged));
        }
        // A row gone without SQLite noticing: nothing silently short.
        QVERIFY(exec(file, QStringLiteral("DELETE FROM batches WHERE id = 'a'")));
        BatchCache cache;
        QVERIFY(cache.open(file, nullptr));
        BatchCache::ReadStatus status = BatchCache::ReadStatus::Ok;
        QString error;
        QVERIFY(cache.loadPlan(&error, &status).empty());
        QCOMPARE(int(status), int(BatchCache::ReadStatus::Damaged));
        QVERIFY2(error.contains(QStringLiteral("recorded 3")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestBatchCacheSchema)
#include "tst_batchcacheschema.moc"
