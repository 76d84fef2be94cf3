#pragma once

#include <QString>

class SimAccount;

// Writes every list page of the account (limit 100) as static files a web server can answer with:
// DIR/first.json for the first page and DIR/after/<cursor>.json for the page that follows <cursor>.
// Benchmarks serve these with nginx so that the server is not what they measure.
namespace SimPageDump {
bool write(const SimAccount &account, const QString &dir, QString *error);
}
