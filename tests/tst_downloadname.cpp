// The name a Save dialog suggests for a download: the server's `filename`, reduced to a safe base name.
#include "core/api/downloadname.h"

#include <QTest>

class TestDownloadName : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void suggested_data()
    {
        QTest::addColumn<QString>("serverName");
        QTest::addColumn<QString>("expected");
        const QString id = QStringLiteral("file-abc123");
        QTest::newRow("plain") << QStringLiteral("batch_1_output.jsonl")
                               << QStringLiteral("batch_1_output.jsonl");
        QTest::newRow("unicode kept")
            << QStringLiteral("Zoë 评估 📊.jsonl") << QStringLiteral("Zoë 评估 📊.jsonl");
        QTest::newRow("absolute") << QStringLiteral("/etc/passwd") << QStringLiteral("passwd");
        QTest::newRow("climbing") << QStringLiteral("../../.bashrc") << QStringLiteral("bashrc");
        QTest::newRow("windows path")
            << QStringLiteral("C:\\Users\\x\\..\\evil.jsonl") << QStringLiteral("evil.jsonl");
        QTest::newRow("dot") << QStringLiteral(".") << id + QStringLiteral(".jsonl");
        QTest::newRow("dot dot") << QStringLiteral("..") << id + QStringLiteral(".jsonl");
        QTest::newRow("trailing slash") << QStringLiteral("out/") << id + QStringLiteral(".jsonl");
        QTest::newRow("empty") << QString() << id + QStringLiteral(".jsonl");
        QTest::newRow("hidden") << QStringLiteral(".profile") << QStringLiteral("profile");
        QTest::newRow("escape and newline")
            << QStringLiteral("a\x1b]0;title\x07\nb.jsonl") << QStringLiteral("a_]0;title__b.jsonl");
        QTest::newRow("bidi override")
            << QString(QStringLiteral("invoice") + QChar(0x202E) + QStringLiteral("lmth.jsonl"))
            << QStringLiteral("invoice_lmth.jsonl");
        QTest::newRow("windows forbidden")
            << QStringLiteral("a<b>c:d|e?f*.jsonl") << QStringLiteral("a_b_c_d_e_f_.jsonl");
        QTest::newRow("trailing dots and spaces")
            << QStringLiteral(" out.jsonl. . ") << QStringLiteral("out.jsonl");
        QTest::newRow("only controls") << QStringLiteral("\x01\x02") << QStringLiteral("__");
        QTest::newRow("long keeps its suffix")
            << QString(QString(300, u'x') + QStringLiteral(".jsonl"))
            << QString(QString(DownloadName::kMaxLength - 6, u'x') + QStringLiteral(".jsonl"));
        QTest::newRow("long suffix is cut")
            << QString(QStringLiteral("a.") + QString(300, u'y'))
            << QString(QStringLiteral("a.") + QString(DownloadName::kMaxLength - 2, u'y'));
    }

    void suggested()
    {
        QFETCH(QString, serverName);
        QFETCH(QString, expected);
        const QString name = DownloadName::suggested(serverName, QStringLiteral("file-abc123"));
        QCOMPARE(name, expected);
        QVERIFY(!name.contains(u'/') && !name.contains(u'\\'));
        QVERIFY(!name.startsWith(u'.'));
        QVERIFY(name.size() <= DownloadName::kMaxLength);
    }

    void neverHalfACharacter()
    {
        // An emoji (two UTF-16 units) across the cut is dropped whole.
        QString name = QString(DownloadName::kMaxLength - 1, u'x') + QStringLiteral("📊📊");
        const QString safe = DownloadName::sanitized(name);
        QCOMPARE(safe, QString(DownloadName::kMaxLength - 1, u'x'));
        QVERIFY(!safe.back().isSurrogate());
        // A lone surrogate from a broken server string is no character at all.
        QCOMPARE(DownloadName::sanitized(QString(QChar(0xD800)) + QStringLiteral("a")), QStringLiteral("a"));
    }

    void hostileFileIdsToo()
    {
        // The fallback comes from the server as well.
        QCOMPARE(DownloadName::suggested(QString(), QStringLiteral("../../x")), QStringLiteral("x.jsonl"));
        QCOMPARE(DownloadName::suggested(QStringLiteral("/"), QStringLiteral("..")),
                 QStringLiteral("download.jsonl"));
        QVERIFY(DownloadName::suggested(QString(), QString(1000, u'f')).size() <= DownloadName::kMaxLength);
    }
};

QTEST_GUILESS_MAIN(TestDownloadName)
#include "tst_downloadname.moc"
