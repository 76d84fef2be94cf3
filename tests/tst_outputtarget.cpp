#include "cli/outputtarget.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

mode_t fileType(const QString &path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? (info.st_mode & S_IFMT) : 0;
}
} // namespace

class TestOutputTarget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aRegularFileIsReplacedWholeOrNotAtAll()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.csv"));
        {
            QFile old(path);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old\n");
        }
        {
            OutputTarget target;
            QVERIFY(target.open(path));
            QVERIFY(target.isAtomic());
            target.device()->write("half");
            target.discard();
        }
        QCOMPARE(readAll(path), QByteArray("old\n"));
        OutputTarget target;
        QVERIFY(target.open(path));
        target.device()->write("new\n");
        QCOMPARE(readAll(path), QByteArray("old\n")); // nothing shows before the commit
        QVERIFY(target.commit());
        QCOMPARE(readAll(path), QByteArray("new\n"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden),
                 QStringList{QStringLiteral("out.csv")});
    }

    void aNewPathIsCreated()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.jsonl"));
        OutputTarget target;
        QVERIFY(target.open(path));
        QVERIFY(target.isAtomic());
        target.device()->write("{}\n");
        QVERIFY(target.commit());
        QCOMPARE(readAll(path), QByteArray("{}\n"));
        QCOMPARE(fileType(path), mode_t(S_IFREG));
    }

    void aFifoIsWrittenThroughAndStaysAFifo()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pipe"));
        const QByteArray name = QFile::encodeName(path);
        QCOMPARE(::mkfifo(name.constData(), 0600), 0);
        const int reader = ::open(name.constData(), O_RDONLY | O_NONBLOCK);
        QVERIFY(reader >= 0);
        {
            OutputTarget target;
            QVERIFY2(target.open(path), qPrintable(target.errorString()));
            QVERIFY(!target.isAtomic());
            QCOMPARE(target.device()->write("through the pipe\n"), 17);
            QVERIFY(target.commit());
        }
        char buffer[64];
        const ssize_t n = ::read(reader, buffer, sizeof buffer);
        ::close(reader);
        QCOMPARE(QByteArray(buffer, int(std::max<ssize_t>(n, 0))), QByteArray("through the pipe\n"));
        QCOMPARE(fileType(path), mode_t(S_IFIFO));
        QCOMPARE(
            QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot),
            QStringList{QStringLiteral("pipe")});
    }

    void devNullIsWrittenThroughAndStaysADevice()
    {
        const QString path = QStringLiteral("/dev/null");
        QVERIFY(OutputTarget::isStream(path));
        OutputTarget target;
        QVERIFY2(target.open(path), qPrintable(target.errorString()));
        QVERIFY(!target.isAtomic());
        QCOMPARE(target.device()->write("nothing\n"), 8);
        QVERIFY(target.commit());
        QCOMPARE(fileType(path), mode_t(S_IFCHR));
    }

    void aSymlinkToADeviceIsAStream()
    {
        QTemporaryDir dir;
        const QString link = dir.filePath(QStringLiteral("sink"));
        QVERIFY(QFile::link(QStringLiteral("/dev/null"), link));
        QVERIFY(OutputTarget::isStream(link));
        OutputTarget target;
        QVERIFY(target.open(link));
        QVERIFY(!target.isAtomic());
        QVERIFY(target.commit());
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(fileType(QStringLiteral("/dev/null")), mode_t(S_IFCHR));
    }

    void nothingIsCreatedUnderDev()
    {
        const QString path = QStringLiteral("/dev/batchwatch-test-no-such-device");
        QVERIFY(OutputTarget::isStream(path));
        OutputTarget target;
        QVERIFY(!target.open(path));
        QVERIFY(target.errorString().contains(path));
        QVERIFY(!QFileInfo::exists(path));
    }

    void descriptorPathsAreStreamsEvenOntoFiles()
    {
        // Standard output on a regular file: /dev/stdout leads there through /proc/self/fd/1.
        QVERIFY(OutputTarget::isStream(QStringLiteral("/dev/stdout")));
        QVERIFY(OutputTarget::isStream(QStringLiteral("/dev/fd/1")));
        QVERIFY(OutputTarget::isStream(QStringLiteral("/proc/self/fd/1")));
        QTemporaryDir dir;
        const QString link = dir.filePath(QStringLiteral("out"));
        QVERIFY(QFile::link(QStringLiteral("/dev/stdout"), link));
        QVERIFY(OutputTarget::isStream(link));
        QVERIFY(!OutputTarget::isStream(dir.filePath(QStringLiteral("plain.csv"))));
        if (QFileInfo(QStringLiteral("/dev/shm")).isDir())
            QVERIFY(!OutputTarget::isStream(QStringLiteral("/dev/shm/batchwatch-new.csv")));
    }

    void aPlainFileReachedThroughProcIsReplacedNotAppended()
    {
        // /proc/self/cwd/x is an ordinary file: replaced whole, as any file is, never appended to.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.csv"));
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old\n");
        old.close();
        const QString viaProc = QStringLiteral("/proc/self/root") + path;
        QVERIFY(!OutputTarget::isStream(viaProc));
        OutputTarget target;
        QVERIFY(target.open(viaProc));
        target.device()->write("new\n");
        QVERIFY(target.commit());
        QFile result(path);
        QVERIFY(result.open(QIODevice::ReadOnly));
        QCOMPARE(result.readAll(), QByteArray("new\n"));
    }

    void aDirectoryIsRefused()
    {
        QTemporaryDir dir;
        QVERIFY(!OutputTarget::isStream(dir.path()));
        OutputTarget target;
        QVERIFY(!target.open(dir.path()));
        QVERIFY(QFileInfo(dir.path()).isDir());
    }
};

QTEST_GUILESS_MAIN(TestOutputTarget)
#include "tst_outputtarget.moc"
