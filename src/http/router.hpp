// Maps a method and a path to a route. Patterns are written as in the OpenAPI document,
// "/api/v1/users/{id}", so the two can be compared. A literal segment wins over a parameter
// ("/employees/facets" over "/employees/{employee_id}"), whatever the order routes were added
// in, so each capability adds its routes without knowing the others'.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace binome::http {

enum class Method : std::uint8_t { kGet, kHead, kPost, kPut, kPatch, kDelete, kOther };

// "GET", "POST"...
inline std::string_view method_name(Method m) {
  switch (m) {
    case Method::kGet: return "GET";
    case Method::kHead: return "HEAD";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kPatch: return "PATCH";
    case Method::kDelete: return "DELETE";
    case Method::kOther: return "OTHER";
  }
  return "OTHER";
}

using PathParams = std::map<std::string, std::string, std::less<>>;

template <typename Handler>
class Router {
 public:
  struct Route {
    Method method;
    std::string pattern;
    Handler handler;
  };
  struct Match {
    const Route* route = nullptr;  // null when nothing matches
    PathParams params;
    bool path_exists = false;      // the path matches with another method (405)
  };

  void add(Method method, std::string pattern, Handler handler) {
    routes_.push_back({method, std::move(pattern), std::move(handler)});
  }

  Match match(Method method, std::string_view path) const {
    Match m;
    std::vector<bool> best_literals;
    for (const Route& r : routes_) {
      PathParams params;
      std::vector<bool> literals;
      if (!matches(r.pattern, path, params, literals)) continue;
      if (r.method != method) {
        m.path_exists = true;
        continue;
      }
      // The more specific pattern: the first segment where the two differ is literal.
      if (m.route == nullptr || literals > best_literals) {
        m.route = &r;
        m.params = std::move(params);
        best_literals = std::move(literals);
      }
    }
    return m;
  }

  const std::vector<Route>& routes() const { return routes_; }

 private:
  // `literals`: per segment, whether the pattern's segment is literal.
  static bool matches(std::string_view pattern, std::string_view path, PathParams& params,
                      std::vector<bool>& literals) {
    while (!pattern.empty() || !path.empty()) {
      if (pattern.empty() || path.empty() || pattern[0] != '/' || path[0] != '/') return false;
      pattern.remove_prefix(1);
      path.remove_prefix(1);
      const auto pe = pattern.find('/');
      const auto se = path.find('/');
      const std::string_view ps = pattern.substr(0, pe);
      const std::string_view ss = path.substr(0, se);
      if (ps.size() > 2 && ps.front() == '{' && ps.back() == '}') {
        if (ss.empty()) return false;
        params.emplace(std::string(ps.substr(1, ps.size() - 2)), std::string(ss));
        literals.push_back(false);
      } else if (ps != ss) {
        return false;
      } else {
        literals.push_back(true);
      }
      pattern = pe == std::string_view::npos ? std::string_view() : pattern.substr(pe);
      path = se == std::string_view::npos ? std::string_view() : path.substr(se);
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace binome::http
