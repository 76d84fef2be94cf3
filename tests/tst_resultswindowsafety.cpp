// What the Results window refuses because it could cost twice: Retry while the read is in doubt (lines
// skipped, rows that disagree with the batch's counts), a retry whose metadata the API would refuse, and
// where its result files are kept (the CLI's place: one download per batch). Against a small server that
// answers as told and the real simulator, offscreen.
#include "app/mainwindow.h"
#include "app/results/resultsretry.h"
#include "app/results/resultswindow.h"
#include "app/widgets/batchdetailpane.h"
#include "core/api/apiclient.h"
#include "core/cache/batchcache.h"
#include "core/results/resultsfetch.h"
#include "core/session/accountsession.h"
#include "hostileserver.h"
#include "mainwindowtesting.h"
#include "models/resultstablemodel.h"
#include "simprocess.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTest>
#include <QToolButton>

namespace {
QByteArray inputLine(const char *id)
{
    return "{\"custom_id\": \"" + QByteArray(id) +
           "\", \"method\": \"POST\", \"url\": \"/v1/chat/completions\", \"body\": {\"model\": \"m\"}}";
}

QByteArray okLine(const char *id)
{
    return "{\"id\": \"r\", \"custom_id\": \"" + QByteArray(id) +
           "\", \"response\": {\"status_code\": 200, \"body\": {}}, \"error\": null}\n";
}

// One OpenAI batch `batch_x` of the requests a, b, c with `output` as its output file and `completed`
// requests counted; uploads and creates answer 500 (counted, never expected).
struct FakeBatch
{
    int completed = 3;
    QByteArray output;
    QByteArray metadata = "{}";
    // The window keeps files of an account without a cache in one dir of this run, by file id: each case
    // names its output file differently.
    QByteArray outputId = "file-out";
    bool acceptUploads = false;

    QByteArray input() const { return inputLine("a") + '\n' + inputLine("b") + '\n' + inputLine("c") + '\n'; }

    QByteArray batchJson() const
    {
        return "{\"id\": \"batch_x\", \"object\": \"batch\", \"endpoint\": \"/v1/chat/completions\", "
               "\"input_file_id\": \"file-in\", \"output_file_id\": \"" +
               outputId +
               "\", \"error_file_id\": null, "
               "\"completion_window\": \"24h\", \"status\": \"completed\", \"created_at\": 1790000000, "
               "\"completed_at\": 1790000100, \"metadata\": " +
               metadata +
               ", \"request_counts\": {\"total\": 3, \"completed\": " + QByteArray::number(completed) +
               ", \"failed\": 0}}";
    }

    static QByteArray fileJson(const char *id, qint64 bytes)
    {
        return "{\"id\": \"" + QByteArray(id) +
               "\", \"object\": \"file\", \"bytes\": " + QByteArray::number(bytes) +
               ", \"created_at\": 1790000000, \"filename\": \"x.jsonl\", \"purpose\": \"batch\"}";
    }

    void answer(QTcpSocket *socket, const QByteArray &head) const
    {
        const QByteArray method = head.split(' ').value(0);
        const QByteArray path = head.split(' ').value(1);
        QByteArray reply = HostileServer::response(404, "{\"error\": {\"message\": \"no\"}}");
        if (method == "POST" && acceptUploads && path.startsWith("/v1/files"))
            reply = HostileServer::response(200, fileJson("file-new", 100));
        else if (method == "POST")
            reply = HostileServer::response(500, "{\"error\": {\"message\": \"oops\"}}");
        else if (path.startsWith("/v1/batches/batch_x"))
            reply = HostileServer::response(200, batchJson());
        else if (path.startsWith("/v1/files/file-in/content"))
            reply = HostileServer::response(200, input());
        else if (path.startsWith(QByteArray("/v1/files/" + outputId + "/content")))
            reply = HostileServer::response(200, output);
        else if (path.startsWith("/v1/files/file-in"))
            reply = HostileServer::response(200, fileJson("file-in", input().size()));
        else if (path.startsWith(QByteArray("/v1/files/" + outputId)))
            reply = HostileServer::response(200, fileJson(outputId.constData(), output.size()));
        socket->write(reply);
    }
};

qsizetype postsTo(const HostileServer &server)
{
    qsizetype n = 0;
    for (const QByteArray &line : server.requestLines())
        n += line.startsWith("POST") ? 1 : 0;
    return n;
}

SessionSpec specOn(const HostileServer &server)
{
    SessionSpec spec;
    spec.config.provider = Provider::OpenAI;
    spec.config.baseUrl = server.baseUrl();
    spec.config.apiKey = QStringLiteral("sk-test");
    spec.autoRefresh = false;
    return spec;
}

QString hookBatch(const SimProcess &sim, const QByteArray &body)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QUrl url = sim.rootUrl();
    url.setPath(QStringLiteral("/v1/_sim/batches"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager.post(request, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    done.wait();
    const QString id = QJsonDocument::fromJson(reply->readAll())[QStringLiteral("id")].toString();
    reply->deleteLater();
    return id;
}
} // namespace

class TestResultsWindowSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
    }

    void retryWaitsForAReadBeyondDoubt_data()
    {
        QTest::addColumn<int>("completed");
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<bool>("refused");
        // b ran (3 counted) but the output holds a and c only: b reads as not run although it ran.
        QTest::newRow("counts disagree") << 3 << (okLine("c") + okLine("a")) << true;
        // A line that does not read: it may be b's.
        QTest::newRow("a line skipped") << 2 << (okLine("c") + "not json\n" + okLine("a")) << true;
        // The files agree with the counts: b did not run and may be sent again.
        QTest::newRow("agree") << 2 << (okLine("c") + okLine("a")) << false;
    }

    void retryWaitsForAReadBeyondDoubt()
    {
        QFETCH(int, completed);
        QFETCH(QByteArray, output);
        QFETCH(bool, refused);
        FakeBatch fake;
        fake.completed = completed;
        fake.output = output;
        fake.outputId = "file-out-" + QByteArray(QTest::currentDataTag()).replace(' ', '-');
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) { fake.answer(socket, head); });
        AccountSession owner(specOn(server));
        const Parsed<Batch> batch = owner.client()->parseBatch(fake.batchJson());
        QVERIFY(batch.ok());
        ResultsWindow window(&owner, batch.value);
        window.show();
        window.start();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading(), 30'000);
        QVERIFY2(window.bannerText().isEmpty(), qPrintable(window.bannerText()));
        QCOMPARE(window.model()->rowCount(), 3);
        QVERIFY2(window.retryButton()->isEnabled() == !refused, qPrintable(window.statusText()));
        if (refused) {
            QVERIFY2(window.retryButton()->toolTip().contains(QStringLiteral("may have run")),
                     qPrintable(window.retryButton()->toolTip()));
            QVERIFY(!window.warningsText().isEmpty());
        }
        RetryLines::Selection notRun;
        notRun.failed = false;
        notRun.notRun = true;
        window.retry(notRun);
        QCOMPARE(window.retryFlow() != nullptr, !refused);
        if (window.retryFlow())
            window.retryFlow()->cancel();
        QCOMPARE(postsTo(server), 0);
    }

    void aDisagreementIsListedWithBothNumbers()
    {
        FakeBatch fake;
        fake.output = okLine("c") + okLine("a");
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) { fake.answer(socket, head); });
        AccountSession owner(specOn(server));
        ResultsWindow window(&owner, owner.client()->parseBatch(fake.batchJson()).value);
        window.start();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading(), 30'000);
        QVERIFY2(window.warningsText().contains(u'2') && window.warningsText().contains(u'3'),
                 qPrintable(window.warningsText()));
        QVERIFY2(window.statusText().contains(QStringLiteral("warning")), qPrintable(window.statusText()));
    }

    void metadataTheApiWouldRefuseIsSaidBeforeSending()
    {
        // 16 pairs already: with batchwatch_retry_of the retry would carry 17, which the API refuses.
        FakeBatch fake;
        fake.completed = 2;
        fake.output = okLine("c") + okLine("a");
        QByteArray pairs;
        for (int i = 0; i < 16; ++i)
            pairs += (i ? ", " : "") + QByteArray("\"k") + QByteArray::number(i) + "\": \"v\"";
        fake.metadata = '{' + pairs + '}';
        fake.outputId = "file-out-metadata";
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) { fake.answer(socket, head); });
        AccountSession owner(specOn(server));
        ResultsWindow window(&owner, owner.client()->parseBatch(fake.batchJson()).value);
        window.show();
        window.start();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading(), 30'000);
        RetryLines::Selection notRun;
        notRun.failed = false;
        notRun.notRun = true;
        window.retry(notRun);
        QVERIFY(window.retryFlow());
        QMessageBox *box = window.retryFlow()->confirmation();
        QVERIFY(box);
        const QString said = box->text() + u'\n' + box->informativeText();
        QVERIFY2(said.contains(QStringLiteral("16")), qPrintable(said));
        for (QAbstractButton *button : box->buttons())
            QVERIFY2(button->text() != QStringLiteral("Send"), "a retry the API would refuse offers Send");
        box->reject();
        QTRY_VERIFY(!window.retryFlow());
        QCOMPARE(postsTo(server), 0);
    }

    void theResultsCacheIsTheClis()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("0"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        const QString id =
            hookBatch(sim, R"({"requests": 20, "outcome": "completed", "failed_share": 0.2, "ended": true})");
        QVERIFY(!id.isEmpty());
        MainWindow main;
        MainWindowTesting::openOn(main, sim.config());
        QTRY_VERIFY(main.model()->rowOf(id) >= 0);
        main.selectBatch(id);
        QTRY_COMPARE(main.detailPane()->batchId(), id);
        ResultsWindow *window = main.openResults();
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading(), 30'000);
        // What `batchwatch results` uses for the same account (CommandSupport::connect).
        const QString clis =
            ResultsFetch::cacheDirFor(QFileInfo(BatchCache::defaultPath(sim.config())).fileName());
        QCOMPARE(window->cacheDir(), clis);
        QVERIFY(!QDir(clis).entryList(QDir::Files).isEmpty());
    }

    void aRetryThatMayHaveBeenCreatedSaysSo()
    {
        // The lines upload; the create's answer is a 500: the batch may exist.
        FakeBatch fake;
        fake.completed = 2;
        fake.output = okLine("c") + okLine("a");
        fake.outputId = "file-out-maybe";
        fake.acceptUploads = true;
        HostileServer server([&](QTcpSocket *socket, const QByteArray &head) { fake.answer(socket, head); });
        AccountSession owner(specOn(server));
        ResultsWindow window(&owner, owner.client()->parseBatch(fake.batchJson()).value);
        window.show();
        window.start();
        QTRY_VERIFY_WITH_TIMEOUT(!window.isLoading(), 30'000);
        RetryLines::Selection notRun;
        notRun.failed = false;
        notRun.notRun = true;
        window.retry(notRun);
        QVERIFY(window.retryFlow() && window.retryFlow()->confirmation());
        QMessageBox *box = window.retryFlow()->confirmation();
        QAbstractButton *send = nullptr;
        for (QAbstractButton *button : box->buttons())
            send = button->text() == QStringLiteral("Send") ? button : send;
        QVERIFY(send);
        send->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window.retryFlow(), 60'000);
        QVERIFY2(window.statusText().contains(QStringLiteral("may have been created")) &&
                     window.statusText().contains(QStringLiteral("refresh before sending again")),
                 qPrintable(window.statusText()));
    }

    void aGeminiRetryNamesTheParentsModel()
    {
        Batch parent;
        parent.id = QStringLiteral("batches/abc");
        parent.model = QStringLiteral("gemini-2.5-flash");
        QCOMPARE(ResultsRetry::specFor(parent, QStringLiteral("/tmp/x.jsonl")).model, parent.model);
    }

    void aGeminiBatchIsRetriedWithItsModel()
    {
        SimProcess sim(QStringLiteral("gemini"), {QStringLiteral("--batches"), QStringLiteral("0"),
                                                  QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(sim.start());
        // The hook answers the resource name (batches/ID); the window holds the ID.
        const QString id =
            hookBatch(sim, R"({"requests": 30, "outcome": "completed", "failed_share": 0.3, "ended": true})")
                .section(u'/', -1);
        QVERIFY(!id.isEmpty());
        MainWindow main;
        MainWindowTesting::openOn(main, sim.config());
        QTRY_VERIFY(main.model()->rowOf(id) >= 0);
        main.selectBatch(id);
        QTRY_COMPARE(main.detailPane()->batchId(), id);
        ResultsWindow *window = main.openResults();
        QVERIFY(window);
        QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading(), 30'000);
        QVERIFY2(window->bannerText().isEmpty(), qPrintable(window->bannerText()));
        QVERIFY(window->model()->failedCount() > 0);
        QVERIFY2(window->retryButton()->isEnabled(), qPrintable(window->retryButton()->toolTip()));
        const int before = main.model()->rowCount();
        RetryLines::Selection failed;
        window->retry(failed);
        QVERIFY(window->retryFlow() && window->retryFlow()->confirmation());
        QAbstractButton *send = nullptr;
        for (QAbstractButton *button : window->retryFlow()->confirmation()->buttons())
            send = button->text() == QStringLiteral("Send") ? button : send;
        QVERIFY(send);
        send->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window->retryFlow(), 60'000);
        QVERIFY2(window->statusText().startsWith(QStringLiteral("Created")),
                 qPrintable(window->statusText()));
        QCOMPARE(main.model()->rowCount(), before + 1);
        const Batch &parent = main.model()->batchAt(main.model()->rowOf(id));
        const Batch &made = main.model()->batchAt(main.model()->rowOf(main.detailPane()->batchId()));
        QVERIFY(made.id != id);
        QCOMPARE(made.model, parent.model);
    }
};

QTEST_MAIN(TestResultsWindowSafety)
#include "tst_resultswindowsafety.moc"
