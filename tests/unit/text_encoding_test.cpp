// Text at the edge: UTF-8 validation with the offset of the first bad byte, and Windows-1252
// (what French Excel writes) to UTF-8.
#include "io/text_encoding.hpp"

#include <gtest/gtest.h>
#include <iconv.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cstdint>
#include <set>
#include <string>

namespace binome::io {
namespace {

using namespace std::string_literals;

TEST(Utf8, ValidTextHasNoInvalidOffset) {
  for (const std::string& s :
       {""s, "plain ASCII"s, "a\0b"s, "Hélène"s, "€"s, "\xF0\x9F\x98\x80"s /* 😀 */, "\x7F"s,
        "\xC2\x80"s /* U+0080 */, "\xDF\xBF"s /* U+07FF */, "\xE0\xA0\x80"s /* U+0800 */,
        "\xED\x9F\xBF"s /* U+D7FF */, "\xEE\x80\x80"s /* U+E000 */, "\xEF\xBF\xBF"s /* U+FFFF */,
        "\xF0\x90\x80\x80"s /* U+10000 */, "\xF4\x8F\xBF\xBF"s /* U+10FFFF */}) {
    EXPECT_EQ(first_invalid_utf8(s), std::nullopt) << s;
    EXPECT_TRUE(is_valid_utf8(s));
  }
}

struct Invalid {
  const char* what;
  std::string text;
  std::size_t offset;
};

TEST(Utf8, InvalidSequencesAreReportedAtTheirFirstByte) {
  const Invalid cases[] = {
      {"lone continuation byte", "ab\x80", 2},
      {"0xFF never appears", "\xFF", 0},
      {"0xFE never appears", "ok\xFE", 2},
      {"overlong 2-byte slash", "x\xC0\xAF", 1},
      {"overlong 2-byte (C1)", "\xC1\xBF", 0},
      {"overlong 3-byte", "\xE0\x80\xAF", 0},
      {"overlong 3-byte U+07FF", "\xE0\x9F\xBF", 0},
      {"overlong 4-byte", "\xF0\x80\x80\xAF", 0},
      {"overlong 4-byte U+FFFF", "\xF0\x8F\xBF\xBF", 0},
      {"high surrogate", "é\xED\xA0\x80", 2},
      {"low surrogate", "\xED\xBF\xBF", 0},
      {"above U+10FFFF", "\xF4\x90\x80\x80", 0},
      {"5-byte lead", "\xF8\x88\x80\x80\x80", 0},
      {"F5 lead", "\xF5\x80\x80\x80", 0},
      {"truncated 2-byte at end", "Hélè\xC3", 6},
      {"truncated 3-byte at end", "abc\xE2\x82", 3},
      {"truncated 4-byte at end", "\xF0\x9F\x98", 0},
      {"lead followed by ASCII", "\xC3(", 0},
      {"3-byte with bad third byte", "\xE2\x82(", 0},
      {"valid then invalid then valid", "€€\x80€", 6},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(first_invalid_utf8(c.text), c.offset) << c.what;
    EXPECT_FALSE(is_valid_utf8(c.text)) << c.what;
  }
}

// Encodes one code point; the test's own encoder, independent of the one under test.
std::string encode(std::uint32_t cp) {
  std::string out;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

TEST(Utf8, EveryScalarValueIsValidAndEverySurrogateIsNot) {
  for (std::uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x30000 ? 1 : 97)) {
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    EXPECT_EQ(is_valid_utf8(encode(cp)), !surrogate) << std::hex << cp;
  }
  EXPECT_TRUE(is_valid_utf8(encode(0x10FFFF)));
}

RC_GTEST_PROP(Utf8, OffsetPointsAtTheFirstBadSequence, ()) {
  // A valid prefix, then garbage: the offset is never inside the valid prefix.
  const auto cps = *rc::gen::container<std::vector<std::uint32_t>>(
      rc::gen::suchThat(rc::gen::inRange<std::uint32_t>(0, 0x110000),
                        [](std::uint32_t cp) { return cp < 0xD800 || cp > 0xDFFF; }));
  std::string prefix;
  for (auto cp : cps) prefix += encode(cp);
  RC_ASSERT(is_valid_utf8(prefix));
  const std::string bad = *rc::gen::element<std::string>("\x80", "\xFF", "\xC0\x80", "\xED\xA0\x80",
                                                         "\xF4\x90\x80\x80", "\xE2\x82");
  RC_ASSERT(first_invalid_utf8(prefix + bad) == prefix.size());
}

TEST(Windows1252, FrenchTextConvertsToUtf8) {
  EXPECT_EQ(windows1252_to_utf8("\xE9"), "é");
  EXPECT_EQ(windows1252_to_utf8("\x80"), "€");
  EXPECT_EQ(windows1252_to_utf8("\x9C"), "œ");
  EXPECT_EQ(windows1252_to_utf8("\x8C"), "Œ");
  EXPECT_EQ(windows1252_to_utf8("\x92"), "’");  // the apostrophe Word and Excel insert
  EXPECT_EQ(windows1252_to_utf8("H\xE9l\xE8ne;C\x9Cur;100\x80"), "Hélène;Cœur;100€");
  EXPECT_EQ(windows1252_to_utf8("plain; ASCII\r\n"), "plain; ASCII\r\n");
  EXPECT_EQ(windows1252_to_utf8(""), "");
}

TEST(Windows1252, UndefinedBytesBecomeTheC1ControlOfTheSameNumber) {
  for (int b : {0x81, 0x8D, 0x8F, 0x90, 0x9D}) {
    EXPECT_EQ(windows1252_to_utf8(std::string(1, static_cast<char>(b))),
              encode(static_cast<std::uint32_t>(b)))
        << b;
  }
}

// glibc's iconv is an independent oracle for the 251 bytes that Windows-1252 defines.
TEST(Windows1252, AgreesWithIconvOnEveryDefinedByte) {
  iconv_t cd = iconv_open("UTF-8", "CP1252");
  ASSERT_NE(cd, reinterpret_cast<iconv_t>(-1)) << "iconv has no CP1252";
  int compared = 0;
  for (int b = 0; b < 256; ++b) {
    char in[1] = {static_cast<char>(b)};
    char out[8] = {};
    char* inp = in;
    char* outp = out;
    std::size_t inleft = 1;
    std::size_t outleft = sizeof out;
    iconv(cd, nullptr, nullptr, nullptr, nullptr);
    if (iconv(cd, &inp, &inleft, &outp, &outleft) == static_cast<std::size_t>(-1)) continue;
    const std::string expected(out, sizeof out - outleft);
    EXPECT_EQ(windows1252_to_utf8(std::string(in, 1)), expected) << "byte " << b;
    ++compared;
  }
  iconv_close(cd);
  EXPECT_GE(compared, 251);
}

TEST(Windows1252, DistinctBytesGiveDistinctCharacters) {
  std::set<std::string> seen;
  for (int b = 0; b < 256; ++b)
    seen.insert(windows1252_to_utf8(std::string(1, static_cast<char>(b))));
  EXPECT_EQ(seen.size(), 256u);
}

std::size_t code_points(const std::string& utf8) {
  std::size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

RC_GTEST_PROP(Windows1252, EveryByteStringConvertsToValidUtf8, (const std::string& text)) {
  const std::string out = windows1252_to_utf8(text);
  RC_ASSERT(is_valid_utf8(out));
  RC_ASSERT(code_points(out) == text.size());  // one character per byte
  // Conversion works byte by byte: it commutes with concatenation.
  const auto cut = *rc::gen::inRange<std::size_t>(0, text.size() + 1);
  RC_ASSERT(windows1252_to_utf8(text.substr(0, cut)) + windows1252_to_utf8(text.substr(cut)) ==
            out);
}

}  // namespace
}  // namespace binome::io
