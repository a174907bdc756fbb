// The fast reader of stored events (try_decode_stored_event) against decode_event: the same
// event whenever it gives one, and nothing where it cannot be sure or the data is wrong.
#include <catch2/catch.hpp>

#include "examples.hpp"
#include "thidua/codec/event_codec.hpp"

using namespace thidua;
using nlohmann::json;

namespace {

std::string text_of(const codec::OrderedJson& doc) {
  Result<std::string> text = codec::dump_json(doc);
  REQUIRE(text.is_ok());
  return *text;
}

// A stored envelope of `type` around the data text `data`.
std::string envelope(const std::string& type, const std::string& data) {
  return R"({"specversion":"1.0","id":"0f8fad5b-d9cb-469f-a165-70867728950e","source":"/t",)"
         R"("type":")" +
         type + R"(","data":)" + data + "}";
}

// decode_event's reading of the envelope, as the projections read it without the fast path.
Result<domain::Event> slow_decode(const std::string& type, const std::string& text) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("data")) {
    return Status::corruption("not an envelope with data");
  }
  return codec::decode_event(type, doc["data"]);
}

// The fast reader gives an event only when decode_event gives the same one.
void require_agreement(const std::string& type, const std::string& text) {
  INFO(text);
  std::optional<domain::Event> fast = codec::try_decode_stored_event(type, text);
  Result<domain::Event> slow = slow_decode(type, text);
  if (fast) {
    REQUIRE(slow.is_ok());
    CHECK(text_of(codec::encode_event(*fast)) == text_of(codec::encode_event(*slow)));
  }
}

const std::string kScoreType = "vn.thidua.score_entered.v1";
const std::string kScore =
    R"({"cluster":"cum-6","year":2019,"kind":"cross","scorer":"so-tttt-gia-lai",)"
    R"("scored":"so-tttt-phu-yen","criterion":"2","points":14.25})";

}  // namespace

TEST_CASE("the fast reader reads every example event as decode_event does", "[codec]") {
  for (const domain::Event& event : testing::example_events()) {
    const std::string type = codec::event_type(domain::event_name(event));
    const std::string data = text_of(codec::encode_event(event));
    INFO(type);
    std::optional<domain::Event> fast = codec::try_decode_stored_event(type, envelope(type, data));
    REQUIRE(fast.has_value());
    CHECK(fast->index() == event.index());
    CHECK(text_of(codec::encode_event(*fast)) == data);
    require_agreement(type, envelope(type, data));
  }
}

TEST_CASE("the fast reader reads numbers, escapes and optional members as decode_event does",
          "[codec]") {
  const std::vector<std::string> good = {
      kScore,
      R"({"cluster":"cum-6","year":2019,"kind":"self","scorer":"a","scored":"a",)"
      R"("criterion":"2","points":10,"evidence":"https://x.vn/\u0110\u1eafk-L\u1eafk.pdf"})",
      R"({"points":-1.5,"criterion":"2","scored":"a","scorer":"a","kind":"self","year":2019,)"
      R"("cluster":"cum-6"})",
      R"({"cluster":"cum-6","year":2019,"kind":"self","scorer":"a","scored":"a",)"
      R"("criterion":"2","points":1e2})",
      R"({"cluster":"cum-6","year":2019,"kind":"self","scorer":"a","scored":"a",)"
      R"("criterion":"2","points":0.29})",
      R"({"cluster":"cum-6","year":2019,"kind":"self","scorer":"a","scored":"a",)"
      R"("criterion":"2","points":-0})",
  };
  for (const std::string& data : good) {
    INFO(data);
    CHECK(codec::try_decode_stored_event(kScoreType, envelope(kScoreType, data)).has_value());
    require_agreement(kScoreType, envelope(kScoreType, data));
  }
}

TEST_CASE("the fast reader gives way on bad data and on what it cannot be sure of", "[codec]") {
  auto with = [](const std::string& from, const std::string& to) {
    std::string data = kScore;
    const auto at = data.find(from);
    REQUIRE(at != std::string::npos);
    return data.replace(at, from.size(), to);
  };
  const std::vector<std::string> data = {
      with(R"("year":2019)", R"("year":2019,"year":2020)"),  // repeated member
      with(R"("year":2019)", R"("year":2019,"round":1)"),    // unknown member
      with(R"("year":2019,)", ""),                           // missing member
      with(R"("year":2019)", R"("year":2019.0)"),            // not an integer
      with(R"("year":2019)", R"("year":4294967296)"),        // out of range
      with(R"("year":2019)", R"("year":-9223372036854775809)"),
      with(R"("year":2019)", R"("year":18446744073709551615)"),  // above int64
      with(R"("year":2019)", R"("year":2.019e3)"),
      with("14.25", "14.255"),                        // three decimal places
      with("14.25", "100000000000000000000"),         // beyond 64 bits
      with("14.25", "1000000000001"),                 // beyond the decimals' range
      with(R"("kind":"cross")", R"("kind":"both")"),  // no such kind
      with(R"("kind":"cross")", R"("kind":null)"),
      with(R"(,"criterion":"2")", R"(,"criterion":"2","evidence":null)"),
      with(R"("cluster":"cum-6")", R"("cluster":"cum\ud800")"),  // a lone surrogate
      "[]",
      "\"data\"",
      kScore.substr(0, kScore.size() - 1),  // truncated
  };
  for (const std::string& d : data) {
    INFO(d);
    CHECK_FALSE(codec::try_decode_stored_event(kScoreType, envelope(kScoreType, d)).has_value());
    require_agreement(kScoreType, envelope(kScoreType, d));
  }

  // The envelope: a repeated data member, none, not an object, an unknown type.
  const std::string twice = envelope(kScoreType, kScore);
  const std::string repeated = twice.substr(0, twice.size() - 1) + R"(,"data":)" + kScore + "}";
  CHECK_FALSE(codec::try_decode_stored_event(kScoreType, repeated).has_value());
  require_agreement(kScoreType, repeated);
  CHECK_FALSE(codec::try_decode_stored_event(kScoreType, R"({"type":"x"})").has_value());
  CHECK_FALSE(codec::try_decode_stored_event(kScoreType, "[" + kScore + "]").has_value());
  CHECK_FALSE(codec::try_decode_stored_event("vn.thidua.no_such.v1", twice).has_value());

  // An unreal date.
  for (const domain::Event& event : testing::example_events()) {
    if (!std::holds_alternative<domain::DecisionIssued>(event)) continue;
    json doc = json::parse(text_of(codec::encode_event(event)));
    doc["date"] = "2019-02-30";
    const std::string type = codec::event_type("DecisionIssued");
    CHECK_FALSE(codec::try_decode_stored_event(type, envelope(type, doc.dump())).has_value());
    CHECK_FALSE(slow_decode(type, envelope(type, doc.dump())).is_ok());
  }
}
