#include "app/account/demoserver.h"

#include "sim/simaccount.h"
#include "sim/simserver.h"

#include <QDateTime>

DemoServer::DemoServer(QObject *parent)
    : QObject(parent)
{
}

DemoServer::~DemoServer() = default;

bool DemoServer::start(int batches, double speed)
{
    SimAccount::Options options;
    options.batches = batches;
    // Time runs faster than real so the demo visibly moves; a fresh seed each day keeps it from going stale.
    options.speed = speed;
    // ...but what it shows happened at real moments: a timeline never reaches past the clock on the wall.
    options.realTimestamps = true;
    options.seed = quint64(QDateTime::currentSecsSinceEpoch() / 86'400);
    m_account = std::make_unique<SimAccount>(options);
    m_server = std::make_unique<SimServer>(m_account.get(), QString(), SimServer::Faults());
    m_port = m_server->listenLoopback(0);
    return m_port != 0;
}

ApiConfig DemoServer::config() const
{
    ApiConfig config;
    config.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_port));
    config.apiKey = QStringLiteral("demo");
    return config;
}
