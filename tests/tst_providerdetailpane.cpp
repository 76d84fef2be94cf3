#include "app/widgets/batchdetailpane.h"
#include "app/widgets/filespanel.h"
#include "core/api/apiclient.h"
#include "simprocess.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
std::vector<Batch> listed(ApiClient &client)
{
    ApiCall *call = client.listBatches(QString(), 100);
    QSignalSpy spy(call, &ApiCall::finished);
    if (!call->isFinished() && !spy.wait(30'000))
        return {};
    return client.parsePage(call->body()).value.data;
}
} // namespace

// The detail pane shows a provider's own status word and the counts the common fields have no place for, and
// the files panel downloads Anthropic's results (no file id) through the client.
class TestProviderDetailPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anthropicBatchShowsItsWordCountsAndResults()
    {
        SimProcess sim(QStringLiteral("anthropic"), {QStringLiteral("--batches"), QStringLiteral("40"),
                                                     QStringLiteral("--speed"), QStringLiteral("0")});
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        ApiClient client(sim.config());
        const std::vector<Batch> batches = listed(client);
        QVERIFY(!batches.empty());
        const auto ended = std::find_if(batches.cbegin(), batches.cend(), [](const Batch &b) {
            return b.rawStatus == QLatin1String("ended") && !b.resultsUrl.isEmpty();
        });
        QVERIFY(ended != batches.cend());

        BatchDetailPane pane;
        pane.setClient(&client);
        pane.setBatch(*ended);
        const QString overview = pane.overviewText();
        QVERIFY2(overview.contains(QStringLiteral("the provider says &quot;ended&quot;")),
                 qPrintable(overview));
        QVERIFY2(overview.contains(QStringLiteral("processing: 0")), qPrintable(overview));
        QVERIFY(overview.contains(QStringLiteral("canceled: ")));
        QVERIFY(overview.contains(QStringLiteral("expired: ")));

        FilesPanel *files = pane.filesPanel();
        QVERIFY2(files->statusText(FilesPanel::Output).contains(QStringLiteral("results of ") + ended->id),
                 qPrintable(files->statusText(FilesPanel::Output)));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("results.jsonl"));
        QSignalSpy finished(files, &FilesPanel::downloadFinished);
        files->download(QStringLiteral("results of ") + ended->id, path);
        QVERIFY(finished.wait(30'000));
        QCOMPARE(finished.constFirst().at(2).toString(), QString());
        QFile saved(path);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QByteArray first = saved.readLine();
        QVERIFY2(first.contains("\"custom_id\"") && first.contains("\"result\""), first.constData());
    }
};

QTEST_MAIN(TestProviderDetailPane)
#include "tst_providerdetailpane.moc"
