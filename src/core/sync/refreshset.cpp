#include "core/sync/refreshset.h"

#include "core/providers/provideradapter.h"

#include <QByteArray>

#include <sqlite3.h>

#include <map>

namespace RefreshSet {

Result read(const QString &path, Provider provider, int top, std::vector<Batch> *batches, bool *complete,
            QString *error)
{
    Q_ASSERT(batches && complete && error && top > 0);
    batches->clear();
    *complete = false;
    sqlite3 *db = nullptr;
    sqlite3_stmt *statement = nullptr;
    Result result = Result::Ok;
    const auto fail = [&](Result why) {
        *error = QString::fromUtf8(sqlite3_errmsg(db));
        result = why;
    };
    // One thread uses it: no mutexes. Mapped: a scan of a large file is not a read() per page.
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
        *error = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
        sqlite3_close(db);
        return Result::Failed;
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_exec(db, "PRAGMA mmap_size = 4294967296", nullptr, nullptr, nullptr);
    // One snapshot for the flag and both parts. The top comes through the rank index; the rows that may
    // change (not terminal as BatchStatus::isTerminal() has it; a row without a status is read to be sure)
    // in one pass over the table, which is cheaper than reaching each through the index.
    const char *const sql =
        "SELECT rank, json, 0 FROM (SELECT rank, json FROM batches ORDER BY rank LIMIT ?1) "
        "UNION ALL SELECT rank, json, 1 FROM batches "
        "WHERE status IS NULL OR status NOT IN ('completed', 'failed', 'expired', 'cancelled') "
        "UNION ALL SELECT 0, value, 2 FROM meta WHERE key = 'complete'";
    std::map<qint64, QByteArray> rows; // by rank: the server's order, each once
    if (sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
        fail(Result::Failed);
    } else if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        fail(Result::Unsuitable); // no status column: an older schema
    } else {
        sqlite3_bind_int(statement, 1, top);
        int code = SQLITE_OK;
        while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
            const QByteArray bytes(static_cast<const char *>(sqlite3_column_blob(statement, 1)),
                                   sqlite3_column_bytes(statement, 1));
            if (sqlite3_column_int(statement, 2) == 2)
                *complete = bytes == "1";
            else
                rows.emplace(sqlite3_column_int64(statement, 0), bytes);
        }
        if (code != SQLITE_DONE)
            fail(Result::Failed);
    }
    sqlite3_finalize(statement);
    statement = nullptr;
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    const ProviderAdapter &adapter = ProviderAdapter::of(provider);
    for (auto it = rows.cbegin(); result == Result::Ok && it != rows.cend(); ++it) {
        Parsed<Batch> parsed = adapter.parseBatch(it->second);
        if (!parsed.ok()) {
            *error = QStringLiteral("a cached batch no longer reads back (%1)").arg(parsed.error);
            result = Result::Unsuitable;
            break;
        }
        batches->push_back(std::move(parsed.value));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    if (result != Result::Ok)
        batches->clear();
    return result;
}

} // namespace RefreshSet
