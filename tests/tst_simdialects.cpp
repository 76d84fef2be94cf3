#include "sim/simaccount.h"
#include "sim/simanthropicdialect.h"
#include "sim/simgeminidialect.h"
#include "sim/simserver.h"
#include "simprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <memory>

Q_DECLARE_METATYPE(SimDialect::Kind)

namespace {
struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json;
    QList<QNetworkReply::RawHeaderPair> headers;
    QByteArray header(const QByteArray &name) const
    {
        for (const auto &pair : headers) {
            if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
                return pair.second;
        }
        return {};
    }
};

const QString kKey = QStringLiteral("dialect-test-key-0001");

// Where each dialect lists, and the list inside its page.
QString listPath(SimDialect::Kind kind)
{
    switch (kind) {
    case SimDialect::Kind::OpenAI:
        return QStringLiteral("/v1/batches");
    case SimDialect::Kind::Azure:
        return QStringLiteral("/openai/v1/batches");
    case SimDialect::Kind::Anthropic:
        return QStringLiteral("/v1/messages/batches");
    case SimDialect::Kind::Gemini:
        return QStringLiteral("/v1beta/batches");
    }
    return {};
}

QJsonArray itemsOf(SimDialect::Kind kind, const QJsonObject &page)
{
    return page.value(kind == SimDialect::Kind::Gemini ? QLatin1String("operations") : QLatin1String("data"))
        .toArray();
}

QString idOf(SimDialect::Kind kind, const QJsonObject &item)
{
    return kind == SimDialect::Kind::Gemini ? item.value(QLatin1String("name")).toString()
                                            : item.value(QLatin1String("id")).toString();
}

void addDialectRows()
{
    QTest::addColumn<SimDialect::Kind>("kind");
    QTest::newRow("openai") << SimDialect::Kind::OpenAI;
    QTest::newRow("azure") << SimDialect::Kind::Azure;
    QTest::newRow("anthropic") << SimDialect::Kind::Anthropic;
    QTest::newRow("gemini") << SimDialect::Kind::Gemini;
}
} // namespace

// Each dialect of the simulator over HTTP: its paths, its auth, its pages to the end, its errors, and the
// faults, which must bite in every dialect.
class TestSimDialects : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimAccount> m_account;
    std::unique_ptr<SimServer> m_server;
    SimDialect::Kind m_kind = SimDialect::Kind::OpenAI;
    QString m_root;
    QNetworkAccessManager m_manager;

    void serve(SimDialect::Kind kind, const SimServer::Faults &faults = SimServer::Faults(), int batches = 57)
    {
        m_server.reset();
        SimAccount::Options options;
        options.batches = batches;
        options.speed = 0;
        m_account = std::make_unique<SimAccount>(options);
        m_kind = kind;
        m_server =
            std::make_unique<SimServer>(m_account.get(), SimDialect::create(kind, {kKey, QString()}), faults);
        const quint16 port = m_server->listenLoopback(0);
        QVERIFY(port != 0);
        m_root = QStringLiteral("http://127.0.0.1:%1").arg(port);
    }

    // The dialect's own way of sending the key; an empty key sends none.
    void authorize(QNetworkRequest &request, const QByteArray &key) const
    {
        if (key.isEmpty())
            return;
        switch (m_kind) {
        case SimDialect::Kind::OpenAI:
            request.setRawHeader("Authorization", "Bearer " + key);
            break;
        case SimDialect::Kind::Azure:
            request.setRawHeader("api-key", key);
            break;
        case SimDialect::Kind::Anthropic:
            request.setRawHeader("x-api-key", key);
            request.setRawHeader("anthropic-version", "2023-06-01");
            break;
        case SimDialect::Kind::Gemini:
            request.setRawHeader("x-goog-api-key", key);
            break;
        }
    }

    Answer request(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &key = kKey.toUtf8(),
                   int timeoutMs = 10'000)
    {
        QNetworkRequest request(QUrl(m_root + pathAndQuery));
        authorize(request, key);
        request.setTransferTimeout(timeoutMs);
        QNetworkReply *reply = m_manager.sendCustomRequest(request, verb);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            finished.wait(timeoutMs + 5000);
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.error = reply->error();
        answer.body = reply->readAll();
        answer.json = QJsonDocument::fromJson(answer.body).object();
        answer.headers = reply->rawHeaderPairs();
        reply->deleteLater();
        return answer;
    }

    // The next page's path and query after `page`, as that provider's clients compute it; empty at the end.
    QString nextPage(const QJsonObject &page, int limit) const
    {
        const QString path = listPath(m_kind);
        switch (m_kind) {
        case SimDialect::Kind::OpenAI:
        case SimDialect::Kind::Azure:
        case SimDialect::Kind::Anthropic: {
            if (!page.value(QLatin1String("has_more")).toBool())
                return {};
            const QString cursor =
                m_kind == SimDialect::Kind::Anthropic ? QStringLiteral("after_id") : QStringLiteral("after");
            return path + QStringLiteral("?limit=%1&%2=%3")
                              .arg(limit)
                              .arg(cursor, page.value(QLatin1String("last_id")).toString());
        }
        case SimDialect::Kind::Gemini: {
            const QString token = page.value(QLatin1String("nextPageToken")).toString();
            return token.isEmpty() ? QString()
                                   : path + QStringLiteral("?pageSize=%1&pageToken=%2").arg(limit).arg(token);
        }
        }
        return {};
    }

    // Every id, walking the pages as a client does, and how many pages that took.
    QStringList listAll(int limit, int *pages = nullptr)
    {
        QStringList ids;
        QString next = listPath(m_kind) + (m_kind == SimDialect::Kind::Gemini ? QStringLiteral("?pageSize=%1")
                                                                              : QStringLiteral("?limit=%1"))
                                              .arg(limit);
        int count = 0;
        while (!next.isEmpty() && count < 1000) {
            const Answer page = request("GET", next);
            if (page.status != 200)
                return {QStringLiteral("status %1: %2").arg(page.status).arg(QString::fromUtf8(page.body))};
            for (const QJsonValue item : itemsOf(m_kind, page.json))
                ids << idOf(m_kind, item.toObject());
            next = nextPage(page.json, limit);
            ++count;
        }
        if (pages)
            *pages = count;
        return ids;
    }

    // The error body has the dialect's shape, with a message.
    void verifyErrorShape(const Answer &answer) const
    {
        const QJsonObject error = answer.json.value(QLatin1String("error")).toObject();
        QVERIFY2(!error.value(QLatin1String("message")).toString().isEmpty(), answer.body.constData());
        switch (m_kind) {
        case SimDialect::Kind::OpenAI:
            QVERIFY(error.contains(QLatin1String("type")) && error.contains(QLatin1String("param")));
            break;
        case SimDialect::Kind::Azure:
            QCOMPARE(error.keys(), (QStringList{QStringLiteral("code"), QStringLiteral("message")}));
            break;
        case SimDialect::Kind::Anthropic:
            QCOMPARE(answer.json.value(QLatin1String("type")).toString(), QStringLiteral("error"));
            QVERIFY(!error.value(QLatin1String("type")).toString().isEmpty());
            QVERIFY(answer.header("request-id").startsWith("req_"));
            QCOMPARE(answer.json.value(QLatin1String("request_id")).toString().toLatin1(),
                     answer.header("request-id"));
            break;
        case SimDialect::Kind::Gemini:
            QCOMPARE(error.value(QLatin1String("code")).toInt(), answer.status);
            QVERIFY(!error.value(QLatin1String("status")).toString().isEmpty());
            break;
        }
    }

private Q_SLOTS:
    void initTestCase() { m_manager.setProxy(QNetworkProxy::NoProxy); }

    void pagesWalkToTheEndOnce_data() { addDialectRows(); }
    void pagesWalkToTheEndOnce()
    {
        QFETCH(SimDialect::Kind, kind);
        serve(kind);
        int pages = 0;
        const QStringList ids = listAll(10, &pages);
        QCOMPARE(ids.size(), 57);
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 57);
        QCOMPARE(pages, 6);
        // The same batches in the same order as the OpenAI face shows them.
        QStringList expected;
        for (int row = m_account->batchCount() - 1; row >= 0; --row) {
            const QString id = m_account->batchAt(row).id;
            expected << (kind == SimDialect::Kind::Anthropic ? SimAnthropicDialect::toAnthropicId(id)
                         : kind == SimDialect::Kind::Gemini
                             ? QStringLiteral("batches/") + SimGeminiOperation::toGeminiId(id)
                             : id);
        }
        QCOMPARE(ids, expected);
    }

    void authIsTheDialects_data() { addDialectRows(); }
    void authIsTheDialects()
    {
        QFETCH(SimDialect::Kind, kind);
        serve(kind);
        const Answer none = request("GET", listPath(kind), QByteArray());
        QCOMPARE(none.status, kind == SimDialect::Kind::Gemini ? 403 : 401);
        verifyErrorShape(none);
        const Answer wrong = request("GET", listPath(kind), "another-key-123456789");
        QCOMPARE(wrong.status, kind == SimDialect::Kind::Gemini ? 400 : 401);
        verifyErrorShape(wrong);
        QVERIFY(!wrong.body.contains("another-key-123456789"));
        QCOMPARE(request("GET", listPath(kind)).status, 200);
        // Another provider's header is no key here.
        QNetworkRequest foreign(QUrl(m_root + listPath(kind)));
        foreign.setRawHeader(kind == SimDialect::Kind::Azure ? "x-api-key" : "api-key", kKey.toUtf8());
        QNetworkReply *reply = m_manager.get(foreign);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10'000));
        QVERIFY(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() >= 400);
        reply->deleteLater();
    }

    void unknownRoutesAndIdsAnswerInTheDialectsShape_data() { addDialectRows(); }
    void unknownRoutesAndIdsAnswerInTheDialectsShape()
    {
        QFETCH(SimDialect::Kind, kind);
        serve(kind);
        const Answer route = request("GET", QStringLiteral("/nothing/here"));
        QCOMPARE(route.status, 404);
        verifyErrorShape(route);
        const Answer id = request("GET", listPath(kind) + QStringLiteral("/nope"));
        QCOMPARE(id.status, 404);
        verifyErrorShape(id);
    }

    void faultsBiteInEveryDialect_data() { addDialectRows(); }
    void faultsBiteInEveryDialect()
    {
        QFETCH(SimDialect::Kind, kind);
        SimServer::Faults faults;
        faults.failEvery = 2;
        faults.failMode = QStringLiteral("429");
        faults.retryAfterSeconds = 7;
        serve(kind, faults);
        QCOMPARE(request("GET", listPath(kind)).status, 200);
        const Answer limited = request("GET", listPath(kind));
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.header("retry-after"), QByteArray("7"));
        verifyErrorShape(limited);
        // Each provider's own words for it.
        const QJsonObject error = limited.json.value(QLatin1String("error")).toObject();
        const QHash<SimDialect::Kind, QPair<QString, QString>> expected{
            {SimDialect::Kind::OpenAI, {QStringLiteral("code"), QStringLiteral("rate_limit_exceeded")}},
            {SimDialect::Kind::Azure, {QStringLiteral("code"), QStringLiteral("429")}},
            {SimDialect::Kind::Anthropic, {QStringLiteral("type"), QStringLiteral("rate_limit_error")}},
            {SimDialect::Kind::Gemini, {QStringLiteral("status"), QStringLiteral("RESOURCE_EXHAUSTED")}}};
        QCOMPARE(error.value(expected.value(kind).first).toString(), expected.value(kind).second);
        if (kind == SimDialect::Kind::Gemini)
            QCOMPARE(error.value(QLatin1String("details"))[0][QLatin1String("retryDelay")].toString(),
                     QStringLiteral("7s"));

        faults.failEvery = 1;
        faults.failMode = QStringLiteral("empty-page");
        serve(kind, faults);
        const Answer empty = request("GET", listPath(kind));
        QCOMPARE(empty.status, 200);
        QVERIFY(itemsOf(kind, empty.json).isEmpty());
        QVERIFY(!nextPage(empty.json, 20).isEmpty()); // it claims more

        faults.failMode = QStringLiteral("wrong-shape");
        serve(kind, faults);
        const Answer wrong = request("GET", listPath(kind));
        QCOMPARE(wrong.status, 200);
        QVERIFY(
            wrong.json
                .value(kind == SimDialect::Kind::Gemini ? QLatin1String("operations") : QLatin1String("data"))
                .isObject());

        faults.failMode = QStringLiteral("truncate");
        serve(kind, faults);
        const Answer truncated = request("GET", listPath(kind));
        QVERIFY(truncated.error != QNetworkReply::NoError);
        QVERIFY(QJsonDocument::fromJson(truncated.body).isNull());

        faults.failMode = QStringLiteral("drop");
        serve(kind, faults);
        QCOMPARE(request("GET", listPath(kind)).status, 0);
    }

    void statsCountRoutesAlike_data() { addDialectRows(); }
    void statsCountRoutesAlike()
    {
        QFETCH(SimDialect::Kind, kind);
        serve(kind);
        QCOMPARE(request("GET", listPath(kind)).status, 200);
        const QJsonObject stats = request("GET", QStringLiteral("/v1/_sim/stats"), QByteArray()).json;
        QCOMPARE(
            stats.value(QLatin1String("by_route")).toObject().value(QLatin1String("GET batches")).toInt(), 1);
        QCOMPARE(stats.value(QLatin1String("dialect")).toString(), SimDialect::id(kind));
    }

    // The real binary: the first line gives the dialect's base URL, and SimProcess's config names the
    // provider.
    void theBinarySpeaksTheDialect()
    {
        SimProcess sim(QStringLiteral("anthropic"), {QStringLiteral("--batches"), QStringLiteral("3")});
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        QCOMPARE(sim.baseUrl().path(), QString());
        QCOMPARE(sim.config().provider, Provider::Anthropic);
        m_root = sim.rootUrl().toString();
        m_kind = SimDialect::Kind::Anthropic;
        QCOMPARE(listAll(2).size(), 3);
        QCOMPARE(sim.stats().value(QLatin1String("dialect")).toString(), QStringLiteral("anthropic"));
    }

    // SimProcess::createBatch makes a batch every dialect then lists first, under that dialect's id.
    void createdBatchesShowInEveryDialect_data() { addDialectRows(); }
    void createdBatchesShowInEveryDialect()
    {
        QFETCH(SimDialect::Kind, kind);
        SimProcess sim(SimDialect::id(kind), {QStringLiteral("--batches"), QStringLiteral("4")});
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const QString id = sim.createBatch(3, {{QStringLiteral("team"), QStringLiteral("sim")}});
        QVERIFY(!id.isEmpty());
        m_root = sim.rootUrl().toString();
        m_kind = kind;
        const QStringList ids = listAll(100);
        QCOMPARE(ids.size(), 5);
        QCOMPARE(ids.constFirst(), id);
    }
};

QTEST_GUILESS_MAIN(TestSimDialects)
#include "tst_simdialects.moc"
