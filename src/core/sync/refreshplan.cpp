#include "core/sync/refreshplan.h"

RefreshPlan RefreshPlan::make(int count, const std::function<const QString &(int)> &idAt,
                              const std::function<bool(int)> &mayChangeAt, int deepestRead, int pageSize,
                              int pageable)
{
    Q_ASSERT(pageSize > 0);
    RefreshPlan plan;
    // One pass: how many of the changing batches each page after `deepestRead` would bring. Reading k pages
    // then costs k requests plus a retrieve for every changing batch outside them.
    std::vector<int> perPage;
    for (int i = 0; i < count; ++i) {
        if (!mayChangeAt(i))
            continue;
        plan.retrieves.append(idAt(i));
        if (deepestRead < 0 || i <= deepestRead || i >= pageable)
            continue; // pages read on from `deepestRead` cannot bring it, or its depth is not known
        const size_t page = size_t((i - deepestRead - 1) / pageSize);
        if (perPage.size() <= page)
            perPage.resize(page + 1, 0);
        ++perPage[page];
    }
    const int changing = int(plan.retrieves.size());
    plan.requests = changing;
    int covered = 0;
    for (int k = 1; k <= int(perPage.size()); ++k) {
        covered += perPage[size_t(k - 1)];
        // Strictly cheaper only: at equal cost, fewer pages move fewer bytes.
        if (k + changing - covered < plan.requests) {
            plan.requests = k + changing - covered;
            plan.pages = k;
        }
    }
    if (plan.pages > 0)
        plan.after = idAt(deepestRead);
    return plan;
}
