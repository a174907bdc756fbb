// A small blocking HTTP/1.1 client (Beast) for the command-line tool's remote commands.
// One connection per client, kept alive between requests. Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "thidua/util/status.hpp"

namespace thidua::cli {

struct HttpAnswer {
  unsigned status = 0;
  std::string content_type;
  std::string link;  // the Link header, if any
  std::string body;
};

class HttpClient {
 public:
  // `base` is "http://HOST[:PORT][/PREFIX]". kInvalidArgument when it is not.
  static Result<std::unique_ptr<HttpClient>> create(const std::string& base);
  ~HttpClient();

  // GETs base + `target` (which starts with '/'). kIOError when the server cannot be reached
  // or the answer is malformed; any HTTP status is a successful answer.
  Result<HttpAnswer> get(const std::string& target);

  // POSTs `body` as application/json to base + `target`, with `headers` added. When a kept-alive
  // connection fails, the request is sent once more on a fresh one, so a request that is not
  // safe to repeat must carry an Idempotency-Key.
  using Headers = std::vector<std::pair<std::string, std::string>>;
  Result<HttpAnswer> post(const std::string& target, const std::string& body,
                          const Headers& headers = {});

  // Sends "Authorization: Bearer <token>" with every later request (empty: none).
  void set_token(std::string token);

  struct Impl;

 private:
  explicit HttpClient(std::unique_ptr<Impl> impl);
  // `method` is a boost::beast::http::verb, kept out of this header.
  Result<HttpAnswer> send(int method, const std::string& target, const std::string* body,
                          const Headers& headers);
  std::unique_ptr<Impl> impl_;
};

}  // namespace thidua::cli
