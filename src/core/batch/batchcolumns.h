#pragma once

#include "core/batch/batch.h"

#include <QMetaType>
#include <QVariant>

// The table's columns: their titles and, for one batch, the text shown and the raw value sorted on.
namespace BatchColumns {
enum Column {
    Status,
    Id,
    Endpoint,
    Model,
    Created,
    Progress,
    Eta, // filled by the model, which holds the progress history
    Failed,
    ExpiresIn,
    Duration,
    Tokens,
    OutputFile,
    ErrorFile,
    Metadata,
    Account,  // filled by the model from the row's source (hidden while one account is shown)
    Provider, // likewise
    // Filled by the model, which holds the prices. Last in the enum so a header state saved before it existed
    // restores unchanged (logical indices are what it keeps); shown after Tokens (BatchTableView).
    Cost,
    Count
};

QString title(int column);
QString display(const Batch &batch, int column, qint64 now);
QVariant sortValue(const Batch &batch, int column, qint64 now);
// -1, 0 or 1 as sortValue() would order them, straight from the fields (sorting 100,000 rows calls this a
// couple of million times). Not for Eta, which the model computes.
int compare(const Batch &a, const Batch &b, int column, qint64 now);
// Whether the column shows or sorts the two versions of a batch differently: from the fields, without
// formatting text (a refresh compares every column of every changed batch). False for Eta, Account,
// Provider and Cost (the model's own).
bool differ(const Batch &a, const Batch &b, int column, qint64 now);
// The number compare() orders a numeric column by, so a sort can work from a dense array of keys instead of
// reaching into a batch for every comparison; false for the text columns.
bool numericKey(const Batch &batch, int column, qint64 now, double *key);
QString toolTip(const Batch &batch, int column);
bool isNumeric(int column);
// Columns whose text changes with the clock alone (countdowns, relative times).
bool dependsOnTime(int column);
} // namespace BatchColumns

// What the progress delegate paints for one batch.
struct BatchProgress
{
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 total = 0;
    int status = 0; // BatchStatus::Value
    QString text;   // "812 / 1,000", or the state's word
};
Q_DECLARE_METATYPE(BatchProgress)
