#include "core/results/batchsubmit.h"

#include "core/api/apiclient.h"

#include <QPointer>

struct BatchSubmit::Private
{
    ApiClient *client = nullptr;
    SubmitSpec spec;
    QPointer<ApiCall> call; // the upload or the create under way
    bool creating = false;  // the create request was started
    bool started = false;
};

BatchSubmit::BatchSubmit(ApiClient *client, const SubmitSpec &spec, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    Q_ASSERT(client);
    d->client = client;
    d->spec = spec;
}

BatchSubmit::~BatchSubmit()
{
    if (d->call) {
        d->call->disconnect(this);
        d->call->abort();
        d->call->deleteLater();
    }
}

void BatchSubmit::start()
{
    if (d->started || m_finished)
        return;
    d->started = true;
    if (!d->client->createsFromUploadedFile()) {
        // Anthropic: the requests go in the create call itself; its body is the file, so its bytes are the
        // upload's progress.
        BatchCreateSpec create;
        create.requestsPath = d->spec.path;
        create.endpoint = d->spec.endpoint;
        create.completionWindow = d->spec.completionWindow;
        create.metadata = d->spec.metadata;
        startCreate(create, true);
        return;
    }
    FileInfoCall *upload = d->client->uploadFile(d->spec.path);
    d->call = upload;
    connect(upload, &ApiCall::progress, this,
            [this](qint64 sent, qint64 total) { Q_EMIT progress(Phase::Uploading, sent, total); });
    connect(upload, &ApiCall::finished, this, [this, upload] {
        upload->deleteLater();
        d->call = nullptr;
        if (upload->error().isError()) {
            finish(upload->error());
            return;
        }
        m_fileId = upload->file().id;
        BatchCreateSpec create;
        create.inputFileId = m_fileId;
        create.endpoint = d->spec.endpoint;
        create.model = d->spec.model;
        create.completionWindow = d->spec.completionWindow;
        create.metadata = d->spec.metadata;
        startCreate(create, false);
    });
}

void BatchSubmit::startCreate(const BatchCreateSpec &create, bool bodyIsTheFile)
{
    BatchCall *call = d->client->createBatch(create);
    d->call = call;
    // Anthropic's create is its upload: a body cut off before its end makes nothing.
    d->creating = !bodyIsTheFile;
    if (bodyIsTheFile) {
        connect(call, &ApiCall::progress, this, [this](qint64 sent, qint64 total) {
            Q_EMIT progress(Phase::Uploading, sent, total);
            d->creating = d->creating || sent == total;
            if (sent == total)
                Q_EMIT progress(Phase::Creating, 0, 1);
        });
    } else {
        Q_EMIT progress(Phase::Creating, 0, 1);
    }
    connect(call, &ApiCall::finished, this, [this, call] {
        call->deleteLater();
        d->call = nullptr;
        if (!call->error().isError() && !call->batch()) {
            m_mayHaveCreated = true; // a 2xx: it was most likely made
            finish(mayExist(call->invalidResponse(QStringLiteral("the create answer holds no batch"))));
        } else if (call->error().isError()) {
            const ApiError &error = call->error();
            // Ambiguous: the request may have arrived and the answer says nothing of its effect.
            m_mayHaveCreated =
                call->mayHaveReachedServer() &&
                (error.kind == ApiError::Timeout || error.kind == ApiError::Network ||
                 error.kind == ApiError::InvalidResponse || error.kind == ApiError::Cancelled ||
                 (error.kind == ApiError::Http && (error.httpStatus >= 500 || error.httpStatus == 408)));
            finish(m_mayHaveCreated ? mayExist(error) : error);
        } else {
            m_batch = call->batch();
            Q_EMIT progress(Phase::Creating, 1, 1);
            finish(ApiError());
        }
    });
}

void BatchSubmit::cancel()
{
    if (m_finished)
        return;
    if (d->call) {
        // A create under way may already have been made: the cancel cannot take it back.
        if (d->creating) {
            m_mayHaveCreated = true;
            d->call->disconnect(this);
            d->call->abort();
            d->call->deleteLater();
            d->call = nullptr;
            finish(mayExist(ApiError::make(ApiError::Cancelled, QStringLiteral("cancelled"))));
            return;
        }
        d->call->abort(); // finishes the call with Cancelled, and this with it
    } else
        finish(ApiError::make(ApiError::Cancelled, QStringLiteral("cancelled")));
}

ApiError BatchSubmit::mayExist(ApiError error) const
{
    error.message +=
        QStringLiteral("; the batch may have been created: check the batch list (batchwatch list) "
                       "before creating it again");
    return error;
}

void BatchSubmit::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}
