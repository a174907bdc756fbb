#include "load.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>
#include <thread>

#include "args.hpp"
#include "http_client.hpp"

namespace thidua::cli {
namespace {

constexpr char kUsage[] =
    "usage: thidua load --url URL FILE...\n"
    "  Gives the commands of each FILE to the server at URL, in order, as the caller whose\n"
    "  token is in THIDUA_TOKEN. A FILE is a JSON object {\"id\", \"title\", \"steps\": "
    "[{\"note\",\n"
    "  \"path\", \"body\"}, ...]}: each step is POSTed to its path with an Idempotency-Key made "
    "of\n"
    "  the file's id and the step's number, so loading a file again appends nothing new.\n"
    "  A step answered 503 is sent again for up to two minutes (the server may be loading);\n"
    "  loading stops at the first step the server refuses (exit 1). At the end it waits until\n"
    "  the server's queries reflect the last command (min_as_of), so that what follows reads\n"
    "  what was loaded.\n";

// How long a step is retried while the server answers 503.
constexpr std::chrono::seconds kUnavailableFor(120);

struct Step {
  std::string note;
  std::string path;
  std::string body;
};

struct Script {
  std::string id;
  std::string title;
  std::vector<Step> steps;
};

Result<Script> read_script(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::io_error("cannot read " + file);
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, false);
  const auto bad = [&](const std::string& what) {
    return Status::invalid_argument(file + ": " + what);
  };
  if (doc.is_discarded() || !doc.is_object()) return bad("not a JSON object");
  static const std::regex kId("[A-Za-z0-9._-]{1,64}");
  if (!doc.contains("id") || !doc["id"].is_string() ||
      !std::regex_match(doc["id"].get<std::string>(), kId)) {
    return bad("\"id\" must be 1 to 64 of A-Z a-z 0-9 . _ -");
  }
  if (!doc.contains("steps") || !doc["steps"].is_array()) return bad("\"steps\" must be an array");
  Script script;
  script.id = doc["id"].get<std::string>();
  if (doc.contains("title") && doc["title"].is_string()) script.title = doc["title"];
  for (std::size_t i = 0; i < doc["steps"].size(); ++i) {
    const nlohmann::json& s = doc["steps"][i];
    const std::string where = "step " + std::to_string(i + 1);
    if (!s.is_object() || !s.contains("path") || !s["path"].is_string() ||
        s["path"].get<std::string>().rfind("/v1/", 0) != 0) {
      return bad(where + ": \"path\" must be a string starting with /v1/");
    }
    if (!s.contains("body") || !s["body"].is_object()) {
      return bad(where + ": \"body\" must be an object");
    }
    Step step;
    step.path = s["path"];
    step.body = s["body"].dump();
    if (s.contains("note") && s["note"].is_string()) step.note = s["note"];
    script.steps.push_back(std::move(step));
  }
  return script;
}

// The problem's detail, or the body itself when it is not a problem.
std::string explain(const HttpAnswer& answer) {
  nlohmann::json problem = nlohmann::json::parse(answer.body, nullptr, false);
  if (problem.is_object() && problem.contains("detail") && problem["detail"].is_string()) {
    std::string out = problem.value("type", "") + ": " + problem["detail"].get<std::string>();
    if (problem.contains("errors")) out += " " + problem["errors"].dump();
    return out;
  }
  return answer.body;
}

}  // namespace

int load(const std::vector<std::string>& args) {
  std::string url;
  std::vector<std::string> files;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (args[i] == "--url" && i + 1 < args.size()) {
      url = args[++i];
    } else if (args[i].rfind("-", 0) == 0) {
      std::cerr << "thidua load: unexpected argument '" << args[i] << "'\n" << kUsage;
      return 2;
    } else {
      files.push_back(args[i]);
    }
  }
  if (url.empty() || files.empty()) {
    std::cerr << "thidua load: --url and at least one FILE are required\n" << kUsage;
    return 2;
  }
  std::vector<Script> scripts;
  for (const std::string& file : files) {
    Result<Script> script = read_script(file);
    if (!script) return complain(script.status().message(), 2);
    scripts.push_back(std::move(script).value());
  }
  Result<std::unique_ptr<HttpClient>> client = HttpClient::create(url);
  if (!client) return complain(client.status().message(), 2);
  if (const char* token = std::getenv("THIDUA_TOKEN"); token && *token) {
    (*client)->set_token(token);
  }
  std::optional<std::uint64_t> last;  // the latest position a command answered
  for (const Script& script : scripts) {
    std::uint64_t appended = 0, repeated = 0;
    for (std::size_t i = 0; i < script.steps.size(); ++i) {
      const Step& step = script.steps[i];
      const std::string key = script.id + ":" + std::to_string(i + 1);
      // 503 while the server loads its state (or reloads it): the key makes a retry safe.
      const auto give_up = std::chrono::steady_clock::now() + kUnavailableFor;
      Result<HttpAnswer> answer = (*client)->post(step.path, step.body, {{"Idempotency-Key", key}});
      while (answer && answer->status == 503 && std::chrono::steady_clock::now() < give_up) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        answer = (*client)->post(step.path, step.body, {{"Idempotency-Key", key}});
      }
      if (!answer) return complain(answer.status().message(), 1);
      if (answer->status == 201 || answer->status == 200) {
        ++(answer->status == 201 ? appended : repeated);
        const auto body = nlohmann::json::parse(answer->body, nullptr, false);
        if (body.is_object() && body.contains("position") &&
            body["position"].is_number_unsigned()) {
          last = std::max(last.value_or(0), body["position"].get<std::uint64_t>());
        }
      } else {
        std::cerr << "thidua load: " << script.id << " step " << (i + 1)
                  << (step.note.empty() ? "" : " (" + step.note + ")") << ": POST " << step.path
                  << " answered " << answer->status << " " << explain(*answer) << "\n";
        return 1;
      }
    }
    std::cout << script.id << ": " << script.steps.size() << " commands, " << appended
              << " appended, " << repeated << " already there"
              << (script.title.empty() ? "" : " (" + script.title + ")") << "\n";
  }
  if (!last) return 0;
  // Read your writes: a query with min_as_of waits on the server until its projections hold
  // the last position; 503 (projection-lag) when they need longer than its bound.
  const std::string target = "/v1/decisions?limit=1&min_as_of=" + std::to_string(*last);
  const auto give_up = std::chrono::steady_clock::now() + kUnavailableFor;
  Result<HttpAnswer> read = (*client)->get(target);
  while (read && read->status == 503 && std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    read = (*client)->get(target);
  }
  if (!read) return complain(read.status().message(), 1);
  if (read->status != 200) {
    std::cerr << "thidua load: GET " << target << " answered " << read->status << " "
              << explain(*read) << "\n";
    return 1;
  }
  std::cout << "queries reflect position " << *last << "\n";
  return 0;
}

}  // namespace thidua::cli
