#include "core/providers/provideradapter.h"
#include "core/results/resultscheck.h"
#include "core/results/resultsreader.h"

#include "resultfiles.h"
#include "simprocess.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTest>

namespace {
struct Reply
{
    int status = 0;
    QByteArray body;
};

Reply send(QNetworkAccessManager &manager, const ProviderAdapter::Request &request, const ApiConfig &config,
           const QByteArray &body = QByteArray())
{
    QNetworkRequest http(request.url);
    ProviderAdapter::of(config.provider).authorize(config, &http);
    http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = request.verb == "POST" ? manager.post(http, body) : manager.get(http);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
}
} // namespace

// The files the real simulator serves for ended batches, read and joined: every row agrees with the batch's
// counts and every result line is found again through its row. Runs against a simulator with the test hook
// (POST /v1/_sim/batches, with "ended") and skips against one without it.
class TestResultsSim : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void filesAgreeWithTheCounts_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<double>("failedShare");
        for (const char *dialect : {"openai", "azure", "anthropic", "gemini"}) {
            QTest::addRow("%s completed", dialect) << dialect << "completed" << 0.2;
            QTest::addRow("%s failed-heavy", dialect) << dialect << "completed" << 0.85;
            QTest::addRow("%s expired", dialect) << dialect << "expired" << 0.2;
            QTest::addRow("%s cancelled", dialect) << dialect << "cancelled" << 0.2;
        }
    }

    void filesAgreeWithTheCounts()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, outcome);
        QFETCH(double, failedShare);
        SimProcess sim(dialect, {QStringLiteral("--batches"), QStringLiteral("0"), QStringLiteral("--speed"),
                                 QStringLiteral("0")});
        QString why;
        QVERIFY2(sim.start(&why), qPrintable(why));
        const ApiConfig config = sim.config();
        const ProviderAdapter &adapter = ProviderAdapter::of(config.provider);
        QNetworkAccessManager manager;
        manager.setProxy(QNetworkProxy::NoProxy);

        ProviderAdapter::Request hook;
        hook.verb = "POST";
        hook.url = sim.rootUrl().resolved(QUrl(QStringLiteral("/v1/_sim/batches")));
        const QJsonObject spec{{QStringLiteral("requests"), 120},
                               {QStringLiteral("outcome"), outcome},
                               {QStringLiteral("failed_share"), failedShare},
                               {QStringLiteral("ended"), true},
                               {QStringLiteral("endpoint"), QStringLiteral("/v1/chat/completions")}};
        const Reply made = send(manager, hook, config, QJsonDocument(spec).toJson(QJsonDocument::Compact));
        if (made.status == 404)
            QSKIP("this simulator has no test hook to make ended batches");
        QCOMPARE(made.status, 200);
        QString id = QJsonDocument::fromJson(made.body).object().value(QLatin1String("id")).toString();
        id.remove(QStringLiteral("batches/"));

        const Reply retrieved = send(manager, adapter.retrieve(config, id), config);
        QCOMPARE(retrieved.status, 200);
        const Parsed<Batch> batch = adapter.parseBatch(retrieved.body);
        QVERIFY2(batch.ok(), qPrintable(batch.error));
        if (!batch.value.status.isTerminal())
            QSKIP("this simulator's test hook cannot make ended batches");
        const RequestCounts &counts = batch.value.requestCounts;

        // The files as a client downloads them; a file the simulator does not serve is left out.
        const auto download = [&](const ProviderAdapter::Request &request, const QString &name) {
            if (!request.refusal.isEmpty())
                return QString();
            const Reply file = send(manager, request, config);
            return file.status == 200 ? writeFile(m_dir, name, file.body) : QString();
        };
        const QString tag = QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'-');
        ResultFiles files;
        if (!batch.value.inputFileId.isEmpty())
            files.input =
                download(adapter.fileContent(config, batch.value.inputFileId), tag + QStringLiteral(".in"));
        files.output = download(adapter.results(config, batch.value), tag + QStringLiteral(".out"));
        if (!batch.value.errorFileId.isEmpty())
            files.errors =
                download(adapter.fileContent(config, batch.value.errorFileId), tag + QStringLiteral(".err"));
        QVERIFY(!files.output.isEmpty());

        const Parsed<ResultSet> read = ResultsReader::read(config.provider, files);
        QVERIFY2(read.ok(), qPrintable(read.error));
        const ResultSet &set = read.value;
        QVERIFY2(set.warnings.isEmpty(), qPrintable(set.warnings.join(u'\n')));
        const QStringList disagreements = ResultsCheck::disagreements(set, batch.value);
        QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.join(u'\n')));
        QCOMPARE(set.ok, counts.completed);
        QCOMPARE(set.failed, counts.failed);
        // Every request is a row when the input is there (Anthropic's results list every request too).
        if (!files.input.isEmpty() || config.provider == Provider::Anthropic) {
            QCOMPARE(set.rows.size(), counts.total);
            QCOMPARE(set.notRun, counts.total - counts.completed - counts.failed);
        }
        if (outcome != QLatin1String("completed"))
            QVERIFY(set.notRun > 0 || files.input.isEmpty());
        if (failedShare > 0.5)
            QVERIFY(!set.groups.isEmpty() && set.groups.first().count <= set.failed);

        // Line for line: each result line is its row's.
        for (const QString &path : {files.output, files.errors}) {
            if (path.isEmpty())
                continue;
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QHash<QString, int> rowOf;
            for (int i = 0; i < set.rows.size(); ++i)
                rowOf.insert(set.rows[i].customId, i);
            for (const QByteArray &line : file.readAll().split('\n')) {
                if (line.isEmpty())
                    continue;
                const Parsed<ResultLine> result = adapter.readResultLine(line);
                QVERIFY2(result.ok(), line.constData());
                QVERIFY(rowOf.contains(result.value.customId));
                const RequestResult &row = set.rows[rowOf.value(result.value.customId)];
                QCOMPARE(ResultsReader::readLine(path, row.result), line);
                QCOMPARE(row.outcome, result.value.outcome);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestResultsSim)
#include "tst_resultssim.moc"
