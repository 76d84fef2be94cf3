// The cache written by a walk over the whole account, page by page as the pages arrive.
#include "core/cache/batchcache.h"

#include "core/cache/batchcachecolumns.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

qint64 BatchCache::beginWalk()
{
    // Below everything cached by far: pages of a walk that breaks off still sort above the older rows.
    constexpr qint64 kGap = qint64(1) << 40;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (query.exec(QStringLiteral("SELECT MIN(rank) FROM batches")) && query.next() &&
        !query.value(0).isNull())
        return query.value(0).toLongLong() - kGap;
    return 0;
}

bool BatchCache::writeWalkPage(const std::vector<Batch> &page, qint64 firstRank, QString *error, bool commit)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!m_walkOpen) {
        if (!(m_walkOpen = beginWrite(error)))
            return false;
        // Until finishWalk() the rows are a walk's first part above older ones, which may have changed
        // places with batches the walk did not reach (a walk stopped at --max, broken off, or killed after
        // a commit): not the whole account.
        setComplete(false);
    }
    QString why;
    bool ok = true;
    // Straight through SQLite's C API on Qt's own connection (QSqlDriver::handle()): QtSql's per-row binding
    // through QVariants was a third of a cold export's cache writing.
    sqlite3 *handle = nullptr;
    const QVariant driverHandle = db.driver()->handle();
    if (qstrcmp(driverHandle.typeName(), "sqlite3*") == 0)
        handle = *static_cast<sqlite3 *const *>(driverHandle.constData());
    sqlite3_stmt *insert = nullptr;
    static const QByteArray kInsert = QByteArrayLiteral("INSERT OR REPLACE INTO batches(id, rank, json, ") +
                                      BatchCacheColumns::kNames + QByteArrayLiteral(") VALUES (?, ?, ?, ") +
                                      BatchCacheColumns::kPlaceholders + ')';
    if (handle && sqlite3_prepare_v2(handle, kInsert.constData(), -1, &insert, nullptr) != SQLITE_OK)
        insert = nullptr;
    for (size_t i = 0; ok && i < page.size(); ++i) {
        const Batch &batch = page[i];
        if (!insert) {
            ok = upsert(batch, firstRank + qint64(i), &why);
            continue;
        }
        sqlite3_bind_text16(insert, 1, batch.id.utf16(), int(batch.id.size() * 2), SQLITE_STATIC);
        sqlite3_bind_int64(insert, 2, firstRank + qint64(i));
        sqlite3_bind_blob(insert, 3, batch.json.constData(), int(batch.json.size()), SQLITE_STATIC);
        const QString status = BatchCacheColumns::statusText(batch.status);
        BatchCacheColumns::bind(insert, 4, batch, status);
        ok = sqlite3_step(insert) == SQLITE_DONE;
        if (!ok)
            why = QString::fromUtf8(sqlite3_errmsg(handle));
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (ok && !commit)
        return true;
    m_walkOpen = false;
    ok = ok && recordCount(&why);
    if (!ok || !db.commit()) {
        db.rollback();
        if (error)
            *error = why.isEmpty() ? db.lastError().text() : why;
        return false;
    }
    return true;
}

bool BatchCache::finishWalk(qint64 endRank, QString *error)
{
    // What the walk did not meet again is gone from the server; in the walk's transaction, so the count
    // recorded at the commit is the one after the deletion.
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!m_walkOpen && !(m_walkOpen = beginWrite(error)))
        return false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM batches WHERE rank >= ?"));
    query.addBindValue(endRank);
    if (!query.exec() || !setComplete(true) || !setGap(false)) {
        if (error)
            *error = query.lastError().text();
        m_walkOpen = false;
        db.rollback();
        return false;
    }
    return writeWalkPage({}, endRank, error); // commits
}
