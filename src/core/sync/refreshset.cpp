#include "core/sync/refreshset.h"

#include "core/providers/provideradapter.h"

#include <QByteArray>

#include <sqlite3.h>

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
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        *error = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
        sqlite3_close(db);
        return Result::Failed;
    }
    sqlite3_busy_timeout(db, 5000);
    // One snapshot: the flag and the rows. Terminal statuses as BatchStatus::isTerminal() has them; a row
    // without a status is read (and parsed) to be sure.
    const char *const sql =
        "SELECT json, (SELECT value FROM meta WHERE key = 'complete') FROM batches "
        "WHERE rank IN (SELECT rank FROM batches ORDER BY rank LIMIT ?1) "
        "OR status IS NULL OR status NOT IN ('completed', 'failed', 'expired', 'cancelled') ORDER BY rank";
    if (sqlite3_prepare_v2(db, sql, -1, &statement, nullptr) != SQLITE_OK) {
        fail(Result::Unsuitable); // no status column: an older schema
    } else {
        sqlite3_bind_int(statement, 1, top);
        const ProviderAdapter &adapter = ProviderAdapter::of(provider);
        int code = SQLITE_OK;
        while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
            const QByteArray json(static_cast<const char *>(sqlite3_column_blob(statement, 0)),
                                  sqlite3_column_bytes(statement, 0));
            *complete = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(statement, 1))) == "1";
            Parsed<Batch> parsed = adapter.parseBatch(json);
            if (!parsed.ok()) {
                *error = QStringLiteral("a cached batch no longer reads back (%1)").arg(parsed.error);
                result = Result::Unsuitable;
                break;
            }
            batches->push_back(std::move(parsed.value));
        }
        if (result == Result::Ok && code != SQLITE_DONE)
            fail(Result::Failed);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    if (result != Result::Ok)
        batches->clear();
    return result;
}

} // namespace RefreshSet
