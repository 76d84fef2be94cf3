// Opening the cache: where it lives, creating or migrating its schema, and what happens to a file that
// cannot be used (moved aside if it is damaged or foreign, left alone if it is newer or busy).
#include "core/cache/batchcache.h"

#include "core/cache/batchcacheschema.h"
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

namespace {
// Another process opening the same file holds the lock for a fraction of a second; a much longer wait means
// something is wrong with it, and the run goes on without the cache rather than hang.
constexpr int kLockWaitMs = 20'000;

constexpr QFileDevice::Permissions kPrivateFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kPrivateDir = kPrivateFile | QFileDevice::ExeOwner;

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
        return !error.isValid() || BatchCacheSchema::isCorruption(error) ? OpenProblem::Damaged
                                                                         : OpenProblem::Unavailable;
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
        return BatchCacheSchema::isCorruption(failing.lastError()) ? OpenProblem::Damaged
                                                                   : OpenProblem::Unavailable;
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
                BatchCacheSchema::kCreateBatches,
                BatchCacheSchema::kIndexBatches,
                BatchCacheSchema::kIndexCreated,
                BatchCacheSchema::kIndexChanging,
                BatchCacheSchema::kCreateObservations,
                BatchCacheSchema::kIndexObservations,
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
