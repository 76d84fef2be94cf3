#pragma once

#include "core/providers/provider.h"

#include <QCommandLineOption>
#include <QString>

class QCommandLineParser;

// Whose account a headless command talks to and how patiently: the options every command that reaches the
// network shares (export, list, results, retry, create), parsed in one place.
struct ConnectionOptions
{
    // --provider: that provider's environment variables (ApiConfig::fromEnvironment); default OpenAI's.
    Provider provider = Provider::OpenAI;
    QString account; // --account: a saved account or one the environment describes, by name (empty: none)
    int timeoutSeconds = 60;
    int maxRetries = 2;
    int deadlineSeconds = 0;   // --deadline: the whole run's limit (0: none)
    qint64 maxResponseMb = 64; // --max-response-size: largest list or retrieve body, in MB
};

// The QCommandLineOption objects of ConnectionOptions, added to a command's parser and read back from it.
class ConnectionOptionSet
{
public:
    ConnectionOptionSet();

    // The source (--provider, --account), shown near the top of a command's help.
    void addSource(QCommandLineParser *parser) const;
    // The limits (--timeout, --max-retries, --deadline, --max-response-size).
    void addLimits(QCommandLineParser *parser) const;
    // Reads what addSource and addLimits added; false with `error` set on a bad value.
    [[nodiscard]] bool read(const QCommandLineParser &parser, ConnectionOptions *options,
                            QString *error) const;

    // "openai|azure|anthropic|gemini".
    static QString providerIds();
    // The variables each provider's connection is read from, for a command's description.
    static QString variablesHelp();
    // Reads a whole number option within [lowest, highest] into `target` (untouched when the option is not
    // set); false with `error` ("--NAME must be a whole number from ... to ...") otherwise.
    [[nodiscard]] static bool readNumber(const QCommandLineParser &parser, const QCommandLineOption &option,
                                         qint64 lowest, qint64 highest, qint64 *target, QString *error);

private:
    QCommandLineOption m_provider;
    QCommandLineOption m_account;
    QCommandLineOption m_timeout;
    QCommandLineOption m_retries;
    QCommandLineOption m_deadline;
    QCommandLineOption m_maxResponse;
};
