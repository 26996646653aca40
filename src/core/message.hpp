// A sentence for people, kept as a catalogue key and its parameters until it is shown, so that
// it is worded in the reader's language (French or English) only then: by the HTTP layer from
// Accept-Language, by the command line from LANG. The texts live in the catalogue
// (core/messages.hpp); a unit test checks that every key used in src/ has both languages.
//
//   core::msg("accounts.name_too_long", {core::count("max", 200)})
//   render(m, Language::kFrench)  // "doit comporter au plus 200 octets"
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace binome::core {

enum class Language : std::uint8_t { kEnglish, kFrench };

class Message;

// One parameter of a message, placed where the text says `{name}`. Its kind says how it is
// written in each language.
struct Param {
  enum class Kind : std::uint8_t {
    kText,         // as is: an identifier, a code, a place in a file ("profiles.M1.skills")
    kQuoted,       // a value the user gave: 'x' in English, « x » in French
    kQuotedList,   // several: 'a', 'b' / « a », « b »
    kCount,        // a whole number with thousands grouped: 12,345 / 12 345
    kNumber,       // a decimal number: 1.5 / 1,5
    kMessage,      // another message, worded in the same language
    kMessageList,  // several messages, joined with `separator`
  };
  std::string name;
  Kind kind = Kind::kText;
  std::vector<std::string> texts;  // one for kText and kQuoted; any number for kQuotedList
  double number = 0;
  std::vector<std::shared_ptr<const Message>> messages;
  std::string separator = "; ";
  bool operator==(const Param& other) const;
};

Param text(std::string name, std::string value);
Param quoted(std::string name, std::string value);
Param quoted_list(std::string name, std::vector<std::string> values);
Param count(std::string name, std::int64_t value);
template <typename T>
  requires(std::is_integral_v<T> && !std::is_same_v<T, std::int64_t> && !std::is_same_v<T, bool>)
Param count(std::string name, T value) {
  return count(std::move(name), static_cast<std::int64_t>(value));
}
Param number(std::string name, double value);
Param nested(std::string name, Message value);
Param nested_list(std::string name, std::vector<Message> values, std::string separator = "; ");

class Message {
 public:
  Message() = default;
  // `key` names a catalogue entry ("accounts.name_required").
  explicit Message(std::string key, std::vector<Param> params = {})
      : key_(std::move(key)), params_(std::move(params)) {}

  const std::string& key() const { return key_; }
  const std::vector<Param>& params() const { return params_; }
  bool empty() const { return key_.empty(); }
  bool operator==(const Message&) const = default;

 private:
  std::string key_;
  std::vector<Param> params_;
};

inline Message msg(std::string key, std::vector<Param> params = {}) {
  return Message(std::move(key), std::move(params));
}

// The message worded in `language`. An unknown key is written as the key itself (never in a
// release: the catalogue test fails first).
std::string render(const Message& message, Language language);
inline std::string english(const Message& message) { return render(message, Language::kEnglish); }

// "fr" or "en".
std::string_view language_code(Language language);

}  // namespace binome::core
