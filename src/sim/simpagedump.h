#pragma once

#include <QString>

class SimAccount;
class SimDialect;

// Writes every list page of the account (100 batches a page) in a dialect's shape as static files a web
// server can answer with: DIR/first.json for the first page, then one file per later page named after the
// cursor that asks for it: after/<id>.json (OpenAI, Azure), after_id/<id>.json (Anthropic),
// pageToken/<token>.json (Gemini). Benchmarks serve these with nginx so that the server is not what they
// measure.
namespace SimPageDump {
[[nodiscard]] bool write(SimAccount &account, const SimDialect &dialect, const QString &dir, QString *error);
}
