// JsonWriter writes what nlohmann::json would (the API's lists and the access log use it):
// escapes, text that is not UTF-8 replaced the same way, numbers, nesting and commas.
#include "http/json_writer.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>

namespace binome::http {
namespace {

std::string nlohmann_text(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ours(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

RC_GTEST_PROP(JsonWriter, AnyBytesAreWrittenAsNlohmannWritesThem, (const std::string& bytes)) {
  RC_ASSERT(ours(bytes) == nlohmann_text(bytes));
}

// Mostly bytes of multi-byte sequences, valid or not: where the replacements are decided.
RC_GTEST_PROP(JsonWriter, BrokenSequencesAreReplacedAsNlohmannReplacesThem, ()) {
  const auto bytes = *rc::gen::container<std::string>(
      rc::gen::weightedOneOf<char>({{1, rc::gen::inRange<char>('a', 'c')},
                                    {6, rc::gen::map(rc::gen::inRange<int>(0x80, 0x100), [](int b) { return static_cast<char>(b); })}}));
  RC_ASSERT(ours(bytes) == nlohmann_text(bytes));
}

TEST(JsonWriter, EscapesAndReplacementsAreNlohmanns) {
  for (const std::string& s : {std::string("plain"), std::string("quote \" and \\ backslash"), std::string("\n\r\t\b\f\x01\x1f"),
                              std::string("é € 😀 U+2028\u2028"), std::string("bad \xC3( and \xFF\xFE and \xED\xA0\x80 surrogate"),
                              std::string("overlong \xC0\xAF \xE0\x80\xAF"), std::string("cut \xE2\x82"), std::string("\0nul", 4)}) {
    EXPECT_EQ(ours(s), nlohmann_text(s)) << s;
  }
}

TEST(JsonWriter, WritesObjectsArraysAndNumbersWithTheirCommas) {
  JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (int i = 0; i < 2; ++i) w.begin_object().key("id").value(i).key("ok").value(i == 1).end_object();
  w.end_array().key("total").value(std::int64_t{2}).key("none").null().key("empty").value_or_null("");
  w.key("ratio").value(0.25).key("whole").value(12.0).key("list").begin_array().value("a").value("b").end_array();
  w.key("raw").raw(R"({"x":1})").end_object();
  const std::string text = std::move(w).text();
  EXPECT_EQ(text, R"({"items":[{"id":0,"ok":false},{"id":1,"ok":true}],"total":2,"none":null,"empty":null,)"
                  R"("ratio":0.25,"whole":12.0,"list":["a","b"],"raw":{"x":1}})");
  EXPECT_EQ(nlohmann::json::parse(text).at("ratio"), 0.25);
}

}  // namespace
}  // namespace binome::http
