#pragma once

#include <string_view>
#include <vector>

// Finds the bytes of values inside JSON text that simdjson has already validated, so a batch can keep the
// object exactly as the server sent it without printing it again.
namespace JsonSlicer {

struct Slice
{
    std::string_view text;
    bool compact = true; // no whitespace outside strings
};

// The items of the array under `key` in the top-level object, in order; false when that member is not found
// as a plain array (e.g. an escaped key), and the caller should take another way.
bool arrayItems(std::string_view json, std::string_view key, std::vector<Slice> *items);
// The one top-level value, without the whitespace around it.
Slice whole(std::string_view json);

} // namespace JsonSlicer
