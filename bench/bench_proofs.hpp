// `thidua-bench proofs`: inclusion and consistency proofs per second from a store's tree.
#pragma once

#include <string>
#include <vector>

namespace thidua::cli {

int bench_proofs(const std::vector<std::string>& args);

}  // namespace thidua::cli
