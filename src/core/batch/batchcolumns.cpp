#include "core/batch/batchcolumns.h"

#include "core/export/batchformat.h"

#include <QDateTime>

namespace BatchColumns {

namespace {
QString metadataText(const Batch &batch)
{
    QStringList parts;
    for (auto it = batch.metadata.cbegin(); it != batch.metadata.cend(); ++it)
        parts << it.key() + u'=' + it.value().simplified();
    return parts.join(QStringLiteral(", "));
}

// Seconds left in the 24 h window, while it still matters.
std::optional<qint64> secondsLeft(const Batch &batch, qint64 now)
{
    if (!batch.status.isRunning() || !batch.expiresAt)
        return std::nullopt;
    return BatchFormat::secondsBetween(now, *batch.expiresAt);
}

qint64 durationSeconds(const Batch &batch, qint64 now)
{
    return BatchFormat::secondsBetween(batch.createdAt, batch.endedAt().value_or(now));
}

// Lifecycle order, so sorting by status groups running work before finished work.
int statusRank(const Batch &batch)
{
    return batch.status.value() == BatchStatus::Unknown ? 100 : int(batch.status.value());
}
} // namespace

namespace {
template <typename T> int order(const T &x, const T &y)
{
    return x < y ? -1 : (y < x ? 1 : 0);
}

double doneShare(const Batch &b)
{
    const RequestCounts &c = b.requestCounts;
    if (b.status.value() == BatchStatus::Validating || c.total <= 0)
        return -1.0;
    return double(BatchFormat::requestsDone(c)) / double(c.total);
}
} // namespace

QString title(int column)
{
    switch (column) {
    case Status:
        return QObject::tr("Status");
    case Id:
        return QObject::tr("ID");
    case Endpoint:
        return QObject::tr("Endpoint");
    case Model:
        return QObject::tr("Model");
    case Created:
        return QObject::tr("Created");
    case Progress:
        return QObject::tr("Progress");
    case Eta:
        return QObject::tr("ETA");
    case Failed:
        return QObject::tr("Failed");
    case ExpiresIn:
        return QObject::tr("Expires in");
    case Duration:
        return QObject::tr("Duration");
    case Tokens:
        return QObject::tr("Tokens");
    case OutputFile:
        return QObject::tr("Output file");
    case ErrorFile:
        return QObject::tr("Error file");
    case Metadata:
        return QObject::tr("Metadata");
    case Account:
        return QObject::tr("Account");
    case Provider:
        return QObject::tr("Provider");
    case Cost:
        return QObject::tr("Cost");
    default:
        return {};
    }
}

QString display(const Batch &b, int column, qint64 now)
{
    switch (column) {
    case Status:
        return BatchFormat::statusLabel(b.status);
    case Id:
        return b.id;
    case Endpoint:
        return b.endpoint;
    case Model:
        return b.model;
    case Created:
        return BatchFormat::relativeTime(b.createdAt, now);
    case Progress:
        return BatchFormat::progress(b);
    case Failed:
        return b.requestCounts.present && b.requestCounts.failed ? BatchFormat::count(b.requestCounts.failed)
                                                                 : QString();
    case ExpiresIn: {
        const std::optional<qint64> left = secondsLeft(b, now);
        return !left ? QString() : *left > 0 ? BatchFormat::duration(*left) : QObject::tr("overdue");
    }
    case Duration:
        return BatchFormat::duration(durationSeconds(b, now));
    case Tokens:
        return b.usage ? BatchFormat::count(b.usage->totalTokens) : QString();
    case OutputFile:
        return b.outputFileId;
    case ErrorFile:
        return b.errorFileId;
    case Metadata:
        return metadataText(b);
    default:
        return {};
    }
}

QVariant sortValue(const Batch &b, int column, qint64 now)
{
    switch (column) {
    case Status:
        return statusRank(b);
    case Created:
        return b.createdAt;
    case Progress:
        return doneShare(b);
    case Failed:
        return b.requestCounts.failed;
    case ExpiresIn:
        return secondsLeft(b, now).value_or(std::numeric_limits<qint64>::max());
    case Duration:
        return durationSeconds(b, now);
    case Tokens:
        return b.usage ? b.usage->totalTokens : qint64(-1);
    default:
        return display(b, column, now);
    }
}

int compare(const Batch &a, const Batch &b, int column, qint64 now)
{
    switch (column) {
    case Status:
        return order(statusRank(a), statusRank(b));
    case Id:
        return order(a.id, b.id);
    case Endpoint:
        return order(a.endpoint, b.endpoint);
    case Model:
        return order(a.model, b.model);
    case Created:
        return order(a.createdAt, b.createdAt);
    case Progress:
        return order(doneShare(a), doneShare(b));
    case Failed:
        return order(a.requestCounts.failed, b.requestCounts.failed);
    case ExpiresIn:
        return order(secondsLeft(a, now).value_or(std::numeric_limits<qint64>::max()),
                     secondsLeft(b, now).value_or(std::numeric_limits<qint64>::max()));
    case Duration:
        return order(durationSeconds(a, now), durationSeconds(b, now));
    case Tokens:
        return order(a.usage ? a.usage->totalTokens : qint64(-1),
                     b.usage ? b.usage->totalTokens : qint64(-1));
    case OutputFile:
        return order(a.outputFileId, b.outputFileId);
    case ErrorFile:
        return order(a.errorFileId, b.errorFileId);
    default:
        return order(display(a, column, now), display(b, column, now));
    }
}

bool differ(const Batch &a, const Batch &b, int column, qint64 now)
{
    switch (column) {
    case Status:
        return a.status != b.status;
    case Progress:
        return a.status != b.status || !(a.requestCounts == b.requestCounts);
    case Eta:
    case Account:
    case Provider:
    case Cost:
        return false;
    case Metadata:
        return a.metadata != b.metadata;
    default:
        // The other columns show what they sort on.
        return compare(a, b, column, now) != 0;
    }
}

bool numericKey(const Batch &b, int column, qint64 now, double *key)
{
    switch (column) {
    case Status:
        *key = statusRank(b);
        return true;
    case Created:
        *key = double(b.createdAt);
        return true;
    case Progress:
        *key = doneShare(b);
        return true;
    case Failed:
        *key = double(b.requestCounts.failed);
        return true;
    case ExpiresIn:
        *key = double(secondsLeft(b, now).value_or(std::numeric_limits<qint64>::max()));
        return true;
    case Duration:
        *key = double(durationSeconds(b, now));
        return true;
    case Tokens:
        *key = double(b.usage ? b.usage->totalTokens : qint64(-1));
        return true;
    default:
        return false;
    }
}

QString toolTip(const Batch &b, int column)
{
    switch (column) {
    case Status:
        return b.status.toString();
    case Created: {
        const QDateTime created = b.created();
        return created.toLocalTime().toString(Qt::TextDate) + QStringLiteral("\n") +
               created.toString(Qt::ISODate);
    }
    case Progress: {
        const RequestCounts &c = b.requestCounts;
        if (!c.present)
            return QObject::tr("No request counts yet");
        return QObject::tr("%1 completed, %2 failed, of %3 requests")
            .arg(BatchFormat::count(c.completed), BatchFormat::count(c.failed), BatchFormat::count(c.total));
    }
    case Metadata: {
        QStringList lines;
        for (auto it = b.metadata.cbegin(); it != b.metadata.cend(); ++it)
            lines << it.key() + QStringLiteral(": ") + it.value();
        return lines.join(u'\n');
    }
    default:
        return {};
    }
}

bool isNumeric(int column)
{
    return column == Failed || column == Tokens || column == ExpiresIn || column == Duration ||
           column == Eta || column == Cost;
}

bool dependsOnTime(int column)
{
    return column == Created || column == ExpiresIn || column == Duration || column == Eta;
}

} // namespace BatchColumns
