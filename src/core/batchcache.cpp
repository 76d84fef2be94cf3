#include "batchcache.h"

#include "batchparser.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

#include <limits>

#include <sqlite3.h>

namespace {
// Version 3 keeps only what is read back (id, order, JSON): each extra column and index made every write
// dearer.
const char *const kCreateBatches =
    "CREATE TABLE batches (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, json BLOB NOT NULL)";
const char *const kIndexBatches = "CREATE INDEX batches_rank ON batches(rank)";
// Version 2 added the observations; kept as constants so a new file and a migrated one get the same table.
const char *const kCreateObservations =
    "CREATE TABLE observations (batch_id TEXT NOT NULL, observed_at INTEGER NOT NULL, "
    "completed INTEGER NOT NULL, failed INTEGER NOT NULL, total INTEGER NOT NULL)";
const char *const kIndexObservations =
    "CREATE INDEX observations_batch ON observations(batch_id, observed_at)";

QString sqlError(const QSqlQuery &query)
{
    return query.lastError().text();
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

QString BatchCache::defaultPath(const ApiConfig &config)
{
    const QByteArray keyHash =
        QCryptographicHash::hash(config.apiKey.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    // The whole base URL counts: two local servers on different ports are two accounts.
    const QUrl &base = config.baseUrl;
    QString name = base.host() + (base.port() > 0 ? u'-' + QString::number(base.port()) : QString()) +
                   base.path() + u'_' + config.organization + u'_' + config.project;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("-"));
    const QString dir =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/accounts");
    return dir + u'/' + name + u'_' + QString::fromLatin1(keyHash) + QStringLiteral(".sqlite");
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

bool BatchCache::open(const QString &path, QString *error, QString *warning)
{
    close();
    m_path = path;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QString why;
    if (tryOpen(&why))
        return true;
    close();
    // Not ours, or broken: keep it for a post-mortem and start afresh.
    const QString aside = path + QStringLiteral(".broken-") +
                          QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmss"));
    QFile::remove(aside);
    const bool moved = QFile::rename(path, aside);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    if (warning && moved)
        *warning = QStringLiteral("the cache %1 could not be used (%2); moved it to %3 and started a new one")
                       .arg(path, why, aside);
    if (tryOpen(&why))
        return true;
    close();
    if (error)
        *error = QStringLiteral("cannot open the cache %1: %2").arg(path, why);
    return false;
}

bool BatchCache::tryOpen(QString *why)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        *why = db.lastError().text();
        return false;
    }
    QSqlQuery query(db);
    // A file that is not SQLite shows it on the first read of its header. (Not quick_check: it reads the
    // whole file, 0.1 s and more for a large account at every start.)
    if (!query.exec(QStringLiteral("PRAGMA schema_version")) || !query.next()) {
        *why = query.lastError().isValid() ? query.lastError().text() : QStringLiteral("the file is damaged");
        return false;
    }
    // WAL: readers do not block the writer. No fsync at all: this is a cache, a power cut may cost its last
    // writes (or, rarely, the file, which is then moved aside and rebuilt), and each checkpoint's fsync made
    // a cold export of 20,000 batches spend 0.17 s waiting on the disk.
    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    query.exec(QStringLiteral("PRAGMA synchronous=OFF"));
    return createSchema(why);
}

bool BatchCache::createSchema(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type='table'"))) {
        *error = sqlError(query);
        return false;
    }
    QStringList tables;
    while (query.next())
        tables << query.value(0).toString();
    if (tables.isEmpty()) {
        const char *const statements[] = {
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            kCreateBatches,
            kIndexBatches,
            kCreateObservations,
            kIndexObservations,
        };
        db.transaction();
        for (const char *statement : statements) {
            if (!query.exec(QLatin1String(statement))) {
                *error = sqlError(query);
                db.rollback();
                return false;
            }
        }
        setMeta(QStringLiteral("schema_version"), QString::number(kSchemaVersion));
        setMeta(QStringLiteral("complete"), QStringLiteral("0"));
        return db.commit();
    }
    if (!tables.contains(QStringLiteral("meta")) || !tables.contains(QStringLiteral("batches"))) {
        *error = QStringLiteral("not a Batchwatch cache");
        return false;
    }
    const int version = meta(QStringLiteral("schema_version")).toInt();
    if (version == kSchemaVersion)
        return true;
    if (version <= 0 || version > kSchemaVersion) {
        *error = QStringLiteral("cache schema version %1, this Batchwatch reads up to %2")
                     .arg(version)
                     .arg(kSchemaVersion);
        return false;
    }
    return migrate(version, error);
}

bool BatchCache::migrate(int from, QString *error)
{
    // One step per version, all in one transaction: a failed migration leaves the file as it was.
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery query(db);
    bool ok = true;
    if (from < 2)
        ok = query.exec(QLatin1String(kCreateObservations)) && query.exec(QLatin1String(kIndexObservations));
    if (from < 3) {
        ok = ok && query.exec(QStringLiteral("ALTER TABLE batches RENAME TO batches_v2")) &&
             query.exec(QStringLiteral("DROP INDEX IF EXISTS batches_rank")) &&
             query.exec(QLatin1String(kCreateBatches)) && query.exec(QLatin1String(kIndexBatches)) &&
             query.exec(QStringLiteral(
                 "INSERT INTO batches(id, rank, json) SELECT id, rank, json FROM batches_v2")) &&
             query.exec(QStringLiteral("DROP TABLE batches_v2"));
    }
    ok = ok && setMeta(QStringLiteral("schema_version"), QString::number(kSchemaVersion));
    if (!ok || !db.commit()) {
        *error = QStringLiteral("migrating the cache from version %1 failed: %2")
                     .arg(from)
                     .arg(query.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

bool BatchCache::setMeta(const QString &key, const QString &value)
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)"));
    query.addBindValue(key);
    query.addBindValue(value);
    return query.exec();
}

QString BatchCache::meta(const QString &key) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}

std::vector<Batch> BatchCache::load(QString *error) const
{
    return loadChunk(std::numeric_limits<qint64>::min(), -1, nullptr, error);
}

std::vector<Batch> BatchCache::loadChunk(qint64 afterRank, int limit, qint64 *lastRank, QString *error) const
{
    std::vector<Batch> batches;
    if (!isOpen())
        return batches;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT rank, json FROM batches WHERE rank > ? ORDER BY rank LIMIT ?"));
    query.addBindValue(afterRank);
    query.addBindValue(limit); // SQLite: a negative limit is none
    if (!query.exec()) {
        if (error)
            *error = sqlError(query);
        return batches;
    }
    if (limit > 0)
        batches.reserve(size_t(limit));
    while (query.next()) {
        if (lastRank)
            *lastRank = query.value(0).toLongLong();
        Parsed<Batch> parsed = BatchParser::parseBatch(query.value(1).toByteArray());
        if (parsed.ok())
            batches.push_back(std::move(parsed.value));
    }
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

bool BatchCache::isComplete() const
{
    return meta(QStringLiteral("complete")) == QLatin1String("1");
}

bool BatchCache::upsert(const Batch &batch, std::optional<qint64> rank, QString *error)
{
    if (!m_insert) {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        m_insert = std::make_unique<QSqlQuery>(db);
        m_insert->prepare(QStringLiteral("INSERT OR REPLACE INTO batches(id, rank, json) VALUES (?, ?, ?)"));
        // A known batch keeps its place in the order.
        m_update = std::make_unique<QSqlQuery>(db);
        m_update->prepare(QStringLiteral("UPDATE batches SET json = ? WHERE id = ?"));
    }
    QSqlQuery &query = rank ? *m_insert : *m_update;
    if (rank) {
        query.addBindValue(batch.id);
        query.addBindValue(*rank);
    }
    query.addBindValue(batch.json);
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
    db.transaction();
    QSqlQuery query(db);
    bool ok = query.exec(QStringLiteral("DELETE FROM batches"));
    for (size_t i = 0; ok && i < batches.size(); ++i)
        ok = upsert(batches[i], qint64(i), &why);
    ok = ok && setMeta(QStringLiteral("complete"), complete ? QStringLiteral("1") : QStringLiteral("0"));
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
    db.transaction();
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
    db.transaction();
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
    if (!ok || !db.commit()) {
        db.rollback();
        if (error)
            *error = why.isEmpty() ? db.lastError().text() : why;
        return false;
    }
    return true;
}

bool BatchCache::setComplete(bool complete)
{
    return setMeta(QStringLiteral("complete"), complete ? QStringLiteral("1") : QStringLiteral("0"));
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
