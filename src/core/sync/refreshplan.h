#pragma once

#include "core/batch/batch.h"

#include <QStringList>

#include <functional>
#include <limits>
#include <vector>

// What a refresh reads again of the batches it holds, in the server's newest-first order: those that may
// still change, by reading list pages on from the deepest position a page of this refresh reached down to
// the depth that costs fewest requests, and retrieving the ones below it one by one. Used by SyncEngine.
struct RefreshPlan
{
    QStringList retrieves; // every batch that may change, in order; pages, if read, bring some of them
    int pages = 0;         // > 0: first read this many list pages after `after`
    QString after;
    int requests = 0; // what the plan costs: the pages, and the retrieves of those the pages do not reach

    // `deepestRead`: the furthest position in `held` a list page of this refresh covered (-1: none).
    static RefreshPlan make(const std::vector<Batch> &held, int deepestRead, int pageSize,
                            const std::function<bool(const Batch &)> &mayChange)
    {
        return make(
            int(held.size()), [&held](int i) -> const QString & { return held[size_t(i)].id; },
            [&](int i) { return mayChange(held[size_t(i)]); }, deepestRead, pageSize);
    }
    // The same over any container: `idAt(i)` is the id at position i of `count`, `mayChangeAt(i)` whether it
    // may still change. Only positions below `pageable` are the server's (a light hold: the rest lie further
    // down, with batches not held between): those beyond are retrieved, never counted on a page.
    static RefreshPlan make(int count, const std::function<const QString &(int)> &idAt,
                            const std::function<bool(int)> &mayChangeAt, int deepestRead, int pageSize,
                            int pageable = std::numeric_limits<int>::max());
};
