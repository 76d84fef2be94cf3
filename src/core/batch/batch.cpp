#include "core/batch/batch.h"

#include <QJsonDocument>

QJsonObject Batch::rawObject() const
{
    return QJsonDocument::fromJson(json).object();
}

std::optional<qint64> Batch::endedAt() const
{
    switch (status.value()) {
    case BatchStatus::Completed:
        return completedAt;
    case BatchStatus::Failed:
        return failedAt;
    case BatchStatus::Expired:
        return expiredAt;
    case BatchStatus::Cancelled:
        return cancelledAt;
    default:
        return std::nullopt;
    }
}
