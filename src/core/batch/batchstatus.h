#pragma once

#include <QString>

// The lifecycle state of a batch; Unknown keeps the server's own word so new statuses still show.
class BatchStatus
{
public:
    enum Value {
        Unknown,
        Validating,
        InProgress,
        Finalizing,
        Completed,
        Failed,
        Expired,
        Cancelling,
        Cancelled
    };

    BatchStatus() = default;
    BatchStatus(Value value)
        : m_value(value)
    {
    }

    static BatchStatus fromString(const QString &text);
    // Unknown, showing `raw` (a provider's word that must not be read as one of ours, even if it matches).
    static BatchStatus unknown(const QString &raw);
    // Every known status in lifecycle order (what filters and the simulator enumerate).
    static const QList<BatchStatus> &all();

    Value value() const { return m_value; }
    // The API's spelling, or the server's own text for an unknown status.
    QString toString() const;
    bool isTerminal() const;
    bool isRunning() const { return !isTerminal() && m_value != Unknown; }
    bool isCancellable() const
    {
        return m_value == Validating || m_value == InProgress || m_value == Finalizing;
    }

    friend bool operator==(const BatchStatus &a, const BatchStatus &b)
    {
        return a.m_value == b.m_value && (a.m_value != Unknown || a.m_raw == b.m_raw);
    }
    friend bool operator!=(const BatchStatus &a, const BatchStatus &b) { return !(a == b); }

private:
    Value m_value = Unknown;
    QString m_raw;
};
