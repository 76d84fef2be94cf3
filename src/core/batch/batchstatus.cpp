#include "core/batch/batchstatus.h"

#include <QList>

namespace {
struct Name
{
    BatchStatus::Value value;
    QLatin1String text;
};

constexpr Name kNames[] = {
    {BatchStatus::Validating, QLatin1String("validating")},
    {BatchStatus::InProgress, QLatin1String("in_progress")},
    {BatchStatus::Finalizing, QLatin1String("finalizing")},
    {BatchStatus::Completed, QLatin1String("completed")},
    {BatchStatus::Failed, QLatin1String("failed")},
    {BatchStatus::Expired, QLatin1String("expired")},
    {BatchStatus::Cancelling, QLatin1String("cancelling")},
    {BatchStatus::Cancelled, QLatin1String("cancelled")},
};
} // namespace

BatchStatus BatchStatus::fromString(const QString &text)
{
    for (const Name &name : kNames) {
        if (text == name.text)
            return BatchStatus(name.value);
    }
    BatchStatus unknown;
    unknown.m_raw = text;
    return unknown;
}

BatchStatus BatchStatus::unknown(const QString &raw)
{
    BatchStatus status;
    status.m_raw = raw;
    return status;
}

const QList<BatchStatus> &BatchStatus::all()
{
    static const QList<BatchStatus> statuses = [] {
        QList<BatchStatus> list;
        for (const Name &name : kNames)
            list.append(BatchStatus(name.value));
        return list;
    }();
    return statuses;
}

QString BatchStatus::toString() const
{
    for (const Name &name : kNames) {
        if (m_value == name.value)
            return name.text;
    }
    return m_raw;
}

bool BatchStatus::isTerminal() const
{
    return m_value == Completed || m_value == Failed || m_value == Expired || m_value == Cancelled;
}
