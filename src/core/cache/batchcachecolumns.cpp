#include "core/cache/batchcachecolumns.h"

#include <QSqlQuery>
#include <QVariant>

#include <sqlite3.h>

namespace BatchCacheColumns {

QString statusText(const BatchStatus &status)
{
    if (status.value() == BatchStatus::Unknown)
        return u'?' + status.toString();
    return status.toString();
}

BatchStatus statusOf(const QString &text)
{
    if (text.startsWith(u'?'))
        return BatchStatus::unknown(text.mid(1));
    // A known word, or (from a file written before the '?') a word that is none of ours either way.
    return BatchStatus::fromString(text);
}

void bind(QSqlQuery &query, const Batch &batch)
{
    query.addBindValue(statusText(batch.status));
    query.addBindValue(batch.createdAt);
    query.addBindValue(batch.model);
    const QVariant none(QMetaType::fromType<qlonglong>()); // a typed NULL
    const std::optional<BatchUsage> &usage = batch.usage;
    query.addBindValue(usage ? QVariant(qlonglong(usage->inputTokens)) : none);
    query.addBindValue(usage ? QVariant(qlonglong(usage->cachedTokens)) : none);
    query.addBindValue(usage ? QVariant(qlonglong(usage->outputTokens)) : none);
    query.addBindValue(usage ? QVariant(qlonglong(usage->totalTokens)) : none);
}

void bind(sqlite3_stmt *statement, int first, const Batch &batch, const QString &status)
{
    sqlite3_bind_text16(statement, first, status.utf16(), int(status.size() * 2), SQLITE_STATIC);
    sqlite3_bind_int64(statement, first + 1, batch.createdAt);
    sqlite3_bind_text16(statement, first + 2, batch.model.utf16(), int(batch.model.size() * 2),
                        SQLITE_STATIC);
    const qint64 tokens[] = {
        batch.usage ? batch.usage->inputTokens : 0, batch.usage ? batch.usage->cachedTokens : 0,
        batch.usage ? batch.usage->outputTokens : 0, batch.usage ? batch.usage->totalTokens : 0};
    for (int i = 0; i < 4; ++i) {
        if (batch.usage)
            sqlite3_bind_int64(statement, first + 3 + i, tokens[i]);
        else
            sqlite3_bind_null(statement, first + 3 + i);
    }
}

} // namespace BatchCacheColumns
