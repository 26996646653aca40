// The message catalogue: every sentence the server says to people, in English and in French,
// by key. One file per capability in core/messages/, each listed once in messages.cpp.
//
// Texts place parameters as `{name}` (see core/message.hpp for how each kind is written).
// French follows French typography: a no-break space before ":" and a narrow one before ";",
// "?" and "!", typographic apostrophes (’), and quoted values in « » (the Param kind does it).
// English field messages follow the field's name ("email is not a valid email address"), and
// so do the French ones ("email n’est pas une adresse e-mail valide").
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace binome::core {

struct MessageText {
  std::string_view key;
  std::string_view english;
  std::string_view french;
};

// The entry for `key`, or null.
const MessageText* find_message_text(std::string_view key);
// Every entry of every catalogue (for the catalogue's tests).
const std::vector<MessageText>& all_message_texts();

// The catalogues, one per capability (core/messages/<capability>.cpp).
std::span<const MessageText> error_messages();
std::span<const MessageText> accounts_messages();
std::span<const MessageText> audit_messages();
std::span<const MessageText> directory_messages();
std::span<const MessageText> matching_messages();
std::span<const MessageText> operations_messages();
std::span<const MessageText> jobs_messages();
std::span<const MessageText> mail_messages();
std::span<const MessageText> programs_messages();
std::span<const MessageText> taxonomy_messages();

}  // namespace binome::core
