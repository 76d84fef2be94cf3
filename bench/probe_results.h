#pragma once

#include <QString>

// Opens the Results window of batch `id` (of the one account from the environment) twice: downloaded, then
// from the results cache.
int openResults(const QString &id);
