#include "core/cache/batchcache.h"

#include "core/cache/batchcachecolumns.h"
#include "core/json/batchparser.h"
#include "core/providers/provideradapter.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <limits>

#include <sqlite3.h>

namespace {
QString sqlError(const QSqlQuery &query)
{
    return query.lastError().text();
}

BatchCache::ReadStatus failureOf(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    return ok && (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT)
               ? BatchCache::ReadStatus::Damaged
               : BatchCache::ReadStatus::Failed;
}

void report(BatchCache::ReadStatus result, const QString &why, QString *error, BatchCache::ReadStatus *status)
{
    if (status)
        *status = result;
    if (error)
        *error = why;
}
} // namespace

BatchCache::BatchCache()
    : m_connection(QStringLiteral("batchcache-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

BatchCache::~BatchCache()
{
    close();
}

bool BatchCache::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && QSqlDatabase::database(m_connection, false).isOpen();
}

void BatchCache::close()
{
    m_insert.reset(); // statements first: the connection cannot go while they hold it
    m_update.reset();
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool BatchCache::setMeta(const QString &key, const QString &value, QSqlError *failure)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    if (query.exec())
        return true;
    if (failure)
        *failure = query.lastError();
    return false;
}

QString BatchCache::meta(const QString &key) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

BatchCache::ReadStatus BatchCache::inSnapshot(const std::function<qint64(QString *, ReadStatus *)> &readRows,
                                              QString *error, bool *complete) const
{
    report(ReadStatus::Ok, QString(), error, nullptr);
    if (!isOpen())
        return ReadStatus::Ok;
    // One read transaction: the rows, the recorded count and the flag from the same snapshot, whatever
    // another process writes meanwhile. (A walk's open transaction on this connection is one already.)
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    const bool ownTransaction = !m_walkOpen;
    if (ownTransaction && !query.exec(QStringLiteral("BEGIN"))) {
        report(ReadStatus::Ok, sqlError(query), error, nullptr);
        return failureOf(query.lastError());
    }
    const auto end = [&] {
        if (ownTransaction)
            QSqlQuery(db).exec(QStringLiteral("COMMIT"));
    };
    bool recorded = false;
    qint64 rows = 0;
    bool isComplete = false;
    if (!query.exec(QStringLiteral("SELECT key, value FROM meta WHERE key IN ('rows', 'complete')"))) {
        report(ReadStatus::Ok, sqlError(query), error, nullptr);
        end();
        return failureOf(query.lastError());
    }
    while (query.next()) {
        if (query.value(0).toString() == QLatin1String("rows"))
            rows = query.value(1).toLongLong(&recorded);
        else
            isComplete = query.value(1).toString() == QLatin1String("1");
    }
    if (query.lastError().isValid()) {
        report(ReadStatus::Ok, sqlError(query), error, nullptr);
        end();
        return failureOf(query.lastError());
    }
    query.finish();
    if (complete)
        *complete = isComplete;
    QString why;
    ReadStatus result = ReadStatus::Ok;
    const qint64 read = readRows(&why, &result);
    end();
    if (result == ReadStatus::Ok && read >= 0 && (!recorded || rows != read)) {
        result = ReadStatus::Damaged;
        why = QStringLiteral("%1 rows where the cache recorded %2")
                  .arg(read)
                  .arg(recorded ? QString::number(rows) : QStringLiteral("none"));
    }
    if (result != ReadStatus::Ok)
        report(result, why, error, nullptr);
    return result;
}

std::vector<Batch> BatchCache::load(QString *error, ReadStatus *status, bool *complete) const
{
    std::vector<Batch> batches;
    const ReadStatus result = inSnapshot(
        [&](QString *why, ReadStatus *read) {
            batches = loadChunk(std::numeric_limits<qint64>::min(), -1, nullptr, why, read);
            return qint64(batches.size());
        },
        error, complete);
    if (status)
        *status = result;
    if (result != ReadStatus::Ok)
        batches.clear();
    return batches;
}

std::vector<Batch> BatchCache::loadChunk(qint64 afterRank, int limit, qint64 *lastRank, QString *error,
                                         ReadStatus *status) const
{
    std::vector<Batch> batches;
    report(ReadStatus::Ok, QString(), error, status);
    if (!isOpen())
        return batches;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT rank, json FROM batches WHERE rank > ? ORDER BY rank LIMIT ?"));
    query.addBindValue(afterRank);
    query.addBindValue(limit); // SQLite: a negative limit is none
    if (!query.exec()) {
        report(failureOf(query.lastError()), sqlError(query), error, status);
        return batches;
    }
    if (limit > 0)
        batches.reserve(size_t(limit));
    const ProviderAdapter &adapter = ProviderAdapter::of(m_provider);
    while (query.next()) {
        if (lastRank)
            *lastRank = query.value(0).toLongLong();
        // The account's provider reads its rows: an Anthropic object is not an OpenAI batch.
        Parsed<Batch> parsed = adapter.parseBatch(query.value(1).toByteArray());
        if (!parsed.ok()) {
            // A row the cache wrote from a parsed batch that no longer parses: the file changed under us.
            report(ReadStatus::Damaged,
                   QStringLiteral("a cached batch no longer reads back (%1)").arg(parsed.error), error,
                   status);
            return batches;
        }
        batches.push_back(std::move(parsed.value));
    }
    // next() is false at the end and on a failed step alike; only the error tells them apart.
    if (query.lastError().isValid())
        report(failureOf(query.lastError()), sqlError(query), error, status);
    return batches;
}

QString BatchCache::oldestId() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    return query.exec(QStringLiteral("SELECT id FROM batches ORDER BY rank DESC LIMIT 1")) && query.next()
               ? query.value(0).toString()
               : QString();
}

qint64 BatchCache::count() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    return query.exec(QStringLiteral("SELECT COUNT(*) FROM batches")) && query.next()
               ? query.value(0).toLongLong()
               : 0;
}

qint64 BatchCache::recordedRows() const
{
    bool ok = false;
    const qint64 rows = meta(QStringLiteral("rows")).toLongLong(&ok);
    return ok ? rows : -1;
}

bool BatchCache::isComplete() const
{
    return meta(QStringLiteral("complete")) == QLatin1String("1");
}

bool BatchCache::upsert(const Batch &batch, std::optional<qint64> rank, QString *error)
{
    if (!m_insert) {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        m_insert = std::make_unique<QSqlQuery>(db);
        m_insert->prepare(
            QStringLiteral("INSERT OR REPLACE INTO batches(id, rank, json, %1) VALUES (?, ?, ?, %2)")
                .arg(QLatin1String(BatchCacheColumns::kNames),
                     QLatin1String(BatchCacheColumns::kPlaceholders)));
        // A known batch keeps its place in the order.
        m_update = std::make_unique<QSqlQuery>(db);
        m_update->prepare(QStringLiteral("UPDATE batches SET json = ?, %1 WHERE id = ?")
                              .arg(QLatin1String(BatchCacheColumns::kAssignments)));
    }
    QSqlQuery &query = rank ? *m_insert : *m_update;
    if (rank) {
        query.addBindValue(batch.id);
        query.addBindValue(*rank);
    }
    query.addBindValue(batch.json);
    BatchCacheColumns::bind(query, batch);
    if (!rank)
        query.addBindValue(batch.id);
    if (!query.exec()) {
        *error = sqlError(query);
        return false;
    }
    return true;
}

bool BatchCache::replaceAll(const std::vector<Batch> &batches, bool complete, QString *error)
{
    QString why;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!beginWrite(error))
        return false;
    QSqlQuery query(db);
    bool ok = query.exec(QStringLiteral("DELETE FROM batches"));
    for (size_t i = 0; ok && i < batches.size(); ++i)
        ok = upsert(batches[i], qint64(i), &why);
    ok = ok && setMeta(QStringLiteral("complete"), complete ? QStringLiteral("1") : QStringLiteral("0"));
    ok = ok && recordCount(&why);
    if (!ok || !db.commit()) {
        db.rollback();
        if (error)
            *error = why.isEmpty() ? db.lastError().text() : why;
        return false;
    }
    return true;
}

bool BatchCache::store(const std::vector<Batch> &newestFirst, const std::vector<Batch> &updated,
                       QString *error)
{
    QString why;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!beginWrite(error))
        return false;
    QSqlQuery query(db);
    qint64 top = 0;
    if (query.exec(QStringLiteral("SELECT MIN(rank) FROM batches")) && query.next() &&
        !query.value(0).isNull())
        top = query.value(0).toLongLong();
    bool ok = true;
    // New batches go above everything cached, keeping their own server order.
    for (size_t i = 0; ok && i < newestFirst.size(); ++i)
        ok = upsert(newestFirst[i], top - qint64(newestFirst.size() - i), &why);
    for (auto it = updated.begin(); ok && it != updated.end(); ++it)
        ok = upsert(*it, std::nullopt, &why);
    ok = ok && recordCount(&why);
    if (!ok || !db.commit()) {
        db.rollback();
        if (error)
            *error = why.isEmpty() ? db.lastError().text() : why;
        return false;
    }
    return true;
}

bool BatchCache::append(const std::vector<Batch> &older, QString *error)
{
    QString why;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!beginWrite(error))
        return false;
    QSqlQuery query(db);
    qint64 bottom = -1;
    if (query.exec(QStringLiteral("SELECT MAX(rank) FROM batches")) && query.next() &&
        !query.value(0).isNull())
        bottom = query.value(0).toLongLong();
    bool ok = true;
    QSqlQuery exists(db);
    exists.prepare(QStringLiteral("SELECT 1 FROM batches WHERE id = ?"));
    for (size_t i = 0; ok && i < older.size(); ++i) {
        // One already cached (the list moved under the view) keeps its place; the rest go below.
        exists.addBindValue(older[i].id);
        const bool known = exists.exec() && exists.next();
        exists.finish();
        ok = upsert(older[i], known ? std::nullopt : std::optional<qint64>(++bottom), &why);
    }
    ok = ok && recordCount(&why);
    if (!ok || !db.commit()) {
        db.rollback();
        if (error)
            *error = why.isEmpty() ? db.lastError().text() : why;
        return false;
    }
    return true;
}

bool BatchCache::beginWrite(QString *error) const
{
    // The write lock first: a transaction that reads before it writes cannot wait for another process's
    // writer (SQLite answers "database is locked" at once rather than risk a deadlock), so its write would be
    // lost. Asking for the lock up front waits the busy time-out like any other statement.
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return true;
    if (error)
        *error = sqlError(query);
    return false;
}

bool BatchCache::recordCount(QString *error, QSqlError *failure)
{
    // Once per transaction, not per row: SQLite counts an index's entries without reading the rows (about
    // 1 ms for 100,000).
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (query.exec(
            QStringLiteral("INSERT OR REPLACE INTO meta(key, value) SELECT 'rows', COUNT(*) FROM batches")))
        return true;
    if (error)
        *error = sqlError(query);
    if (failure)
        *failure = query.lastError();
    return false;
}

bool BatchCache::setComplete(bool complete)
{
    return setMeta(QStringLiteral("complete"), complete ? QStringLiteral("1") : QStringLiteral("0"));
}

bool BatchCache::hasGap() const
{
    return meta(QStringLiteral("gap")) == QLatin1String("1");
}

bool BatchCache::setGap(bool gap)
{
    return setMeta(QStringLiteral("gap"), gap ? QStringLiteral("1") : QStringLiteral("0"));
}

bool BatchCache::clear(QString *error)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    if (!query.exec(QStringLiteral("DELETE FROM observations"))) {
        if (error)
            *error = sqlError(query);
        return false;
    }
    return replaceAll({}, false, error);
}
