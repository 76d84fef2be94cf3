#include "core/sync/refreshset.h"

#include "core/cache/batchcachecolumns.h"

#include <QByteArray>

#include <sqlite3.h>

#include <map>

namespace RefreshSet {

namespace {
QString text(sqlite3_stmt *statement, int column)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(statement, column)),
                             sqlite3_column_bytes(statement, column));
}
} // namespace

Result read(const QString &path, int top, std::vector<PlanRow> *rows, bool *complete, QString *error)
{
    Q_ASSERT(rows && complete && error && top > 0);
    rows->clear();
    *complete = false;
    sqlite3 *db = nullptr;
    // One thread uses it: no mutexes. Mapped: a pass over a large file is not a read() per page.
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        *error = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
        sqlite3_close(db);
        return Result::Failed;
    }
    sqlite3_busy_timeout(db, 5000);
    // Capped (an I/O error in a mapped page is SIGBUS, not an error code): the rank index and the changing
    // rows' pages fit; a pass over the rest of a large table reads as usual.
    sqlite3_exec(db, "PRAGMA mmap_size = 268435456", nullptr, nullptr, nullptr);
    // One snapshot for the flag and both parts. The top comes through the rank index; the rows that may
    // change (not terminal as BatchStatus::isTerminal() has it; a row without a status is read, and refused)
    // in one pass over the table, which is cheaper than reaching each through the index.
    const char *const sql =
        "SELECT rank, id, status, created_at, 0 FROM "
        "(SELECT rank, id, status, created_at FROM batches ORDER BY rank LIMIT ?1) "
        "UNION ALL SELECT rank, id, status, created_at, 1 FROM batches "
        "WHERE status IS NULL OR status NOT IN ('completed', 'failed', 'expired', 'cancelled') "
        "UNION ALL SELECT 0, value, NULL, NULL, 2 FROM meta WHERE key = 'complete'";
    // The server's order, each batch once (a row in the top that may change comes twice); two ids that share
    // a rank (rank is not unique: a hand-edited or damaged file) are both kept, as loadPlan keeps them.
    std::map<std::pair<qint64, QString>, PlanRow> byRank;
    Result result = Result::Ok;
    sqlite3_stmt *statement = nullptr;
    if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        result = Result::Failed;
    } else if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(db)); // no such column: an older schema
        result = Result::Unsuitable;
    } else {
        sqlite3_bind_int(statement, 1, top);
        int code = SQLITE_OK;
        while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
            if (sqlite3_column_int(statement, 4) == 2) {
                *complete = text(statement, 1) == QLatin1String("1");
                continue;
            }
            if (sqlite3_column_type(statement, 2) == SQLITE_NULL ||
                sqlite3_column_type(statement, 3) != SQLITE_INTEGER) {
                *error = QStringLiteral("a cached batch lacks its status");
                result = Result::Unsuitable;
                break;
            }
            std::pair<qint64, QString> key(sqlite3_column_int64(statement, 0), text(statement, 1));
            if (byRank.count(key) == 0) {
                PlanRow row{key.second, BatchCacheColumns::statusOf(text(statement, 2)),
                            sqlite3_column_int64(statement, 3)};
                byRank.emplace(std::move(key), std::move(row));
            }
        }
        if (result == Result::Ok && code != SQLITE_DONE) {
            *error = QString::fromUtf8(sqlite3_errmsg(db));
            result = Result::Failed;
        }
    }
    sqlite3_finalize(statement);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    if (result != Result::Ok)
        return result;
    rows->reserve(byRank.size());
    for (auto &[key, row] : byRank)
        rows->push_back(std::move(row));
    return Result::Ok;
}

} // namespace RefreshSet
