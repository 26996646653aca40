// The OpenAPI document and the service agree: every route the service answers is described,
// and every operation described is answered. Mismatches are listed by method and path.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "app/clock.hpp"
#include "app/services.hpp"
#include "http/service.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"

namespace binome::http {
namespace {

using Operation = std::pair<std::string, std::string>;  // ("GET", "/api/v1/users/{id}")

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string join(const std::set<Operation>& ops) {
  std::string out;
  for (const auto& [m, p] : ops) out += "\n  " + m + " " + p;
  return out;
}

class OpenApiCoverage : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ifstream in(BINOME_SOURCE_DIR "/docs/openapi.json");
    ASSERT_TRUE(in) << "cannot read docs/openapi.json";
    doc_ = nlohmann::json::parse(in, nullptr, false);
    ASSERT_FALSE(doc_.is_discarded()) << "docs/openapi.json is not valid JSON";
    ASSERT_TRUE(doc_.contains("paths") && doc_["paths"].is_object());

    // The real service, on a throwaway database: its router is what clients reach.
    auto db = store::open_database("sqlite::memory:");
    store::migrate(*db, 0);
    app::ManualClock clock(1'800'000'000'000);
    const app::Services services(*db, clock, {.password_hashing = {1, 8192}});
    const Service service(services, ServiceOptions{});
    for (const auto& op : service.routes()) {
      EXPECT_TRUE(served_.insert(op).second) << "added twice: " << op.first << " " << op.second;
    }
  }

  std::set<Operation> documented() const {
    static const std::set<std::string> kMethods = {"get",     "put",  "post",  "delete",
                                                   "options", "head", "patch", "trace"};
    std::set<Operation> ops;
    for (const auto& [path, item] : doc_.at("paths").items()) {
      for (const auto& [key, _] : item.items()) {
        if (kMethods.contains(key)) ops.emplace(upper(key), path);
      }
    }
    return ops;
  }

  nlohmann::json doc_;
  std::set<Operation> served_;
};

TEST_F(OpenApiCoverage, TheServiceAnswersExactlyTheDocumentedOperations) {
  // The two tests below list the differences either way; this one says they are the same set.
  EXPECT_EQ(served_, documented());
  EXPECT_TRUE(served_.contains({"POST", "/api/v1/auth/login"}));
}

TEST_F(OpenApiCoverage, EveryRouteOfTheServiceIsDocumented) {
  const auto doc = documented();
  std::set<Operation> undocumented;
  std::set_difference(served_.begin(), served_.end(), doc.begin(), doc.end(),
                      std::inserter(undocumented, undocumented.end()));
  EXPECT_TRUE(undocumented.empty())
      << "routes the service answers but docs/openapi.json does not describe:"
      << join(undocumented);
}

TEST_F(OpenApiCoverage, EveryDocumentedOperationIsServed) {
  const auto doc = documented();
  std::set<Operation> unserved;
  std::set_difference(doc.begin(), doc.end(), served_.begin(), served_.end(),
                      std::inserter(unserved, unserved.end()));
  EXPECT_TRUE(unserved.empty())
      << "operations docs/openapi.json describes but the service does not answer:"
      << join(unserved);
}

TEST_F(OpenApiCoverage, EveryPathParameterIsDeclared) {
  static const std::regex kParam(R"(\{([^}]+)\})");
  for (const auto& [method, path] : served_) {
    const auto& paths = doc_.at("paths");
    if (!paths.contains(path)) continue;  // reported by EveryRouteOfTheServiceIsDocumented
    const auto& item = paths.at(path);
    std::set<std::string> declared;
    auto collect = [&](const nlohmann::json& holder) {
      if (!holder.contains("parameters")) return;
      for (const auto& p : holder.at("parameters")) {
        if (p.value("in", "") == "path") declared.insert(p.value("name", ""));
      }
    };
    collect(item);
    std::string lower = method;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (item.contains(lower)) collect(item.at(lower));
    for (std::sregex_iterator it(path.begin(), path.end(), kParam), end; it != end; ++it) {
      EXPECT_TRUE(declared.contains((*it)[1].str()))
          << method << " " << path << ": path parameter '" << (*it)[1].str() << "' is not declared";
    }
  }
}

}  // namespace
}  // namespace binome::http
