#include "core/json/stringpool.h"

#include <QByteArrayView>
#include <QHashFunctions>

#include <array>
#include <string>

namespace {
constexpr size_t kSlots = 4096;
constexpr size_t kLongest = 96; // longer values are rarely repeated (ids, messages)

struct Slot
{
    std::string key;
    QString value;
};
} // namespace

namespace StringPool {

QString shared(std::string_view utf8)
{
    const auto fresh = [utf8] { return QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size())); };
    if (utf8.empty() || utf8.size() > kLongest)
        return fresh();
    thread_local std::array<Slot, kSlots> table;
    Slot &slot = table[qHash(QByteArrayView(utf8.data(), static_cast<qsizetype>(utf8.size()))) % kSlots];
    if (slot.key != utf8) {
        slot.key.assign(utf8);
        slot.value = fresh();
    }
    return slot.value;
}

} // namespace StringPool
