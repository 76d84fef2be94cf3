#include "simprocess.h"

#include "core/providers/provider.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>

SimProcess::SimProcess(const QStringList &arguments)
    : m_arguments(arguments)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setReadChannel(QProcess::StandardOutput);
}

SimProcess::SimProcess(const QString &dialect, const QStringList &arguments)
    : SimProcess(QStringList{QStringLiteral("--dialect"), dialect} + arguments)
{
}

QString SimProcess::dialect() const
{
    const qsizetype at = m_arguments.indexOf(QStringLiteral("--dialect"));
    return at >= 0 && at + 1 < m_arguments.size() ? m_arguments.at(at + 1) : QStringLiteral("openai");
}

QUrl SimProcess::rootUrl() const
{
    return m_baseUrl.adjusted(QUrl::RemovePath);
}

SimProcess::~SimProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool SimProcess::start(QString *error)
{
    m_process.start(QStringLiteral(BATCHWATCH_SIM_PATH),
                    QStringList{QStringLiteral("--port"), QStringLiteral("0")} + m_arguments);
    if (!m_process.waitForStarted(10'000)) {
        if (error)
            *error = QStringLiteral("cannot start %1: %2")
                         .arg(QStringLiteral(BATCHWATCH_SIM_PATH), m_process.errorString());
        return false;
    }
    while (!m_process.canReadLine()) {
        if (!m_process.waitForReadyRead(10'000)) {
            if (error)
                *error = QStringLiteral("batchwatch-sim printed no address: %1")
                             .arg(QString::fromUtf8(m_process.readAllStandardError()));
            return false;
        }
    }
    const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
    const QRegularExpressionMatch match =
        QRegularExpression(QStringLiteral("^listening on (http://127\\.0\\.0\\.1:\\d+(/v1)?)$")).match(line);
    if (!match.hasMatch()) {
        if (error)
            *error = QStringLiteral("unexpected first line from batchwatch-sim: ") + line;
        return false;
    }
    m_baseUrl = QUrl(match.captured(1));
    return true;
}

std::unique_ptr<SimProcess> SimProcess::started(const QStringList &arguments)
{
    auto sim = std::make_unique<SimProcess>(arguments);
    QString error;
    if (!sim->start(&error))
        qWarning("%s", qPrintable(error));
    return sim;
}

ApiConfig SimProcess::config(const QString &apiKey) const
{
    ApiConfig config;
    config.provider = Providers::fromId(dialect()).value_or(Provider::OpenAI);
    config.baseUrl = m_baseUrl;
    config.apiKey = apiKey;
    config.connectTimeoutMs = 5'000;
    config.transferTimeoutMs = 10'000;
    return config;
}

qint64 SimProcess::requestsServed() const
{
    return stats().value(QStringLiteral("requests")).toInteger();
}

QString SimProcess::createBatch(int requests, const QJsonObject &metadata) const
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    const auto send = [&](QNetworkRequest request, const QByteArray &type, const QByteArray &body) {
        request.setRawHeader("Authorization", "Bearer sk-test");
        request.setHeader(QNetworkRequest::ContentTypeHeader, type);
        QNetworkReply *reply = manager.post(request, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    };
    if (dialect() == QLatin1String("anthropic") || dialect() == QLatin1String("gemini")) {
        // These dialects create from inline requests; the simulator's own route makes the same batch.
        QJsonObject create{{QStringLiteral("requests"), requests},
                           {QStringLiteral("model"), QStringLiteral("gpt-4.1")}};
        if (!metadata.isEmpty())
            create.insert(QStringLiteral("metadata"), metadata);
        QUrl url = rootUrl();
        url.setPath(QStringLiteral("/v1/_sim/batches"));
        return send(QNetworkRequest(url), "application/json", QJsonDocument(create).toJson())
            .value(QStringLiteral("id"))
            .toString();
    }
    const QString base = dialect() == QLatin1String("azure")
                             ? rootUrl().toString() + QStringLiteral("/openai/v1")
                             : m_baseUrl.toString();
    QByteArray lines;
    for (int i = 1; i <= requests; ++i)
        lines += "{\"custom_id\":\"r" + QByteArray::number(i) + "\",\"body\":{\"model\":\"gpt-4.1\"}}\n";
    const QByteArray form =
        "--b0undary\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n"
        "--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n\r\n" +
        lines + "\r\n--b0undary--\r\n";
    const QString fileId = send(QNetworkRequest(QUrl(base + QStringLiteral("/files"))),
                                "multipart/form-data; boundary=b0undary", form)
                               .value(QStringLiteral("id"))
                               .toString();
    QJsonObject create{{QStringLiteral("input_file_id"), fileId},
                       {QStringLiteral("endpoint"), QStringLiteral("/v1/responses")},
                       {QStringLiteral("completion_window"), QStringLiteral("24h")}};
    if (!metadata.isEmpty())
        create.insert(QStringLiteral("metadata"), metadata);
    return send(QNetworkRequest(QUrl(base + QStringLiteral("/batches"))), "application/json",
                QJsonDocument(create).toJson())
        .value(QStringLiteral("id"))
        .toString();
}

QJsonObject SimProcess::postHook(const QString &path, const QJsonObject &body, int *status) const
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QUrl url = rootUrl();
    url.setPath(path);
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = manager.post(request, QJsonDocument(body).toJson());
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    return QJsonDocument::fromJson(reply->readAll()).object();
}

QJsonObject SimProcess::stats() const
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QUrl url = rootUrl();
    url.setPath(QStringLiteral("/v1/_sim/stats"));
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}
