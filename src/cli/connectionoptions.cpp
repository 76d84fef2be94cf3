#include "cli/connectionoptions.h"

#include <QCommandLineParser>

#include <limits>

ConnectionOptionSet::ConnectionOptionSet()
    : m_provider(QStringLiteral("provider"),
                 QStringLiteral("Read PROVIDER's variables (%1; default openai).").arg(providerIds()),
                 QStringLiteral("PROVIDER"))
    , m_account(
          QStringLiteral("account"),
          QStringLiteral("Read the account NAME: one saved in the dashboard's Settings (its key from the "
                         "system keychain), or one the environment describes, named after its provider "
                         "(OpenAI, Azure OpenAI, Anthropic, Gemini)."),
          QStringLiteral("NAME"))
    , m_timeout(QStringLiteral("timeout"),
                QStringLiteral("Seconds a request may stay silent before it is retried (default 60)."),
                QStringLiteral("SECONDS"))
    , m_retries(QStringLiteral("max-retries"),
                QStringLiteral("Retries per request, as the SDKs (default 2)."), QStringLiteral("N"))
    , m_deadline(
          QStringLiteral("deadline"),
          QStringLiteral("Stop with exit status 4 once the whole run took SECONDS (default: no limit); "
                         "an output file is then left untouched."),
          QStringLiteral("SECONDS"))
    , m_maxResponse(QStringLiteral("max-response-size"),
                    QStringLiteral("Refuse a list or batch response larger than MB megabytes (default 64)."),
                    QStringLiteral("MB"))
{
}

void ConnectionOptionSet::addSource(QCommandLineParser *parser) const
{
    parser->addOptions({m_provider, m_account});
}

void ConnectionOptionSet::addLimits(QCommandLineParser *parser) const
{
    parser->addOptions({m_timeout, m_retries, m_deadline, m_maxResponse});
}

QString ConnectionOptionSet::providerIds()
{
    QStringList ids;
    for (const Provider provider : Providers::all())
        ids << Providers::id(provider);
    return ids.join(u'|');
}

QString ConnectionOptionSet::variablesHelp()
{
    return QStringLiteral(
        "Connection from the provider's variables:\n"
        "  openai     OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_ORG_ID, OPENAI_PROJECT_ID\n"
        "  azure      AZURE_OPENAI_API_KEY or AZURE_OPENAI_AD_TOKEN, AZURE_OPENAI_ENDPOINT,\n"
        "             OPENAI_API_VERSION (empty: the v1 API)\n"
        "  anthropic  ANTHROPIC_API_KEY, ANTHROPIC_BASE_URL\n"
        "  gemini     GEMINI_API_KEY (or GOOGLE_API_KEY), GOOGLE_GEMINI_BASE_URL\n");
}

bool ConnectionOptionSet::readNumber(const QCommandLineParser &parser, const QCommandLineOption &option,
                                     qint64 lowest, qint64 highest, qint64 *target, QString *error)
{
    if (!parser.isSet(option))
        return true;
    bool ok = false;
    const qint64 value = parser.value(option).toLongLong(&ok);
    if (!ok || value < lowest || value > highest) {
        *error = QStringLiteral("--%1 must be a whole number from %2 to %3")
                     .arg(option.names().constLast())
                     .arg(lowest)
                     .arg(highest);
        return false;
    }
    *target = value;
    return true;
}

bool ConnectionOptionSet::read(const QCommandLineParser &parser, ConnectionOptions *options,
                               QString *error) const
{
    if (parser.isSet(m_provider)) {
        const std::optional<Provider> chosen = Providers::fromId(parser.value(m_provider).trimmed());
        if (!chosen) {
            *error = QStringLiteral("unknown provider \"%1\" (one of %2)")
                         .arg(parser.value(m_provider), providerIds());
            return false;
        }
        options->provider = *chosen;
    }
    qint64 timeout = options->timeoutSeconds, retries = options->maxRetries,
           deadline = options->deadlineSeconds;
    // A week at most keeps the deadline's milliseconds within a timer's int.
    if (!readNumber(parser, m_timeout, 1, 3600, &timeout, error) ||
        !readNumber(parser, m_retries, 0, 10, &retries, error) ||
        !readNumber(parser, m_deadline, 1, 7 * 86'400, &deadline, error) ||
        !readNumber(parser, m_maxResponse, 1, 4096, &options->maxResponseMb, error))
        return false;
    if (parser.isSet(m_account)) {
        // An account names its provider itself: both would say two different things.
        if (parser.isSet(m_provider)) {
            *error = QStringLiteral("--account and --provider cannot be used together (an account has its "
                                    "provider)");
            return false;
        }
        options->account = parser.value(m_account).trimmed();
        if (options->account.isEmpty()) {
            *error = QStringLiteral("--account needs the name of an account");
            return false;
        }
    }
    options->timeoutSeconds = int(timeout);
    options->maxRetries = int(retries);
    options->deadlineSeconds = int(deadline);
    return true;
}
