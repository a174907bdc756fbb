#include "thidua/util/base64.hpp"

#include <catch2/catch.hpp>

using namespace thidua;

TEST_CASE("base64 of the RFC 4648 test vectors", "[base64]") {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (auto [plain, encoded] : vectors) {
    CHECK(base64_encode(plain) == encoded);
    CHECK(base64_decode(encoded) == std::optional<std::string>(plain));
  }
}

TEST_CASE("base64 round-trips every byte", "[base64]") {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (std::size_t n = 0; n <= all.size(); n += 17) {
    CHECK(base64_decode(base64_encode(all.substr(0, n))) == all.substr(0, n));
  }
}

TEST_CASE("base64 refuses what is not canonical", "[base64]") {
  for (const char* bad : {"Zg", "Zg=", "Z===", "Zh==", "Zm9=", "Zm 9", "Zm9v\n", "=Zm9",
                          "Zg==Zg==", "Zm-v", "Zm_v"}) {
    INFO(bad);
    CHECK_FALSE(base64_decode(bad).has_value());
  }
}
