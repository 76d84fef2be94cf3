#include "models/statuscolors.h"

namespace {
struct Entry
{
    BatchStatus::Value status;
    QRgb light;
    QRgb dark;
};

constexpr Entry kTable[] = {
    {BatchStatus::Validating, 0x8a8a8a, 0xb4b4b4}, // grey: nothing has run yet
    {BatchStatus::InProgress, 0x0072b2, 0x56b4e9}, // blue
    {BatchStatus::Finalizing, 0xcc79a7, 0xe3a6c9}, // reddish purple: done running, results not ready
    {BatchStatus::Completed, 0x009e73, 0x3cc79f},  // bluish green
    {BatchStatus::Failed, 0xd55e00, 0xff8c42},     // vermillion
    {BatchStatus::Expired, 0xb8860b, 0xf0c05a},    // dark yellow
    {BatchStatus::Cancelling, 0x6b6b6b, 0x9a9a9a}, // dark grey
    {BatchStatus::Cancelled, 0x4a4a4a, 0x7f7f7f},  // darker grey
    {BatchStatus::Unknown, 0x000000, 0xffffff},    // stands out: a status we do not know yet
};

const Entry &entryFor(BatchStatus::Value value)
{
    for (const Entry &e : kTable) {
        if (e.status == value)
            return e;
    }
    return kTable[std::size(kTable) - 1];
}
} // namespace

namespace StatusColors {

QColor color(const BatchStatus &status, bool dark)
{
    const Entry &e = entryFor(status.value());
    return QColor::fromRgb(dark ? e.dark : e.light);
}

QColor completedShare(bool dark)
{
    return color(BatchStatus::Completed, dark);
}

QColor failedShare(bool dark)
{
    return color(BatchStatus::Failed, dark);
}

} // namespace StatusColors
