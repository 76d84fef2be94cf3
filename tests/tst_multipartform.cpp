#include "sim/multipartform.h"

#include <QTest>

class TestMultipartForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsFieldsAndFiles()
    {
        const QByteArray body =
            "--abc\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
            "--abc\r\ncontent-disposition: form-data; name=\"file\"; filename=\"in put.jsonl\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\nline1\r\nline2\n\r\n--abc--\r\n";
        const MultipartForm form = MultipartForm::parse("multipart/form-data; boundary=\"abc\"", body);
        QVERIFY2(form.isValid(), qPrintable(form.error()));
        QCOMPARE(form.value("purpose"), QByteArray("batch"));
        QVERIFY(form.hasFile("file"));
        QVERIFY(!form.hasFile("purpose"));
        QCOMPARE(form.fileName("file"), QStringLiteral("in put.jsonl"));
        // The content keeps its own CRLFs; only the delimiter's CRLF is stripped.
        QCOMPARE(form.value("file"), QByteArray("line1\r\nline2\n"));
    }

    void refusesWhatIsNotAForm_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("json") << QByteArray("application/json") << QByteArray("{}");
        QTest::newRow("no boundary") << QByteArray("multipart/form-data") << QByteArray("--x\r\n");
        QTest::newRow("unterminated")
            << QByteArray("multipart/form-data; boundary=x")
            << QByteArray("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue");
        QTest::newRow("empty") << QByteArray("multipart/form-data; boundary=x") << QByteArray();
    }

    void refusesWhatIsNotAForm()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        const MultipartForm form = MultipartForm::parse(contentType, body);
        QVERIFY(!form.isValid());
        QVERIFY(!form.error().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMultipartForm)
#include "tst_multipartform.moc"
