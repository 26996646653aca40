// Maps a method and a path to a route. Patterns are written as in the OpenAPI document,
// "/api/v1/users/{id}", so the two can be compared.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/server.hpp"

namespace binome::http {

using PathParams = std::map<std::string, std::string, std::less<>>;

template <typename Handler>
class Router {
 public:
  struct Route {
    beast_http::verb method;
    std::string pattern;
    Handler handler;
  };
  struct Match {
    const Route* route = nullptr;  // null when nothing matches
    PathParams params;
    bool path_exists = false;      // the path matches with another method (405)
  };

  void add(beast_http::verb method, std::string pattern, Handler handler) {
    routes_.push_back({method, std::move(pattern), std::move(handler)});
  }

  Match match(beast_http::verb method, std::string_view path) const {
    Match m;
    for (const Route& r : routes_) {
      PathParams params;
      if (!matches(r.pattern, path, params)) continue;
      if (r.method == method) {
        m.route = &r;
        m.params = std::move(params);
        return m;
      }
      m.path_exists = true;
    }
    return m;
  }

  const std::vector<Route>& routes() const { return routes_; }

 private:
  static bool matches(std::string_view pattern, std::string_view path, PathParams& params) {
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
      } else if (ps != ss) {
        return false;
      }
      pattern = pe == std::string_view::npos ? std::string_view() : pattern.substr(pe);
      path = se == std::string_view::npos ? std::string_view() : path.substr(se);
    }
    return true;
  }

  std::vector<Route> routes_;
};

}  // namespace binome::http
