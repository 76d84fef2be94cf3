// Opening the cache: where it lives, creating or migrating its schema, and what happens to a file that
// cannot be used (moved aside if it is damaged or foreign, left alone if it is newer or busy).
#include "core/cache/batchcache.h"

#include "core/cache/batchcachecolumns.h"
#include "core/providers/provideradapter.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <limits>

#include <sqlite3.h>

namespace {
// Version 3 kept only what is read back (id, order, JSON): each extra column and index made every write
// dearer. Version 5 adds back the few columns read without parsing (BatchCacheColumns): the plan of a warm
// refresh (status, created_at) and the sums of `batchwatch cost` (created_at, model, tokens).
const char *const kCreateBatchesV3 =
    "CREATE TABLE batches (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, json BLOB NOT NULL)";
const char *const kCreateBatches =
    "CREATE TABLE batches (id TEXT PRIMARY KEY, rank INTEGER NOT NULL, json BLOB NOT NULL, status TEXT, "
    "created_at INTEGER, model TEXT, input_tokens INTEGER, cached_tokens INTEGER, output_tokens INTEGER, "
    "total_tokens INTEGER)";
const char *const kAddColumns[] = {
    "ALTER TABLE batches ADD COLUMN status TEXT",
    "ALTER TABLE batches ADD COLUMN created_at INTEGER",
    "ALTER TABLE batches ADD COLUMN model TEXT",
    "ALTER TABLE batches ADD COLUMN input_tokens INTEGER",
    "ALTER TABLE batches ADD COLUMN cached_tokens INTEGER",
    "ALTER TABLE batches ADD COLUMN output_tokens INTEGER",
    "ALTER TABLE batches ADD COLUMN total_tokens INTEGER",
};
const char *const kIndexBatches = "CREATE INDEX batches_rank ON batches(rank)";
// Covers what `batchwatch cost` sums: a GROUP BY over a million rows (or a `created_at >=` range for --since)
// reads this index alone, not the rows with their JSON.
const char *const kIndexCreated = "CREATE INDEX batches_created ON batches(created_at, model, input_tokens, "
                                  "cached_tokens, output_tokens, total_tokens)";
// The rows that may still change (not terminal as BatchStatus::isTerminal() has it; an unknown status is
// stored as '?' + its word, so it is here too), for the plan of a light refresh (RefreshSet, whose query
// must spell the condition the same way); and the rows without columns, which an older Batchwatch that
// still had the file open may have written (refilled at open). Only these rows are in it.
const char *const kIndexChanging = "CREATE INDEX batches_changing ON batches(rank) WHERE status IS NULL OR "
                                   "status NOT IN ('completed', 'failed', 'expired', 'cancelled')";
// Version 2 added the observations; kept as constants so a new file and a migrated one get the same table.
const char *const kCreateObservations =
    "CREATE TABLE observations (batch_id TEXT NOT NULL, observed_at INTEGER NOT NULL, "
    "completed INTEGER NOT NULL, failed INTEGER NOT NULL, total INTEGER NOT NULL)";
const char *const kIndexObservations =
    "CREATE INDEX observations_batch ON observations(batch_id, observed_at)";

// Another process opening the same file holds the lock for a fraction of a second; a much longer wait means
// something is wrong with it, and the run goes on without the cache rather than hang.
constexpr int kLockWaitMs = 20'000;

constexpr QFileDevice::Permissions kPrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kPrivateDir = kPrivateFile | QFileDevice::ExeOwner;

// Only what SQLite calls corruption proves the file bad; busy, locked or I/O errors say nothing about it.
bool isCorruption(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    return ok && (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || code == SQLITE_FORMAT);
}

// The database and its companions are the user's alone: batch JSON holds file ids and metadata. SQLite gives
// the -wal and -shm files the database file's mode.
void makePrivate(const QString &path)
{
    QFile::setPermissions(QFileInfo(path).absolutePath(), kPrivateDir);
    if (!QFile::exists(path)) {
        QFile create(path); // an empty file is an empty database
        if (create.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            create.close();
    }
    for (const QString &file :
         {path, QString(path + QStringLiteral("-wal")), QString(path + QStringLiteral("-shm"))}) {
        if (QFile::exists(file))
            QFile::setPermissions(file, kPrivateFile);
    }
}
} // namespace

QString BatchCache::defaultPath(const ApiConfig &config)
{
    const QByteArray keyHash =
        QCryptographicHash::hash(config.apiKey.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    // The whole base URL counts: two local servers on different ports are two accounts.
    const QUrl &base = config.baseUrl;
    QString name = base.host() + (base.port() > 0 ? u'-' + QString::number(base.port()) : QString()) +
                   base.path() + u'_' + config.organization + u'_' + config.project;
    // Two providers on one host (a local gateway, the simulator) are two accounts; OpenAI's names stay.
    if (config.provider != Provider::OpenAI)
        name = Providers::id(config.provider) + u'_' + name + u'_' + config.apiVersion;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("-"));
    const QString dir =
        QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QStringLiteral("/accounts");
    return dir + u'/' + name + u'_' + QString::fromLatin1(keyHash) + QStringLiteral(".sqlite");
}

bool BatchCache::open(const QString &path, QString *error, QString *warning)
{
    return open(path, Provider::OpenAI, error, warning);
}

bool BatchCache::open(const QString &path, Provider provider, QString *error, QString *warning)
{
    close();
    m_provider = provider;
    m_path = path;
    QDir().mkpath(QFileInfo(path).absolutePath());
    // Two processes starting on a new cache at once: the one that comes second waits until the first has
    // created the schema, instead of finding a half-made file and calling it broken.
    QLockFile lock(path + QStringLiteral(".lock"));
    if (!lock.tryLock(kLockWaitMs)) {
        if (error)
            *error = QStringLiteral("the cache %1 is locked by another process").arg(path);
        return false;
    }
    return openLocked(error, warning);
}

bool BatchCache::openLocked(QString *error, QString *warning)
{
    makePrivate(m_path);
    QString why;
    const OpenProblem problem = tryOpen(&why);
    if (problem == OpenProblem::None)
        return true;
    close();
    if (problem != OpenProblem::Damaged) {
        // Newer (another Batchwatch still uses it) or unavailable for now: not ours to replace.
        if (error)
            *error = QStringLiteral("cannot use the cache %1: %2").arg(m_path, why);
        return false;
    }
    if (moveAsideLocked(why, warning))
        return true;
    if (error)
        *error = QStringLiteral("cannot open the cache %1: %2").arg(m_path, why);
    return false;
}

bool BatchCache::moveAside(const QString &why, QString *warning, QString *error)
{
    close();
    QLockFile lock(m_path + QStringLiteral(".lock"));
    if (!lock.tryLock(kLockWaitMs)) {
        if (error)
            *error = QStringLiteral("the cache %1 is locked by another process").arg(m_path);
        return false;
    }
    if (moveAsideLocked(why, warning))
        return true;
    if (error)
        *error = QStringLiteral("cannot replace the damaged cache %1").arg(m_path);
    return false;
}

bool BatchCache::moveAsideLocked(const QString &why, QString *warning)
{
    close();
    // Kept for a post-mortem; the newest few only, so a file that keeps breaking cannot fill the disk.
    const QFileInfo info(m_path);
    const QString aside = m_path + QStringLiteral(".broken-") +
                          QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmsszzz"));
    QFile::remove(aside);
    const bool moved = QFile::rename(m_path, aside);
    if (!moved && QFile::exists(m_path))
        return false; // not ours to remove (permissions?): left as it is, the run goes on without it
    QFile::remove(m_path + QStringLiteral("-wal"));
    QFile::remove(m_path + QStringLiteral("-shm"));
    QDir dir = info.absoluteDir();
    const QStringList broken = dir.entryList({info.fileName() + QStringLiteral(".broken-*")}, QDir::Files,
                                             QDir::Name | QDir::Reversed); // the timestamp sorts by name
    for (qsizetype i = kBrokenFilesKept; i < broken.size(); ++i)
        dir.remove(broken[i]);
    if (warning)
        *warning =
            moved ? QStringLiteral("the cache %1 could not be used (%2); moved it to %3 and started a "
                                   "new one")
                        .arg(m_path, why, aside)
                  : QStringLiteral("the cache %1 could not be used (%2); started a new one").arg(m_path, why);
    makePrivate(m_path);
    QString again;
    if (tryOpen(&again) == OpenProblem::None)
        return true;
    close();
    return false;
}

BatchCache::OpenProblem BatchCache::tryOpen(QString *why)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        *why = db.lastError().text();
        return OpenProblem::Unavailable;
    }
    QSqlQuery query(db);
    // A file that is not SQLite shows it on the first read of its header. (Not quick_check: it reads the
    // whole file, 0.1 s and more for a large account at every start; reads check what they read instead.)
    if (!query.exec(QStringLiteral("PRAGMA schema_version")) || !query.next()) {
        const QSqlError error = query.lastError();
        *why = error.isValid() ? error.text() : QStringLiteral("the file is damaged");
        return !error.isValid() || isCorruption(error) ? OpenProblem::Damaged : OpenProblem::Unavailable;
    }
    // WAL: readers do not block the writer. No fsync at all: this is a cache, a power cut may cost its last
    // writes (or, rarely, the file, which is then moved aside and rebuilt), and each checkpoint's fsync made
    // a cold export of 20,000 batches spend 0.17 s waiting on the disk.
    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    query.exec(QStringLiteral("PRAGMA synchronous=OFF"));
    return createSchema(why);
}

BatchCache::OpenProblem BatchCache::createSchema(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery query(db);
    const auto failed = [&](const QSqlQuery &failing) {
        *error = failing.lastError().text();
        query.exec(QStringLiteral("ROLLBACK"));
        return isCorruption(failing.lastError()) ? OpenProblem::Damaged : OpenProblem::Unavailable;
    };
    // Looked at in a read transaction first: a healthy file needs no write lock, which a walk in another
    // process may hold for a while. Creating or migrating takes it, then looks again, so what it saw stays
    // true until the tables exist.
    for (const bool writing : {false, true}) {
        if (!query.exec(writing ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN")))
            return failed(query);
        if (!query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type='table'")))
            return failed(query);
        QStringList tables;
        while (query.next())
            tables << query.value(0).toString();
        if (query.lastError().isValid())
            return failed(query);
        if (tables.isEmpty()) {
            if (!writing) {
                query.exec(QStringLiteral("ROLLBACK"));
                continue;
            }
            const char *const statements[] = {
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                kCreateBatches,
                kIndexBatches,
                kIndexCreated,
                kIndexChanging,
                kCreateObservations,
                kIndexObservations,
                "INSERT INTO meta(key, value) VALUES ('complete', '0'), ('rows', '0')",
            };
            for (const char *statement : statements) {
                if (!query.exec(QLatin1String(statement)))
                    return failed(query);
            }
            if (!setMeta(QStringLiteral("schema_version"), QString::number(kSchemaVersion)) ||
                !setMeta(QStringLiteral("provider"), Providers::id(m_provider)) ||
                !query.exec(QStringLiteral("COMMIT")))
                return failed(query);
            return OpenProblem::None;
        }
        if (!tables.contains(QStringLiteral("meta")) || !tables.contains(QStringLiteral("batches"))) {
            query.exec(QStringLiteral("ROLLBACK"));
            *error = QStringLiteral("not a Batchwatch cache");
            return OpenProblem::Damaged;
        }
        const int version = meta(QStringLiteral("schema_version")).toInt();
        if (version > kSchemaVersion) {
            query.exec(QStringLiteral("ROLLBACK"));
            *error = QStringLiteral(
                         "it was written by a newer Batchwatch (cache schema %1, this one reads up to %2)")
                         .arg(version)
                         .arg(kSchemaVersion);
            return OpenProblem::Newer;
        }
        if (version <= 0) {
            query.exec(QStringLiteral("ROLLBACK"));
            *error = QStringLiteral("no schema version");
            return OpenProblem::Damaged;
        }
        // Files from before providers hold OpenAI's batches.
        const QString stored = meta(QStringLiteral("provider"));
        const QString written = stored.isEmpty() ? Providers::id(Provider::OpenAI) : stored;
        if (written != Providers::id(m_provider)) {
            query.exec(QStringLiteral("ROLLBACK"));
            *error = QStringLiteral("it holds batches of the provider \"%1\", not %2")
                         .arg(written.left(40), Providers::id(m_provider));
            return OpenProblem::OtherProvider;
        }
        if (version < kSchemaVersion) {
            if (!writing) {
                query.exec(QStringLiteral("ROLLBACK"));
                continue;
            }
            if (const OpenProblem problem = migrate(version, error); problem != OpenProblem::None) {
                query.exec(QStringLiteral("ROLLBACK"));
                return problem;
            }
        } else {
            bool again = false;
            if (const OpenProblem problem = refill(writing, error, &again); problem != OpenProblem::None) {
                query.exec(QStringLiteral("ROLLBACK"));
                return problem;
            }
            if (again) {
                query.exec(QStringLiteral("ROLLBACK"));
                continue;
            }
        }
        if (!query.exec(QStringLiteral("COMMIT")))
            return failed(query);
        return OpenProblem::None;
    }
    Q_UNREACHABLE();
    return OpenProblem::Unavailable;
}

BatchCache::OpenProblem BatchCache::migrate(int from, QString *error)
{
    // One step per version, in the caller's transaction: a failed migration leaves the file as it was.
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    QSqlError failure; // of the failing statement; none when a row does not parse
    const auto run = [&](const char *statement) {
        if (query.exec(QLatin1String(statement)))
            return true;
        failure = query.lastError();
        return false;
    };
    bool ok = true;
    if (from < 2)
        ok = run(kCreateObservations) && run(kIndexObservations);
    if (from < 3) {
        ok = ok && run("ALTER TABLE batches RENAME TO batches_v2") &&
             run("DROP INDEX IF EXISTS batches_rank") && run(kCreateBatchesV3) && run(kIndexBatches) &&
             run("INSERT INTO batches(id, rank, json) SELECT id, rank, json FROM batches_v2") &&
             run("DROP TABLE batches_v2");
    }
    QString why;
    if (from < 5) {
        for (const char *statement : kAddColumns)
            ok = ok && run(statement);
        ok = ok && fillColumns(&why, &failure) && run(kIndexCreated) && run(kIndexChanging);
    }
    ok = ok && recordCount(&why, &failure); // version 4
    ok = ok && setMeta(QStringLiteral("schema_version"), QString::number(kSchemaVersion), &failure);
    if (ok)
        return OpenProblem::None;
    *error = QStringLiteral("migrating the cache from version %1 failed: %2")
                 .arg(from)
                 .arg(why.isEmpty() ? failure.text() : why);
    return !failure.isValid() || isCorruption(failure) ? OpenProblem::Damaged : OpenProblem::Unavailable;
}

BatchCache::OpenProblem BatchCache::refill(bool writing, QString *error, bool *again)
{
    *again = false;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    QSqlError failure;
    QString why;
    bool ok =
        query.exec(QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'batches_changing'")) &&
        query.next();
    const bool indexed = ok && query.value(0).toInt() > 0;
    // Through the partial index: a few pages, not a scan, when no row lacks its columns.
    ok = ok &&
         (!indexed || (query.exec(QStringLiteral("SELECT 1 FROM batches WHERE status IS NULL LIMIT 1")) &&
                       (query.next() || !query.lastError().isValid())));
    if (!ok) {
        *error = query.lastError().text();
        return isCorruption(query.lastError()) ? OpenProblem::Damaged : OpenProblem::Unavailable;
    }
    const bool unfilled = indexed && query.isValid();
    query.finish();
    if (indexed && !unfilled)
        return OpenProblem::None;
    if (!writing) {
        *again = true;
        return OpenProblem::None;
    }
    if (!indexed && !query.exec(QLatin1String(kIndexChanging)))
        failure = query.lastError();
    // The count stays: an older Batchwatch records its own in each write; a row more than recorded is damage
    // that the next read must still see.
    else if (fillColumns(&why, &failure, true))
        return OpenProblem::None;
    *error = QStringLiteral("refilling the columns of rows an older Batchwatch wrote failed: %1")
                 .arg(why.isEmpty() ? failure.text() : why);
    return !failure.isValid() || isCorruption(failure) ? OpenProblem::Damaged : OpenProblem::Unavailable;
}

bool BatchCache::fillColumns(QString *error, QSqlError *failure, bool unfilledOnly)
{
    // Each row parsed once, by the account's provider, in chunks by rowid (an UPDATE beside an open SELECT
    // on the same table is best avoided). A row that does not parse makes the file damaged, as a read would.
    constexpr int kChunk = 1000;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery select(db), update(db);
    select.setForwardOnly(true);
    // Rows without columns (written by an older Batchwatch): each chunk's rows leave the partial index as
    // they are filled, so the next chunk is the next few rows that lack them.
    if (!select.prepare(
            unfilledOnly
                ? QStringLiteral("SELECT rowid, json FROM batches WHERE status IS NULL LIMIT ?")
                : QStringLiteral("SELECT rowid, json FROM batches WHERE rowid > ? ORDER BY rowid LIMIT ?")) ||
        !update.prepare(QStringLiteral("UPDATE batches SET %1 WHERE rowid = ?")
                            .arg(QLatin1String(BatchCacheColumns::kAssignments)))) {
        *failure = select.lastError().isValid() ? select.lastError() : update.lastError();
        *error = failure->text();
        return false;
    }
    const ProviderAdapter &adapter = ProviderAdapter::of(m_provider);
    qint64 after = std::numeric_limits<qint64>::min();
    for (;;) {
        if (!unfilledOnly)
            select.addBindValue(after);
        select.addBindValue(kChunk);
        if (!select.exec()) {
            *failure = select.lastError();
            *error = select.lastError().text();
            return false;
        }
        std::vector<std::pair<qint64, Batch>> chunk;
        while (select.next()) {
            Parsed<Batch> parsed = adapter.parseBatch(select.value(1).toByteArray());
            if (!parsed.ok()) {
                *error = QStringLiteral("a cached batch no longer reads back (%1)").arg(parsed.error);
                return false;
            }
            chunk.emplace_back(select.value(0).toLongLong(), std::move(parsed.value));
        }
        if (select.lastError().isValid()) {
            *failure = select.lastError();
            *error = select.lastError().text();
            return false;
        }
        select.finish();
        for (const auto &[rowid, batch] : chunk) {
            BatchCacheColumns::bind(update, batch);
            update.addBindValue(rowid);
            if (!update.exec()) {
                *failure = update.lastError();
                *error = update.lastError().text();
                return false;
            }
        }
        if (int(chunk.size()) < kChunk)
            return true;
        after = chunk.back().first;
    }
}
