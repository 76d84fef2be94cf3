#pragma once

#include <QByteArray>

// A warm start on the probe's accounts' caches (Probe::accountSpecs): the first painted row, the rest of the
// cache with the first refresh, heap per batch, a refresh, `filterText` typed one key at a time (empty: no
// filtering) and a click on each column's header; `paintOnly`: the first paint alone.
int warmStart(int accounts, const QByteArray &filterText, bool paintOnly = false);
// Load all from the server with an empty cache; `expected` batches.
int loadAll(int expected);
