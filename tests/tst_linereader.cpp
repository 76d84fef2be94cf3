#include "core/results/linereader.h"

#include "resultfiles.h"

#include <QRandomGenerator>
#include <QTest>

// Reading a file line by line with a bounded line length.
class TestLineReader : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void aLongLineIsSkippedWithoutHoldingIt()
    {
        // Without a newline for longer than the bound, a line is counted and skipped, and reading goes on.
        const QString path = writeFile(m_dir, QStringLiteral("long.txt"),
                                       "ab\n" + QByteArray(5000, 'x') + "\ncd\r\n" + QByteArray(3000, 'y'));
        LineReader reader(path, 1000);
        QString why;
        QVERIFY(reader.open(&why));
        LineReader::Line line;
        QVERIFY(reader.next(&line));
        QCOMPARE(line.bytes, QByteArray("ab"));
        QVERIFY(reader.next(&line));
        QVERIFY(line.overlong);
        QCOMPARE(line.number, 2);
        QCOMPARE(line.offset, 3);
        QVERIFY(reader.next(&line));
        QCOMPARE(line.bytes, QByteArray("cd"));
        QCOMPARE(line.offset, 5004);
        QVERIFY(reader.next(&line));
        QVERIFY(line.overlong); // the last line, without its newline, too long as well
        QCOMPARE(line.number, 4);
        QVERIFY(!reader.next(&line));
        QVERIFY(reader.error().isEmpty());
    }

    void linesAcrossChunksReadWhole()
    {
        // Lines of every length around the reader's 1 MB chunks, with LF and CRLF ends.
        QRandomGenerator random(7);
        QList<QByteArray> lines;
        QByteArray file;
        while (file.size() < 3 * 1024 * 1024 + 17) {
            QByteArray line(random.bounded(1, 200'000), 'a' + char(lines.size() % 26));
            lines << line;
            file += line + (lines.size() % 3 ? "\n" : "\r\n");
        }
        const QString path = writeFile(m_dir, QStringLiteral("chunks.txt"), file);
        LineReader reader(path);
        QString why;
        QVERIFY(reader.open(&why));
        LineReader::Line line;
        qint64 offset = 0;
        for (int i = 0; i < lines.size(); ++i) {
            QVERIFY(reader.next(&line));
            QCOMPARE(line.number, i + 1);
            QCOMPARE(line.offset, offset);
            QVERIFY(!line.overlong);
            QVERIFY(line.bytes == lines[i]);
            offset += lines[i].size() + ((i + 1) % 3 ? 1 : 2);
        }
        QVERIFY(!reader.next(&line));
        QCOMPARE(reader.position(), file.size());
    }

    void aByteOrderMarkIsNotPartOfLineOne()
    {
        // Notepad's UTF-8 starts the file with EF BB BF: line 1 reads without it (its offset after it, so a
        // line copied back by offset never carries it); the same bytes later in the file are data.
        const QByteArray bom = "\xEF\xBB\xBF";
        LineReader reader(writeFile(m_dir, QStringLiteral("bom.txt"), bom + "{\"a\":1}\r\n" + bom + "x\n"));
        QString why;
        QVERIFY(reader.open(&why));
        LineReader::Line line;
        QVERIFY(reader.next(&line));
        QCOMPARE(line.number, 1);
        QCOMPARE(line.offset, 3);
        QCOMPARE(line.bytes, QByteArray("{\"a\":1}"));
        QVERIFY(reader.startsWithBom());
        QVERIFY(reader.next(&line));
        QCOMPARE(line.bytes, bom + "x");
        QVERIFY(!reader.next(&line));

        LineReader only(writeFile(m_dir, QStringLiteral("onlybom.txt"), bom));
        QVERIFY(only.open(&why));
        QVERIFY(only.next(&line));
        QVERIFY(line.bytes.isEmpty());
        QVERIFY(only.startsWithBom());

        LineReader plain(writeFile(m_dir, QStringLiteral("plain.txt"), "\xEF\xBBx\n"));
        QVERIFY(plain.open(&why));
        QVERIFY(plain.next(&line));
        QCOMPARE(line.bytes, QByteArray("\xEF\xBBx"));
        QCOMPARE(line.offset, 0);
        QVERIFY(!plain.startsWithBom());
    }

    void skippingALongLineAsksToGoOn()
    {
        // A 4 MB line over a 1 KB bound (think 16 GB without a newline): the skip asks as it reads, and a no
        // ends it there instead of at the file's end.
        const QString path =
            writeFile(m_dir, QStringLiteral("skip.txt"), QByteArray(4 * 1024 * 1024, 'x') + "\nok\n");
        LineReader reader(path, 1024);
        QList<qint64> asked;
        reader.setKeepGoing([&asked](qint64 position) {
            asked.append(position);
            return asked.size() < 2;
        });
        QString why;
        QVERIFY(reader.open(&why));
        LineReader::Line line;
        QVERIFY(!reader.next(&line));
        QVERIFY(reader.cancelled());
        QCOMPARE(asked.size(), 2);
        QVERIFY(asked[1] > asked[0]);
        QVERIFY(asked[1] < 4 * 1024 * 1024);

        LineReader all(path, 1024);
        int calls = 0;
        all.setKeepGoing([&calls](qint64) { return ++calls > 0; });
        QVERIFY(all.open(&why));
        QVERIFY(all.next(&line));
        QVERIFY(line.overlong);
        QVERIFY(all.next(&line));
        QCOMPARE(line.bytes, QByteArray("ok"));
        QVERIFY(!all.cancelled());
        QVERIFY(calls >= 3);
    }

    void emptyAndMissing()
    {
        LineReader empty(writeFile(m_dir, QStringLiteral("empty.txt"), QByteArray()));
        QString why;
        QVERIFY(empty.open(&why));
        LineReader::Line line;
        QVERIFY(!empty.next(&line));
        QVERIFY(empty.error().isEmpty());

        LineReader newline(writeFile(m_dir, QStringLiteral("newline.txt"), "\n"));
        QVERIFY(newline.open(&why));
        QVERIFY(newline.next(&line));
        QVERIFY(line.bytes.isEmpty());
        QVERIFY(!newline.next(&line));

        LineReader missing(m_dir.filePath(QStringLiteral("missing.txt")));
        QVERIFY(!missing.open(&why));
        QVERIFY(!why.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLineReader)
#include "tst_linereader.moc"
