// The router: OpenAPI-style patterns with {params}, 405 for a known path with another method,
// and no match for anything else.
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <string>

namespace binome::http {
namespace {

// The verbs as short names, the way the routes are written.
struct V {
  static constexpr Method get = Method::kGet;
  static constexpr Method post = Method::kPost;
  static constexpr Method put = Method::kPut;
  static constexpr Method patch = Method::kPatch;
  static constexpr Method delete_ = Method::kDelete;
};

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add(V::get, "/healthz", "health");
    router_.add(V::get, "/api/v1/users", "list users");
    router_.add(V::post, "/api/v1/users", "create user");
    router_.add(V::get, "/api/v1/users/{id}", "get user");
    router_.add(V::patch, "/api/v1/users/{id}", "update user");
    router_.add(V::put, "/api/v1/users/{id}/password", "set password");
    router_.add(V::get, "/api/v1/programs/{program}/pairs/{pair}", "get pair");
  }
  // The name of the matched route, or "" when none.
  std::string name(Method method, std::string_view path) const {
    const auto m = router_.match(method, path);
    return m.route ? m.route->handler : std::string();
  }
  Router<std::string> router_;
};

TEST_F(RouterTest, MatchesLiteralPathsByMethod) {
  EXPECT_EQ(name(V::get, "/healthz"), "health");
  EXPECT_EQ(name(V::get, "/api/v1/users"), "list users");
  EXPECT_EQ(name(V::post, "/api/v1/users"), "create user");
}

TEST_F(RouterTest, CapturesPathParameters) {
  auto m = router_.match(V::get, "/api/v1/users/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->handler, "get user");
  EXPECT_EQ(m.route->pattern, "/api/v1/users/{id}");
  EXPECT_EQ(m.params, (PathParams{{"id", "42"}}));

  m = router_.match(V::put, "/api/v1/users/abc/password");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->handler, "set password");
  EXPECT_EQ(m.params.at("id"), "abc");  // validating the value is the handler's job

  m = router_.match(V::get, "/api/v1/programs/7/pairs/19");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params, (PathParams{{"program", "7"}, {"pair", "19"}}));
}

TEST_F(RouterTest, AKnownPathWithAnotherMethodIsFlaggedFor405) {
  for (auto [method, path] :
       {std::pair{V::delete_, "/api/v1/users/42"}, std::pair{V::put, "/api/v1/users"},
        std::pair{V::get, "/api/v1/users/42/password"}, std::pair{V::post, "/healthz"}}) {
    const auto m = router_.match(method, path);
    EXPECT_EQ(m.route, nullptr) << path;
    EXPECT_TRUE(m.path_exists) << path;
    EXPECT_TRUE(m.params.empty()) << path;
  }
}

TEST_F(RouterTest, UnknownPathsMatchNothing) {
  for (const char* path :
       {"/", "", "healthz", "/healthz/", "/HEALTHZ", "/api/v1/user", "/api/v1/users/",
        "/api/v1/users//password", "/api/v1/users/42/password/extra", "/api/v1/users/42/",
        "/api/v2/users", "/api/v1/programs/7/pairs", "//api/v1/users"}) {
    const auto m = router_.match(V::get, path);
    EXPECT_EQ(m.route, nullptr) << '"' << path << '"';
    EXPECT_FALSE(m.path_exists) << '"' << path << '"';
  }
}

TEST_F(RouterTest, ALiteralSegmentIsNotAParameter) {
  // "{}" and "{x" are literal text, not placeholders.
  Router<std::string> r;
  r.add(V::get, "/a/{}", "braces");
  r.add(V::get, "/b/{x", "half");
  EXPECT_EQ(r.match(V::get, "/a/{}").route->handler, "braces");
  EXPECT_EQ(r.match(V::get, "/a/1").route, nullptr);
  EXPECT_EQ(r.match(V::get, "/b/{x").route->handler, "half");
  EXPECT_EQ(r.match(V::get, "/b/1").route, nullptr);
}

TEST_F(RouterTest, ALiteralSegmentWinsOverAParameterWhateverTheOrder) {
  // Each capability adds its routes without knowing the others': the order cannot matter.
  for (bool literal_first : {true, false}) {
    SCOPED_TRACE(literal_first ? "literal added first" : "parameter added first");
    Router<std::string> r;
    if (literal_first) r.add(V::get, "/users/me", "me");
    r.add(V::get, "/users/{id}", "by id");
    r.add(V::get, "/users/{id}/roles/{role}", "role of");
    if (!literal_first) r.add(V::get, "/users/me", "me");
    r.add(V::get, "/users/{id}/roles/admin", "admin role of");
    EXPECT_EQ(r.match(V::get, "/users/me").route->handler, "me");
    EXPECT_EQ(r.match(V::get, "/users/5").route->handler, "by id");
    EXPECT_EQ(r.match(V::get, "/users/5").params.at("id"), "5");
    EXPECT_EQ(r.match(V::get, "/users/5/roles/admin").route->handler, "admin role of");
    EXPECT_EQ(r.match(V::get, "/users/5/roles/mentor").route->handler, "role of");
    // "me" is a literal for GET only: another method still sees the parameter route's path.
    EXPECT_TRUE(r.match(V::post, "/users/me").path_exists);
  }
}

TEST_F(RouterTest, ListsEveryRouteInOrder) {
  ASSERT_EQ(router_.routes().size(), 7u);
  EXPECT_EQ(router_.routes()[0].pattern, "/healthz");
  EXPECT_EQ(router_.routes()[4].method, V::patch);
  EXPECT_EQ(router_.routes()[4].pattern, "/api/v1/users/{id}");
}

}  // namespace
}  // namespace binome::http
