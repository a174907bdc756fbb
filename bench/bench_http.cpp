#include "bench_http.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <random>
#include <thread>

#include "args.hpp"

namespace thidua::cli {
namespace {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr char kUsage[] =
    "usage: thidua-bench http --url URL [--token T] [--connections C] [--requests N]\n"
    "                         [--batch K] [--tag TAG]\n"
    "Sends N durable commands to the thiduad at URL (http://HOST:PORT) from C keep-alive\n"
    "connections, one thread each (default C 16, N 20000): each request registers a new\n"
    "organization (POST /v1/organizations), or with K > 1 registers K of them at once\n"
    "(POST /v1/events:batch, K up to 1000). Prints requests/s, events/s, latency percentiles\n"
    "and the answers that were not 2xx, then a line starting \"result append_http\".\n"
    "The bearer token is T, or THIDUA_TOKEN when --token is not given; the ids are unique per\n"
    "TAG (default random), so runs can follow one another on one server.\n";

struct Options {
  std::string url;
  std::string token;
  std::uint64_t connections = 16;
  std::uint64_t requests = 20000;
  std::uint64_t batch = 1;
  std::string tag;
};

struct Sector {
  const char* slug;
  const char* name;
};
constexpr Sector kSectors[] = {
    {"so-noi-vu", "Sở Nội vụ"},
    {"so-tu-phap", "Sở Tư pháp"},
    {"so-tttt", "Sở Thông tin và Truyền thông"},
    {"so-gd-dt", "Sở Giáo dục và Đào tạo"},
    {"so-y-te", "Sở Y tế"},
    {"so-tai-chinh", "Sở Tài chính"},
    {"so-xay-dung", "Sở Xây dựng"},
    {"so-nn-ptnt", "Sở Nông nghiệp và Phát triển nông thôn"},
    {"so-vh-tt-dl", "Sở Văn hóa, Thể thao và Du lịch"},
    {"so-ldtbxh", "Sở Lao động - Thương binh và Xã hội"},
};
constexpr Sector kProvinces[] = {
    {"gia-lai", "Gia Lai"},     {"dak-lak", "Đắk Lắk"},     {"kon-tum", "Kon Tum"},
    {"lam-dong", "Lâm Đồng"},   {"quang-nam", "Quảng Nam"}, {"nghe-an", "Nghệ An"},
    {"thanh-hoa", "Thanh Hóa"}, {"ha-giang", "Hà Giang"},   {"lao-cai", "Lào Cai"},
    {"an-giang", "An Giang"},   {"ca-mau", "Cà Mau"},       {"ben-tre", "Bến Tre"},
};
constexpr std::uint64_t kSectorCount = std::size(kSectors);
constexpr std::uint64_t kProvinceCount = std::size(kProvinces);

double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto i = static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(i, sorted.size() - 1)];
}

// "http://HOST[:PORT]" split; false when the URL is not of that form.
bool split_url(const std::string& url, std::string& host, std::string& port) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return false;
  std::string authority = url.substr(scheme.size());
  while (!authority.empty() && authority.back() == '/') authority.pop_back();
  if (authority.empty() || authority.find('/') != std::string::npos) return false;
  std::size_t colon = authority.rfind(':');
  if (colon == std::string::npos || authority.back() == ']') {
    host = authority;
    port = "80";
  } else {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  return !host.empty() && !port.empty();
}

std::string batch_body(std::uint64_t first, std::uint64_t count, const std::string& tag) {
  std::string body = R"({"commands":[)";
  for (std::uint64_t n = first; n < first + count; ++n) {
    if (n != first) body += ',';
    body += R"({"command":"RegisterOrganization","body":)";
    body += registration_body(bench_organization(n, tag));
    body += '}';
  }
  body += "]}";
  return body;
}

// One keep-alive connection driven by one thread with blocking calls: the simplest client,
// and one whose cost per request is a write and a read (its CPU time is reported, so a
// saturated client would show).
class Connection {
 public:
  Connection(const Options& o, const tcp::resolver::results_type& endpoints)
      : o_(o), endpoints_(endpoints) {}

  void run(std::atomic<std::uint64_t>& next, LoadTally& tally) {
    const std::string target = o_.batch == 1 ? "/v1/organizations" : "/v1/events:batch";
    for (std::uint64_t r = next.fetch_add(1); r < o_.requests; r = next.fetch_add(1)) {
      std::string body = o_.batch == 1 ? registration_body(bench_organization(r, o_.tag))
                                       : batch_body(r * o_.batch, o_.batch, o_.tag);
      auto t0 = Clock::now();
      std::string failure;
      unsigned status = exchange(target, std::move(body), failure);
      tally.latencies_us.push_back(
          std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      if (status >= 200 && status < 300) {
        ++tally.succeeded;
      } else {
        tally.fail(status == 0 ? "io" : std::to_string(status), failure);
      }
    }
    boost::system::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  }

 private:
  // The answer's status, or 0 with `failure` set when the exchange failed (the connection is
  // then closed and opened again for the next request).
  unsigned exchange(const std::string& target, std::string body, std::string& failure) {
    boost::system::error_code ec;
    if (!connected_) {
      stream_.connect(endpoints_, ec);
      if (ec) {
        failure = "connect: " + ec.message();
        return 0;
      }
      stream_.socket().set_option(tcp::no_delay(true), ec);
      connected_ = true;
    }
    http::request<http::string_body> req{http::verb::post, target, 11};
    req.set(http::field::host, "thiduad");
    req.set(http::field::content_type, "application/json");
    if (!o_.token.empty()) req.set(http::field::authorization, "Bearer " + o_.token);
    req.keep_alive(true);
    req.body() = std::move(body);
    req.prepare_payload();
    stream_.expires_after(std::chrono::seconds(60));
    http::write(stream_, req, ec);
    http::response<http::string_body> res;
    if (!ec) http::read(stream_, buffer_, res, ec);
    if (ec) {
      failure = "POST " + target + ": " + ec.message();
      stream_.close();
      connected_ = false;
      return 0;
    }
    if (res.result_int() < 200 || res.result_int() >= 300) failure = res.body().substr(0, 300);
    if (!res.keep_alive()) {
      stream_.close();
      connected_ = false;
    }
    return res.result_int();
  }

  const Options& o_;
  const tcp::resolver::results_type& endpoints_;
  boost::asio::io_context io_;
  beast::tcp_stream stream_{io_};
  beast::flat_buffer buffer_;
  bool connected_ = false;
};

int run(const Options& o) {
  std::string host, port;
  if (!split_url(o.url, host, port)) {
    return complain("--url must be http://HOST:PORT: " + o.url, 2);
  }
  boost::asio::io_context io;
  boost::system::error_code ec;
  auto endpoints = tcp::resolver(io).resolve(host, port, ec);
  if (ec) return complain("cannot resolve " + host + ":" + port + ": " + ec.message(), 1);
  std::vector<std::unique_ptr<Connection>> connections;
  std::vector<LoadTally> tallies(o.connections);
  for (std::uint64_t i = 0; i < o.connections; ++i) {
    connections.push_back(std::make_unique<Connection>(o, endpoints));
  }
  std::atomic<std::uint64_t> next{0};
  double cpu0 = process_cpu_seconds();
  auto start = Clock::now();
  std::vector<std::thread> threads;
  for (std::uint64_t i = 0; i < o.connections; ++i) {
    threads.emplace_back([&, i] { connections[i]->run(next, tallies[i]); });
  }
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  double cpu = process_cpu_seconds() - cpu0;
  for (std::size_t i = 1; i < tallies.size(); ++i) tallies[0].merge(std::move(tallies[i]));
  std::printf(
      "bench http: %s, %s, %llu connections (a thread each), %llu requests\n", o.url.c_str(),
      o.batch == 1
          ? "POST /v1/organizations (RegisterOrganization)"
          : ("POST /v1/events:batch of " + std::to_string(o.batch) + " RegisterOrganization")
                .c_str(),
      static_cast<unsigned long long>(o.connections), static_cast<unsigned long long>(o.requests));
  print_load_report({"append_http", o.connections, o.requests, o.batch}, tallies[0], seconds, cpu);
  return tallies[0].failures.empty() ? 0 : 1;
}

}  // namespace

BenchOrganization bench_organization(std::uint64_t n, const std::string& tag) {
  const std::uint64_t serial = n / (kSectorCount * kProvinceCount);
  const Sector& province = kProvinces[(n / kSectorCount) % kProvinceCount];
  const std::string suffix = "-" + tag + "-" + std::to_string(serial);
  const std::string of_province = std::string(" tỉnh ") + province.name;
  // Seven in ten are departments, two communes, one an agency, as in a province's rolls.
  switch (n % 10) {
    case 7:
    case 8:
      return {"xa-" + std::to_string(n % 97 + 1) + "-" + province.slug + suffix,
              "Ủy ban nhân dân xã số " + std::to_string(n % 97 + 1) + of_province, "commune"};
    case 9:
      return {std::string("ttxtdt-") + province.slug + suffix,
              "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch" + of_province, "agency"};
    default: {
      const Sector& sector = kSectors[n % kSectorCount];
      return {std::string(sector.slug) + "-" + province.slug + suffix, sector.name + of_province,
              "department"};
    }
  }
}

std::string registration_body(const BenchOrganization& o) {
  // The names and ids hold no character JSON would escape.
  return R"({"id":")" + o.id + R"(","name":")" + o.name + R"(","kind":")" + o.kind + "\"}";
}

std::string bench_tag() {
  std::random_device device;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(device()));
  return buf;
}

void LoadTally::fail(const std::string& label, const std::string& message) {
  if (failures.empty()) first_failure = label + " " + message;
  ++failures[label];
}

void LoadTally::merge(LoadTally&& other) {
  latencies_us.insert(latencies_us.end(), other.latencies_us.begin(), other.latencies_us.end());
  succeeded += other.succeeded;
  if (failures.empty() && !other.failures.empty()) first_failure = other.first_failure;
  for (const auto& [label, count] : other.failures) failures[label] += count;
}

double process_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return secs(u.ru_utime) + secs(u.ru_stime);
}

void print_load_report(const LoadShape& shape, LoadTally& t, double seconds,
                       double client_cpu_seconds) {
  std::sort(t.latencies_us.begin(), t.latencies_us.end());
  const auto& l = t.latencies_us;
  const double ok_per_s = static_cast<double>(t.succeeded) / seconds;
  const double events_per_s = ok_per_s * static_cast<double>(shape.batch);
  const double p50 = percentile(l, 50) / 1000, p99 = percentile(l, 99) / 1000;
  const double p999 = percentile(l, 99.9) / 1000, max = l.empty() ? 0 : l.back() / 1000;
  std::uint64_t failed = 0;
  for (const auto& [label, count] : t.failures) failed += count;
  std::printf("  %.0f requests/s, %.0f events/s (%llu events of %llu per request) in %.2f s\n",
              ok_per_s, events_per_s, static_cast<unsigned long long>(t.succeeded * shape.batch),
              static_cast<unsigned long long>(shape.batch), seconds);
  std::printf("  latency per request: p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms\n", p50,
              p99, p999, max);
  if (failed == 0) {
    std::printf("  failures: none (every request succeeded)\n");
  } else {
    std::printf("  FAILURES: %llu of %llu requests:", static_cast<unsigned long long>(failed),
                static_cast<unsigned long long>(shape.requests));
    for (const auto& [label, count] : t.failures) {
      std::printf(" %s x %llu", label.c_str(), static_cast<unsigned long long>(count));
    }
    std::printf("\n  first: %s\n", t.first_failure.c_str());
  }
  std::printf("  client CPU: %.2f s, %.0f%% of one core\n", client_cpu_seconds,
              100 * client_cpu_seconds / seconds);
  std::printf(
      "result %s c=%llu k=%llu requests=%llu events=%llu secs=%.3f requests_per_s=%.1f "
      "events_per_s=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f failed=%llu "
      "client_cpu_s=%.2f\n",
      shape.name.c_str(), static_cast<unsigned long long>(shape.connections),
      static_cast<unsigned long long>(shape.batch), static_cast<unsigned long long>(shape.requests),
      static_cast<unsigned long long>(t.succeeded * shape.batch), seconds, ok_per_s, events_per_s,
      p50, p99, p999, max, static_cast<unsigned long long>(failed), client_cpu_seconds);
  std::fflush(stdout);
}

int bench_http(const std::vector<std::string>& args) {
  Options o;
  if (asked_for_help(args, kUsage)) return 0;
  ArgParser p(args, kUsage);
  while (p.more()) {
    if (p.take_string("--url", o.url) || p.take_string("--token", o.token) ||
        p.take_uint("--connections", o.connections, 1) ||
        p.take_uint("--requests", o.requests, 1) || p.take_uint("--batch", o.batch, 1) ||
        p.take_string("--tag", o.tag)) {
      continue;
    }
    return p.fail();
  }
  if (p.failed()) return 2;
  if (o.url.empty()) return complain("bench http needs --url\n" + std::string(kUsage), 2);
  if (o.batch > 1000) return complain("--batch is at most 1000 (a batch's limit)", 2);
  if (o.connections > 4096) return complain("--connections is at most 4096", 2);
  if (o.token.empty()) {
    if (const char* token = std::getenv("THIDUA_TOKEN"); token != nullptr) o.token = token;
  }
  if (o.tag.empty()) o.tag = bench_tag();
  return run(o);
}

}  // namespace thidua::cli
