#include "events.hpp"

#include "thidua/util/uuid.hpp"

namespace thidua::testing {

ProposedEvent make_event(const std::string& subject, const std::string& type,
                         const std::string& data) {
  ProposedEvent e;
  e.id = new_uuid();
  e.type = type;
  e.subject = subject;
  e.source = "/thidua/test";
  e.time = "2020-01-15T08:00:00Z";
  e.dataschema = "https://thidua.example/schemas/test.json";
  e.data = data;
  e.actor = "tester";
  return e;
}

AppendRequest one_event(const std::string& subject, ExpectedVersion expected,
                        const std::string& data) {
  AppendRequest r;
  r.events.push_back(make_event(subject, "vn.thidua.test.happened.v1", data));
  r.expectations.push_back({subject, expected});
  return r;
}

}  // namespace thidua::testing
