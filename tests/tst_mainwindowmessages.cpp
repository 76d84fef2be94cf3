// What the dashboard says when something cannot work: a failed first load, a failed refresh, actions with
// nothing to act on, and a server's file name in the Save dialog. Offscreen, against the real simulator or a
// small server written here.
#include "app/mainwindow.h"
#include "app/widgets/batchdetailpane.h"
#include "app/widgets/batchtableview.h"
#include "app/widgets/errorbanner.h"
#include "app/widgets/filespanel.h"
#include "core/api/apicall.h"
#include "core/api/apiclient.h"
#include "core/session/accountsession.h"
#include "mainwindowtesting.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <functional>

namespace {
using MainWindowTesting::firstRowWith;
using MainWindowTesting::openOn;
using MainWindowTesting::selectRow;

// A server that answers GET requests by path with fixed JSON bodies (404 for anything else): the hostile one.
class FixedServer : public QTcpServer
{
public:
    explicit FixedServer(const QHash<QByteArray, QByteArray> &bodies)
        : m_bodies(bodies)
    {
        listen(QHostAddress::LocalHost);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection())
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { answer(socket); });
        });
    }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1/v1").arg(serverPort()); }

private:
    void answer(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        const QByteArray path = buffer.split(' ').value(1).split('?').value(0);
        m_buffers.remove(socket);
        const auto body = m_bodies.constFind(path);
        const QByteArray status = body == m_bodies.cend() ? "404 Not Found" : "200 OK";
        const QByteArray content =
            body == m_bodies.cend() ? QByteArray(R"({"error":{"message":"no"}})") : *body;
        socket->write("HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(content.size()) + "\r\n\r\n" + content);
    }

    QHash<QByteArray, QByteArray> m_bodies;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

} // namespace

class TestMainWindowMessages : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SimProcess> m_sim;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation)).removeRecursively();
        m_sim = std::make_unique<SimProcess>(QStringList{QStringLiteral("--batches"), QStringLiteral("150"),
                                                         QStringLiteral("--speed"), QStringLiteral("0")});
        QVERIFY(m_sim->start());
    }

    void firstLoadFailureSaysWhatFailedAndRecovers()
    {
        // Every second request is refused with 401: one made here, so the window's first load is refused.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--fail-every"), QStringLiteral("2"),
                        QStringLiteral("--fail-status"), QStringLiteral("401")});
        QVERIFY(sim.start());
        ApiConfig config = sim.config();
        config.maxRetries = 0;
        {
            ApiClient client(config);
            ApiCall *call = client.listBatches(QString(), 1);
            QSignalSpy done(call, &ApiCall::finished);
            QVERIFY(call->isFinished() || done.wait(10'000));
            QCOMPARE(sim.requestsServed(), qint64(1));
        }
        MainWindow window;
        openOn(window, config);
        QTRY_VERIFY(window.errorBanner()->isVisible());
        const QString message = window.errorBanner()->message();
        // What failed, not "loading more"; the key, and the way to Settings.
        QVERIFY2(message.startsWith(QStringLiteral("Could not load batches: ")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("refused the API key")), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("HTTP 401")));
        QVERIFY(window.errorBanner()->settingsButton()->isVisible());
        QVERIFY(window.errorBanner()->retryButton()->isVisible());
        QCOMPARE(window.loadErrorText(), message); // what the empty table says
        QCOMPARE(window.model()->rowCount(), 0);
        QSignalSpy settings(&window, &MainWindow::settingsRequested);
        QTest::mouseClick(window.errorBanner()->settingsButton(), Qt::LeftButton);
        QCOMPARE(settings.count(), 1);

        // Retry: the rows come, and with them the truth about what is left on the server.
        QTest::mouseClick(window.errorBanner()->retryButton(), Qt::LeftButton);
        QTRY_COMPARE(window.model()->rowCount(), 30);
        QTRY_VERIFY(!window.session()->isRefreshing());
        QVERIFY(!window.errorBanner()->isVisible());
        QCOMPARE(window.loadErrorText(), QString());
        QVERIFY2(!window.statusText().contains(QStringLiteral("more on the server")),
                 qPrintable(window.statusText()));
        QVERIFY(!window.model()->canFetchMore(QModelIndex()));
        const qint64 served = sim.requestsServed();
        window.table()->scrollToBottom();
        QCoreApplication::processEvents();
        QVERIFY(!window.model()->isFetching());
        QCOMPARE(sim.requestsServed(), served);
    }

    void retryAfterAFailedPageAsksForThatPage()
    {
        // Every second request fails: page 1 loads, page 2 fails, Retry brings page 2 (not a refresh).
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("250"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--fail-every"), QStringLiteral("2"),
                        QStringLiteral("--fail-status"), QStringLiteral("500")});
        QVERIFY(sim.start());
        ApiConfig config = sim.config();
        config.maxRetries = 0;
        MainWindow window;
        openOn(window, config);
        QTRY_COMPARE(window.model()->rowCount(), 100);
        QTRY_VERIFY(window.model()->canFetchMore(QModelIndex()));
        window.model()->fetchMore(QModelIndex()); // as scrolling to the bottom does
        QTRY_VERIFY(window.errorBanner()->isVisible());
        QVERIFY2(window.errorBanner()->message().startsWith(QStringLiteral("Loading more batches failed: ")),
                 qPrintable(window.errorBanner()->message()));
        QCOMPARE(window.loadErrorText(), QString()); // rows are shown: the table is not empty
        QVERIFY2(window.statusText().contains(QStringLiteral("loading more failed")),
                 qPrintable(window.statusText()));
        QVERIFY(!window.model()->canFetchMore(QModelIndex())); // no silent retry by the view
        QTest::mouseClick(window.errorBanner()->retryButton(), Qt::LeftButton);
        QTRY_COMPARE(window.model()->rowCount(), 200);
        QVERIFY(window.statusText().contains(QStringLiteral("more on the server")));
    }

    void forbiddenOffersSettingsToo()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("5"), QStringLiteral("--fail-every"),
                        QStringLiteral("1"), QStringLiteral("--fail-status"), QStringLiteral("403")});
        QVERIFY(sim.start());
        ApiConfig config = sim.config();
        config.maxRetries = 0;
        MainWindow window;
        openOn(window, config);
        QTRY_VERIFY(window.errorBanner()->isVisible());
        const QString message = window.errorBanner()->message();
        QVERIFY2(
            message.startsWith(QStringLiteral("Could not load batches: the API key may not read batches on "
                                              "127.0.0.1; check the key, organization and project")),
            qPrintable(message));
        QVERIFY(window.errorBanner()->settingsButton()->isVisible());
    }

    void connectionFailureNamesTheServer()
    {
        // A port nobody listens on: the banner says it could not connect, and offers no Settings for a key.
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        ApiConfig config = m_sim->config();
        config.baseUrl.setPort(closed.serverPort());
        closed.close();
        config.maxRetries = 0;
        MainWindow window;
        openOn(window, config);
        QTRY_VERIFY(window.errorBanner()->isVisible());
        const QString message = window.errorBanner()->message();
        QVERIFY2(message.startsWith(QStringLiteral("Could not load batches: could not connect to 127.0.0.1")),
                 qPrintable(message));
        QVERIFY(!window.errorBanner()->settingsButton()->isVisible());
        QCOMPARE(window.loadErrorText(), message);
    }

    void statusBarAfterAFailedRefresh()
    {
        // Every third request fails: the load (1) and a refresh (2) go through, the next refresh (3) fails.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("30"), QStringLiteral("--speed"),
                        QStringLiteral("0"), QStringLiteral("--fail-every"), QStringLiteral("3"),
                        QStringLiteral("--fail-status"), QStringLiteral("500")});
        QVERIFY(sim.start());
        ApiConfig config = sim.config();
        config.maxRetries = 0;
        MainWindow window;
        openOn(window, config);
        QTRY_COMPARE(window.model()->rowCount(), 30);
        QTRY_VERIFY(!window.model()->isFetching());
        QSignalSpy refreshed(window.session(), &AccountSession::refreshFinished);
        window.session()->refreshNow();
        QVERIFY(refreshed.wait(10'000));
        QVERIFY(!refreshed.at(0).at(0).value<ApiError>().isError());
        QVERIFY2(window.statusText().contains(QStringLiteral("refreshed 30 of 30")),
                 qPrintable(window.statusText()));
        window.session()->refreshNow();
        QVERIFY(refreshed.wait(10'000));
        QVERIFY(refreshed.at(1).at(0).value<ApiError>().isError());
        QVERIFY2(window.statusText().contains(QStringLiteral("refresh failed at ")),
                 qPrintable(window.statusText()));
        QVERIFY2(!window.statusText().contains(QStringLiteral("refreshed")), qPrintable(window.statusText()));
    }

    void actionsThatCannotWorkAreDisabledAndSayWhy()
    {
        MainWindow window;
        openOn(window, m_sim->config());
        QTRY_VERIFY(window.model()->rowCount() >= 100);
        auto *web = window.findChild<QAction *>(QStringLiteral("openOnWebAction"));
        auto *output = window.findChild<QAction *>(QStringLiteral("downloadOutputAction"));
        auto *errors = window.findChild<QAction *>(QStringLiteral("downloadErrorAction"));
        QVERIFY(web && output && errors);

        const int running = firstRowWith(window, QStringLiteral("in_progress"));
        QVERIFY(running >= 0);
        selectRow(window, running);
        // Not api.openai.com: there is no dashboard page to open.
        QTRY_VERIFY(!web->isEnabled());
        QVERIFY2(web->toolTip().contains(QStringLiteral("api.openai.com")), qPrintable(web->toolTip()));
        QVERIFY2(web->toolTip().contains(QStringLiteral("127.0.0.1")), qPrintable(web->toolTip()));
        // Running: no output file yet, and the tooltip says when there will be one.
        QTRY_VERIFY2(output->toolTip().contains(QStringLiteral("no output file yet")),
                     qPrintable(output->toolTip()));
        QVERIFY(!output->isEnabled());
        QVERIFY(!errors->isEnabled());

        int done = -1;
        for (int r = 0; r < window.proxy()->rowCount() && done < 0; ++r) {
            const Batch &b =
                window.model()->batchAt(window.proxy()->mapToSource(window.proxy()->index(r, 0)).row());
            if (b.status.value() == BatchStatus::Completed && !b.outputFileId.isEmpty())
                done = r;
        }
        QVERIFY(done >= 0);
        selectRow(window, done);
        QTRY_VERIFY(output->isEnabled());
        QVERIFY(!web->isEnabled());
    }

    void saveDialogSuggestsASafeName()
    {
        // The server names the output file "../../.bashrc": the dialog offers "bashrc" in the home folder.
        const QByteArray batch =
            R"({"id":"batch_1","object":"batch","endpoint":"/v1/responses","status":"completed",)"
            R"("created_at":1764000000,"completed_at":1764000600,"input_file_id":"file-in",)"
            R"("output_file_id":"file-out","request_counts":{"total":1,"completed":1,"failed":0}})";
        FixedServer server(
            {{"/v1/batches", R"({"object":"list","data":[)" + batch + R"(],"has_more":false})"},
             {"/v1/files/file-out",
              R"({"id":"file-out","object":"file","bytes":10,"created_at":1764000600,)"
              R"("expires_at":4102444800,"filename":"../../.bashrc","purpose":"batch_output"})"}});
        QVERIFY(server.isListening());
        ApiConfig config = m_sim->config();
        config.baseUrl = QUrl(server.baseUrl());
        MainWindow window;
        openOn(window, config);
        QTRY_COMPARE(window.model()->rowCount(), 1);
        selectRow(window, 0);
        QTRY_VERIFY(window.detailPane()
                        ->filesPanel()
                        ->statusText(FilesPanel::Output)
                        .contains(QStringLiteral("bashrc")));
        auto *output = window.findChild<QAction *>(QStringLiteral("downloadOutputAction"));
        QVERIFY(output);
        QTRY_VERIFY(output->isEnabled());
        QString suggested;
        std::function<void()> look;
        look = [&] {
            auto *dialog = qobject_cast<QFileDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                QTimer::singleShot(10, look);
                return;
            }
            suggested = dialog->selectedFiles().value(0);
            dialog->reject();
        };
        QTimer::singleShot(0, look);
        output->trigger(); // Ctrl+D
        QCOMPARE(suggested, QDir::home().filePath(QStringLiteral("bashrc")));
    }
};

QTEST_MAIN(TestMainWindowMessages)
#include "tst_mainwindowmessages.moc"
