// A progress line on stderr for long commands: done / total, events per second, time left.
#pragma once

#include <chrono>
#include <cstdint>

namespace thidua::cli {

// Rewrites the progress line ("\r ... events/s ETA ..."); `start` is when the work began.
void print_progress(std::uint64_t done, std::uint64_t total,
                    std::chrono::steady_clock::time_point start);

}  // namespace thidua::cli
