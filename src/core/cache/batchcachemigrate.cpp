// Bringing an older file to the current schema (one step per version), and refilling the columns of rows an
// older Batchwatch wrote into a current one.
#include "core/cache/batchcache.h"

#include "core/cache/batchcachecolumns.h"
#include "core/cache/batchcacheschema.h"
#include "core/providers/provideradapter.h"

#include <QSqlError>
#include <QSqlQuery>

#include <limits>

#include <sqlite3.h>

using namespace BatchCacheSchema;

bool BatchCacheSchema::isCorruption(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    return ok && (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT);
}

BatchCache::OpenProblem BatchCache::migrate(int from, QString *error)
{
    // One step per version, in the caller's transaction: a failed migration leaves the file as it was.
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    QSqlError failure; // of the failing statement; none when a row does not parse
    const auto run = [&](const char *statement) {
        if (query.exec(QLatin1String(statement)))
            return true;
        failure = query.lastError();
        return false;
    };
    bool ok = true;
    if (from < 2)
        ok = run(kCreateObservations) && run(kIndexObservations);
    if (from < 3) {
        ok = ok && run("ALTER TABLE batches RENAME TO batches_v2") &&
             run("DROP INDEX IF EXISTS batches_rank") && run(kCreateBatchesV3) && run(kIndexBatches) &&
             run("INSERT INTO batches(id, rank, json) SELECT id, rank, json FROM batches_v2") &&
             run("DROP TABLE batches_v2");
    }
    QString why;
    if (from < 5) {
        for (const char *statement : kAddColumns)
            ok = ok && run(statement);
        ok = ok && fillColumns(&why, &failure) && run(kIndexCreated) && run(kIndexChanging);
    }
    ok = ok && recordCount(&why, &failure); // version 4
    ok = ok && setMeta(QStringLiteral("schema_version"), QString::number(kSchemaVersion), &failure);
    if (ok)
        return OpenProblem::None;
    *error = QStringLiteral("migrating the cache from version %1 failed: %2")
                 .arg(from)
                 .arg(why.isEmpty() ? failure.text() : why);
    return !failure.isValid() || isCorruption(failure) ? OpenProblem::Damaged : OpenProblem::Unavailable;
}

BatchCache::OpenProblem BatchCache::refill(bool writing, QString *error, bool *again)
{
    *again = false;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    QSqlError failure;
    QString why;
    bool ok =
        query.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'batches_changing'")) &&
        query.next();
    const bool indexed = ok && query.value(0).toInt() > 0;
    // Through the partial index and the created_at index: a few pages, not a scan, when no row lacks its
    // columns (a row that lost only its created_at would keep every `cost` off the columns for good).
    ok = ok &&
         (!indexed || (query.exec(QStringLiteral("SELECT 1 FROM batches WHERE status IS NULL UNION ALL "
                                                 "SELECT 1 FROM batches WHERE created_at IS NULL LIMIT 1")) &&
                       (query.next() || !query.lastError().isValid())));
    if (!ok) {
        *error = query.lastError().text();
        return isCorruption(query.lastError()) ? OpenProblem::Damaged : OpenProblem::Unavailable;
    }
    const bool unfilled = indexed && query.isValid();
    query.finish();
    if (indexed && !unfilled)
        return OpenProblem::None;
    if (!writing) {
        *again = true;
        return OpenProblem::None;
    }
    if (!indexed && !query.exec(QLatin1String(kIndexChanging)))
        failure = query.lastError();
    // The count stays: an older Batchwatch records its own in each write; a row more than recorded is damage
    // that the next read must still see.
    else if (fillColumns(&why, &failure, true))
        return OpenProblem::None;
    *error = QStringLiteral("refilling the columns of rows an older Batchwatch wrote failed: %1")
                 .arg(why.isEmpty() ? failure.text() : why);
    return !failure.isValid() || isCorruption(failure) ? OpenProblem::Damaged : OpenProblem::Unavailable;
}

bool BatchCache::fillColumns(QString *error, QSqlError *failure, bool unfilledOnly)
{
    // Each row parsed once, by the account's provider, in chunks by rowid (an UPDATE beside an open SELECT
    // on the same table is best avoided). A row that does not parse makes the file damaged, as a read would.
    constexpr int kChunk = 1000;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery select(db), update(db);
    select.setForwardOnly(true);
    // Rows without columns (written by an older Batchwatch): each chunk's rows leave the partial index as
    // they are filled, so the next chunk is the next few rows that lack them.
    if (!select.prepare(
            unfilledOnly
                ? QStringLiteral(
                      "SELECT rowid, json FROM batches WHERE status IS NULL OR created_at IS NULL LIMIT ?")
                : QStringLiteral("SELECT rowid, json FROM batches WHERE rowid > ? ORDER BY rowid LIMIT ?")) ||
        !update.prepare(QStringLiteral("UPDATE batches SET %1 WHERE rowid = ?")
                            .arg(QLatin1String(BatchCacheColumns::kAssignments)))) {
        *failure = select.lastError().isValid() ? select.lastError() : update.lastError();
        *error = failure->text();
        return false;
    }
    const ProviderAdapter &adapter = ProviderAdapter::of(m_provider);
    qint64 after = std::numeric_limits<qint64>::min();
    for (;;) {
        if (!unfilledOnly)
            select.addBindValue(after);
        select.addBindValue(kChunk);
        if (!select.exec()) {
            *failure = select.lastError();
            *error = select.lastError().text();
            return false;
        }
        std::vector<std::pair<qint64, Batch>> chunk;
        while (select.next()) {
            Parsed<Batch> parsed = adapter.parseBatch(select.value(1).toByteArray());
            if (!parsed.ok()) {
                *error = QStringLiteral("a cached batch no longer reads back (%1)").arg(parsed.error);
                return false;
            }
            chunk.emplace_back(select.value(0).toLongLong(), std::move(parsed.value));
        }
        if (select.lastError().isValid()) {
            *failure = select.lastError();
            *error = select.lastError().text();
            return false;
        }
        select.finish();
        for (const auto &[rowid, batch] : chunk) {
            BatchCacheColumns::bind(update, batch);
            update.addBindValue(rowid);
            if (!update.exec()) {
                *failure = update.lastError();
                *error = update.lastError().text();
                return false;
            }
        }
        if (int(chunk.size()) < kChunk)
            return true;
        after = chunk.back().first;
    }
}
