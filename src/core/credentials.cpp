#include "core/credentials.hpp"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>

namespace binome::core {

namespace {
std::size_t code_points(std::string_view s) {
  // Continuation bytes are 10xxxxxx; every other byte starts a code point.
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}
// Words at the heart of the passwords people choose most (leaked-password lists, in English and
// French), lower case, without accents or digits: a password made of one of them and digits or
// symbols ("Password1234!", "Azerty2026", "m0tdepasse") is guessed in the first minutes.
constexpr std::string_view kCommonWords[] = {
    "abc", "access", "admin", "administrateur", "administrator", "amour", "angel", "azerty", "baby",
    "banque", "batman", "bienvenue", "bonjour", "buster", "changeme", "charlie", "chocolat",
    "computer", "dragon", "football", "freedom", "hello", "iloveyou", "jesus", "jetaime", "killer",
    "letmein", "login", "loulou", "love", "marseille", "master", "michael", "monkey", "motdepasse",
    "mustang", "nicolas", "ninja", "pass", "passe", "passw", "passwd", "password", "passpass",
    "pokemon", "princess", "qwerty", "qwertz", "secret", "shadow", "soleil", "sunshine",
    "superman", "test", "trustno", "user", "utilisateur", "welcome", "whatever", "xxx", "zaq",
};

// Keyboard rows (QWERTY and AZERTY) and the alphabet: letters that run along one of them, either
// way, four or more, are a walk, not a choice.
constexpr std::string_view kLetterRows[] = {
    "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn",
};

bool is_walk(std::string_view letters) {
  if (letters.size() < 4) return false;
  return std::any_of(std::begin(kLetterRows), std::end(kLetterRows), [&](std::string_view row) {
    return row.find(letters) != std::string_view::npos ||
           std::search(row.rbegin(), row.rend(), letters.begin(), letters.end()) != row.rend();
  });
}

// The password as a guesser sees it: ASCII lower case, common digit-for-letter swaps undone.
std::string guessable_form(std::string_view password) {
  std::string out;
  out.reserve(password.size());
  for (const char ch : password) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    switch (c) {
      case '0': c = 'o'; break;
      case '1': case '!': c = 'i'; break;
      case '3': c = 'e'; break;
      case '4': case '@': c = 'a'; break;
      case '5': case '$': c = 's'; break;
      case '7': c = 't'; break;
      default: break;
    }
    out += c;
  }
  return out;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (static_cast<unsigned char>(c) & 0x80U) != 0; }

}  // namespace

bool is_easily_guessed(std::string_view password) {
  // Few different characters ("aaaaaaaaaaaa", twelve spaces, "abababababab").
  std::string distinct(password);
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (distinct.size() <= 3) return true;
  // Digits and symbols only, with no letter at all ("123456789012", "2026-12-01!!").
  std::string lower;
  for (const char ch : password) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (std::none_of(lower.begin(), lower.end(), is_letter)) return true;
  // A keyboard or alphabet walk, possibly with digits around it.
  std::string letters;
  for (const char c : lower) {
    if (is_letter(c)) letters += c;
  }
  if (is_walk(letters) && letters.size() * 2 >= lower.size()) return true;
  // A common word padded with digits and symbols: what is left once they are removed from both
  // ends, with the digit-for-letter swaps undone inside it ("P@ssw0rd2026!" is "password").
  std::size_t begin = 0;
  std::size_t end = lower.size();
  while (begin < end && !is_letter(lower[begin])) ++begin;
  while (end > begin && !is_letter(lower[end - 1])) --end;
  const std::string core = guessable_form(std::string_view(lower).substr(begin, end - begin));
  for (std::string_view word : kCommonWords) {
    if (core == word) return true;
    // The word repeated ("passpasspass", "soleilsoleil").
    if (core.size() > word.size() && core.size() % word.size() == 0) {
      bool repeated = true;
      for (std::size_t k = 0; k < core.size() && repeated; k += word.size()) repeated = core.compare(k, word.size(), word) == 0;
      if (repeated) return true;
    }
  }
  return false;
}

std::optional<Message> password_problem(std::string_view password) {
  if (password.size() > kMaxPasswordBytes) {
    return msg("accounts.password_too_long", {count("max", kMaxPasswordBytes)});
  }
  if (code_points(password) < kMinPasswordLength) {
    return msg("accounts.password_too_short", {count("min", kMinPasswordLength)});
  }
  if (is_easily_guessed(password)) return msg("accounts.password_common");
  return std::nullopt;
}

std::string normalize_email(std::string_view email) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!email.empty() && is_space(email.front())) email.remove_prefix(1);
  while (!email.empty() && is_space(email.back())) email.remove_suffix(1);
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

bool is_valid_email(std::string_view e) {
  if (e.empty() || e.size() > 254) return false;
  const auto at = e.find('@');
  if (at == std::string_view::npos || at == 0 || e.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  for (char c : e) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F || c == '<' || c == '>' || c == ',' || c == ';' || c == '"') {
      return false;
    }
  }
  const std::string_view domain = e.substr(at + 1);
  const auto dot = domain.find('.');
  return dot != std::string_view::npos && dot != 0 && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

}  // namespace binome::core
