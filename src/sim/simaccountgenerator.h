#pragma once

#include "sim/simbatch.h"

#include <vector>

// Makes a believable account: newest first, only recent batches running, every status and every trap present.
namespace SimAccountGenerator {
std::vector<SimBatch> generate(int count, quint64 seed, qint64 now);
// A batch id as the API spells them (batch_ + 32 hex digits), from a seeded counter.
QString batchId(quint64 seed, quint64 serial);
} // namespace SimAccountGenerator
