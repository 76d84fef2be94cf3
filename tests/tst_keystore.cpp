// The key in the system keychain, or for this session only, and never in plain text on disk.
#include "app/account/keystore.h"

#include <qt6keychain/keychain.h>

#include <QDirIterator>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

namespace {
const QString kSecret = QStringLiteral("sk-test-keystore-5ecret-0000");
const QString kAccount = QStringLiteral("api-key http://127.0.0.1:1/v1 (tst_keystore)");
const QString kOtherAccount = QStringLiteral("api-key http://127.0.0.1:2/v1 (tst_keystore)");

// Every file under the places an app writes its settings and data.
bool secretOnDisk()
{
    const QStandardPaths::StandardLocation places[] = {
        QStandardPaths::AppConfigLocation, QStandardPaths::GenericConfigLocation,
        QStandardPaths::AppDataLocation, QStandardPaths::CacheLocation};
    for (QStandardPaths::StandardLocation place : places) {
        QDirIterator it(QStandardPaths::writableLocation(place), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(kSecret.toUtf8()))
                return true;
        }
    }
    return false;
}
} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BatchwatchTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_keystore"));
    }

    void writeThenRead()
    {
        // Set by CTest: whether this run has an unlocked keyring on a session bus.
        const bool expectKeychain = qEnvironmentVariableIntValue("BATCHWATCH_EXPECT_KEYCHAIN") == 1;
        KeyStore store;
        QSignalSpy written(&store, &KeyStore::keyWritten);
        store.write(kAccount, kSecret);
        QVERIFY(written.wait(20'000));
        QCOMPARE(written.at(0).at(0).toString(), kAccount);
        QCOMPARE(written.at(0).at(1).toBool(), expectKeychain);
        QCOMPARE(store.keychainAvailable(), expectKeychain);
        QCOMPARE(store.sessionKey(kAccount), kSecret);

        // A fresh store (a restart) finds the key only where the keychain kept it.
        KeyStore later;
        QSignalSpy read(&later, &KeyStore::keyRead);
        later.read(kAccount);
        QVERIFY(read.wait(20'000));
        QCOMPARE(read.at(0).at(0).toString(), kAccount);
        QCOMPARE(read.at(0).at(1).toString(), expectKeychain ? kSecret : QString());
        QVERIFY(!secretOnDisk());

        QSignalSpy removed(&store, &KeyStore::keyRemoved);
        store.remove(kAccount);
        QVERIFY(removed.wait(20'000));
        QCOMPARE(store.sessionKey(kAccount), QString());
    }

    void aKeyBelongsToItsAccount()
    {
        // Stored for one server, it is never read back for another (in the keychain or for the session).
        KeyStore store;
        QSignalSpy written(&store, &KeyStore::keyWritten);
        store.write(kAccount, kSecret);
        QVERIFY(written.wait(20'000));
        QSignalSpy read(&store, &KeyStore::keyRead);
        store.read(kOtherAccount);
        QVERIFY(read.wait(20'000));
        QCOMPARE(read.at(0).at(0).toString(), kOtherAccount);
        QCOMPARE(read.at(0).at(1).toString(), QString());
        store.read(kAccount);
        QVERIFY(read.wait(20'000));
        QCOMPARE(read.at(1).at(1).toString(), kSecret);

        QSignalSpy removed(&store, &KeyStore::keyRemoved);
        store.remove(kAccount);
        QVERIFY(removed.wait(20'000));
    }

    void aKeyFromBeforePerAccountKeysMovesToTheCurrentAccount()
    {
        const bool expectKeychain = qEnvironmentVariableIntValue("BATCHWATCH_EXPECT_KEYCHAIN") == 1;
        if (!expectKeychain)
            QSKIP("needs a keychain to hold the old entry");
        // Where versions before per-account keys kept the one key.
        auto *old = new QKeychain::WritePasswordJob(QStringLiteral("batchwatch"));
        old->setKey(QStringLiteral("openai-api-key"));
        old->setTextData(kSecret);
        QSignalSpy oldWritten(old, &QKeychain::Job::finished);
        old->start();
        QVERIFY(oldWritten.wait(20'000));

        KeyStore store;
        QSignalSpy read(&store, &KeyStore::keyRead);
        store.read(kAccount, true); // at start, for the settings it was entered with
        QVERIFY(read.wait(20'000));
        QCOMPARE(read.at(0).at(1).toString(), kSecret);
        // Moved, not copied: another account cannot adopt it as well.
        KeyStore later;
        QSignalSpy laterRead(&later, &KeyStore::keyRead);
        later.read(kOtherAccount, true);
        QVERIFY(laterRead.wait(20'000));
        QCOMPARE(laterRead.at(0).at(1).toString(), QString());
        later.read(kAccount);
        QVERIFY(laterRead.wait(20'000));
        QCOMPARE(laterRead.at(1).at(1).toString(), kSecret);

        QSignalSpy removed(&store, &KeyStore::keyRemoved);
        store.remove(kAccount);
        QVERIFY(removed.wait(20'000));
    }

    void aStoreGoneWithAJobInFlightIsNoCrash()
    {
        // The window closing while the keychain still works on a write: its answer comes to nobody.
        {
            KeyStore store;
            store.write(kOtherAccount, kSecret);
        }
        KeyStore later;
        QSignalSpy read(&later, &KeyStore::keyRead);
        later.read(kOtherAccount);
        QVERIFY(read.wait(20'000));
        QSignalSpy removed(&later, &KeyStore::keyRemoved);
        later.remove(kOtherAccount);
        QVERIFY(removed.wait(20'000));
    }
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_keystore.moc"
