#include "cli/commandsupport.h"

#include "cli/accountconfig.h"
#include "cli/exitcode.h"
#include "core/cache/batchcache.h"
#include "core/export/batchformat.h"
#include "core/query/batchquery.h"

#include <QFileInfo>
#include <QLocale>

#include <cstdio>
#include <unistd.h>

namespace CommandSupport {

void printError(const QString &message)
{
    std::fprintf(stderr, "batchwatch: %s\n", qPrintable(BatchFormat::terminalText(message)));
}

void printWarning(const QString &message)
{
    printError(QStringLiteral("warning: ") + message);
}

void printLine(const QString &line)
{
    std::fprintf(stderr, "%s\n", qPrintable(BatchFormat::terminalText(line)));
}

QString count(qint64 n)
{
    QLocale c = QLocale::c();
    c.setNumberOptions({});
    return c.toString(n);
}

QCommandLineOption queryOption()
{
    return QCommandLineOption(
        QStringLiteral("query"),
        QStringLiteral("Only batches that match the query Q (the window's search language, see the README), "
                       "e.g. 'status:failed,expired model~mini created>7d -meta.team:test'."),
        QStringLiteral("Q"));
}

QString queryMistake(const QString &text, qint64 now)
{
    const BatchQuery parsed = BatchQuery::parse(text, now);
    if (parsed.isValid())
        return {};
    const QueryError &first = parsed.errors().constFirst();
    return QStringLiteral("--query, character %1: %2").arg(first.start + 1).arg(first.message);
}

int exitCodeFor(const ApiError &error)
{
    if (error.isAuthentication())
        return ExitCode::Authentication;
    // A configuration that must not be used (the key over plain HTTP) is the caller's to fix, like a bad
    // option.
    if (error.kind == ApiError::InsecureTransport || error.kind == ApiError::InvalidRequest)
        return ExitCode::Usage;
    return ExitCode::ApiOrData;
}

std::optional<Connection> connect(const ConnectionOptions &options)
{
    // The environment's account is named after its provider; a saved account by its own name.
    Connection connection{ApiConfig::fromEnvironment(options.provider),
                          Providers::displayName(options.provider), QString()};
    if (!options.account.isEmpty()) {
        QString error;
        const auto chosen = AccountConfig::resolve(options.account, &error);
        if (!chosen) {
            printError(error);
            return std::nullopt;
        }
        connection.config = chosen->config;
        connection.accountName = chosen->account.name;
    }
    // Account::cacheName(): the same file name for an account whichever way it was named.
    connection.cacheName = QFileInfo(BatchCache::defaultPath(connection.config)).fileName();
    connection.config.transferTimeoutMs = options.timeoutSeconds * 1000;
    connection.config.maxRetries = options.maxRetries;
    connection.config.maxResponseBytes = options.maxResponseMb << 20;
    if (!connection.config.hasCredential() && options.account.isEmpty())
        printError(QStringLiteral("%1 is not set; the server will likely refuse")
                       .arg(ApiConfig::keyVariable(options.provider)));
    return connection;
}

StatusLine::StatusLine()
    : m_enabled(isatty(STDERR_FILENO) == 1)
{
}

void StatusLine::show(const QString &text)
{
    if (!m_enabled)
        return;
    // Clear to the end of the line: a shorter text must not leave the tail of a longer one.
    std::fprintf(stderr, "\rbatchwatch: %s\x1b[K", qPrintable(BatchFormat::terminalText(text)));
    std::fflush(stderr);
    m_shown = true;
}

void StatusLine::end()
{
    if (m_shown)
        std::fputc('\n', stderr);
    m_shown = false;
}

QString RunClock::stoppedMessage(const QString &what) const
{
    return QStringLiteral("stopped: the run reached its --deadline of %1 s %2")
        .arg(m_deadlineSeconds)
        .arg(what);
}

} // namespace CommandSupport
