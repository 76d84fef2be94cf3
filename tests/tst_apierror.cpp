#include "core/api/apierror.h"

#include <QTest>

class TestApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheApisErrorBody()
    {
        const QByteArray body =
            R"({"error":{"message":"Incorrect API key provided: sk-ab***cd.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})";
        const ApiError e = ApiError::fromHttpResponse(401, body, QStringLiteral("req_123"));
        QCOMPARE(e.kind, ApiError::Http);
        QCOMPARE(e.httpStatus, 401);
        QCOMPARE(e.code, QStringLiteral("invalid_api_key"));
        QCOMPARE(e.type, QStringLiteral("invalid_request_error"));
        QVERIFY(e.param.isEmpty());
        QVERIFY(e.isAuthentication());
        QCOMPARE(e.toString(),
                 QStringLiteral(
                     "HTTP 401 invalid_api_key: Incorrect API key provided: sk-ab***cd. (request req_123)"));
    }

    void typeStandsInForAMissingCode()
    {
        const ApiError e = ApiError::fromHttpResponse(
            429, R"({"error":{"message":"Slow down","type":"requests","code":null}})", QString());
        QCOMPARE(e.toString(), QStringLiteral("HTTP 429 requests: Slow down"));
        QVERIFY(!e.isAuthentication());
    }

    void bodiesThatAreNotTheApis_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty") << QByteArray() << "HTTP 502: (no message)";
        QTest::newRow("html") << QByteArray("<html>\n<b>Bad gateway</b>\n</html>")
                              << "HTTP 502: <html> <b>Bad gateway</b> </html>";
        QTest::newRow("string error")
            << QByteArray(R"({"error":"upstream down"})") << "HTTP 502: upstream down";
        QTest::newRow("numeric code")
            << QByteArray(R"({"error":{"message":"m","code":42}})") << "HTTP 502 42: m";
        QTest::newRow("truncated json") << QByteArray("{\"error\":{\"mess") << "HTTP 502: {\"error\":{\"mess";
    }

    void bodiesThatAreNotTheApis()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        QCOMPARE(ApiError::fromHttpResponse(502, body, QString()).toString(), expected);
    }

    void localErrorsReadAsSentences()
    {
        const ApiError e =
            ApiError::make(ApiError::Timeout, QStringLiteral("timed out"), QStringLiteral("req_9"));
        QVERIFY(e.isError());
        QCOMPARE(e.toString(), QStringLiteral("timed out (request req_9)"));
        QVERIFY(!ApiError().isError());
    }
};

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
