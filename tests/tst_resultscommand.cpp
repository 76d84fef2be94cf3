// `batchwatch results` and `retry` through the real binary against the real simulator: the records match the
// batch's files line for line (downloaded here with plain HTTP and joined by the test itself), a retry's
// lines are the input's bytes, and a retry is a batch linked to its parent.
#include "batchwatchrun.h"
#include "simprocess.h"

#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {
using Run = BatchwatchRun;
const QString kKey = QStringLiteral("sk-test-export-0001");

QByteArray httpGet(const QUrl &url)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + kKey.toLatin1());
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
}

QUrl at(const SimProcess &sim, const QString &path)
{
    return QUrl(sim.baseUrl().toString() + path);
}

QByteArray fileContent(const SimProcess &sim, const QString &fileId)
{
    return fileId.isEmpty() ? QByteArray()
                            : httpGet(at(sim, QStringLiteral("/files/%1/content").arg(fileId)));
}

QJsonObject batchObject(const SimProcess &sim, const QString &id)
{
    return QJsonDocument::fromJson(httpGet(at(sim, QStringLiteral("/batches/") + id))).object();
}

QList<QByteArray> lines(const QByteArray &content)
{
    QList<QByteArray> out = content.split('\n');
    if (!out.isEmpty() && out.constLast().isEmpty())
        out.removeLast();
    return out;
}

qint64 routeCount(const SimProcess &sim, const QString &route)
{
    return sim.stats().value(QStringLiteral("by_route")).toObject().value(route).toInteger();
}

// What became of each request of the input, in input order, from the three files as the API documents
// them: "ok" for a 2xx response, "failed" for another status or an error line, "not_run" for neither.
struct Expected
{
    QString customId;
    QString outcome;
    int statusCode = 0;
    QByteArray inputLine;
};

QVector<Expected> expectedRows(const SimProcess &sim, const QJsonObject &batch)
{
    QHash<QString, QPair<QString, int>> results;
    const auto read = [&](const QString &fileId, bool errorFile) {
        for (const QByteArray &line : lines(fileContent(sim, fileId))) {
            const QJsonObject object = QJsonDocument::fromJson(line).object();
            const int status =
                object.value(QStringLiteral("response"))[QStringLiteral("status_code")].toInt();
            const QString code = object.value(QStringLiteral("error"))[QStringLiteral("code")].toString();
            const bool ok =
                !errorFile && object.value(QStringLiteral("error")).isNull() && status >= 200 && status < 300;
            // What an expired or cancelled batch never ran, OpenAI lists in the error file with these codes.
            const bool notRun =
                code == QLatin1String("batch_expired") || code == QLatin1String("batch_cancelled");
            results.insert(object.value(QStringLiteral("custom_id")).toString(),
                           {ok       ? QStringLiteral("ok")
                            : notRun ? QStringLiteral("not_run")
                                     : QStringLiteral("failed"),
                            status});
        }
    };
    read(batch.value(QStringLiteral("output_file_id")).toString(), false);
    read(batch.value(QStringLiteral("error_file_id")).toString(), true);
    QVector<Expected> rows;
    for (const QByteArray &line :
         lines(fileContent(sim, batch.value(QStringLiteral("input_file_id")).toString()))) {
        const QString id =
            QJsonDocument::fromJson(line).object().value(QStringLiteral("custom_id")).toString();
        const auto result = results.value(id, {QStringLiteral("not_run"), 0});
        rows.append({id, result.first, result.second, line});
    }
    return rows;
}
} // namespace

class TestResultsCommand : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;
    QJsonArray m_batches;
    QHash<QString, QString> m_picked; // "completed", "failed-heavy", "expired", "failed validation" -> id

    Run run(const QStringList &args, const QString &cacheHome = QString()) const
    {
        return runBatchwatch(args, m_sim->baseUrl(), kKey, cacheHome);
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The simulator's clock at the real time: a result file's expires_at is then in the future, as the
        // fetch checks it against the real clock.
        m_sim = SimProcess::started({QStringLiteral("--batches"), QStringLiteral("200"),
                                     QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(!m_sim->baseUrl().isEmpty());
        QString after;
        for (;;) {
            const QJsonObject page =
                QJsonDocument::fromJson(
                    httpGet(at(*m_sim, QStringLiteral("/batches?limit=100") +
                                           (after.isEmpty() ? QString() : u"&after=" + after))))
                    .object();
            for (const QJsonValue &batch : page.value(QStringLiteral("data")).toArray())
                m_batches.append(batch);
            if (!page.value(QStringLiteral("has_more")).toBool())
                break;
            after = page.value(QStringLiteral("last_id")).toString();
        }
        QCOMPARE(m_batches.size(), 200);
        double worstRatio = 0;
        for (const QJsonValue &value : std::as_const(m_batches)) {
            const QJsonObject batch = value.toObject();
            const QString id = batch.value(QStringLiteral("id")).toString();
            const QString status = batch.value(QStringLiteral("status")).toString();
            const QJsonObject counts = batch.value(QStringLiteral("request_counts")).toObject();
            const double total = counts.value(QStringLiteral("total")).toDouble();
            const double failed = counts.value(QStringLiteral("failed")).toDouble();
            if (status == QLatin1String("completed") && total > 0 && failed == 0 &&
                !m_picked.contains(QStringLiteral("completed")))
                m_picked.insert(QStringLiteral("completed"), id);
            if (status == QLatin1String("completed") && total > 0 && failed / total > worstRatio) {
                worstRatio = failed / total;
                m_picked.insert(QStringLiteral("failed-heavy"), id);
            }
            // An expired batch with partial output, when there is one.
            if (status == QLatin1String("expired") && total > 0 &&
                (!m_picked.contains(QStringLiteral("expired")) ||
                 !batch.value(QStringLiteral("output_file_id")).toString().isEmpty()))
                m_picked.insert(QStringLiteral("expired"), id);
            const QJsonArray errors = batch.value(QStringLiteral("errors"))[QStringLiteral("data")].toArray();
            if (status == QLatin1String("failed") && !errors.isEmpty() &&
                !errors.first()[QStringLiteral("line")].isNull())
                m_picked.insert(QStringLiteral("failed validation"), id);
        }
        for (const char *kind : {"completed", "failed-heavy", "expired", "failed validation"})
            QVERIFY2(m_picked.contains(QLatin1String(kind)), kind);
        QVERIFY2(worstRatio >= 0.5, qPrintable(QString::number(worstRatio)));
    }

    void resultsMatchTheFilesLineForLine_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("completed") << QStringLiteral("completed");
        QTest::newRow("failed-heavy") << QStringLiteral("failed-heavy");
        QTest::newRow("expired") << QStringLiteral("expired");
    }

    void resultsMatchTheFilesLineForLine()
    {
        QFETCH(QString, kind);
        const QString id = m_picked.value(kind);
        const QVector<Expected> expected = expectedRows(*m_sim, batchObject(*m_sim, id));
        QVERIFY(!expected.isEmpty());
        QTemporaryDir cache;
        const qint64 downloadsBefore = routeCount(*m_sim, QStringLiteral("GET files/content"));
        const Run first =
            run({QStringLiteral("results"), id, QStringLiteral("--format"), QStringLiteral("jsonl")},
                cache.path());
        QVERIFY2(first.exitCode == 0, first.err.constData());
        QVERIFY2(first.err.isEmpty(), first.err.constData()); // not a terminal: no progress, no noise
        const QList<QByteArray> records = lines(first.out);
        QCOMPARE(records.size(), expected.size());
        qint64 outcomes[3] = {0, 0, 0};
        for (qsizetype i = 0; i < records.size(); ++i) {
            const QJsonObject record = QJsonDocument::fromJson(records.at(i)).object();
            QCOMPARE(record.value(QStringLiteral("custom_id")).toString(), expected.at(i).customId);
            QCOMPARE(record.value(QStringLiteral("outcome")).toString(), expected.at(i).outcome);
            QCOMPARE(record.value(QStringLiteral("status_code")).toInt(), expected.at(i).statusCode);
            if (expected.at(i).outcome == QStringLiteral("ok"))
                QVERIFY(record.value(QStringLiteral("error")).isNull());
            if (expected.at(i).outcome == QStringLiteral("failed"))
                QVERIFY(record.value(QStringLiteral("error")).isObject());
            ++outcomes[expected.at(i).outcome == QStringLiteral("ok")       ? 0
                       : expected.at(i).outcome == QStringLiteral("failed") ? 1
                                                                            : 2];
        }
        if (kind == QStringLiteral("failed-heavy"))
            QVERIFY(outcomes[1] * 2 >= records.size());
        if (kind == QStringLiteral("expired"))
            QVERIFY(outcomes[2] > 0);
        // The second run reads the cache: not one more download, the same records.
        const qint64 downloads = routeCount(*m_sim, QStringLiteral("GET files/content"));
        QVERIFY(downloads > downloadsBefore);
        const Run second =
            run({QStringLiteral("results"), id, QStringLiteral("--format"), QStringLiteral("jsonl")},
                cache.path());
        QCOMPARE(second.exitCode, 0);
        QCOMPARE(second.out, first.out);
        QCOMPARE(routeCount(*m_sim, QStringLiteral("GET files/content")), downloads);
    }

    void resultsCsvAndOnly()
    {
        const QString id = m_picked.value(QStringLiteral("failed-heavy"));
        const QVector<Expected> expected = expectedRows(*m_sim, batchObject(*m_sim, id));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("failed.csv"));
        const Run csv = run({QStringLiteral("results"), id, QStringLiteral("--only"),
                             QStringLiteral("failed"), QStringLiteral("-o"), path});
        QVERIFY2(csv.exitCode == 0, csv.err.constData());
        QVERIFY(csv.out.isEmpty());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> rows = lines(file.readAll());
        for (QByteArray &row : rows) {
            QVERIFY(row.endsWith('\r')); // RFC 4180: CRLF
            row.chop(1);
        }
        QCOMPARE(rows.value(0),
                 QByteArray("custom_id,outcome,status_code,error_code,error_message,input_tokens,"
                            "output_tokens"));
        QCOMPARE(rows.size() - 1, std::count_if(expected.cbegin(), expected.cend(), [](const Expected &e) {
                     return e.outcome == QStringLiteral("failed");
                 }));
        for (qsizetype i = 1; i < rows.size(); ++i)
            QVERIFY2(rows.at(i).contains(",failed,"), rows.at(i).constData());
    }

    void retryDryRunWritesExactlyTheInputLinesWithoutASuccess()
    {
        const QString id = m_picked.value(QStringLiteral("failed-heavy"));
        QByteArray wanted;
        for (const Expected &row : expectedRows(*m_sim, batchObject(*m_sim, id))) {
            if (row.outcome != QStringLiteral("ok"))
                wanted += row.inputLine + '\n';
        }
        QVERIFY(!wanted.isEmpty());
        const Run dry = run({QStringLiteral("retry"), id, QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        QCOMPARE(dry.out, wanted);
        QVERIFY2(dry.err.contains("an estimate"), dry.err.constData());
        QCOMPARE(routeCount(*m_sim, QStringLiteral("POST files")), 0);
        QCOMPARE(routeCount(*m_sim, QStringLiteral("POST batches")), 0);
    }

    void retryWithNothingToRetrySendsNothing()
    {
        const Run nothing = run({QStringLiteral("retry"), m_picked.value(QStringLiteral("completed"))});
        QCOMPARE(nothing.exitCode, 0);
        QVERIFY2(nothing.err.contains("nothing to retry"), nothing.err.constData());
        QVERIFY(nothing.out.isEmpty());
        QCOMPARE(routeCount(*m_sim, QStringLiteral("POST files")), 0);
        QCOMPARE(routeCount(*m_sim, QStringLiteral("POST batches")), 0);
    }

    void aBatchThatFailedValidationHasNothingToRetry()
    {
        const QString id = m_picked.value(QStringLiteral("failed validation"));
        const qint64 line =
            batchObject(*m_sim, id)
                .value(QStringLiteral("errors"))[QStringLiteral("data")][0][QStringLiteral("line")]
                .toInteger();
        const Run failed = run({QStringLiteral("retry"), id});
        QCOMPARE(failed.exitCode, 2);
        QVERIFY2(failed.err.contains(QByteArray("line " + QByteArray::number(line) + ": ")),
                 failed.err.constData());
        QVERIFY2(failed.err.contains("batchwatch create"), failed.err.constData());
        QCOMPARE(routeCount(*m_sim, QStringLiteral("POST files")), 0);
    }

    void retryCreatesABatchLinkedToItsParent()
    {
        const QString id = m_picked.value(QStringLiteral("failed-heavy"));
        const QJsonObject parent = batchObject(*m_sim, id);
        QByteArray wanted;
        for (const Expected &row : expectedRows(*m_sim, parent)) {
            if (row.outcome == QStringLiteral("failed"))
                wanted += row.inputLine + '\n';
        }
        QTemporaryDir dir;
        const QString copy = dir.filePath(QStringLiteral("sent.jsonl"));
        const Run retry = run({QStringLiteral("retry"), id, QStringLiteral("--include"),
                               QStringLiteral("failed"), QStringLiteral("-o"), copy});
        QVERIFY2(retry.exitCode == 0, retry.err.constData());
        const QString newId = QString::fromUtf8(retry.out).trimmed();
        QVERIFY2(newId.startsWith(QLatin1String("batch_")), retry.out.constData());
        const QJsonObject child = batchObject(*m_sim, newId);
        QCOMPARE(child.value(QStringLiteral("endpoint")), parent.value(QStringLiteral("endpoint")));
        QCOMPARE(child.value(QStringLiteral("completion_window")),
                 parent.value(QStringLiteral("completion_window")));
        const QJsonObject metadata = child.value(QStringLiteral("metadata")).toObject();
        QCOMPARE(metadata.value(QStringLiteral("batchwatch_retry_of")).toString(), id);
        const QJsonObject parentMetadata = parent.value(QStringLiteral("metadata")).toObject();
        for (auto it = parentMetadata.begin(); it != parentMetadata.end(); ++it)
            QCOMPARE(metadata.value(it.key()), it.value());
        QCOMPARE(fileContent(*m_sim, child.value(QStringLiteral("input_file_id")).toString()), wanted);
        QFile kept(copy);
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), wanted);
    }

    void errorsHaveTheirExitStatus()
    {
        const QString id = m_picked.value(QStringLiteral("completed"));
        const Run unwritable = run(
            {QStringLiteral("results"), id, QStringLiteral("-o"), QStringLiteral("/nonexistent-dir/x.csv")});
        QCOMPARE(unwritable.exitCode, 5);
        const Run unknown = run({QStringLiteral("results"), QStringLiteral("batch_doesnotexist")});
        QCOMPARE(unknown.exitCode, 4);
        QVERIFY2(unknown.err.contains("404"), unknown.err.constData());
        SimProcess locked({QStringLiteral("--batches"), QStringLiteral("3"), QStringLiteral("--api-key"),
                           QStringLiteral("sk-the-right-one")});
        QVERIFY(locked.start());
        const Run wrongKey = runBatchwatch({QStringLiteral("retry"), id, QStringLiteral("--dry-run")},
                                           locked.baseUrl(), QStringLiteral("sk-a-wrong-key-4321"));
        QCOMPARE(wrongKey.exitCode, 3);
        QVERIFY(!wrongKey.err.contains("sk-a-wrong-key-4321"));
    }
};

QTEST_GUILESS_MAIN(TestResultsCommand)
#include "tst_resultscommand.moc"
