#include "batchwatchrun.h"
#include "core/api/apiconfig.h"
#include "core/providers/provider.h"
#include "simprocess.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTest>
#include <QUrlQuery>

namespace {
const QString kKey = QStringLiteral("sk-test-providers-0001");

// The items of the top-level array under `key`, as the bytes the server sent: a scanner of its own (strings,
// escapes, nesting), so the check does not lean on the code it checks.
QByteArrayList rawItems(const QByteArray &body, const QByteArray &key)
{
    QByteArrayList items;
    const qsizetype at = body.indexOf(QByteArray("\"" + key + "\":["));
    if (at < 0)
        return items;
    qsizetype i = at + key.size() + 4;
    int depth = 0;
    qsizetype start = -1;
    bool inString = false;
    for (; i < body.size(); ++i) {
        const char c = body[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (depth++ == 0)
                start = i;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                break; // the end of the list
            if (--depth == 0)
                items << body.mid(start, i - start + 1);
        }
    }
    return items;
}

QByteArray get(QNetworkAccessManager &manager, QNetworkRequest request)
{
    QNetworkReply *reply = manager.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return reply->readAll();
}

struct Served
{
    QByteArrayList objects;
    QStringList rawStatuses;
};

// Walks the dialect's list the way its provider documents, with a plain HTTP client.
Served servedBy(Provider provider, const QUrl &root)
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    Served served;
    QString cursor;
    for (int pages = 0; pages < 1000; ++pages) {
        QUrl url = root;
        QUrlQuery query;
        QNetworkRequest request;
        QByteArray key = "data";
        switch (provider) {
        case Provider::OpenAI:
            url.setPath(QStringLiteral("/v1/batches"));
            query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
            if (!cursor.isEmpty())
                query.addQueryItem(QStringLiteral("after"), cursor);
            request.setRawHeader("Authorization", "Bearer " + kKey.toUtf8());
            break;
        case Provider::Azure:
            url.setPath(QStringLiteral("/openai/v1/batches"));
            query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
            if (!cursor.isEmpty())
                query.addQueryItem(QStringLiteral("after"), cursor);
            request.setRawHeader("api-key", kKey.toUtf8());
            break;
        case Provider::Anthropic:
            url.setPath(QStringLiteral("/v1/messages/batches"));
            query.addQueryItem(QStringLiteral("limit"), QStringLiteral("100"));
            if (!cursor.isEmpty())
                query.addQueryItem(QStringLiteral("after_id"), cursor);
            request.setRawHeader("x-api-key", kKey.toUtf8());
            request.setRawHeader("anthropic-version", "2023-06-01");
            break;
        case Provider::Gemini:
            url.setPath(QStringLiteral("/v1beta/batches"));
            query.addQueryItem(QStringLiteral("pageSize"), QStringLiteral("100"));
            if (!cursor.isEmpty())
                query.addQueryItem(QStringLiteral("pageToken"), cursor);
            request.setRawHeader("x-goog-api-key", kKey.toUtf8());
            key = "operations";
            break;
        }
        url.setQuery(query);
        request.setUrl(url);
        const QByteArray body = get(manager, request);
        const QJsonObject page = QJsonDocument::fromJson(body).object();
        served.objects += rawItems(body, key);
        for (const QJsonValue item : page.value(QLatin1String(key)).toArray()) {
            const QJsonObject o = item.toObject();
            served.rawStatuses << (provider == Provider::Anthropic
                                       ? o.value(QLatin1String("processing_status")).toString()
                                   : provider == Provider::Gemini
                                       ? o.value(QLatin1String("metadata"))
                                             .toObject()
                                             .value(QLatin1String("state"))
                                             .toString()
                                       : o.value(QLatin1String("status")).toString());
        }
        if (provider == Provider::Gemini) {
            cursor = page.value(QLatin1String("nextPageToken")).toString();
            if (cursor.isEmpty())
                break;
        } else {
            const QJsonArray data = page.value(QLatin1String("data")).toArray();
            if (!page.value(QLatin1String("has_more")).toBool() || data.isEmpty())
                break;
            cursor = data.last().toObject().value(QLatin1String("id")).toString();
        }
    }
    return served;
}

QProcessEnvironment environmentFor(Provider provider, const SimProcess &sim, const QString &cacheHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         {"OPENAI_API_KEY", "OPENAI_BASE_URL", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_AD_TOKEN",
          "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL",
          "GEMINI_API_KEY", "GOOGLE_API_KEY", "GOOGLE_GEMINI_BASE_URL"})
        env.remove(QLatin1String(name));
    const QString base = sim.baseUrl().toString();
    switch (provider) {
    case Provider::OpenAI:
        env.insert(QStringLiteral("OPENAI_BASE_URL"), base);
        env.insert(QStringLiteral("OPENAI_API_KEY"), kKey);
        break;
    case Provider::Azure:
        env.insert(QStringLiteral("AZURE_OPENAI_ENDPOINT"), base);
        env.insert(QStringLiteral("AZURE_OPENAI_API_KEY"), kKey);
        break;
    case Provider::Anthropic:
        env.insert(QStringLiteral("ANTHROPIC_BASE_URL"), base);
        env.insert(QStringLiteral("ANTHROPIC_API_KEY"), kKey);
        break;
    case Provider::Gemini:
        env.insert(QStringLiteral("GOOGLE_GEMINI_BASE_URL"), base);
        env.insert(QStringLiteral("GEMINI_API_KEY"), kKey);
        break;
    }
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    return env;
}

QList<QStringList> csvRows(const QByteArray &csv)
{
    // RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks.
    QList<QStringList> rows;
    QStringList row;
    QByteArray field;
    bool quoted = false;
    for (qsizetype i = 0; i < csv.size(); ++i) {
        const char c = csv[i];
        if (quoted) {
            if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"')
                field += csv[++i];
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row << QString::fromUtf8(field);
            field.clear();
        } else if (c == '\n') {
            row << QString::fromUtf8(field);
            field.clear();
            rows << row;
            row.clear();
        } else if (c != '\r') {
            field += c;
        }
    }
    return rows;
}
} // namespace

// `batchwatch export --provider P` against `batchwatch-sim --dialect P` writes exactly the objects the
// dialect served, for each P (issue 12's "Done when").
class TestProviderExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportWritesWhatTheDialectServed_data()
    {
        QTest::addColumn<int>("provider");
        for (const Provider p : Providers::all())
            QTest::newRow(qPrintable(Providers::id(p))) << int(p);
    }

    void exportWritesWhatTheDialectServed()
    {
        QFETCH(int, provider);
        const Provider p = Provider(provider);
        SimProcess sim(Providers::id(p),
                       {QStringLiteral("--batches"), QStringLiteral("250"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--api-key"), kKey});
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const Served served = servedBy(p, sim.rootUrl());
        QCOMPARE(served.objects.size(), 250);
        QTemporaryDir cacheHome;
        const QProcessEnvironment env = environmentFor(p, sim, cacheHome.path());
        const QStringList args{QStringLiteral("export"), QStringLiteral("--provider"), Providers::id(p),
                               QStringLiteral("--format"), QStringLiteral("jsonl")};
        // Straight from the pages, then from a cold and a warm cache: the same objects, byte for byte.
        for (const QStringList &extra :
             {QStringList{QStringLiteral("--no-cache")}, QStringList(), QStringList()}) {
            const BatchwatchRun run = runBatchwatchIn(env, args + extra);
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QByteArrayList lines = run.out.split('\n');
            QCOMPARE(lines.takeLast(), QByteArray());
            QCOMPARE(lines.size(), served.objects.size());
            for (qsizetype i = 0; i < lines.size(); ++i)
                QCOMPARE(lines[i], served.objects[i]);
        }

        const BatchwatchRun csv = runBatchwatchIn(
            env, {QStringLiteral("export"), QStringLiteral("--provider"), Providers::id(p),
                  QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--no-cache")});
        QVERIFY2(csv.exitCode == 0, csv.err.constData());
        const QList<QStringList> rows = csvRows(csv.out);
        QCOMPARE(rows.size(), 251);
        const QStringList &header = rows[0];
        const qsizetype account = header.indexOf(QStringLiteral("account"));
        const qsizetype providerColumn = header.indexOf(QStringLiteral("provider"));
        const qsizetype raw = header.indexOf(QStringLiteral("raw_status"));
        QVERIFY(account >= 0 && providerColumn >= 0 && raw >= 0);
        for (qsizetype i = 1; i < rows.size(); ++i) {
            QCOMPARE(rows[i].value(account), Providers::displayName(p));
            QCOMPARE(rows[i].value(providerColumn), Providers::id(p));
            QCOMPARE(rows[i].value(raw), served.rawStatuses[i - 1]);
        }
    }
};

QTEST_GUILESS_MAIN(TestProviderExport)
#include "tst_providerexport.moc"
