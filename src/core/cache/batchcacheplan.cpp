// The reads of a warm headless run: the plan rows, from schema 5's columns straight through SQLite's C API
// (QtSql's QVariant per value was a third of the time of a million rows), and the account streamed in chunks.
#include "core/cache/batchcache.h"
#include "core/cache/batchcachecolumns.h"

#include "core/json/jsondocument.h"
#include "core/providers/provideradapter.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

#include <limits>
#include <memory>
#include <optional>

namespace {
BatchCache::ReadStatus statusOf(int code)
{
    code &= 0xff;
    return code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT
               ? BatchCache::ReadStatus::Damaged
               : BatchCache::ReadStatus::Failed;
}

QString text16(sqlite3_stmt *statement, int column)
{
    const void *text = sqlite3_column_text16(statement, column);
    return text ? QString(static_cast<const QChar *>(text), sqlite3_column_bytes16(statement, column) / 2)
                : QString();
}

using Statement = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)>;

// The plan row of a row without columns, from its JSON (prepared once, on the first such row).
std::optional<PlanRow> planRowFromJson(sqlite3 *handle, Statement &byId, const QString &id,
                                       const ProviderAdapter &adapter, BatchCache::ReadStatus *failure,
                                       QString *bad)
{
    if (!byId) {
        sqlite3_stmt *prepared = nullptr;
        const int code =
            sqlite3_prepare_v2(handle, "SELECT json FROM batches WHERE id = ?1", -1, &prepared, nullptr);
        if (code != SQLITE_OK) {
            sqlite3_finalize(prepared);
            *failure = statusOf(code);
            *bad = QString::fromUtf8(sqlite3_errmsg(handle));
            return std::nullopt;
        }
        byId.reset(prepared);
    }
    sqlite3_stmt *statement = byId.get();
    sqlite3_reset(statement);
    sqlite3_bind_text16(statement, 1, id.utf16(), int(id.size() * 2), SQLITE_STATIC);
    const int code = sqlite3_step(statement);
    if (code != SQLITE_ROW) {
        *failure = code == SQLITE_DONE ? BatchCache::ReadStatus::Damaged : statusOf(code);
        *bad = QString::fromUtf8(sqlite3_errmsg(handle));
        sqlite3_reset(statement);
        return std::nullopt;
    }
    const char *json = static_cast<const char *>(sqlite3_column_blob(statement, 0));
    Parsed<Batch> parsed = adapter.parseBatch(QByteArray(json, sqlite3_column_bytes(statement, 0)));
    sqlite3_reset(statement);
    if (!parsed.ok()) {
        *failure = BatchCache::ReadStatus::Damaged;
        *bad = parsed.error;
        return std::nullopt;
    }
    return PlanRow{id, parsed.value.status, parsed.value.createdAt};
}
} // namespace

std::vector<PlanRow> BatchCache::loadPlan(QString *error, ReadStatus *status, bool *complete,
                                          bool checkJson) const
{
    std::vector<PlanRow> plan;
    const ReadStatus result = inSnapshot(
        [&](QString *why, ReadStatus *read) {
            const auto fail = [&](ReadStatus failure, const QString &text) {
                *read = failure;
                *why = text;
                return qint64(plan.size());
            };
            const QVariant driverHandle = QSqlDatabase::database(m_connection, false).driver()->handle();
            if (qstrcmp(driverHandle.typeName(), "sqlite3*") != 0)
                return fail(ReadStatus::Failed, QStringLiteral("not an SQLite connection"));
            sqlite3 *handle = *static_cast<sqlite3 *const *>(driverHandle.constData());
            const char *sql = checkJson ? "SELECT id, status, created_at, json FROM batches ORDER BY rank"
                                        : "SELECT id, status, created_at FROM batches ORDER BY rank";
            sqlite3_stmt *statement = nullptr;
            int code = sqlite3_prepare_v2(handle, sql, -1, &statement, nullptr);
            if (code != SQLITE_OK) {
                sqlite3_finalize(statement);
                return fail(statusOf(code), QString::fromUtf8(sqlite3_errmsg(handle)));
            }
            const std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt *)> owner(statement, sqlite3_finalize);
            Statement byId(nullptr, sqlite3_finalize); // the JSON of a row without columns
            while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
                // Every write of this version fills the columns; an older Batchwatch that still has the file
                // open writes rows without them (refilled at the next open): such a row is read from its
                // JSON.
                if (sqlite3_column_type(statement, 1) == SQLITE_NULL ||
                    sqlite3_column_type(statement, 2) == SQLITE_NULL) {
                    ReadStatus failure = ReadStatus::Ok;
                    QString bad;
                    std::optional<PlanRow> row = planRowFromJson(
                        handle, byId, text16(statement, 0), ProviderAdapter::of(m_provider), &failure, &bad);
                    if (!row)
                        return fail(failure, QStringLiteral("a cached batch lacks its status (%1)").arg(bad));
                    plan.push_back(std::move(*row));
                    continue;
                }
                if (checkJson) {
                    const char *json = static_cast<const char *>(sqlite3_column_blob(statement, 3));
                    const QString bad =
                        JsonDocument(QByteArray::fromRawData(json, sqlite3_column_bytes(statement, 3)))
                            .objectError();
                    if (!bad.isEmpty())
                        return fail(ReadStatus::Damaged,
                                    QStringLiteral("a cached batch no longer reads back (%1)").arg(bad));
                }
                plan.push_back({text16(statement, 0), BatchCacheColumns::statusOf(text16(statement, 1)),
                                sqlite3_column_int64(statement, 2)});
            }
            if (code != SQLITE_DONE)
                return fail(statusOf(code), QString::fromUtf8(sqlite3_errmsg(handle)));
            return qint64(plan.size());
        },
        error, complete);
    if (status)
        *status = result;
    if (result != ReadStatus::Ok)
        plan.clear();
    return plan;
}

BatchCache::ReadStatus BatchCache::stream(int chunk, const ChunkConsumer &consume, QString *error,
                                          bool *stopped) const
{
    Q_ASSERT(chunk > 0);
    if (stopped)
        *stopped = false;
    return inSnapshot(
        [&](QString *why, ReadStatus *read) {
            qint64 rank = std::numeric_limits<qint64>::min();
            qint64 rows = 0;
            for (;;) {
                std::vector<Batch> batches = loadChunk(rank, chunk, &rank, why, read);
                if (*read != ReadStatus::Ok)
                    return rows;
                const bool last = int(batches.size()) < chunk;
                rows += qint64(batches.size());
                if (!batches.empty() && !consume(std::move(batches))) {
                    if (stopped)
                        *stopped = true;
                    return qint64(-1);
                }
                if (last)
                    return rows;
            }
        },
        error, nullptr);
}
