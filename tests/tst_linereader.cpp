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
