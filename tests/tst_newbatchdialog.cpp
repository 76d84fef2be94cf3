// File > New batch: the pre-flight report keeps Send disabled while a problem stands; a good file is
// uploaded, created and shown in the main window. Offscreen, against the real simulator.
#include "app/mainwindow.h"
#include "app/newbatch/metadataeditor.h"
#include "app/newbatch/newbatchdialog.h"
#include "app/widgets/batchdetailpane.h"
#include "core/session/accountsession.h"
#include "hostileserver.h"
#include "mainwindowtesting.h"
#include "simprocess.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

namespace {
using MainWindowTesting::openOn;

// With BATCHWATCH_SCREENSHOTS=DIR set, each step leaves a PNG there for a person to look at.
void shoot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("BATCHWATCH_SCREENSHOTS");
    if (!dir.isEmpty())
        widget->grab().save(dir + u'/' + name + QStringLiteral(".png"));
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return QString();
    return path;
}

QByteArray line(const QByteArray &customId, const QByteArray &method = "POST",
                const QByteArray &url = "/v1/chat/completions")
{
    return "{\"custom_id\":\"" + customId + "\",\"method\":\"" + method + "\",\"url\":\"" + url +
           "\",\"body\":{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}}"
           "\n";
}
} // namespace

class TestNewBatchDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--batches"), QStringLiteral("20"),
                                                         QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(m_sim->start());
    }

    void aBatchThatFailedValidationOffersNewBatch()
    {
        MainWindow main;
        openOn(main, m_sim->config());
        QTRY_VERIFY(main.model()->rowCount() > 0);
        const int row = MainWindowTesting::firstRowWith(main, QStringLiteral("failed"));
        QVERIFY(row >= 0);
        MainWindowTesting::selectRow(main, row);
        // Nothing ran: no Retry, the errors by line, and New batch.
        const QString note = main.detailPane()->validationText();
        QVERIFY2(note.contains(QStringLiteral("failed validation")), qPrintable(note));
        QVERIFY2(note.contains(QStringLiteral("Line ")), qPrintable(note));
        QVERIFY(main.detailPane()->newBatchButton()->isVisibleTo(main.detailPane()));
        main.detailPane()->newBatchButton()->click();
        QVERIFY(main.newBatchDialog());
        QVERIFY(main.newBatchDialog()->isVisible());
        // A batch that ran has no such note.
        for (int other = 0; other < main.proxy()->rowCount(); ++other) {
            if (main.proxy()->index(other, 0).data(BatchTableModel::StatusRole).toString() ==
                QLatin1String("completed")) {
                MainWindowTesting::selectRow(main, other);
                break;
            }
        }
        QVERIFY(main.detailPane()->validationText().isEmpty());
        QVERIFY(!main.detailPane()->newBatchButton()->isVisibleTo(main.detailPane()));
    }

    void problemsKeepSendDisabledAndListTheirLines()
    {
        MainWindow main;
        openOn(main, m_sim->config());
        QTRY_VERIFY(main.model()->rowCount() > 0);
        NewBatchDialog *dialog = main.openNewBatch();
        QVERIFY(dialog);
        QVERIFY(!dialog->sendButton()->isEnabled()); // no file yet
        const QString path =
            writeFile(m_dir, QStringLiteral("bad.jsonl"),
                      line("a") + "this is not json\n" + line("a") + line("c", "GET") + line("d"));
        dialog->setFile(path);
        QTRY_VERIFY(!dialog->isChecking());
        QVERIFY(!dialog->sendButton()->isEnabled());
        QVERIFY(!dialog->blockedReason().isEmpty());
        QTableWidget *report = dialog->reportTable();
        QVERIFY(report->isVisibleTo(dialog));
        QStringList lines;
        for (int row = 0; row < report->rowCount(); ++row)
            lines << report->item(row, 0)->text();
        QVERIFY2(lines.contains(QStringLiteral("2")) && lines.contains(QStringLiteral("3")) &&
                     lines.contains(QStringLiteral("4")),
                 qPrintable(lines.join(u',')));
        shoot(dialog, QStringLiteral("newbatch-problems"));
        // A click on the disabled button sends nothing.
        const qint64 before = m_sim->requestsServed();
        dialog->send();
        QCOMPARE(m_sim->requestsServed(), before);
        QVERIFY(!dialog->isSending());
    }

    void aGoodFileIsSentAndTheBatchAppears()
    {
        MainWindow main;
        openOn(main, m_sim->config());
        QTRY_VERIFY(main.model()->rowCount() > 0);
        const int before = main.model()->rowCount();
        NewBatchDialog *dialog = main.openNewBatch();
        dialog->setFile(
            writeFile(m_dir, QStringLiteral("good.jsonl"), line("one") + line("two") + line("three")));
        QTRY_VERIFY(!dialog->isChecking());
        QVERIFY2(dialog->sendButton()->isEnabled(), qPrintable(dialog->blockedReason()));
        QVERIFY2(dialog->summaryText().contains(QStringLiteral("3 requests")),
                 qPrintable(dialog->summaryText()));
        QVERIFY(dialog->summaryText().contains(QStringLiteral("gpt-4o-mini")));
        QVERIFY(dialog->summaryText().contains(QStringLiteral("input tokens")));
        // A key twice: not sent.
        dialog->metadataEditor()->addRow(QStringLiteral("project"), QStringLiteral("atlas"));
        dialog->metadataEditor()->addRow(QStringLiteral("project"), QStringLiteral("other"));
        QVERIFY(!dialog->sendButton()->isEnabled());
        QVERIFY2(dialog->outcomeText().contains(QStringLiteral("twice")), qPrintable(dialog->outcomeText()));
        dialog->metadataEditor()->table()->removeRow(1);
        dialog->metadataEditor()->addRow(QStringLiteral("owner"), QStringLiteral("rgui"));
        QVERIFY(dialog->outcomeText().isEmpty());
        QVERIFY2(dialog->sendButton()->isEnabled(), qPrintable(dialog->blockedReason()));
        shoot(dialog, QStringLiteral("newbatch-ready"));
        QSignalSpy created(dialog, &NewBatchDialog::created);
        dialog->sendButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 30'000);
        const Batch batch = created.at(0).at(1).value<Batch>();
        QVERIFY(!batch.id.isEmpty());
        // In the table at once and selected, with its metadata.
        QCOMPARE(main.model()->rowCount(), before + 1);
        QCOMPARE(main.detailPane()->batchId(), batch.id);
        const Batch &shown = main.model()->batchAt(main.model()->rowOf(batch.id));
        QCOMPARE(shown.metadata.value(QStringLiteral("project")), QStringLiteral("atlas"));
        QCOMPARE(shown.metadata.value(QStringLiteral("owner")), QStringLiteral("rgui"));
        QCOMPARE(shown.endpoint, QStringLiteral("/v1/chat/completions")); // counts are zero while validating
        // Sent once: a second click does not send it again.
        QVERIFY(!dialog->sendButton()->isEnabled());
    }

    void metadataTheApiWouldRefuseKeepsSendDisabled()
    {
        AccountSession owner(SessionSpec{QString(), m_sim->config(), QString(), 30, false});
        NewBatchDialog dialog({&owner}, &owner);
        dialog.setFile(writeFile(m_dir, QStringLiteral("pairs.jsonl"), line("p1") + line("p2")));
        QTRY_VERIFY(!dialog.isChecking());
        QVERIFY2(dialog.sendButton()->isEnabled(), qPrintable(dialog.blockedReason()));
        for (int i = 0; i < 17; ++i)
            dialog.metadataEditor()->addRow(QStringLiteral("k%1").arg(i), QStringLiteral("v"));
        QVERIFY(!dialog.sendButton()->isEnabled());
        QVERIFY2(dialog.outcomeText().contains(QStringLiteral("16")), qPrintable(dialog.outcomeText()));
        dialog.metadataEditor()->table()->removeRow(16);
        QVERIFY2(dialog.sendButton()->isEnabled(), qPrintable(dialog.blockedReason()));
        dialog.metadataEditor()->table()->removeRow(15);
        dialog.metadataEditor()->addRow(QString(65, u'k'), QStringLiteral("v"));
        QVERIFY(!dialog.sendButton()->isEnabled());
        QVERIFY2(dialog.outcomeText().contains(QStringLiteral("64")), qPrintable(dialog.outcomeText()));
    }

    void aCreateThatMayHaveHappenedIsNotSaidNotCreated()
    {
        // The upload goes through; the create's answer is a 500: it may have been made.
        HostileServer server([](QTcpSocket *socket, const QByteArray &head) {
            if (head.startsWith("POST /v1/files"))
                socket->write(HostileServer::response(
                    200, "{\"id\": \"file-new\", \"object\": \"file\", \"bytes\": 10, \"created_at\": "
                         "1790000000, \"filename\": \"x.jsonl\", \"purpose\": \"batch\"}"));
            else
                socket->write(HostileServer::response(500, "{\"error\": {\"message\": \"oops\"}}"));
        });
        ApiConfig config;
        config.baseUrl = server.baseUrl();
        config.apiKey = QStringLiteral("sk-test");
        AccountSession owner(SessionSpec{QString(), config, QString(), 30, false});
        NewBatchDialog dialog({&owner}, &owner);
        dialog.setFile(writeFile(m_dir, QStringLiteral("maybe.jsonl"), line("m1") + line("m2")));
        QTRY_VERIFY(!dialog.isChecking());
        QVERIFY2(dialog.sendButton()->isEnabled(), qPrintable(dialog.blockedReason()));
        dialog.send();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isSending(), 60'000);
        QVERIFY2(dialog.outcomeText().contains(QStringLiteral("may have been created")) &&
                     dialog.outcomeText().contains(QStringLiteral("refresh before sending again")),
                 qPrintable(dialog.outcomeText()));
        // Not sent again blindly.
        QVERIFY(!dialog.sendButton()->isEnabled());
        QVERIFY2(dialog.blockedReason().contains(QStringLiteral("may have been created")),
                 qPrintable(dialog.blockedReason()));
    }

    void aGeminiFileIsSentWithItsModel()
    {
        SimProcess sim(QStringLiteral("gemini"), {QStringLiteral("--batches"), QStringLiteral("0")});
        QVERIFY(sim.start());
        AccountSession owner(SessionSpec{QString(), sim.config(), QString(), 30, false});
        NewBatchDialog dialog({&owner}, &owner);
        const QByteArray request = "\"request\": {\"model\": \"gemini-2.5-flash\", \"contents\": "
                                   "[{\"parts\": [{\"text\": \"hi\"}]}]}}\n";
        // Without a model the create cannot be made: said before anything is uploaded.
        dialog.setFile(writeFile(m_dir, QStringLiteral("gemini-nomodel.jsonl"),
                                 "{\"key\": \"a\", \"request\": {\"contents\": []}}\n"));
        QTRY_VERIFY(!dialog.isChecking());
        QVERIFY(!dialog.sendButton()->isEnabled());
        QVERIFY2(dialog.blockedReason().contains(QStringLiteral("model")),
                 qPrintable(dialog.blockedReason()));
        dialog.setFile(writeFile(m_dir, QStringLiteral("gemini.jsonl"),
                                 "{\"key\": \"a\", " + request + "{\"key\": \"b\", " + request));
        QTRY_VERIFY(!dialog.isChecking());
        QVERIFY2(dialog.sendButton()->isEnabled(), qPrintable(dialog.blockedReason()));
        QSignalSpy created(&dialog, &NewBatchDialog::created);
        dialog.send();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isSending(), 60'000);
        QVERIFY2(created.count() == 1, qPrintable(dialog.outcomeText()));
        QCOMPARE(created.at(0).at(1).value<Batch>().model, QStringLiteral("gemini-2.5-flash"));
    }
};

QTEST_MAIN(TestNewBatchDialog)
#include "tst_newbatchdialog.moc"
