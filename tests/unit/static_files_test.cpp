// Serving the built web application: content types, caching, the single-page-application
// fallback, and never a file outside the folder (traversal, encoded traversal, symbolic links).
#include "http/static_files.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace binome::http {
namespace {

namespace fs = std::filesystem;

constexpr const char* kIndex = "<!doctype html><title>Binôme</title>";
constexpr const char* kScript = "console.log('app');";
constexpr const char* kSecret = "TOP SECRET: salaries.csv";

void write(const fs::path& p, const std::string& content) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << content;
}

// <tmp>/web is the root; <tmp>/web-secrets sits beside it (a sibling whose name starts with
// the root's, to catch a string-prefix containment check).
class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("binome-static-" + std::to_string(std::random_device{}()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    root_ = base_ / "web";
    write(root_ / "index.html", kIndex);
    write(root_ / "assets" / "app-abc123.js", kScript);
    write(root_ / "assets" / "app-abc123.css", "body{}");
    write(root_ / "favicon.svg", "<svg/>");
    write(root_ / "robots.txt", "User-agent: *");
    write(root_ / "data.bin", "\x01\x02");
    secret_ = base_ / "web-secrets" / "secret.txt";
    write(secret_, kSecret);
    fs::create_symlink(secret_, root_ / "leak.txt");
    fs::create_directory_symlink(base_ / "web-secrets", root_ / "linked");
    fs::create_symlink(root_ / "index.html", root_ / "alias.html");  // inside: allowed
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(base_, ec);
  }

  // As the service does: percent-decode the path, then ask the static files.
  std::optional<Response> get(std::string_view raw_path, bool head = false) const {
    auto decoded = percent_decode(raw_path);
    if (!decoded) return std::nullopt;
    return StaticFiles(root_).serve(*decoded, head);
  }

  fs::path base_, root_, secret_;
};

std::string header(const Response& r, beast_http::field f) {
  return std::string(r[f]);
}

TEST_F(StaticFilesTest, ServesIndexForTheRootWithoutCaching) {
  for (const char* path : {"/", "/index.html"}) {
    auto r = get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->result(), beast_http::status::ok);
    EXPECT_EQ(r->body(), kIndex);
    EXPECT_EQ(header(*r, beast_http::field::content_type), "text/html; charset=utf-8");
    EXPECT_EQ(header(*r, beast_http::field::cache_control), "no-cache");
  }
}

TEST_F(StaticFilesTest, HashedAssetsAreCachedForeverWithTheirContentType) {
  auto js = get("/assets/app-abc123.js");
  ASSERT_TRUE(js);
  EXPECT_EQ(js->body(), kScript);
  EXPECT_EQ(header(*js, beast_http::field::content_type), "text/javascript; charset=utf-8");
  EXPECT_EQ(header(*js, beast_http::field::cache_control), "public, max-age=31536000, immutable");

  auto css = get("/assets/app-abc123.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(header(*css, beast_http::field::content_type), "text/css; charset=utf-8");
  EXPECT_EQ(header(*css, beast_http::field::cache_control), "public, max-age=31536000, immutable");
}

TEST_F(StaticFilesTest, OtherFilesAreRevalidatedAndTyped) {
  const std::pair<const char*, const char*> cases[] = {
      {"/favicon.svg", "image/svg+xml"},
      {"/robots.txt", "text/plain; charset=utf-8"},
      {"/data.bin", "application/octet-stream"},
  };
  for (auto [path, type] : cases) {
    auto r = get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(header(*r, beast_http::field::content_type), type) << path;
    EXPECT_EQ(header(*r, beast_http::field::cache_control), "no-cache") << path;
  }
}

TEST_F(StaticFilesTest, ClientSideRoutesGetIndexButMissingFilesGet404) {
  for (const char* path : {"/users", "/users/42", "/programs/3/pairs"}) {
    auto r = get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->body(), kIndex) << path;
    EXPECT_EQ(header(*r, beast_http::field::content_type), "text/html; charset=utf-8");
    EXPECT_EQ(header(*r, beast_http::field::cache_control), "no-cache") << path;
  }
  for (const char* path : {"/missing.js", "/assets/app-zzz999.js", "/users/photo.png", "/assets/"}) {
    EXPECT_FALSE(get(path)) << path;
  }
}

TEST_F(StaticFilesTest, APageRequestForARouteThatLooksLikeAFileGetsIndex) {
  // A bookmark of /directory/J.DUPONT: the browser asks for a page, not a script.
  auto page = StaticFiles(root_).serve("/directory/J.DUPONT", false, true);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body(), kIndex);
  EXPECT_FALSE(StaticFiles(root_).serve("/directory/J.DUPONT", false, false)) << "a script or image request gets 404";
  EXPECT_FALSE(StaticFiles(root_).serve("/assets/app-zzz999.js", false, true)) << "never index.html for a missing asset";
}

TEST_F(StaticFilesTest, HeadGivesTheLengthWithoutTheBody) {
  auto r = get("/assets/app-abc123.js", true);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->body().empty());
  EXPECT_EQ(header(*r, beast_http::field::content_length), std::to_string(std::strlen(kScript)));
}

TEST_F(StaticFilesTest, NeverServesAFileOutsideTheRoot) {
  const std::string abs = secret_.string();
  for (const std::string& path : std::vector<std::string>{
           "/../web-secrets/secret.txt", "/assets/../../web-secrets/secret.txt",
           "/%2e%2e/web-secrets/secret.txt", "/%2E%2E%2Fweb-secrets%2Fsecret.txt",
           "/assets/..%2f..%2fweb-secrets/secret.txt", "/..%5cweb-secrets%5csecret.txt", "/" + abs,
           "/%2F" + abs.substr(1), "/leak.txt", "/linked/secret.txt", "/assets/../leak.txt",
           "/./linked/./secret.txt"}) {
    auto r = get(path);
    if (r) {
      EXPECT_EQ(r->body().find("SECRET"), std::string::npos) << path << " served the secret";
    }
  }
  // The plain ones are refused outright rather than answered with index.html.
  for (const std::string& path :
       std::vector<std::string>{"/../web-secrets/secret.txt", "/%2e%2e/web-secrets/secret.txt",
                                "/" + abs, "/leak.txt", "/linked/secret.txt"}) {
    EXPECT_FALSE(get(path)) << path;
  }
}

TEST_F(StaticFilesTest, HiddenFilesAndFoldersAreNeverServed) {
  write(root_ / ".env", "SECRET=1");
  write(root_ / ".git" / "config", "[core]");
  write(root_ / "assets" / ".cache", "x");
  for (const char* path : {"/.env", "/.git/config", "/assets/.cache", "/%2eenv", "/assets/../.env"}) {
    if (auto r = get(path)) {
      EXPECT_EQ(r->body().find("SECRET"), std::string::npos) << path << " served a hidden file";
    }
  }
  for (const char* path : {"/.env", "/.git/config", "/assets/.cache"}) EXPECT_FALSE(get(path)) << path;
}

TEST_F(StaticFilesTest, ASymbolicLinkInsideTheRootIsFollowed) {
  auto r = get("/alias.html");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body(), kIndex);
}

TEST_F(StaticFilesTest, DotDotThatStaysInsideIsHarmless) {
  auto r = get("/assets/../index.html");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body(), kIndex);
}

TEST_F(StaticFilesTest, AnEmptyOrMissingRootServesNothing) {
  EXPECT_FALSE(StaticFiles("").serve("/", false));
  EXPECT_FALSE(StaticFiles("").serve("/index.html", false));
  EXPECT_FALSE(StaticFiles(base_ / "no-such-dir").serve("/", false));
  EXPECT_FALSE(StaticFiles(root_).serve("index.html", false)) << "a path must start with '/'";
  EXPECT_FALSE(StaticFiles(root_).serve("", false));
}

TEST(PercentDecode, DecodesEscapes) {
  EXPECT_EQ(percent_decode(""), "");
  EXPECT_EQ(percent_decode("/plain/path"), "/plain/path");
  EXPECT_EQ(percent_decode("%41"), "A");
  EXPECT_EQ(percent_decode("%4a%4A"), "JJ");
  EXPECT_EQ(percent_decode("%2F%2e%2E"), "/..");
  EXPECT_EQ(percent_decode("H%C3%A9l%C3%A8ne"), "Hélène");
  EXPECT_EQ(percent_decode("a+b"), "a+b");    // '+' is a space only in query strings
  EXPECT_EQ(percent_decode("%2541"), "%41");  // decoded once, not twice
  EXPECT_EQ(percent_decode("%20"), " ");
  EXPECT_EQ(percent_decode("x%41"), "xA");
}

TEST(PercentDecode, RefusesMalformedEscapesAndNul) {
  for (const char* s :
       {"%", "%4", "abc%", "abc%4", "%zz", "%G1", "%1G", "%-1", "% 1", "%00", "a%00b", "%%41"}) {
    EXPECT_EQ(percent_decode(s), std::nullopt) << '"' << s << '"';
  }
}

}  // namespace
}  // namespace binome::http
