#include <catch2/catch.hpp>

#include "world.hpp"

using namespace thidua::domain;
using namespace thidua::testing;
