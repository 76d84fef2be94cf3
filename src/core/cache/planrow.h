#pragma once

#include "core/batch/batch.h"

#include <QString>

// What a refresh plan needs of a held batch, and no more: its id (for the order and the requests), its last
// known status (whether it may still change) and when it was created. About a tenth of a Batch; read from the
// cache's columns without parsing JSON (BatchCache::loadPlan).
struct PlanRow
{
    QString id;
    BatchStatus status;
    qint64 createdAt = 0;

    static PlanRow of(const Batch &batch) { return {batch.id, batch.status, batch.createdAt}; }
};
