#include "core/message.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/messages.hpp"

namespace binome::core {

namespace {

// French typography: a narrow no-break space groups thousands and sits inside « ».
constexpr std::string_view kNarrowNbsp = "\u202F";

std::string grouped(std::int64_t value, Language language) {
  const std::string digits = std::to_string(value < 0 ? -static_cast<std::uint64_t>(value)
                                                      : static_cast<std::uint64_t>(value));
  const std::string_view separator = language == Language::kFrench ? kNarrowNbsp : ",";
  std::string out = value < 0 ? "-" : "";
  // Four digits stay together ("1024 bytes", "2026"), as both languages' style guides allow.
  const bool group = digits.size() > 4;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (group && i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  return out;
}

std::string decimal(double value, Language language) {
  std::string out = fmt::format("{}", value);
  if (language == Language::kFrench) {
    for (char& c : out) {
      if (c == '.') c = ',';
    }
  }
  return out;
}

std::string quote(const std::string& value, Language language) {
  if (language == Language::kFrench) {
    return "«" + std::string(kNarrowNbsp) + value + std::string(kNarrowNbsp) + "»";
  }
  return "'" + value + "'";
}

std::string param_text(const Param& p, Language language) {
  switch (p.kind) {
    case Param::Kind::kText: return p.texts.empty() ? std::string() : p.texts.front();
    case Param::Kind::kQuoted: return quote(p.texts.empty() ? std::string() : p.texts.front(), language);
    case Param::Kind::kQuotedList: {
      std::string out;
      for (const auto& t : p.texts) out += (out.empty() ? "" : ", ") + quote(t, language);
      return out;
    }
    case Param::Kind::kCount: return grouped(static_cast<std::int64_t>(p.number), language);
    case Param::Kind::kNumber: return decimal(p.number, language);
    case Param::Kind::kMessage:
    case Param::Kind::kMessageList: {
      std::string out;
      // French puts a no-break space before a separator that is a colon or a semicolon.
      const std::string separator = language == Language::kFrench && !p.separator.empty() && p.separator[0] == ';'
                                        ? std::string(kNarrowNbsp) + p.separator
                                        : p.separator;
      for (const auto& m : p.messages) out += (out.empty() ? "" : separator) + render(*m, language);
      return out;
    }
  }
  return {};
}

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

bool Param::operator==(const Param& other) const {
  if (name != other.name || kind != other.kind || texts != other.texts || number != other.number ||
      separator != other.separator || messages.size() != other.messages.size()) {
    return false;
  }
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (!(*messages[i] == *other.messages[i])) return false;
  }
  return true;
}

Param text(std::string name, std::string value) {
  return {std::move(name), Param::Kind::kText, {std::move(value)}, 0, {}};
}
Param quoted(std::string name, std::string value) {
  return {std::move(name), Param::Kind::kQuoted, {std::move(value)}, 0, {}};
}
Param quoted_list(std::string name, std::vector<std::string> values) {
  return {std::move(name), Param::Kind::kQuotedList, std::move(values), 0, {}};
}
Param count(std::string name, std::int64_t value) {
  return {std::move(name), Param::Kind::kCount, {}, static_cast<double>(value), {}};
}
Param number(std::string name, double value) {
  return {std::move(name), Param::Kind::kNumber, {}, value, {}};
}
Param nested(std::string name, Message value) {
  return {std::move(name), Param::Kind::kMessage, {}, 0,
          {std::make_shared<const Message>(std::move(value))}};
}
Param nested_list(std::string name, std::vector<Message> values, std::string separator) {
  Param p{std::move(name), Param::Kind::kMessageList, {}, 0, {}, std::move(separator)};
  for (auto& v : values) p.messages.push_back(std::make_shared<const Message>(std::move(v)));
  return p;
}

std::string render(const Message& message, Language language) {
  const MessageText* entry = find_message_text(message.key());
  if (entry == nullptr) return message.key();
  const std::string_view pattern = language == Language::kFrench ? entry->french : entry->english;
  std::string out;
  out.reserve(pattern.size() + 16);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      std::size_t end = i + 1;
      while (end < pattern.size() && is_name_char(pattern[end])) ++end;
      if (end < pattern.size() && pattern[end] == '}' && end > i + 1) {
        const std::string_view name = pattern.substr(i + 1, end - i - 1);
        const Param* found = nullptr;
        for (const Param& p : message.params()) {
          if (p.name == name) found = &p;
        }
        // A parameter the caller did not give stays visible rather than vanishing.
        out += found ? param_text(*found, language) : std::string(pattern.substr(i, end - i + 1));
        i = end;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

std::string_view language_code(Language language) {
  return language == Language::kFrench ? "fr" : "en";
}

}  // namespace binome::core
