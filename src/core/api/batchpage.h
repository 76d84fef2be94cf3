#pragma once

#include "batch.h"

#include <QStringList>
#include <vector>

// One page of `GET /batches`: the batches in server order and the cursor facts.
struct BatchPage
{
    std::vector<Batch> data;
    QString firstId;
    QString lastId;
    bool hasMore = false;

    // The SDKs' rule: the next `after` is the last item's id, whatever `last_id` says.
    QString nextCursor() const { return data.empty() ? QString() : data.back().id; }
};
