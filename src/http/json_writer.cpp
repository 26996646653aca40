#include "http/json_writer.hpp"

#include <fmt/format.h>

#include <cmath>

namespace binome::http {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// At s[i] (not ASCII): how many bytes a valid UTF-8 sequence there takes, or, when there is
// none, the negative length of its maximal subpart: the longest start of a valid sequence,
// replaced by one U+FFFD (the Unicode Standard's practice, and nlohmann::json's).
int utf8_sequence(std::string_view s, std::size_t i) {
  const auto c = static_cast<unsigned char>(s[i]);
  int need = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lo = 0xA0;  // overlong otherwise
    if (c == 0xED) hi = 0x9F;  // surrogates otherwise
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lo = 0x90;  // overlong otherwise
    if (c == 0xF4) hi = 0x8F;  // above U+10FFFF otherwise
  } else {
    return -1;
  }
  for (int k = 1; k <= need; ++k) {
    const std::size_t at = i + static_cast<std::size_t>(k);
    if (at >= s.size()) return -k;
    const auto b = static_cast<unsigned char>(s[at]);
    if (k == 1 ? (b < lo || b > hi) : (b < 0x80 || b > 0xBF)) return -k;
  }
  return need + 1;
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Most text is plain ASCII: append it a run at a time.
    std::size_t run = i;
    while (run < text.size()) {
      const auto b = static_cast<unsigned char>(text[run]);
      if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
      ++run;
    }
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) break;
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; ++i; continue;
      case '\\': out += "\\\\"; ++i; continue;
      case '\n': out += "\\n"; ++i; continue;
      case '\r': out += "\\r"; ++i; continue;
      case '\t': out += "\\t"; ++i; continue;
      case '\b': out += "\\b"; ++i; continue;
      case '\f': out += "\\f"; ++i; continue;
      default: break;
    }
    if (c < 0x20) {
      out += fmt::format("\\u{:04x}", c);
      ++i;
      continue;
    }
    const int n = utf8_sequence(text, i);
    if (n < 0) {
      out += kReplacement;
      i += static_cast<std::size_t>(-n);
      continue;
    }
    out.append(text.data() + i, static_cast<std::size_t>(n));
    i += static_cast<std::size_t>(n);
  }
  out += '"';
}

void JsonWriter::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::begin_object() {
  separate();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  out_ += '}';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  separate();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  out_ += ']';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  separate();
  append_json_string(out_, name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  append_json_string(out_, text);
  return *this;
}

JsonWriter& JsonWriter::value(bool b) {
  separate();
  out_ += b ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t n) {
  separate();
  fmt::format_to(std::back_inserter(out_), "{}", n);
  return *this;
}

JsonWriter& JsonWriter::value(std::uint64_t n) {
  separate();
  fmt::format_to(std::back_inserter(out_), "{}", n);
  return *this;
}

JsonWriter& JsonWriter::value(double x) {
  separate();
  if (!std::isfinite(x)) {
    out_ += "null";  // as nlohmann writes NaN and infinities
  } else if (x == std::floor(x) && std::abs(x) < 1e15) {
    fmt::format_to(std::back_inserter(out_), "{:.1f}", x);  // 12.0, as nlohmann writes it
  } else {
    fmt::format_to(std::back_inserter(out_), "{}", x);
  }
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::value_or_null(std::string_view text) { return text.empty() ? null() : value(text); }

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

}  // namespace binome::http
