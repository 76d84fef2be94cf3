#pragma once

#include "core/api/apiconfig.h"
#include "core/batch/batch.h"
#include "core/batch/progresshistory.h"
#include "core/cache/planrow.h"
#include "core/providers/provider.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QSqlError;
class QSqlQuery;

// What Batchwatch has seen of one account, in SQLite: each batch's JSON as received, its place in the
// server's newest-first order, and whether the cache reaches the account's oldest batch. A damaged or foreign
// file is moved aside and rebuilt, never a crash; a file of a newer Batchwatch is left alone.
class BatchCache
{
public:
    // 4: every write records the number of rows (meta "rows"), so a read can tell that rows went missing.
    // 5: columns filled from the typed batch beside its JSON (BatchCacheColumns: status, created_at, model,
    // tokens), read without parsing by loadPlan() and `batchwatch cost`.
    static constexpr int kSchemaVersion = 5;
    // Files moved aside as broken that are kept for a post-mortem, newest first; older ones are deleted.
    static constexpr int kBrokenFilesKept = 2;

    // What a read found. Damaged: a step reported corruption, a row did not parse, or fewer or more rows came
    // than the writers recorded; what came is not to be trusted. Failed: the read could not be made (busy,
    // I/O), which says nothing about the file.
    enum class ReadStatus { Ok, Damaged, Failed };

    BatchCache();
    ~BatchCache();
    BatchCache(const BatchCache &) = delete;
    BatchCache &operator=(const BatchCache &) = delete;

    // The file for this account under the platform's cache folder, named from the provider (other than
    // OpenAI, whose files keep their old names), base URL, organization, project or API version and a hash of
    // the key (never the key itself).
    static QString defaultPath(const ApiConfig &config);

    // Opens (creating or migrating) the database; `warning` says when a bad file had to be moved aside.
    // Opening is serialised between processes (a lock file beside the database), so one creating the file is
    // never taken for a broken file by another. A file of a newer schema, or one that is busy, fails the open
    // and stays as it is. The folder is made private to the user (0700), the files 0600.
    [[nodiscard]] bool open(const QString &path, QString *error, QString *warning = nullptr);
    // The same for an account of `provider`: rows are parsed by its adapter, and the file records the
    // provider (meta "provider"; a file without it is OpenAI's, the only provider before). A file of another
    // provider is never read as this one's: the open fails and the file is left alone.
    [[nodiscard]] bool open(const QString &path, Provider provider, QString *error,
                            QString *warning = nullptr);
    Provider provider() const { return m_provider; }
    bool isOpen() const;
    const QString &path() const { return m_path; }

    // Every cached batch in the server's order, newest first, and whether the cache is complete, read in one
    // snapshot (a writer in another process cannot make the count disagree).
    std::vector<Batch> load(QString *error = nullptr, ReadStatus *status = nullptr,
                            bool *complete = nullptr) const;
    // Up to `limit` batches after `afterRank` in server order (a negative limit: all); `lastRank` is where
    // the next chunk starts. Lets a window show its first screen before the rest of a large cache is read.
    // Checks every step and every row; the count only load() can check.
    // What a refresh plan needs of every cached batch (id, status, created_at), from the columns without
    // parsing JSON: in server order, in one snapshot, with the same checks as load(). `checkJson` also reads
    // each row's JSON and checks that it is still one JSON object (a tenth of the cost of parsing batches),
    // so that a run that will stream the rows later learns of a damaged one before it asks the server.
    std::vector<PlanRow> loadPlan(QString *error = nullptr, ReadStatus *status = nullptr,
                                  bool *complete = nullptr, bool checkJson = false) const;
    std::vector<Batch> loadChunk(qint64 afterRank, int limit, qint64 *lastRank, QString *error = nullptr,
                                 ReadStatus *status = nullptr) const;
    // Every cached batch in server order, handed to `consume` in chunks of up to `chunk` (a false return
    // stops the read, and `*stopped` says so), all from one snapshot with load()'s checks: a read that ends
    // without being stopped must bring as many rows as the writers recorded. Memory: one chunk.
    using ChunkConsumer = std::function<bool(std::vector<Batch> &&chunk)>;
    [[nodiscard]] ReadStatus stream(int chunk, const ChunkConsumer &consume, QString *error = nullptr,
                                    bool *stopped = nullptr) const;
    // Moves a file found damaged aside (keeping the newest kBrokenFilesKept) and opens a new, empty one in
    // its place; `warning` says where it went.
    [[nodiscard]] bool moveAside(const QString &why, QString *warning, QString *error);
    // The cached batch furthest down the list, where reading more from the server resumes.
    QString oldestId() const;
    qint64 count() const;
    // The number of rows the last write recorded (-1: none recorded), to tell a read that came up short.
    qint64 recordedRows() const;
    // Whether some walk reached the account's last page, so nothing older is missing.
    bool isComplete() const;

    // Replaces the cache with a full walk, in server order.
    bool replaceAll(const std::vector<Batch> &batches, bool complete, QString *error = nullptr);
    // A walk over the whole account, written page by page as it arrives: beginWalk() gives the first rank,
    // each page takes the next ones, and finishWalk() (after the last page) drops what the walk did not see
    // and marks the cache complete. A walk that breaks off leaves its pages above the older rows.
    // `commit` false leaves the transaction open for the next pages: few large transactions write each page
    // of the id index once, not once per commit (the ids come in random order).
    qint64 beginWalk();
    bool writeWalkPage(const std::vector<Batch> &page, qint64 firstRank, QString *error = nullptr,
                       bool commit = true);
    bool finishWalk(qint64 endRank, QString *error = nullptr);
    // Stores updated or new batches; `newestFirst` are new ones found above everything cached, in server
    // order.
    bool store(const std::vector<Batch> &newestFirst, const std::vector<Batch> &updated,
               QString *error = nullptr);
    // Stores older batches below everything cached (a view scrolled further down), in server order.
    bool append(const std::vector<Batch> &older, QString *error = nullptr);
    bool setComplete(bool complete);
    // A refresh stored new batches above a stretch it could not read: until a walk from the top reaches the
    // end, older pages start from the top (not below the oldest row) and the cache is never complete.
    bool hasGap() const;
    bool setGap(bool gap);
    bool clear(QString *error = nullptr);

    // Observed progress of running batches, for the ETA and the progress chart.
    bool addSamples(const QList<QPair<QString, ProgressSample>> &samples);
    QHash<QString, QList<ProgressSample>> loadSamples() const;

private:
    enum class OpenProblem { None, Damaged, Newer, Unavailable, OtherProvider };
    bool openLocked(QString *error, QString *warning);
    OpenProblem tryOpen(QString *why);
    bool moveAsideLocked(const QString &why, QString *warning);
    [[nodiscard]] bool beginWrite(QString *error) const;
    // The number of rows, recorded in the write transaction that is about to commit.
    // `failure` (optional) receives the failing statement's error.
    bool recordCount(QString *error, QSqlError *failure = nullptr);
    OpenProblem createSchema(QString *error);
    // Damaged only for corruption or a row that does not parse; any other failure (disk full, I/O) is
    // Unavailable: rolled back by the caller, the file left as it was, tried again at the next open.
    OpenProblem migrate(int from, QString *error);
    // Version 5's columns for every row, parsed from its JSON (the migration from an older file). `failure`
    // receives the failing statement's error; it stays invalid when a row does not parse.
    // `unfilledOnly`: only the rows whose status is NULL (written by an older Batchwatch into this version).
    bool fillColumns(QString *error, QSqlError *failure, bool unfilledOnly = false);
    // At the open of a current file: the rows an older Batchwatch wrote without columns are refilled from
    // their JSON (and a file made before the partial index gets it). Outside a write transaction it only
    // looks, and sets `again` when there is work to do (the caller comes back writing).
    OpenProblem refill(bool writing, QString *error, bool *again);
    bool setMeta(const QString &key, const QString &value, QSqlError *failure = nullptr);
    QString meta(const QString &key) const;
    // Runs `readRows` in one read transaction with the recorded count and the complete flag; it returns the
    // rows it read (-1: it stopped early, nothing to compare), and a count that differs from the recorded one
    // makes the read Damaged.
    ReadStatus inSnapshot(const std::function<qint64(QString *, ReadStatus *)> &readRows, QString *error,
                          bool *complete) const;
    bool upsert(const Batch &batch, std::optional<qint64> rank, QString *error);
    void close();

    QString m_connection;
    QString m_path;
    // Prepared once per open database: preparing a statement per row made writing 100,000 batches take
    // seconds.
    std::unique_ptr<QSqlQuery> m_insert;
    std::unique_ptr<QSqlQuery> m_update;
    bool m_walkOpen = false; // a walk's transaction is open
    Provider m_provider = Provider::OpenAI;
};
