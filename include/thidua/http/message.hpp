// Request and Response: the HTTP messages handlers see; Reply and BodyWriter: a response whose
// body is streamed.
//
// Handlers work on whole Beast messages with string bodies and never on a socket: the session
// (server.hpp) reads the request, hands it over, and writes what the handler returns. The
// session fills in the HTTP version, keep-alive and Content-Length, so handlers only set the
// status, the headers that matter to them and the body.
//
// A streaming handler returns a Reply: the response's status and headers, and a BodyStream
// that the session runs after writing them. The BodyStream writes the body in parts through a
// BodyWriter, for as long as it likes (an event feed runs until the client leaves or the
// server stops). To HTTP/1.1 clients the body goes out with chunked transfer encoding, one
// chunk per write(), and the connection stays usable after the stream ends; to HTTP/1.0
// clients it goes out as is and the connection closes at its end. A HEAD request gets the
// headers only: the BodyStream is not run.
//
// Messages and Replies are plain values; a BodyWriter is used on its connection's strand only.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

namespace thidua::http {

namespace beast_http = boost::beast::http;

using Request = beast_http::request<beast_http::string_body>;
using Response = beast_http::response<beast_http::string_body>;
using HttpStatus = beast_http::status;
using Verb = beast_http::verb;
using Field = beast_http::field;

inline constexpr std::string_view kJson = "application/json";
inline constexpr std::string_view kNdjson = "application/x-ndjson";
inline constexpr std::string_view kProblemJson = "application/problem+json";
inline constexpr std::string_view kTextPlain = "text/plain; charset=utf-8";

// A response with `status`, a Content-Type of `content_type` and `body`.
Response make_response(HttpStatus status, std::string_view content_type, std::string body);

// Where a BodyStream writes the body of a streamed response. Owned by the session; valid until
// the BodyStream's coroutine returns. Every member is called on the connection's strand (the
// executor the BodyStream runs on).
class BodyWriter {
 public:
  virtual ~BodyWriter() = default;

  // Sends `data` (nothing for an empty view) within the server's write timeout. True when it
  // was written; false when the peer is gone, the write timed out or an earlier write failed.
  // After false, the BodyStream should return: nothing more reaches the client. `data` must
  // stay valid until the write completes.
  virtual boost::asio::awaitable<bool> write(std::string_view data) = 0;

  // True once the server has begun to stop; the BodyStream should then return soon, since the
  // server cuts the connection off after its shutdown grace period.
  virtual bool stopping() const = 0;

  // Registers `wake`, called at most once, on the strand, when the server begins to stop, so a
  // BodyStream suspended on its own timer can be woken at once. Replaces an earlier callback;
  // forgotten when the BodyStream returns. A server that was already stopping does not call
  // it, so check stopping() after registering.
  virtual void on_stop(std::function<void()> wake) = 0;
};

// Writes a streamed body. It runs on the connection's strand and must not block; an exception
// escaping it is logged and ends the connection (the status line has already gone out).
using BodyStream = std::function<boost::asio::awaitable<void>(BodyWriter&)>;

// What a streaming handler returns: `response` with no `stream` is sent like any Response;
// with a `stream`, its status and headers go out first (its body and any Content-Length are
// ignored), then the stream writes the body.
struct Reply {
  Response response;
  BodyStream stream;
};

}  // namespace thidua::http
