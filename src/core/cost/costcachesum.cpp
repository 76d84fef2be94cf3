#include "core/cost/costcachesum.h"

#include <QByteArray>
#include <QLoggingCategory>

#include <sqlite3.h>

#include <cstring>
#include <vector>

// QT_LOGGING_RULES="batchwatch.cost.info=true" says when a sum came from the cache's columns.
Q_LOGGING_CATEGORY(lcCost, "batchwatch.cost", QtWarningMsg)

namespace CostCacheSum {

namespace {
// A read-only connection of its own: the sum reads after the sync has closed its BatchCache.
class Connection
{
public:
    explicit Connection(const QString &path)
    {
        // One thread uses it: no mutexes. Mapped: a pass over a large file is not a read() per page.
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK) {
            m_error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("out of memory");
            return;
        }
        sqlite3_busy_timeout(m_db, 5000);
        // Capped: enough for the covering index the sum reads; an I/O error beyond it is an error code, not
        // SIGBUS (a mapped page that cannot be read kills the process).
        sqlite3_exec(m_db, "PRAGMA mmap_size = 268435456", nullptr, nullptr, nullptr);
    }
    ~Connection()
    {
        sqlite3_finalize(m_statement);
        if (m_db)
            sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
        sqlite3_close(m_db);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    sqlite3 *db() const { return m_db; }
    // Prepares `sql` as the one statement; false with error() set.
    bool prepare(const char *sql)
    {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &m_statement, nullptr) == SQLITE_OK)
            return true;
        m_error = QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    sqlite3_stmt *statement() const { return m_statement; }
    void fail(const QString &why) { m_error = why; }

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    QString m_error;
};

Result failureOf(int code)
{
    const int primary = code & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB ? Result::Damaged : Result::Failed;
}

// The few model names of an account, made into QStrings once: a row's name is compared as bytes.
class ModelNames
{
public:
    // Valid until the next call; no copy, so no reference count touched per row.
    const QString &name(const unsigned char *text, int bytes)
    {
        if (!text)
            return m_none;
        for (const auto &[utf8, name] : m_names) {
            if (utf8.size() == bytes && std::memcmp(utf8.constData(), text, size_t(bytes)) == 0)
                return name;
        }
        m_other = QString::fromUtf8(reinterpret_cast<const char *>(text), bytes);
        if (m_names.size() == kMax)
            return m_other; // beyond that, each row makes its own (a hostile cache stays bounded)
        if (m_names.empty())
            m_names.reserve(kMax);
        m_names.emplace_back(QByteArray(reinterpret_cast<const char *>(text), bytes), m_other);
        return m_names.back().second;
    }

private:
    static constexpr size_t kMax = 64;
    const QString m_none;
    QString m_other;
    std::vector<std::pair<QByteArray, QString>> m_names;
};
} // namespace

bool answers(const BatchFilter &filter)
{
    return filter.statuses().isEmpty() && filter.searchText().trimmed().isEmpty() &&
           !filter.createdBefore().isValid();
}

Result addAll(const QString &path, const BatchFilter &filter, const QString &account, Provider provider,
              CostReport *report, QString *error)
{
    Q_ASSERT(report && error);
    if (!answers(filter)) {
        *error = QStringLiteral("the filter needs more than the cache's columns");
        return Result::Unsuitable;
    }
    Connection connection(path);
    if (!connection.ok()) {
        *error = connection.error();
        return Result::Failed;
    }
    // One snapshot for the recorded count and the rows.
    int code = sqlite3_exec(connection.db(), "BEGIN", nullptr, nullptr, nullptr);
    if (code != SQLITE_OK) {
        *error = QString::fromUtf8(sqlite3_errmsg(connection.db()));
        return failureOf(code);
    }
    // The count, and whether the cache still holds the whole account: between the refresh and this read
    // another process may have cleared it, or moved it aside and begun walking anew, or left a gap.
    qint64 recorded = -1;
    bool complete = false;
    bool gap = false;
    if (!connection.prepare("SELECT key, value FROM meta WHERE key IN ('rows', 'complete', 'gap')")) {
        *error = connection.error();
        return Result::Failed;
    }
    while ((code = sqlite3_step(connection.statement())) == SQLITE_ROW) {
        const QByteArray key(reinterpret_cast<const char *>(sqlite3_column_text(connection.statement(), 0)));
        const QByteArray value(
            reinterpret_cast<const char *>(sqlite3_column_text(connection.statement(), 1)));
        if (key == "rows") {
            bool ok = false;
            recorded = value.toLongLong(&ok);
            if (!ok)
                recorded = -1;
        } else if (key == "complete") {
            complete = value == "1";
        } else {
            gap = value == "1";
        }
    }
    if (code != SQLITE_DONE) {
        *error = QString::fromUtf8(sqlite3_errmsg(connection.db()));
        return failureOf(code);
    }
    if (!complete || gap) {
        *error = QStringLiteral("the cache no longer holds the whole account");
        return Result::Unsuitable;
    }
    const bool byBatch = report->by() == CostReport::By::Batch;
    // The id only when it is the key: it is most of a row's columns by size.
    if (!connection.prepare(byBatch
                                ? "SELECT created_at, model, input_tokens, cached_tokens, output_tokens, id "
                                  "FROM batches"
                                : "SELECT created_at, model, input_tokens, cached_tokens, output_tokens "
                                  "FROM batches")) {
        // No such column: a file of an older schema.
        *error = connection.error();
        return Result::Unsuitable;
    }
    sqlite3_stmt *rows = connection.statement();
    const bool since = filter.createdAfter().isValid();
    const qint64 after = since ? filter.createdAfter().toSecsSinceEpoch() : 0;
    ModelNames models;
    qint64 count = 0;
    BatchUsage usage;
    QString id; // the key of --by batch only
    while ((code = sqlite3_step(rows)) == SQLITE_ROW) {
        ++count;
        if (sqlite3_column_type(rows, 0) != SQLITE_INTEGER) {
            if (sqlite3_column_type(rows, 0) == SQLITE_NULL) {
                *error = QStringLiteral("a cached batch has no created_at column");
                return Result::Damaged;
            }
            // Not a number at all: a file another tool wrote. The slow path reads the JSON, quietly.
            *error = QStringLiteral("a cached batch's created_at is not a number");
            return Result::Unsuitable;
        }
        const qint64 createdAt = sqlite3_column_int64(rows, 0);
        if (since && createdAt < after) // BatchFilter's rule
            continue;
        const bool hasUsage = sqlite3_column_type(rows, 2) != SQLITE_NULL;
        if (hasUsage && (sqlite3_column_type(rows, 2) != SQLITE_INTEGER ||
                         sqlite3_column_type(rows, 3) != SQLITE_INTEGER ||
                         sqlite3_column_type(rows, 4) != SQLITE_INTEGER)) {
            *error = QStringLiteral("a cached batch's token counts are not numbers");
            return Result::Unsuitable;
        }
        if (hasUsage) {
            usage.inputTokens = sqlite3_column_int64(rows, 2);
            usage.cachedTokens = sqlite3_column_int64(rows, 3);
            usage.outputTokens = sqlite3_column_int64(rows, 4);
        }
        const QString &model = models.name(sqlite3_column_text(rows, 1), sqlite3_column_bytes(rows, 1));
        if (byBatch)
            id = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(rows, 5)),
                                   sqlite3_column_bytes(rows, 5));
        report->add(id, createdAt, model, hasUsage ? &usage : nullptr, account, provider);
    }
    if (code != SQLITE_DONE) {
        *error = QString::fromUtf8(sqlite3_errmsg(connection.db()));
        return failureOf(code);
    }
    if (recorded != count) {
        *error = QStringLiteral("%1 rows where the cache recorded %2")
                     .arg(count)
                     .arg(recorded < 0 ? QStringLiteral("none") : QString::number(recorded));
        return Result::Damaged;
    }
    qCInfo(lcCost, "summed %lld batches from the cache's columns", count);
    return Result::Ok;
}

} // namespace CostCacheSum
