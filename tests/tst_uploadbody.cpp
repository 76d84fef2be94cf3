#include "core/api/uploadbody.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// UploadBody: a file between two byte strings, read in any chunk size and from any position, exactly as long
// as its parts; in AsJsonArray mode a JSONL file becomes the elements of a JSON array.
namespace {
QByteArray readAllIn(UploadBody *body, qint64 chunk)
{
    QByteArray out;
    QByteArray buffer(int(chunk), '\0');
    for (;;) {
        const qint64 n = body->read(buffer.data(), chunk);
        if (n <= 0)
            break;
        out += buffer.left(int(n));
    }
    return out;
}
} // namespace

class TestUploadBody : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void asIsIsTheConcatenation()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.jsonl"));
        QByteArray content;
        for (int i = 0; i < 5000; ++i)
            content += "line " + QByteArray::number(i) + '\n';
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(content) == content.size());
        file.close();
        for (const qint64 chunk : {1, 7, 4096, 1 << 20}) {
            UploadBody body("head", path, "tail", UploadBody::Lines::AsIs);
            QVERIFY(body.openBody());
            QCOMPARE(body.size(), 8 + content.size());
            QVERIFY(!body.isSequential());
            QCOMPARE(readAllIn(&body, chunk), "head" + content + "tail");
            // Qt rewinds a body to send it again (a redirect, a closed connection).
            QVERIFY(body.reset());
            QCOMPARE(readAllIn(&body, chunk), "head" + content + "tail");
        }
    }

    void linesBecomeAJsonArray_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("elements");
        QTest::newRow("plain") << QByteArray("{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n") << 3;
        QTest::newRow("no final newline") << QByteArray("{\"a\":1}\n{\"a\":2}") << 2;
        QTest::newRow("crlf and blank lines") << QByteArray("{\"a\":1}\r\n\r\n  \n{\"a\":2}\r\n\r\n") << 2;
        QTest::newRow("leading blank lines") << QByteArray("\n\n{\"a\":1}\n{\"a\":2}\n") << 2;
        QTest::newRow("one line") << QByteArray("{\"a\":1}") << 1;
        QTest::newRow("strings with escaped newlines")
            << QByteArray("{\"a\":\"x\\ny\"}\n{\"a\":\"\\n\"}\n") << 2;
    }
    void linesBecomeAJsonArray()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, elements);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("f.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(content) == content.size());
        file.close();
        for (const qint64 chunk : {1, 3, 64}) {
            UploadBody body("{\"requests\":[", path, "]}", UploadBody::Lines::AsJsonArray);
            QVERIFY(body.openBody());
            const QByteArray sent = readAllIn(&body, chunk);
            QCOMPARE(sent.size(), body.size()); // as long as the file: nothing added, nothing held back
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(sent, &error);
            QVERIFY2(error.error == QJsonParseError::NoError,
                     qPrintable(error.errorString() + u' ' + QString::fromUtf8(sent)));
            QCOMPARE(document.object().value(QStringLiteral("requests")).toArray().size(), elements);
        }
        // From a position in the middle (a seek back), the bytes are the same as read straight through.
        UploadBody whole("{\"requests\":[", path, "]}", UploadBody::Lines::AsJsonArray);
        QVERIFY(whole.openBody());
        const QByteArray expected = readAllIn(&whole, 1 << 16);
        for (qint64 at = 0; at < expected.size(); ++at) {
            UploadBody body("{\"requests\":[", path, "]}", UploadBody::Lines::AsJsonArray);
            QVERIFY(body.openBody());
            QVERIFY(body.seek(at));
            QCOMPARE(readAllIn(&body, 5), expected.mid(at));
        }
    }

    void missingFileSaysWhich()
    {
        UploadBody body("", QStringLiteral("/nonexistent/f.jsonl"), "", UploadBody::Lines::AsIs);
        QVERIFY(!body.openBody());
        QVERIFY2(body.errorString().contains(QLatin1String("/nonexistent/f.jsonl")),
                 qPrintable(body.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestUploadBody)
#include "tst_uploadbody.moc"
