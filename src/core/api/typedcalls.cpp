#include "core/api/typedcalls.h"

#include "core/providers/provideradapter.h"

namespace {
const ProviderAdapter &adapterOf(const ApiCall::Options &options)
{
    return options.adapter ? *options.adapter : ProviderAdapter::of(Provider::OpenAI);
}
} // namespace

BatchCall::BatchCall(QNetworkAccessManager *manager, const QNetworkRequest &request, const QByteArray &verb,
                     bool answersWithBatch, const Options &options, QObject *parent,
                     const QByteArray &payload)
    : ApiCall(manager, request, verb, payload, options, parent)
    , m_answersWithBatch(answersWithBatch)
{
}

bool BatchCall::accept(QString *why)
{
    if (!m_answersWithBatch)
        return true; // whatever came (Gemini answers a cancel with {}) says the request was taken
    Parsed<Batch> parsed = adapterOf(options()).parseBatch(body());
    if (!parsed.ok()) {
        *why = parsed.error;
        return false;
    }
    m_warnings = parsed.warnings;
    m_batch = std::move(parsed.value);
    return true;
}

FileInfoCall::FileInfoCall(QNetworkAccessManager *manager, const QNetworkRequest &request,
                           const Options &options, QObject *parent, const QByteArray &verb)
    : ApiCall(manager, request, verb, QByteArray(), options, parent)
{
}

bool FileInfoCall::accept(QString *why)
{
    Parsed<FileInfo> parsed = adapterOf(options()).parseFileInfo(body());
    if (!parsed.ok()) {
        *why = parsed.error;
        return false;
    }
    m_file = std::move(parsed.value);
    return true;
}
