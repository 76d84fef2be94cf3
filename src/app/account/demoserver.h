#pragma once

#include "core/api/apiconfig.h"

#include <QObject>

#include <memory>

class SimAccount;
class SimServer;

// The simulator's engine, in-process on a loopback port: what the dashboard shows when there is no API key.
class DemoServer : public QObject
{
    Q_OBJECT

public:
    explicit DemoServer(QObject *parent = nullptr);
    ~DemoServer() override;

    // Starts listening; false if no loopback port could be had.
    bool start(int batches = 400, double speed = 30.0);
    ApiConfig config() const;

private:
    std::unique_ptr<SimAccount> m_account;
    std::unique_ptr<SimServer> m_server;
    quint16 m_port = 0;
};
