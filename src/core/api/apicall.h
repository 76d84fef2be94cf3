#pragma once

#include "core/api/apierror.h"

#include <QNetworkRequest>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <functional>

class ProviderAdapter;
class QNetworkAccessManager;
class QNetworkReply;
class QIODevice;

// One logical request to the API, retried as the SDKs retry, finishing exactly once.
// Owned by the caller (parented to the client); delete it with deleteLater() after finished().
class ApiCall : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        int maxRetries = 2;
        int connectTimeoutMs = 10'000;  // until the connection is up
        int transferTimeoutMs = 60'000; // waiting for the answer, and any silence in it
        int minBytesPerSecond = 0;      // over each transfer window once the answer started (0: any)
        qint64 maxBodyBytes = 0;        // largest body kept in memory (0: no limit); streams are not held
        // Reads the provider's error bodies and request-id headers (null: OpenAI's).
        const ProviderAdapter *adapter = nullptr;
        // False for a request that must not happen twice (creating a batch): once it may have reached the
        // server it is sent again only on an answer that proves nothing was done (429, x-should-retry: true).
        bool retryOnceSent = true;
        // The account's secrets and what to show instead: a server (or gateway) that echoes the key in its
        // error must not have it printed or logged.
        QStringList secrets;
        QString secretMask;
    };

    ~ApiCall() override;

    bool isFinished() const { return m_finished; }
    const ApiError &error() const { return m_error; }
    // The body of the successful response (empty for streaming calls and on failure).
    const QByteArray &body() const { return m_body; }
    int httpStatus() const { return m_httpStatus; }
    const QString &requestId() const { return m_requestId; }
    // How many times the request went out (1 + retries).
    int attempts() const { return m_attempt; }
    // Whether some attempt may have reached the server (anything but a refused connection, an unknown host or
    // a connect time-out): with a failed non-idempotent request, its effect is unknown.
    bool mayHaveReachedServer() const { return m_mayHaveReached; }
    // An InvalidResponse error carrying this call's status and request id, for callers whose parse failed.
    ApiError invalidResponse(const QString &why) const;

    const Options &options() const { return m_options; }

    // A body streamed from a device instead of a payload in memory: made anew for each attempt (Qt cannot
    // rewind a device a failed attempt has read), opened, or null with `error` set (the call then fails with
    // LocalIo). The attempt's reply owns the device. With a body source, progress() counts bytes sent.
    using BodySource = std::function<QIODevice *(QString *error)>;

public Q_SLOTS:
    // A user cancel: stops at once, finishes with ApiError::Cancelled, never retried.
    void abort();

Q_SIGNALS:
    void finished();
    // Bytes received of the answer; for a call with a body source, bytes of the body sent.
    void progress(qint64 received, qint64 total);
    void retrying(int retryNumber, int delayMs, const ApiError &reason);

protected:
    ApiCall(QNetworkAccessManager *manager, const QNetworkRequest &request, const QByteArray &verb,
            const QByteArray &payload, const Options &options, QObject *parent);

    // Streaming hooks for subclasses; the defaults collect the body in memory.
    virtual bool streams() const { return false; }
    virtual bool beginAttempt(QString *error);
    // A false return ends the call with `error` (kind LocalIo unless the subclass sets another), not retried.
    virtual bool consume(const QByteArray &chunk, ApiError *error);
    virtual bool commit(QString *error);
    virtual void discard() {}
    // Adds this attempt's own headers (a resumed download's Range), after beginAttempt().
    virtual void prepare(QNetworkRequest *) {}
    // Whether a non-2xx `status` means this attempt asked for something the next one will not (a Range past
    // the file's end: 416): the call then starts over at once instead of failing.
    virtual bool startOverOn(int) { return false; }
    // Whether a 2xx answer that ended cleanly still came short (`why`): then it is retried as a dropped
    // connection would be, instead of committed.
    virtual bool cameShort(QString *) const { return false; }
    // Whether an attempt may start now: Wait (asks again in `*waitMs`, a cancel stops it), Done (finishes
    // without a request, successfully), Fail (finishes with `*error`). Checked before every attempt.
    enum class Gate { Go, Wait, Done, Fail };
    virtual Gate gate(int *, ApiError *) { return Gate::Go; }
    // The reply of the attempt under way (null between attempts), for subclasses that read its headers.
    const QNetworkReply *currentReply() const;
    // Called on a 2xx answer after commit(): false ends the call with an InvalidResponse error saying `why`
    // (typed calls parse their body here). Not retried: the same answer would come again.
    virtual bool accept(QString *why);

private:
    friend class ApiClient;
    enum class AbortReason { None, Timeout, TooSlow, ErrorBodyRead };
    // What the time-out that runs now is waiting for; each has its own limit and its own message.
    enum class Wait { Queue, Connect, Sending, Answer, Silence };

    void setBodySource(BodySource source) { m_bodySource = std::move(source); }
    void startAttempt();
    void onReadyRead();
    void onReplyFinished();
    void arm(Wait wait);
    void onTimeout();
    void onRateWindow();
    // Ends the call at once with `error`, dropping the reply: for answers no retry can mend.
    void failNow(const ApiError &error);
    QString where() const;
    QString timeoutMessage() const;
    void retryOrFinish(const ApiError &error, int status, const QByteArray &xShouldRetry,
                       const QByteArray &retryAfterMs, const QByteArray &retryAfter);
    void finish(const ApiError &error);
    // Finishes on the next event-loop turn, so callers can connect first.
    void finishLater(const ApiError &error);

    QNetworkAccessManager *m_manager;
    QNetworkRequest m_request;
    QByteArray m_verb;
    QByteArray m_payload;
    BodySource m_bodySource;
    Options m_options;

    QPointer<QNetworkReply> m_reply;
    QTimer m_timer;      // connect, then the answer, then silences
    QTimer m_rateWindow; // the minimum rate, checked once per transfer window
    QTimer m_backoff;    // waiting before a retry
    Wait m_wait = Wait::Queue;
    Wait m_timedOut = Wait::Queue; // what the time-out that fired was waiting for
    qint64 m_windowBytes = 0;      // received on the wire in the current rate window
    qint64 m_wireReceived = 0;     // this attempt's bytes on the wire so far (compressed, if it is)
    AbortReason m_abortReason = AbortReason::None;
    bool m_streamingBody = false;  // this attempt's 2xx body goes to consume()
    bool m_sending = false;        // this attempt's body source is still going out
    qint64 m_bodyBytes = 0;        // this attempt's body source's size, once Qt has said it
    bool m_mayHaveReached = false; // some attempt may have reached the server
    bool m_attemptReached = false; // this one may have
    int m_attempt = 0;
    bool m_finished = false;

    QByteArray m_body;
    int m_httpStatus = 0;
    QString m_requestId;
    ApiError m_error;
};
