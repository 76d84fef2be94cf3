#include "simprocess.h"

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
        QRegularExpression(QStringLiteral("^listening on (http://127\\.0\\.0\\.1:\\d+/v1)$")).match(line);
    if (!match.hasMatch()) {
        if (error)
            *error = QStringLiteral("unexpected first line from batchwatch-sim: ") + line;
        return false;
    }
    m_baseUrl = QUrl(match.captured(1));
    return true;
}

ApiConfig SimProcess::config(const QString &apiKey) const
{
    ApiConfig config;
    config.baseUrl = m_baseUrl;
    config.apiKey = apiKey;
    config.connectTimeoutMs = 5'000;
    config.transferTimeoutMs = 10'000;
    return config;
}

QJsonObject SimProcess::stats() const
{
    QNetworkAccessManager manager;
    manager.setProxy(QNetworkProxy::NoProxy);
    QUrl url = m_baseUrl;
    url.setPath(url.path() + QStringLiteral("/_sim/stats"));
    QNetworkReply *reply = manager.get(QNetworkRequest(url));
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object();
}
