// The cache's second table: progress observed while batches ran, for the ETA and the chart.
#include "core/cache/batchcache.h"

#include <QSqlDatabase>
#include <QSqlQuery>

bool BatchCache::addSamples(const QList<QPair<QString, ProgressSample>> &samples)
{
    if (samples.isEmpty())
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!beginWrite(nullptr))
        return false;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO observations(batch_id, observed_at, completed, failed, total) "
                                 "VALUES (?, ?, ?, ?, ?)"));
    for (const auto &[id, sample] : samples) {
        query.addBindValue(id);
        query.addBindValue(sample.at);
        query.addBindValue(sample.completed);
        query.addBindValue(sample.failed);
        query.addBindValue(sample.total);
        if (!query.exec()) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

QHash<QString, QList<ProgressSample>> BatchCache::loadSamples() const
{
    QHash<QString, QList<ProgressSample>> samples;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT batch_id, observed_at, completed, failed, total FROM observations "
                                   "ORDER BY batch_id, observed_at")))
        return samples;
    while (query.next())
        samples[query.value(0).toString()].append({query.value(1).toLongLong(), query.value(2).toLongLong(),
                                                   query.value(3).toLongLong(), query.value(4).toLongLong()});
    return samples;
}
