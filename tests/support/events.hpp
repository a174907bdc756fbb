// Builders of store requests for tests.
#pragma once

#include <string>

#include "thidua/store/event_store.hpp"

namespace thidua::testing {

// A valid event for `subject` with a fresh id and the given type and data.
ProposedEvent make_event(const std::string& subject,
                         const std::string& type = "vn.thidua.test.happened.v1",
                         const std::string& data = R"({"n":1})");

// A request of one event.
AppendRequest one_event(const std::string& subject,
                        ExpectedVersion expected = ExpectedVersion::any(),
                        const std::string& data = R"({"n":1})");

}  // namespace thidua::testing
