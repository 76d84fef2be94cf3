// batchwatch-sim: a local Batch API for tests, demo mode and benchmarks.
#include "sim/simaccount.h"
#include "sim/simdialect.h"
#include "sim/simpagedump.h"
#include "sim/simserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("batchwatch-sim"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BATCHWATCH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "An in-memory batch API on 127.0.0.1 whose batches move through their statuses as "
        "simulated time passes, in the dialect of OpenAI, Azure OpenAI, Anthropic or Gemini.\n"
        "The first line printed is \"listening on URL\", URL being what that provider's clients "
        "take as their base URL (Azure: the endpoint)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("TCP port on 127.0.0.1 (0: a free one)."),
                                  QStringLiteral("PORT"), QStringLiteral("0"));
    const QCommandLineOption batches(QStringLiteral("batches"), QStringLiteral("Batches in the account."),
                                     QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Same seed, same account."),
                                  QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption speed(QStringLiteral("speed"),
                                   QStringLiteral("Simulated seconds per real second."), QStringLiteral("X"),
                                   QStringLiteral("1"));
    const QCommandLineOption now(
        QStringLiteral("now"),
        QStringLiteral("Unix time the simulated clock starts at (default: the real time)."),
        QStringLiteral("UNIX"), QStringLiteral("0"));
    const QCommandLineOption dialect(
        QStringLiteral("dialect"),
        QStringLiteral(
            "The provider whose API to speak: openai (/v1/batches, bearer key), azure "
            "(/openai/v1/batches, or /openai/batches?api-version=V; api-key header or bearer token), "
            "anthropic (/v1/messages/batches; x-api-key or bearer key, anthropic-version) or gemini "
            "(/v1beta/batches; x-goog-api-key or ?key=)."),
        QStringLiteral("NAME"), QStringLiteral("openai"));
    const QCommandLineOption apiKey(
        QStringLiteral("api-key"),
        QStringLiteral("Require exactly this key (default: any non-empty key, in the dialect's header)."),
        QStringLiteral("KEY"));
    const QCommandLineOption adToken(
        QStringLiteral("ad-token"),
        QStringLiteral("Azure: also accept this Entra ID bearer token. The key is accepted as a bearer token "
                       "too, as the v1 API does; with neither option, any key or token is."),
        QStringLiteral("TOKEN"));
    const QCommandLineOption failEvery(QStringLiteral("fail-every"),
                                       QStringLiteral("Fail every Nth API request."), QStringLiteral("N"),
                                       QStringLiteral("0"));
    const QCommandLineOption failStatus(
        QStringLiteral("fail-status"),
        QStringLiteral("How those requests fail: an HTTP status (429 carries "
                       "retry-after), drop, hang, truncate, garbage, empty-page or wrong-shape."),
        QStringLiteral("CODE"), QStringLiteral("500"));
    const QCommandLineOption retryAfter(QStringLiteral("retry-after"),
                                        QStringLiteral("Seconds sent in retry-after with 429 and 503."),
                                        QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption pad(
        QStringLiteral("pad-bytes"),
        QStringLiteral("Add an unknown field of N characters to every batch (huge pages)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption latency(QStringLiteral("latency-ms"),
                                     QStringLiteral("Delay before every answer."), QStringLiteral("MS"),
                                     QStringLiteral("0"));
    const QCommandLineOption writePages(
        QStringLiteral("write-pages"),
        QStringLiteral("Write the account's list pages as static files into DIR for a web server, and exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption createdFailed(
        QStringLiteral("created-failed-share"),
        QStringLiteral("The share (0 to 1) of requests that fail in the batches clients create (default 0)."),
        QStringLiteral("X"), QStringLiteral("0"));
    parser.addOptions({port, batches, seed, speed, now, dialect, apiKey, adToken, failEvery, failStatus,
                       retryAfter, latency, pad, writePages, createdFailed});
    parser.process(app);

    const auto number = [&](const QCommandLineOption &option, double min, double max) {
        bool ok = false;
        const double value = parser.value(option).toDouble(&ok);
        if (!ok || value < min || value > max) {
            std::fprintf(stderr, "batchwatch-sim: --%s must be a number from %g to %g\n",
                         qPrintable(option.names().constFirst()), min, max);
            std::exit(2);
        }
        return value;
    };

    SimAccount::Options accountOptions;
    accountOptions.batches = int(number(batches, 0, 5'000'000));
    accountOptions.seed = quint64(number(seed, 0, 9e15));
    accountOptions.speed = number(speed, 0, 1e6);
    accountOptions.startTime = qint64(number(now, 0, 9e12));
    accountOptions.padBytes = int(number(pad, 0, 100'000'000));
    accountOptions.createdFailedShare = number(createdFailed, 0, 1);
    SimServer::Faults faults;
    faults.failEvery = int(number(failEvery, 0, 1e9));
    faults.failMode = parser.value(failStatus);
    faults.retryAfterSeconds = int(number(retryAfter, 0, 3600));
    faults.latencyMs = int(number(latency, 0, 600'000));
    const QStringList modes = {QStringLiteral("drop"),       QStringLiteral("hang"),
                               QStringLiteral("truncate"),   QStringLiteral("garbage"),
                               QStringLiteral("empty-page"), QStringLiteral("wrong-shape")};
    bool isStatus = false;
    const int failCode = faults.failMode.toInt(&isStatus);
    if (!(isStatus && failCode >= 400 && failCode <= 599) && !modes.contains(faults.failMode)) {
        std::fprintf(stderr, "batchwatch-sim: --fail-status must be 400..599, drop, hang, truncate, garbage, "
                             "empty-page or wrong-shape\n");
        return 2;
    }

    const std::optional<SimDialect::Kind> kind = SimDialect::kindFromId(parser.value(dialect));
    if (!kind) {
        std::fprintf(stderr, "batchwatch-sim: --dialect must be openai, azure, anthropic or gemini\n");
        return 2;
    }
    std::unique_ptr<SimDialect> speaker =
        SimDialect::create(*kind, {parser.value(apiKey), parser.value(adToken)});

    SimAccount account(accountOptions);
    if (parser.isSet(writePages)) {
        QString error;
        if (!SimPageDump::write(account, *speaker, parser.value(writePages), &error)) {
            std::fprintf(stderr, "batchwatch-sim: %s\n", qPrintable(error));
            return 1;
        }
        return 0;
    }
    SimServer server(&account, std::move(speaker), faults);
    const quint16 bound = server.listenLoopback(quint16(number(port, 0, 65535)));
    if (bound == 0) {
        std::fprintf(stderr, "batchwatch-sim: cannot listen on 127.0.0.1:%s\n",
                     qPrintable(parser.value(port)));
        return 1;
    }
    // Tests and scripts read this first line to learn the port.
    std::printf("listening on %s\n", qPrintable(server.dialect().baseUrl(bound)));
    std::fflush(stdout);
    return app.exec();
}
