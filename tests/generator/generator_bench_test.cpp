// The generator's speed, hidden by default (run with "[.bench]"): a history of the default
// world, timed. It prints; it asserts nothing about time.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <iostream>

#include "generated_history.hpp"

using namespace thidua;

TEST_CASE("generator speed", "[.bench]") {
  generator::HistoryOptions options;
  const char* events = std::getenv("THIDUA_BENCH_EVENTS");
  options.events = events ? std::strtoull(events, nullptr, 10) : 200000;
  generator::HistoryGenerator g(options);
  std::map<std::string, std::size_t> types;
  const auto start = std::chrono::steady_clock::now();
  auto lap = start;
  for (;;) {
    Result<std::vector<ProposedEvent>> batch = g.next(1000);
    INFO(batch.status().to_string());
    REQUIRE(batch.is_ok());
    if (batch->empty()) break;
    for (const ProposedEvent& e : *batch) ++types[e.type];
    if (g.produced() % 100000 == 0) {
      const auto now = std::chrono::steady_clock::now();
      const std::chrono::duration<double> part = now - lap;
      std::cout << g.produced() << ": " << 100000 / part.count() << " events/s, "
                << batch->back().time.substr(0, 10) << "\n";
      lap = now;
    }
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  for (const auto& [type, count] : types) std::cout << type << ": " << count << "\n";
  std::cout << g.produced() << " events in " << took.count()
            << " s: " << static_cast<double>(g.produced()) / took.count() << " events/s\n";
}
