// binome user add|passwd|list|enable|disable and binome token create|list|revoke.
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "core/time.hpp"

namespace binome::cli {

namespace {

// From a terminal: asked twice, without echo. Otherwise: the first line of standard input.
std::string read_password() {
  if (isatty(STDIN_FILENO)) {
    auto ask = [](const char* prompt) {
      std::cerr << prompt << std::flush;
      termios old{};
      tcgetattr(STDIN_FILENO, &old);
      termios quiet = old;
      quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
      tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
      std::string line;
      std::getline(std::cin, line);
      tcsetattr(STDIN_FILENO, TCSANOW, &old);
      std::cerr << "\n";
      return line;
    };
    std::string first = ask("Password: ");
    if (ask("Password again: ") != first) refuse(core::msg("operations.passwords_differ"));
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line) && line.empty()) refuse(core::msg("operations.no_password"));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::string roles_text(core::RoleSet roles) {
  std::string out;
  for (const auto& n : roles.names()) out += (out.empty() ? "" : ",") + n;
  return out;
}

struct UserAddOptions {
  std::string email;
  std::string name;
  std::vector<std::string> roles;
};
struct EmailOption {
  std::string email;
};
struct UserListOptions {
  bool json = false;
};
struct TokenCreateOptions {
  std::string email;
  std::string name;
};
struct TokenRevokeOptions {
  std::int64_t id = 0;
};

}  // namespace

void add_accounts_commands(CLI::App& app, Context& context) {
  auto* user = app.add_subcommand("user", "Manage accounts.")->require_subcommand(1);

  auto add = std::make_shared<UserAddOptions>();
  auto* user_add = user->add_subcommand("add", "Create an account; the password is read from standard input.");
  user_add->add_option("--email", add->email, "Login email")->required();
  user_add->add_option("--name", add->name, "Full name")->required();
  user_add->add_option("--role", add->roles, "admin, mentor, mentee or sponsor (repeat for several)")
      ->required()->take_all();
  context.on(user_add, [&context, add] {
    const auto& accounts = context.open().accounts;
    const std::string password = read_password();
    auto u = value_or_refuse(accounts.create_user(context.caller, {add->email, add->name, add->roles, password}));
    fmt::print("created user {} <{}> with id {}\n", u.name, u.email, u.id);
    return 0;
  });

  auto passwd = std::make_shared<EmailOption>();
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password, read from standard input.");
  user_passwd->add_option("--email", passwd->email, "The user's email")->required();
  context.on(user_passwd, [&context, passwd] {
    const auto& accounts = context.open().accounts;
    auto u = value_or_refuse(accounts.get_user_by_email(context.caller, passwd->email));
    const std::string password = read_password();
    value_or_refuse(accounts.set_password(context.caller, u.id, password));
    fmt::print("password of {} changed; their sessions have ended\n", u.email);
    return 0;
  });

  auto list = std::make_shared<UserListOptions>();
  auto* user_list = user->add_subcommand("list", "List accounts.");
  user_list->add_flag("--json", list->json, "One JSON object per line");
  context.on(user_list, [&context, list] {
    const auto& accounts = context.open().accounts;
    core::UserQuery query;
    query.page.limit = 1000;
    for (query.page.offset = 0;; query.page.offset += query.page.limit) {
      auto page = value_or_refuse(accounts.list_users(context.caller, query));
      for (const auto& u : page.items) {
        if (list->json) {
          print_json_line({{"id", u.id}, {"email", u.email}, {"name", u.name}, {"roles", u.roles.names()},
                           {"active", u.active}, {"created_at", core::format_iso8601(u.created_at)}});
        } else {
          fmt::print("{}\t{}\t{}\t{}\t{}\n", u.id, u.email, u.name, roles_text(u.roles), u.active ? "active" : "disabled");
        }
      }
      if (query.page.offset + query.page.limit >= page.total) break;
    }
    return 0;
  });

  for (bool enable : {false, true}) {
    auto who = std::make_shared<EmailOption>();
    auto* cmd = user->add_subcommand(enable ? "enable" : "disable",
                                     enable ? "Re-enable an account." : "Disable an account and end its sessions.");
    cmd->add_option("--email", who->email, "The user's email")->required();
    context.on(cmd, [&context, who, enable] {
      const auto& accounts = context.open().accounts;
      auto u = value_or_refuse(accounts.get_user_by_email(context.caller, who->email));
      app::UserChanges changes;
      changes.active = enable;
      value_or_refuse(accounts.update_user(context.caller, u.id, changes));
      fmt::print("{} {}\n", u.email, enable ? "enabled" : "disabled; their sessions have ended");
      return 0;
    });
  }

  auto* token = app.add_subcommand("token", "Manage API tokens for integrations.")->require_subcommand(1);
  auto create = std::make_shared<TokenCreateOptions>();
  auto* token_create = token->add_subcommand("create", "Create a token acting as a user; printed once.");
  token_create->add_option("--email", create->email, "The user the token acts as")->required();
  token_create->add_option("--name", create->name, "A label, e.g. the integration's name")->required();
  context.on(token_create, [&context, create] {
    auto t = value_or_refuse(context.open().accounts.create_token(context.caller, create->email, create->name));
    std::cerr << "token " << t.id << " created; it is shown only now:\n";
    fmt::print("{}\n", t.token);
    return 0;
  });
  auto* token_list = token->add_subcommand("list", "List tokens (never their secret).");
  context.on(token_list, [&context] {
    for (const auto& t : value_or_refuse(context.open().accounts.list_tokens(context.caller))) {
      fmt::print("{}\t{}\t{}\tcreated {}\t{}\n", t.id, t.user_email, t.name, core::format_iso8601(t.created_at),
                 t.revoked_at ? "revoked " + core::format_iso8601(*t.revoked_at) : "active");
    }
    return 0;
  });
  auto revoke = std::make_shared<TokenRevokeOptions>();
  auto* token_revoke = token->add_subcommand("revoke", "Revoke a token.");
  token_revoke->add_option("--id", revoke->id, "The token's id (see token list)")->required();
  context.on(token_revoke, [&context, revoke] {
    value_or_refuse(context.open().accounts.revoke_token(context.caller, revoke->id));
    fmt::print("token {} revoked\n", revoke->id);
    return 0;
  });
}

}  // namespace binome::cli
