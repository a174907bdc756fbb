#include "workload.hpp"

#include <chrono>
#include <utility>

namespace thidua::reliability {

using json = nlohmann::json;

namespace {

constexpr int kMaxBatch = 4;

std::string writer_org(int writer) { return "don-vi-w" + std::to_string(writer); }
std::string writer_movement(int writer) { return "mv-w" + std::to_string(writer); }

Command register_organization(const std::string& id) {
  return {"RegisterOrganization",
          {{"id", id}, {"name", "Đơn vị thi đua " + id}, {"kind", "department"}},
          "organization/" + id,
          id};
}

Command launch_movement(int writer) {
  const std::string id = writer_movement(writer);
  json target = {{"number", 1},
                 {"text", "Tỷ lệ hồ sơ trực tuyến"},
                 {"metric", "hồ sơ"},
                 {"value", 1000000},
                 {"unit", "hồ sơ"}};
  return {"LaunchMovement",
          {{"id", id},
           {"name", "Phong trào chuyển đổi số " + id},
           {"form", "regular"},
           {"launched_by", writer_org(writer)},
           {"start", "2024-01-01"},
           {"end", "2026-12-31"},
           {"targets", json::array({target})},
           {"criteria", json::array()}},
          "movement/" + id,
          id};
}

// Progress of `organization` on the writer's movement; `value` grows with each report.
Command report_progress(int writer, const std::string& organization, int value,
                        const std::string& tag) {
  return {"ReportProgress",
          {{"movement", writer_movement(writer)},
           {"organization", organization},
           {"target", 1},
           {"value", value},
           {"date", "2024-06-01"},
           {"note", tag}},
          "movement/" + writer_movement(writer),
          tag};
}

std::string route(const Command& c) {
  if (c.name == "RegisterOrganization") return "/v1/organizations";
  if (c.name == "LaunchMovement") return "/v1/movements";
  return "/v1/movements/" + c.body["movement"].get<std::string>() + "/progress";
}

}  // namespace

std::string Write::target() const { return batch ? "/v1/events:batch" : route(commands.front()); }

std::string Write::body() const {
  if (!batch) return commands.front().body.dump();
  json list = json::array();
  for (const Command& c : commands) list.push_back({{"command", c.name}, {"body", c.body}});
  return json{{"commands", list}}.dump();
}

Headers Write::headers() const {
  if (idempotency_key.empty()) return {};
  return {{"Idempotency-Key", idempotency_key}};
}

std::string Write::describe() const {
  std::string out = "round " + std::to_string(round) + ", POST " + target();
  if (!idempotency_key.empty()) out += " [key " + idempotency_key + "]";
  out += " with tags";
  for (const Command& c : commands) out += " " + c.tag;
  return out;
}

void send(HttpSession& session, Write& write) {
  write.answer = session.post(write.target(), write.body(), write.headers());
  if (!write.answer.answered()) {
    write.outcome = Outcome::kUnanswered;
  } else if (write.answer.status == 200 || write.answer.status == 201) {
    write.outcome = Outcome::kAcknowledged;
  } else {
    write.outcome = Outcome::kRefused;
  }
}

std::vector<json> command_results(const Write& write) {
  json body = json::parse(write.answer.body, nullptr, false);
  std::vector<json> out;
  if (!write.batch) {
    if (body.is_object()) out.push_back(body);
  } else if (body.is_object() && body.contains("results") && body["results"].is_array()) {
    for (const json& r : body["results"]) out.push_back(r);
  }
  if (out.size() != write.commands.size()) return {};
  return out;
}

Write setup_write(int writers) {
  Write w;
  w.batch = true;
  w.idempotency_key = "setup";
  for (int i = 0; i < writers; ++i) w.commands.push_back(register_organization(writer_org(i)));
  for (int i = 0; i < writers; ++i) w.commands.push_back(launch_movement(i));
  return w;
}

Write registration(const std::string& tag, int round) {
  Write w;
  w.round = round;
  w.commands.push_back(register_organization(tag));
  return w;
}

Load::Load(std::uint16_t port, std::string token, int writers, int round, std::uint64_t seed)
    : port_(port), token_(std::move(token)), round_(round), sent_(writers) {
  for (int i = 0; i < writers; ++i) {
    threads_.emplace_back([this, i, seed] { run(i, seed + 7919 * static_cast<std::uint64_t>(i)); });
  }
}

Load::~Load() { finish(); }

std::vector<Write> Load::finish() {
  stop_ = true;
  for (std::thread& t : threads_) t.join();
  threads_.clear();
  std::vector<Write> out;
  for (std::vector<Write>& mine : sent_) {
    for (Write& w : mine) out.push_back(std::move(w));
    mine.clear();
  }
  return out;
}

void Load::run(int writer, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  HttpSession session(port_, token_);
  for (int n = 0; !stop_; ++n) {
    Write w = next(writer, n, rng);
    send(session, w);
    const Outcome outcome = w.outcome;
    const int status = w.answer.status;
    sent_[writer].push_back(std::move(w));
    if (outcome == Outcome::kAcknowledged) ++acknowledged_;
    if (outcome == Outcome::kUnanswered) return;  // the server is gone
    if (status == 503) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// Half the writes register an organization, a quarter report progress, a quarter are batches
// of 2 to kMaxBatch commands that register organizations and report their progress; half of
// all carry an Idempotency-Key.
Write Load::next(int writer, int n, std::mt19937_64& rng) const {
  const std::string prefix =
      "w" + std::to_string(writer) + "-r" + std::to_string(round_) + "-" + std::to_string(n);
  Write w;
  w.round = round_;
  const int pick = static_cast<int>(rng() % 4);
  if (pick <= 1) {
    w.commands.push_back(register_organization(prefix));
  } else if (pick == 2) {
    w.commands.push_back(report_progress(writer, writer_org(writer), n, "note-" + prefix));
  } else {
    w.batch = true;
    const int size = 2 + static_cast<int>(rng() % (kMaxBatch - 1));
    for (int i = 0; i < size; ++i) {
      const std::string tag = prefix + "-" + std::to_string(i);
      if (i % 2 == 0) {
        w.commands.push_back(register_organization(tag));
      } else {
        const std::string org = w.commands.back().tag;
        w.commands.push_back(report_progress(writer, org, n, "note-" + tag));
      }
    }
  }
  if (rng() % 2 == 0) w.idempotency_key = "key-" + prefix;
  return w;
}

CheckpointWatch::CheckpointWatch(std::uint16_t port) : port_(port) {
  thread_ = std::thread([this] {
    HttpSession session(port_, "", std::chrono::seconds(5));
    while (!stop_) {
      Answer a = session.get("/v1/checkpoint");
      if (a.status == 200) {
        std::lock_guard lock(mu_);
        last_ = std::move(a.body);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
}

CheckpointWatch::~CheckpointWatch() { finish(); }

std::string CheckpointWatch::finish() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mu_);
  return last_;
}

}  // namespace thidua::reliability
