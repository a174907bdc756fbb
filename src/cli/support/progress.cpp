#include "progress.hpp"

#include <cstdio>

namespace thidua::cli {

void print_progress(std::uint64_t done, std::uint64_t total,
                    std::chrono::steady_clock::time_point start) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  double eta = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  std::fprintf(stderr, "\r  %llu / %llu events  %.0f events/s  ETA %.0f s   ",
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total), rate,
               eta);
}

}  // namespace thidua::cli
