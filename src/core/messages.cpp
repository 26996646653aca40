#include "core/messages.hpp"

#include <algorithm>
#include <unordered_map>

namespace binome::core {

namespace {

struct Catalogue {
  std::vector<MessageText> entries;
  std::unordered_map<std::string_view, const MessageText*> by_key;
};

const Catalogue& catalogue() {
  // Built once, on first use (thread-safe static initialisation).
  static const Catalogue kCatalogue = [] {
    Catalogue c;
    // One line per capability.
    for (auto part : {error_messages(), accounts_messages(), audit_messages(), directory_messages(),
                      matching_messages(), operations_messages(), jobs_messages(), mail_messages(),
                      programs_messages(), taxonomy_messages()}) {
      c.entries.insert(c.entries.end(), part.begin(), part.end());
    }
    for (const MessageText& e : c.entries) c.by_key.emplace(e.key, &e);
    return c;
  }();
  return kCatalogue;
}

}  // namespace

const MessageText* find_message_text(std::string_view key) {
  const auto& by_key = catalogue().by_key;
  const auto it = by_key.find(key);
  return it == by_key.end() ? nullptr : it->second;
}

const std::vector<MessageText>& all_message_texts() { return catalogue().entries; }

}  // namespace binome::core
