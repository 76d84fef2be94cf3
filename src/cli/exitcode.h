#pragma once

// What `batchwatch export` and `batchwatch list` return, as documented in the README.
namespace ExitCode {
constexpr int Ok = 0;
constexpr int Usage = 2;          // a bad option, or a configuration that must not be used
constexpr int Authentication = 3; // HTTP 401 or 403
constexpr int ApiOrData = 4;      // API, network or data error after retries
constexpr int Output = 5;         // the output could not be written
} // namespace ExitCode
