#pragma once

#include <QString>

#include <string_view>

// Short values that repeat across batches (model, endpoint, completion window, metadata) come back as one
// shared QString: fewer allocations while parsing, and 100,000 rows hold one copy of "gpt-4.1", not 100,000.
// A direct-mapped cache per thread: a collision costs a fresh string, never unbounded growth.
namespace StringPool {
QString shared(std::string_view utf8);
}
