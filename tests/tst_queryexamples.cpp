// Every query example of the README, run both ways against the same simulator: `batchwatch export --query`
// (and `list --query`) and the window's path (AccountSession -> BatchTableModel -> BatchSortFilterProxy).
// Each must give the same batches, some but not all.
#include "batchwatchrun.h"
#include "core/cost/pricetable.h"
#include "core/session/accountsession.h"
#include "models/batchsortfilterproxy.h"
#include "models/batchtablemodel.h"
#include "simprocess.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {
// The examples between the README's markers: lines "- `QUERY` — what it shows".
QStringList readmeExamples(QString *error)
{
    QFile file(QStringLiteral(BATCHWATCH_SOURCE_DIR "/README.md"));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    const QString text = QString::fromUtf8(file.readAll());
    const qsizetype begin = text.indexOf(QStringLiteral("<!-- query-examples -->"));
    const qsizetype end = text.indexOf(QStringLiteral("<!-- /query-examples -->"));
    if (begin < 0 || end < begin) {
        *error = QStringLiteral("no <!-- query-examples --> ... <!-- /query-examples --> in README.md");
        return {};
    }
    static const QRegularExpression line(QStringLiteral("^- `([^`]+)` \u2014 \\S.*$"));
    QStringList examples;
    const QStringList lines = text.mid(begin, end - begin).split(u'\n');
    for (const QString &l : lines.mid(1)) {
        if (l.trimmed().isEmpty())
            continue;
        const QRegularExpressionMatch m = line.match(l);
        if (!m.hasMatch()) {
            *error = QStringLiteral("not an example line: ") + l;
            return {};
        }
        examples << m.captured(1);
    }
    return examples;
}

// POST /v1/_sim/batches: a batch made to order (model, metadata, outcome, ended an hour ago or still
// running).
bool postSimBatch(const SimProcess &sim, const QJsonObject &spec)
{
    int status = 0;
    const QJsonObject answer = sim.postHook(QStringLiteral("/v1/_sim/batches"), spec, &status);
    return status == 200 && !answer.value(QStringLiteral("id")).toString().isEmpty();
}

QSet<QString> idsOfJsonLines(const QByteArray &out)
{
    QSet<QString> ids;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.trimmed().isEmpty())
            ids.insert(QJsonDocument::fromJson(line).object().value(QStringLiteral("id")).toString());
    }
    return ids;
}

// `list` prints a table, one batch a row (a status may be two words: "in progress"); the simulator's ids are
// batch_ and letters and digits.
QSet<QString> idsOfTable(const QByteArray &out)
{
    static const QRegularExpression id(QStringLiteral("\\bbatch_\\w+"));
    QSet<QString> ids;
    for (const QByteArray &line : out.split('\n')) {
        const QRegularExpressionMatch m = id.match(QString::fromUtf8(line));
        if (m.hasMatch())
            ids.insert(m.captured());
    }
    return ids;
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}
} // namespace

class TestQueryExamples : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        // Prices and caches of this test's own: the user's files must not change what `cost` sees.
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("config"))));
    }

    void everyReadmeExampleGivesTheSameRowsBothWays()
    {
        QString error;
        const QStringList examples = readmeExamples(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(examples.size() > 8, "the README's query examples are too few to be a test");

        // 300 generated batches over about twelve days (statuses, models, projects, request counts, usage),
        // the clock still so both paths see the same now; and a few made to order.
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("300"), QStringLiteral("--speed"),
                        QStringLiteral("0")});
        QVERIFY(sim.start());
        const QJsonObject acme{{QStringLiteral("customer"), QStringLiteral("Acme Corp")},
                               {QStringLiteral("team"), QStringLiteral("ML Ops")}};
        const QJsonObject labs{{QStringLiteral("customer"), QStringLiteral("acme labs")}};
        const QJsonObject globex{{QStringLiteral("customer"), QStringLiteral("Globex")}};
        // The generated usage is random: one batch certainly costs more than $1 ($2.10 at batch rates), so
        // `cost>1` never depends on the draw.
        const QJsonObject dear{{QStringLiteral("input_tokens"), 20'000'000},
                               {QStringLiteral("output_tokens"), 2'000'000}};
        for (const QJsonObject &spec : {QJsonObject{{QStringLiteral("requests"), 50},
                                                    {QStringLiteral("model"), QStringLiteral("gpt-4o-mini")},
                                                    {QStringLiteral("metadata"), acme},
                                                    {QStringLiteral("usage"), dear},
                                                    {QStringLiteral("ended"), true}},
                                        QJsonObject{{QStringLiteral("requests"), 20},
                                                    {QStringLiteral("model"), QStringLiteral("gpt-4.1")},
                                                    {QStringLiteral("metadata"), globex},
                                                    {QStringLiteral("outcome"), QStringLiteral("failed")},
                                                    {QStringLiteral("ended"), true}},
                                        QJsonObject{{QStringLiteral("requests"), 1500},
                                                    {QStringLiteral("model"), QStringLiteral("o4-mini")},
                                                    {QStringLiteral("metadata"), labs},
                                                    {QStringLiteral("failed_share"), 0.1},
                                                    {QStringLiteral("outcome"), QStringLiteral("expired")},
                                                    {QStringLiteral("ended"), true}},
                                        QJsonObject{{QStringLiteral("requests"), 10},
                                                    {QStringLiteral("model"), QStringLiteral("gpt-5-mini")},
                                                    {QStringLiteral("metadata"), acme}}})
            QVERIFY(postSimBatch(sim, spec));

        // The window's path: one session, every page loaded, the proxy over the model.
        SessionSpec spec;
        spec.config = sim.config();
        spec.autoRefresh = false;
        AccountSession session(spec);
        BatchTableModel model;
        model.addSession(&session);
        BatchSortFilterProxy proxy;
        proxy.setSourceModel(&model);
        const PriceTable prices = PriceTable::load(); // the shipped table: this test's config home is empty
        proxy.setPrices(&prices);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        session.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 304, 20'000);
        QTRY_VERIFY(!model.isFetching());

        const QTemporaryDir cacheHome;
        QProcessEnvironment env =
            batchwatchEnvironment(sim.baseUrl(), QStringLiteral("sk-test-examples"), cacheHome.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        for (const QString &query : examples) {
            const BatchwatchRun exported =
                runBatchwatchIn(env, {QStringLiteral("export"), QStringLiteral("--format"),
                                      QStringLiteral("jsonl"), QStringLiteral("--query"), query});
            QVERIFY2(exported.exitCode == 0,
                     qPrintable(query + QStringLiteral(": ") + QString::fromUtf8(exported.err)));
            const QSet<QString> headless = idsOfJsonLines(exported.out);
            const BatchwatchRun listed =
                runBatchwatchIn(env, {QStringLiteral("list"), QStringLiteral("--query"), query});
            QVERIFY2(listed.exitCode == 0, qPrintable(query));

            proxy.setSearchText(query);
            QVERIFY2(proxy.filter().query().isValid(), qPrintable(query));
            QSet<QString> window;
            for (int row = 0; row < proxy.rowCount(); ++row)
                window.insert(proxy.index(row, 0).data(BatchTableModel::IdRole).toString());

            qInfo("%s: %lld of %d", qPrintable(query), qlonglong(window.size()), model.rowCount());
            QVERIFY2(!window.isEmpty(), qPrintable(query + QStringLiteral(" matches nothing")));
            QVERIFY2(window.size() < model.rowCount(),
                     qPrintable(query + QStringLiteral(" matches everything")));
            QCOMPARE(sorted(headless), sorted(window));
            QCOMPARE(sorted(idsOfTable(listed.out)), sorted(window));
        }
    }

    void aWrongQueryIsAUsageError()
    {
        SimProcess sim({QStringLiteral("--batches"), QStringLiteral("20")});
        QVERIFY(sim.start());
        const BatchwatchRun run = runBatchwatch(
            {QStringLiteral("list"), QStringLiteral("--query"), QStringLiteral("failed>1 stauts:failed")},
            sim.baseUrl());
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(
            run.err.contains("--query, character 10: unknown field \"stauts\" (did you mean \"status\"?)"),
            run.err.constData());
        QCOMPARE(sim.stats().value(QStringLiteral("requests")).toInteger(), 0);
    }
};

QTEST_MAIN(TestQueryExamples)
#include "tst_queryexamples.moc"
