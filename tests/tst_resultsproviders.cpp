// `batchwatch results` and `retry` for the providers whose results are not an OpenAI output file: Anthropic's
// results (no input file: one record per result, in the file's order), through the real binary against the
// simulator speaking that dialect.
#include "batchwatchrun.h"
#include "simprocess.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Run = BatchwatchRun;
const QString kKey = QStringLiteral("sk-ant-test-0001");

QByteArray anthropicGet(const QUrl &url)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setRawHeader("x-api-key", kKey.toLatin1());
    request.setRawHeader("anthropic-version", "2023-06-01");
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
}

QProcessEnvironment anthropicEnvironment(const SimProcess &sim, const QString &cacheHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("OPENAI_API_KEY"));
    env.insert(QStringLiteral("ANTHROPIC_API_KEY"), kKey);
    env.insert(QStringLiteral("ANTHROPIC_BASE_URL"), sim.baseUrl().toString());
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    return env;
}
} // namespace

class TestResultsProviders : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void anthropicResultsAreTheResultsFile()
    {
        SimProcess sim(QStringLiteral("anthropic"),
                       {QStringLiteral("--batches"), QStringLiteral("60"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--now"), QStringLiteral("1790000000")});
        QVERIFY(sim.start());
        const QJsonArray batches =
            QJsonDocument::fromJson(anthropicGet(QUrl(sim.baseUrl().toString() +
                                                      QStringLiteral("/v1/messages/batches?limit=100"))))
                .object()
                .value(QStringLiteral("data"))
                .toArray();
        QVERIFY(!batches.isEmpty());
        // The ended batch with the most errored requests.
        QJsonObject chosen;
        for (const QJsonValue &value : batches) {
            const QJsonObject batch = value.toObject();
            if (batch.value(QStringLiteral("results_url")).isString() &&
                batch[QStringLiteral("request_counts")][QStringLiteral("errored")].toInt() >=
                    chosen[QStringLiteral("request_counts")][QStringLiteral("errored")].toInt())
                chosen = batch;
        }
        QVERIFY(!chosen.isEmpty());
        const QByteArray resultsFile =
            anthropicGet(QUrl(chosen.value(QStringLiteral("results_url")).toString()));
        QList<QByteArray> expected = resultsFile.split('\n');
        if (!expected.isEmpty() && expected.constLast().isEmpty())
            expected.removeLast();
        QVERIFY(!expected.isEmpty());

        QTemporaryDir cache;
        const QString id = chosen.value(QStringLiteral("id")).toString();
        const Run run = runBatchwatchIn(anthropicEnvironment(sim, cache.path()),
                                        {QStringLiteral("results"), id, QStringLiteral("--provider"),
                                         QStringLiteral("anthropic"), QStringLiteral("--format"),
                                         QStringLiteral("jsonl")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QList<QByteArray> records = run.out.split('\n');
        records.removeLast();
        QCOMPARE(records.size(), expected.size());
        for (qsizetype i = 0; i < records.size(); ++i) {
            const QJsonObject line = QJsonDocument::fromJson(expected.at(i)).object();
            const QJsonObject record = QJsonDocument::fromJson(records.at(i)).object();
            QCOMPARE(record.value(QStringLiteral("custom_id")), line.value(QStringLiteral("custom_id")));
            const QString type = line[QStringLiteral("result")][QStringLiteral("type")].toString();
            const QString outcome = type == QLatin1String("succeeded") ? QStringLiteral("ok")
                                    : type == QLatin1String("errored") ? QStringLiteral("failed")
                                                                       : QStringLiteral("not_run");
            QCOMPARE(record.value(QStringLiteral("outcome")).toString(), outcome);
        }

        // Anthropic keeps no input file: nothing can be resubmitted byte for byte, and the command says so.
        const Run retry = runBatchwatchIn(anthropicEnvironment(sim, cache.path()),
                                          {QStringLiteral("retry"), id, QStringLiteral("--provider"),
                                           QStringLiteral("anthropic"), QStringLiteral("--dry-run")});
        QCOMPARE(retry.exitCode, 2);
        QVERIFY(retry.out.isEmpty());
        QVERIFY2(retry.err.contains("no input file") && retry.err.contains("batchwatch create"),
                 retry.err.constData());
    }

    void anthropicCreateSendsTheRequestsAndSaysMetadataIsNotKept()
    {
        SimProcess sim(QStringLiteral("anthropic"), {QStringLiteral("--batches"), QStringLiteral("2"),
                                                     QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("requests.jsonl")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 3; ++i)
            file.write(
                "{\"custom_id\": \"r" + QByteArray::number(i) +
                "\", \"params\": {\"model\": \"claude-sonnet-4-5\", \"max_tokens\": 100, \"messages\": "
                "[{\"role\": \"user\", \"content\": \"Hi\"}]}}\n");
        file.close();
        const Run run = runBatchwatchIn(anthropicEnvironment(sim, dir.path()),
                                        {QStringLiteral("create"), file.fileName(),
                                         QStringLiteral("--provider"), QStringLiteral("anthropic"),
                                         QStringLiteral("--metadata"), QStringLiteral("team=a")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString id = QString::fromUtf8(run.out).trimmed();
        QVERIFY2(id.startsWith(QLatin1String("msgbatch_")), run.out.constData());
        const QJsonObject batch =
            QJsonDocument::fromJson(
                anthropicGet(QUrl(sim.baseUrl().toString() + QStringLiteral("/v1/messages/batches/") + id)))
                .object();
        QCOMPARE(batch[QStringLiteral("request_counts")][QStringLiteral("processing")].toInt() +
                     batch[QStringLiteral("request_counts")][QStringLiteral("succeeded")].toInt() +
                     batch[QStringLiteral("request_counts")][QStringLiteral("errored")].toInt(),
                 3);
        QVERIFY2(run.err.contains("warning: ") && run.err.contains("metadata"), run.err.constData());
    }

    void geminiCreateNamesTheFilesModel()
    {
        SimProcess sim(QStringLiteral("gemini"), {QStringLiteral("--batches"), QStringLiteral("2"),
                                                  QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(sim.start());
        QTemporaryDir dir;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("OPENAI_API_KEY"));
        env.insert(QStringLiteral("GEMINI_API_KEY"), kKey);
        env.insert(QStringLiteral("GOOGLE_GEMINI_BASE_URL"), sim.baseUrl().toString());
        env.insert(QStringLiteral("XDG_CACHE_HOME"), dir.path());
        const auto write = [&](const QString &name, const QByteArray &request) {
            QFile file(dir.filePath(name));
            if (!file.open(QIODevice::WriteOnly))
                return QString();
            for (int i = 1; i <= 3; ++i)
                file.write("{\"key\": \"k" + QByteArray::number(i) + "\", \"request\": " + request + "}\n");
            return file.fileName();
        };
        const QByteArray contents = "\"contents\": [{\"parts\": [{\"text\": \"Hi\"}], \"role\": \"user\"}]";
        // Gemini names the model in the create call: a file without one cannot run, and nothing is sent.
        const Run without = runBatchwatchIn(
            env, {QStringLiteral("create"), write(QStringLiteral("no-model.jsonl"), "{" + contents + "}"),
                  QStringLiteral("--provider"), QStringLiteral("gemini")});
        QCOMPARE(without.exitCode, 2);
        QVERIFY2(without.err.contains("needs the model"), without.err.constData());
        const Run run =
            runBatchwatchIn(env, {QStringLiteral("create"),
                                  write(QStringLiteral("model.jsonl"),
                                        "{\"model\": \"models/gemini-2.5-flash\", " + contents + "}"),
                                  QStringLiteral("--provider"), QStringLiteral("gemini")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QByteArray id = run.out.trimmed();
        QVERIFY2(!id.isEmpty(), run.err.constData());
        const Run listed = runBatchwatchIn(env, {QStringLiteral("export"), QStringLiteral("--provider"),
                                                 QStringLiteral("gemini"), QStringLiteral("--format"),
                                                 QStringLiteral("jsonl"), QStringLiteral("--no-cache")});
        QVERIFY2(listed.exitCode == 0, listed.err.constData());
        QVERIFY2(listed.out.contains(id), listed.out.left(400).constData());
        QVERIFY2(listed.out.contains("gemini-2.5-flash"), listed.out.left(400).constData());
    }
};

QTEST_GUILESS_MAIN(TestResultsProviders)
#include "tst_resultsproviders.moc"
