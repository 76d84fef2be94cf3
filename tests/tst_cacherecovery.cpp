// The cache through the real `batchwatch` binary against the real simulator: a damaged file never makes an
// export short, files are private, two processes share a new cache, and --max does not read the account.
#include "simprocess.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

const QStringList kAccount = {QStringLiteral("--batches"), QStringLiteral("450"),
                              QStringLiteral("--speed"),   QStringLiteral("0"),
                              QStringLiteral("--now"),     QStringLiteral("1790000000")};
const QStringList kExport = {QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("jsonl")};

std::unique_ptr<QProcess> startBatchwatch(const QStringList &args, const QUrl &base, const QString &cacheHome)
{
    auto process = std::make_unique<QProcess>();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPENAI_BASE_URL"), base.toString());
    env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-test-recovery-0001"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    process->setProcessEnvironment(env);
    process->start(QStringLiteral(BATCHWATCH_PATH), args);
    return process;
}

Run finished(QProcess &process)
{
    Run run;
    if (!process.waitForFinished(120'000)) {
        process.kill();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

Run runBatchwatch(const QStringList &args, const QUrl &base, const QString &cacheHome)
{
    return finished(*startBatchwatch(args, base, cacheHome));
}

// The account's cache file under a cache home (there is one account per test).
QString cacheFile(const QString &cacheHome)
{
    QDirIterator files(cacheHome, {QStringLiteral("*.sqlite")}, QDir::Files, QDirIterator::Subdirectories);
    return files.hasNext() ? files.next() : QString();
}

QStringList brokenFiles(const QString &cacheHome)
{
    QStringList found;
    QDirIterator files(cacheHome, {QStringLiteral("*.broken-*")}, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext())
        found << files.next();
    return found;
}

// Runs SQL on the cache file directly, as a damaged disk or another program would leave it.
bool execOn(const QString &path, const QStringList &statements, QVariant *result = nullptr)
{
    bool ok = true;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("poke"));
        db.setDatabaseName(path);
        ok = db.open();
        QSqlQuery query(db);
        for (const QString &statement : statements) {
            ok = ok && query.exec(statement);
            if (ok && result && query.next())
                *result = query.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("poke"));
    return ok;
}

// Overwrites one leaf page of the batches table in the middle of the file, as a bad sector would: the
// b-tree is followed from the table's root page down the middle child of each interior page.
// Big-endian integers of SQLite's format, read byte by byte within bounds (0 beyond the end).
quint32 bigEndian(const QByteArray &bytes, qsizetype at, int size)
{
    quint32 value = 0;
    for (int i = 0; i < size; ++i)
        value = (value << 8) | (at + i < bytes.size() ? quint8(bytes.at(at + i)) : 0u);
    return value;
}

bool damageALeafPage(const QString &path)
{
    QVariant root;
    if (!execOn(path, {QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = 'batches'")}, &root))
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return false;
    const QByteArray header = file.read(100);
    const quint32 rawSize = bigEndian(header, 16, 2);
    const qint64 pageSize = rawSize == 1 ? 65536 : rawSize;
    qint64 page = root.toLongLong();
    for (int depth = 0; depth < 8; ++depth) {
        file.seek((page - 1) * pageSize);
        const QByteArray bytes = file.read(pageSize);
        if (bytes.size() != pageSize)
            return false;
        if (quint8(bytes[0]) == 0x0d) { // a leaf of a table b-tree
            if (depth == 0)
                return false; // the whole table on one page: too small to show anything
            file.seek((page - 1) * pageSize);
            return file.write(QByteArray(int(pageSize), '\x5a')) == pageSize;
        }
        if (quint8(bytes[0]) != 0x05) // not an interior table page either
            return false;
        const quint32 cells = bigEndian(bytes, 3, 2);
        const quint32 cell = bigEndian(bytes, 12 + 2 * (cells / 2), 2);
        page = bigEndian(bytes, cell, 4);
    }
    return false;
}
} // namespace

class TestCacheRecovery : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;
    QByteArray m_reference; // the account as a run without the cache writes it

    void expectRecovered(const Run &run)
    {
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("warning: the cache") && run.err.contains("moved it to"),
                 run.err.constData());
        QCOMPARE(run.out.count('\n'), m_reference.count('\n'));
        QCOMPARE(run.out, m_reference);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_sim = SimProcess::started(kAccount);
        QVERIFY(!m_sim->baseUrl().isEmpty());
        QTemporaryDir unused;
        const Run run = runBatchwatch(kExport + QStringList{QStringLiteral("--no-cache")}, m_sim->baseUrl(),
                                      unused.path());
        QCOMPARE(run.exitCode, 0);
        m_reference = run.out;
        QCOMPARE(m_reference.count('\n'), 450);
    }

    void damageIsNoticedAndTheSameRunReadsEverything_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::newRow("a page of the table overwritten") << "page";
        QTest::newRow("a row that no longer parses") << "json";
        QTest::newRow("a row gone") << "row";
    }

    void damageIsNoticedAndTheSameRunReadsEverything()
    {
        QFETCH(QString, damage);
        QTemporaryDir cacheHome;
        QCOMPARE(runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path()).out, m_reference);
        const QString path = cacheFile(cacheHome.path());
        QVERIFY(!path.isEmpty());
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) ||
                QFileInfo(path + QStringLiteral("-wal")).size() == 0); // everything is in the file itself
        const QString middle = QStringLiteral("(SELECT id FROM batches ORDER BY rank LIMIT 1 OFFSET 225)");
        if (damage == QLatin1String("page"))
            QVERIFY(damageALeafPage(path));
        else if (damage == QLatin1String("json"))
            QVERIFY(execOn(
                path,
                {QStringLiteral("UPDATE batches SET json = '{\"id\": \"batch_' WHERE id = ") + middle}));
        else
            QVERIFY(execOn(path, {QStringLiteral("DELETE FROM batches WHERE id = ") + middle}));

        const quint64 before = quint64(m_sim->requestsServed());
        expectRecovered(runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path()));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(quint64(m_sim->requestsServed()) - before, 5u); // the whole account, once
        QCOMPARE(brokenFiles(cacheHome.path()).size(), 1);
        // The new cache is whole: the next run is warm, quiet and exact.
        const Run warm = runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path());
        QVERIFY2(warm.exitCode == 0 && warm.err.isEmpty(), warm.err.constData());
        QCOMPARE(warm.out, m_reference);
    }

    void atMostTwoBrokenFilesAreKept()
    {
        QTemporaryDir cacheHome;
        QCOMPARE(runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path()).exitCode, 0);
        const QString path = cacheFile(cacheHome.path());
        for (int i = 0; i < 4; ++i) {
            QVERIFY(execOn(path, {QStringLiteral("DELETE FROM batches WHERE rowid IN (SELECT rowid FROM "
                                                 "batches LIMIT 1)")}));
            expectRecovered(runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path()));
            if (QTest::currentTestFailed())
                return;
        }
        QCOMPARE(brokenFiles(cacheHome.path()).size(), 2);
    }

    void cacheFilesAreTheUsersAlone()
    {
        QTemporaryDir cacheHome;
        QFile::setPermissions(cacheHome.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                    QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                    QFileDevice::ExeOther);
        QCOMPARE(runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path()).exitCode, 0);
        const QString path = cacheFile(cacheHome.path());
        QVERIFY(!path.isEmpty());
        const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
        const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                            QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
        QCOMPARE(QFileInfo(QFileInfo(path).absolutePath()).permissions() & (ownerOnly | others), ownerOnly);
        for (const QString &file :
             {path, QString(path + QStringLiteral("-wal")), QString(path + QStringLiteral("-shm"))}) {
            if (QFile::exists(file))
                QCOMPARE(QFileInfo(file).permissions() & (ownerOnly | others),
                         QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }

    void aNewerCacheIsLeftAlone()
    {
        QTemporaryDir cacheHome;
        QCOMPARE(runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path()).exitCode, 0);
        const QString path = cacheFile(cacheHome.path());
        QVERIFY(execOn(path, {QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'")}));
        const Run run = runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("newer Batchwatch") && run.err.contains("going on without it"),
                 run.err.constData());
        QVERIFY2(!run.err.contains("moved"), run.err.constData());
        QCOMPARE(run.out, m_reference);
        QVERIFY(brokenFiles(cacheHome.path()).isEmpty());
        QVariant version;
        QVERIFY(
            execOn(path, {QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")}, &version));
        QCOMPARE(version.toString(), QStringLiteral("99"));
    }

    void processesStartingOnOneNewCacheShareIt()
    {
        // Several rounds, each on a fresh cache with every process started at once: the creation race. Each
        // writes to a file (a process blocked on a full pipe would hold its walk's write lock meanwhile).
        for (int round = 0; round < 4; ++round) {
            QTemporaryDir cacheHome, outputs;
            std::vector<std::unique_ptr<QProcess>> processes;
            for (int i = 0; i < 3; ++i) {
                const QString out = outputs.filePath(QStringLiteral("%1.jsonl").arg(i));
                processes.push_back(startBatchwatch(kExport + QStringList{QStringLiteral("-o"), out},
                                                    m_sim->baseUrl(), cacheHome.path()));
            }
            for (size_t i = 0; i < processes.size(); ++i) {
                const Run run = finished(*processes[i]);
                QVERIFY2(run.exitCode == 0, run.err.constData());
                QVERIFY2(run.err.isEmpty(), run.err.constData());
                QFile out(outputs.filePath(QStringLiteral("%1.jsonl").arg(i)));
                QVERIFY(out.open(QIODevice::ReadOnly));
                QCOMPARE(out.readAll(), m_reference);
            }
            QCOMPARE(brokenFiles(cacheHome.path()), QStringList());
            const Run warm = runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path());
            QVERIFY2(warm.err.isEmpty(), warm.err.constData());
            QCOMPARE(warm.out, m_reference);
        }
    }

    void maxOnAColdCacheReadsOnlyWhatItNeeds()
    {
        QTemporaryDir cacheHome;
        qint64 before = m_sim->requestsServed();
        const Run list = runBatchwatch({QStringLiteral("list"), QStringLiteral("--max"), QStringLiteral("5")},
                                       m_sim->baseUrl(), cacheHome.path());
        QVERIFY2(list.exitCode == 0, list.err.constData());
        QCOMPARE(list.out.trimmed().split('\n').size(), 6); // the header and five batches
        QCOMPARE(m_sim->requestsServed() - before, 1);
        before = m_sim->requestsServed();
        const Run uncached = runBatchwatch({QStringLiteral("list"), QStringLiteral("--max"),
                                            QStringLiteral("5"), QStringLiteral("--no-cache")},
                                           m_sim->baseUrl(), cacheHome.path());
        QCOMPARE(uncached.out, list.out);
        QCOMPARE(m_sim->requestsServed() - before, 1); // no page read ahead that --max does not need

        // Read but not complete: a full export after it walks everything, and is exact.
        before = m_sim->requestsServed();
        const Run all = runBatchwatch(kExport, m_sim->baseUrl(), cacheHome.path());
        QCOMPARE(all.out, m_reference);
        QCOMPARE(m_sim->requestsServed() - before, 5);

        QTemporaryDir coldAgain;
        before = m_sim->requestsServed();
        const Run some = runBatchwatch(kExport + QStringList{QStringLiteral("--max"), QStringLiteral("150")},
                                       m_sim->baseUrl(), coldAgain.path());
        QCOMPARE(some.out.count('\n'), 150);
        QVERIFY(m_reference.startsWith(some.out));
        QCOMPARE(m_sim->requestsServed() - before, 2);
        // The two pages went to the cache: a warm --max within them is exact too.
        const Run again = runBatchwatch(kExport + QStringList{QStringLiteral("--max"), QStringLiteral("150")},
                                        m_sim->baseUrl(), coldAgain.path());
        QCOMPARE(again.out, some.out);
    }

    void aWalkThatEndedOnAnEmptyPageNeverCompletesTheCache()
    {
        // A broken server: its second page is empty yet claims more, and no retry is allowed to mend it.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QString port = QString::number(probe.serverPort());
        probe.close();
        QTemporaryDir cacheHome;
        {
            SimProcess broken(kAccount + QStringList{QStringLiteral("--port"), port,
                                                     QStringLiteral("--fail-every"), QStringLiteral("2"),
                                                     QStringLiteral("--fail-status"),
                                                     QStringLiteral("empty-page")});
            QVERIFY(broken.start());
            const Run shortRun =
                runBatchwatch(kExport + QStringList{QStringLiteral("--max-retries"), QStringLiteral("0")},
                              broken.baseUrl(), cacheHome.path());
            // Ended where the SDKs end it, but not silently and not as a success: the run is short.
            QVERIFY2(shortRun.exitCode == 4, shortRun.err.constData());
            QVERIFY2(shortRun.err.contains("may be missing"), shortRun.err.constData());
            QVERIFY2(shortRun.err.contains("ended early"), shortRun.err.constData());
            QCOMPARE(shortRun.out.count('\n'), 100);
            // To a file: left untouched; and a list says the same.
            const QString path = cacheHome.filePath(QStringLiteral("short.jsonl"));
            const QStringList retries{QStringLiteral("--max-retries"), QStringLiteral("0")};
            for (const QStringList &args :
                 {kExport + retries + QStringList{QStringLiteral("-o"), path},
                  QStringList{QStringLiteral("list"), QStringLiteral("--no-cache")} + retries}) {
                const Run run = runBatchwatch(args, broken.baseUrl(), cacheHome.path());
                QCOMPARE(run.exitCode, 4);
                QVERIFY2(run.err.contains("ended early"), run.err.constData());
            }
            QVERIFY(!QFile::exists(path));
        }
        // The server is healthy again, on the same address: the next run must not trust the short walk.
        SimProcess healthy(kAccount + QStringList{QStringLiteral("--port"), port});
        QVERIFY(healthy.start());
        const Run run = runBatchwatch(kExport, healthy.baseUrl(), cacheHome.path());
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(run.out, m_reference);
    }
};

QTEST_GUILESS_MAIN(TestCacheRecovery)
#include "tst_cacherecovery.moc"
