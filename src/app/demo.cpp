#include "app/demo.hpp"

#include <stdexcept>

namespace binome::app {

std::vector<DemoLogin> create_demo(const Accounts& accounts, const Caller& who) {
  struct Person {
    const char* role;
    const char* email;
    const char* name;
  };
  // A program manager, a young digital talent, a senior banker and an executive sponsor.
  static const Person kPeople[] = {
      {"admin", "admin@demo.example", "Claire Morel"},
      {"mentor", "mentor@demo.example", "Yanis Benali"},
      {"mentee", "mentee@demo.example", "Bernard Lefèvre"},
      {"sponsor", "sponsor@demo.example", "Hélène Dubois-Martin"},
  };
  std::vector<DemoLogin> logins;
  for (const Person& p : kPeople) {
    if (!accounts.get_user_by_email(who, p.email)) {
      auto created = accounts.create_user(who, {p.email, p.name, {p.role}, kDemoPassword});
      if (!created) throw std::runtime_error("demo account " + std::string(p.email) + ": " + created.error().message);
    }
    logins.push_back({p.role, p.email, kDemoPassword});
  }
  return logins;
}

}  // namespace binome::app
