#include "apiclient.h"
#include "batchrefresher.h"
#include "batchtablemodel.h"
#include "simprocess.h"

#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace {
// Uploads a two-line input file and creates a batch from it, as a user's script would.
QString createBatch(const SimProcess &sim)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    auto *form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart purpose;
    purpose.setHeader(QNetworkRequest::ContentDispositionHeader,
                      QStringLiteral("form-data; name=\"purpose\""));
    purpose.setBody("batch");
    QHttpPart file;
    file.setHeader(QNetworkRequest::ContentDispositionHeader,
                   QStringLiteral("form-data; name=\"file\"; filename=\"in.jsonl\""));
    file.setBody(
        "{\"custom_id\":\"1\",\"body\":{\"model\":\"gpt-4.1\"}}\n{\"custom_id\":\"2\",\"body\":{}}\n");
    form->append(purpose);
    form->append(file);
    QNetworkRequest upload(QUrl(sim.baseUrl().toString() + QStringLiteral("/files")));
    upload.setRawHeader("Authorization", "Bearer sk-test");
    QNetworkReply *reply = manager.post(upload, form);
    form->setParent(reply);
    QSignalSpy uploaded(reply, &QNetworkReply::finished);
    if (!uploaded.wait(10'000))
        return {};
    const QString fileId = QJsonDocument::fromJson(reply->readAll())[QStringLiteral("id")].toString();

    QNetworkRequest create(QUrl(sim.baseUrl().toString() + QStringLiteral("/batches")));
    create.setRawHeader("Authorization", "Bearer sk-test");
    create.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *created = manager.post(
        create, QJsonDocument(QJsonObject{{QStringLiteral("input_file_id"), fileId},
                                          {QStringLiteral("endpoint"), QStringLiteral("/v1/responses")},
                                          {QStringLiteral("completion_window"), QStringLiteral("24h")}})
                    .toJson());
    QSignalSpy done(created, &QNetworkReply::finished);
    if (!done.wait(10'000))
        return {};
    return QJsonDocument::fromJson(created->readAll())[QStringLiteral("id")].toString();
}
} // namespace

class TestBatchRefresher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refreshFindsNewBatchesAndUpdatesRunningOnes()
    {
        // Fast simulated time so the running batches move between two refreshes.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("150"), QStringLiteral("--speed"),
                        QStringLiteral("120")});
        QVERIFY(sim.start());
        ApiClient client(sim.config());
        BatchTableModel model;
        model.setClient(&client);
        model.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 150, 10'000);
        QTRY_VERIFY(!model.isFetching());

        BatchRefresher refresher(&client, &model);
        refresher.setAutoRefresh(false);
        const QString newId = createBatch(sim);
        QVERIFY(!newId.isEmpty());
        QTest::qWait(300);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy finished(&refresher, &BatchRefresher::finished);
        const qint64 before = sim.stats().value(QStringLiteral("requests")).toInteger();
        refresher.refreshNow();
        QVERIFY(refresher.isRefreshing());
        refresher.refreshNow(); // one at a time
        QVERIFY(finished.wait(20'000));
        QCOMPARE(finished.count(), 1);
        QVERIFY2(!finished.at(0).at(0).value<ApiError>().isError(),
                 qPrintable(finished.at(0).at(0).value<ApiError>().toString()));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 151);
        QVERIFY(model.rowOf(newId) >= 0);
        QCOMPARE(reset.count(), 0);
        QVERIFY(changed.count() > 0);

        // Page 1 (it holds known batches, so the walk stops) plus one retrieve per running batch not on it.
        const qint64 made = sim.stats().value(QStringLiteral("requests")).toInteger() - before;
        QCOMPARE(made, qint64(refresher.requestsInLastRefresh()));
        QVERIFY(made >= 1 && made < 40);
        QVERIFY(refresher.lastRefresh().isValid());
    }

    void failedRefreshKeepsEveryRow()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--fail-every"),
                        QStringLiteral("2"), QStringLiteral("--fail-status"), QStringLiteral("401")});
        QVERIFY(sim.start());
        ApiClient client(sim.config());
        BatchTableModel model;
        model.setClient(&client);
        model.fetchMore(QModelIndex());
        QTRY_COMPARE(model.rowCount(), 30);
        BatchRefresher refresher(&client, &model);
        refresher.setAutoRefresh(false);
        QSignalSpy finished(&refresher, &BatchRefresher::finished);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        refresher.refreshNow();
        QVERIFY(finished.wait(10'000));
        const ApiError error = finished.at(0).at(0).value<ApiError>();
        QCOMPARE(error.httpStatus, 401);
        QVERIFY(error.requestId.startsWith(QStringLiteral("req_")));
        QCOMPARE(model.rowCount(), 30);
        QCOMPARE(removed.count(), 0);
        QVERIFY(!refresher.lastRefresh().isValid());
    }

    void timerIsSingleShotAndPausable()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("5")});
        QVERIFY(sim.start());
        ApiClient client(sim.config());
        BatchTableModel model;
        BatchRefresher refresher(&client, &model);
        refresher.setIntervalSeconds(1); // clamped to the 5 s floor
        QCOMPARE(refresher.intervalSeconds(), 5);
        refresher.setIntervalSeconds(100'000);
        QCOMPARE(refresher.intervalSeconds(), 600);
        refresher.setAutoRefresh(true);
        QVERIFY(refresher.nextRefresh().isValid());
        refresher.setPaused(true);
        QVERIFY(!refresher.nextRefresh().isValid());
        QSignalSpy started(&refresher, &BatchRefresher::started);
        refresher.setPaused(false); // back from minimised: refresh at once
        QCOMPARE(started.count(), 1);
        QSignalSpy finished(&refresher, &BatchRefresher::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY(refresher.nextRefresh().isValid()); // re-armed after the result
        QCOMPARE(model.rowCount(), 5);
        refresher.setAutoRefresh(false);
        QVERIFY(!refresher.nextRefresh().isValid());
    }
};

QTEST_MAIN(TestBatchRefresher)
#include "tst_batchrefresher.moc"
