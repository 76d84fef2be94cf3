// ApiCall's time limits: which wait runs now (connect, answer, silence, a stalled upload), its message, and
// the minimum pace of an answer once it started.
#include "core/api/apicall.h"

#include <QNetworkReply>

void ApiCall::arm(Wait wait)
{
    // A connection that opens cannot take the answer's time-out back to the connect one. Only TLS says when
    // the connection is up (encrypted()); Qt 6.4 emits no such signal for plain HTTP (requestSent() comes
    // late), so there the transfer limit covers the connect too rather than cut off a slow answer.
    if (wait == Wait::Connect &&
        (m_wait != Wait::Queue || m_request.url().scheme().compare(u"https", Qt::CaseInsensitive) != 0))
        return;
    m_wait = wait;
    // A redirect's headers may have started the pace check; the answer to the new request starts it anew.
    if (wait == Wait::Answer)
        m_rateWindow.stop();
    int ms = wait == Wait::Connect ? m_options.connectTimeoutMs : m_options.transferTimeoutMs;
    // After a large body the server stores and checks it before it answers: a second a megabyte more
    // (200 MB: 200 s), at most 15 minutes, rather than send it all again.
    if (wait == Wait::Answer && m_bodySource && ms > 0)
        ms = int(qMin<qint64>(qint64(ms) + (m_bodyBytes >> 20) * 1000, 15 * 60'000));
    if (ms > 0)
        m_timer.start(ms);
    // The answer has started: from now on it must also keep a minimum pace, or a trickle would hold the call
    // for ever while never staying silent.
    if (wait == Wait::Silence && !m_rateWindow.isActive() && m_options.minBytesPerSecond > 0 &&
        m_options.transferTimeoutMs > 0) {
        m_windowBytes = 0;
        m_rateWindow.start(m_options.transferTimeoutMs);
    }
}

QString ApiCall::where() const
{
    return m_request.url().toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
}

QString ApiCall::timeoutMessage() const
{
    const double connectS = m_options.connectTimeoutMs / 1000.0;
    const double transferS = m_options.transferTimeoutMs / 1000.0;
    switch (m_timedOut) {
    case Wait::Connect:
        return QStringLiteral("%1: could not connect within %2 s").arg(where()).arg(connectS);
    case Wait::Sending:
        return QStringLiteral("%1 timed out: the upload stalled for %2 s").arg(where()).arg(transferS);
    case Wait::Queue:
    case Wait::Answer:
        return QStringLiteral("%1 timed out: no answer within %2 s").arg(where()).arg(transferS);
    case Wait::Silence:
        break;
    }
    return QStringLiteral("%1 timed out: the answer stopped for %2 s").arg(where()).arg(transferS);
}

void ApiCall::onTimeout()
{
    if (!m_reply)
        return;
    m_abortReason = AbortReason::Timeout;
    m_timedOut = m_wait; // the abort itself may emit signals that move m_wait on
    m_reply->abort();
}

void ApiCall::onRateWindow()
{
    const qint64 floor = qint64(m_options.minBytesPerSecond) * m_options.transferTimeoutMs / 1000;
    if (!m_reply || m_windowBytes >= floor) {
        m_windowBytes = 0;
        return;
    }
    m_abortReason = AbortReason::TooSlow;
    m_reply->abort();
}
