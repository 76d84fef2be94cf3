#pragma once

#include "core/batch/batch.h"

#include <vector>

// Where a SyncEngine delivers what it learns about an account. The window's AccountSession and the headless
// BatchSync are the two sinks; the engine decides what to ask for, the sink only receives.
class SyncSink
{
public:
    virtual ~SyncSink() = default;

    // Batches the engine did not hold, in the server's newest-first order: `onTop` for those a refresh found
    // above everything held, else those of a page below it (paging or a walk over everything).
    virtual void syncArrived(const std::vector<Batch> &batches, bool onTop) = 0;
    // Held batches read again. Called before the engine replaces its copies, so the held state still shows
    // what they were.
    virtual void syncUpdated(const std::vector<Batch> &batches) = 0;
};
