#include "thidua/http/message.hpp"

#include <utility>

namespace thidua::http {

Response make_response(HttpStatus status, std::string_view content_type, std::string body) {
  Response response{status, 11};
  response.set(Field::content_type, content_type);
  response.body() = std::move(body);
  return response;
}

}  // namespace thidua::http
