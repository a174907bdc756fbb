#include "args.hpp"

#include <charconv>
#include <iostream>

namespace thidua::cli {

int complain(const std::string& message, int exit_code) {
  std::cerr << "thidua: " << message << "\n";
  return exit_code;
}

bool asked_for_help(const std::vector<std::string>& args, const char* usage) {
  if (args.empty() || (args[0] != "--help" && args[0] != "-h")) return false;
  std::cout << usage;
  return true;
}

ArgParser::ArgParser(std::vector<std::string> args, const char* usage)
    : args_(std::move(args)), usage_(usage) {}

const std::string* ArgParser::value_for(const char* name) {
  if (i_ >= args_.size() || args_[i_] != name) return nullptr;
  if (i_ + 1 >= args_.size()) {
    std::cerr << "thidua: " << name << " needs a value\n" << usage_;
    failed_ = true;
    i_ = args_.size();
    return nullptr;
  }
  i_ += 2;
  return &args_[i_ - 1];
}

bool ArgParser::take_uint(const char* name, std::uint64_t& out, std::uint64_t min) {
  const std::string* v = value_for(name);
  if (v == nullptr) return failed_;
  std::uint64_t parsed = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), parsed);
  if (ec != std::errc() || end != v->data() + v->size() || parsed < min) {
    std::cerr << "thidua: " << name << " needs a whole number of at least " << min << ", not '"
              << *v << "'\n";
    failed_ = true;
    return true;
  }
  out = parsed;
  return true;
}

bool ArgParser::take_string(const char* name, std::string& out) {
  const std::string* v = value_for(name);
  if (v == nullptr) return failed_;
  out = *v;
  return true;
}

bool ArgParser::take_flag(const char* name) {
  if (i_ >= args_.size() || args_[i_] != name) return false;
  ++i_;
  return true;
}

int ArgParser::fail() {
  if (!failed_) std::cerr << "thidua: unexpected argument '" << args_[i_] << "'\n" << usage_;
  failed_ = true;
  return 2;
}

}  // namespace thidua::cli
