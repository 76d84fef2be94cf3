#include "refreshplan.h"

RefreshPlan RefreshPlan::make(const std::vector<Batch> &held, int deepestRead, int pageSize,
                              const std::function<bool(const Batch &)> &mayChange)
{
    RefreshPlan plan;
    int deepest = -1;
    for (int i = 0; i < int(held.size()); ++i) {
        if (mayChange(held[size_t(i)])) {
            plan.retrieves.append(held[size_t(i)].id);
            deepest = i;
        }
    }
    // Reading on from where the pages stopped covers every position down to `deepest`.
    if (deepestRead < 0 || deepest <= deepestRead)
        return plan;
    const int pages = (deepest - deepestRead + pageSize - 1) / pageSize;
    if (pages < plan.retrieves.size()) {
        plan.pages = pages;
        plan.after = held[size_t(deepestRead)].id;
    }
    return plan;
}
