#pragma once

#include <QtGlobal>

// Writes `batches` simulator batches (split over `accounts`, account i with seed i + 1, the clock at `now`)
// into the cache files the window opens for the probe's accounts (Probe::accountSpecs), marked complete.
int seedCaches(int batches, int accounts, qint64 now);
