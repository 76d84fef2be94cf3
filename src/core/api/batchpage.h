#pragma once

#include "core/batch/batch.h"

#include <QStringList>
#include <vector>

// One page of `GET /batches`: the batches in server order and the cursor facts.
struct BatchPage
{
    std::vector<Batch> data;
    QString firstId;
    QString lastId;
    bool hasMore = false;
    // The cursor the provider hands out for the next page (Gemini's nextPageToken); empty where the next
    // page starts after the last item's id.
    QString next;

    // The SDKs' rule for OpenAI-style lists: the next `after` is the last item's id, whatever `last_id` says.
    QString nextCursor() const
    {
        if (!next.isEmpty())
            return next;
        return data.empty() ? QString() : data.back().id;
    }
};
