#include "cli/commands.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <pwd.h>
#include <spdlog/spdlog.h>
#include <termios.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <cerrno>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/demo.hpp"
#include "app/demo_bank.hpp"
#include "app/matching.hpp"
#include "app/people.hpp"
#include "core/time.hpp"
#include "http/json_mapping.hpp"
#include "http/logging.hpp"
#include "http/matching_json.hpp"
#include "http/rematch_json.hpp"
#include "http/server.hpp"
#include "http/service.hpp"
#include "store/migrations.hpp"
#include "store/sql.hpp"

namespace binome::cli {

namespace {

constexpr int kRefused = 1;
constexpr int kUsage = 2;
constexpr int kInfrastructure = 3;

// Reported on stderr; exits with kRefused.
struct Refusal {
  std::string message;
};

std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
  return std::to_string(geteuid());
}

// Everything a command needs, built once its options are known.
struct Runtime {
  std::string db_url;
  std::unique_ptr<store::Database> db;
  app::SystemClock clock;
  std::unique_ptr<app::PasswordHasher> hasher;
  std::unique_ptr<app::AuditLog> audit;
  std::unique_ptr<app::Accounts> accounts;
  std::unique_ptr<app::People> people;
  app::AccountSettings settings;
  app::Caller caller = app::Caller::operator_at_cli(os_user());

  // `migrate_first`: bring the schema up to date (serve, demo); otherwise refuse to work on
  // an out-of-date schema rather than fail half-way.
  void open(bool migrate_first) {
    db = store::open_database(db_url);
    if (migrate_first) {
      migrate();
    } else {
      const auto expected = store::latest_schema_version(db->dialect());
      const auto current = db->read([](store::Connection& c) -> std::int64_t {
        try {
          return c.query_one("SELECT COALESCE(MAX(version), 0) FROM schema_version")->i64(0);
        } catch (const store::DatabaseError&) {
          return 0;  // no schema_version table yet
        }
      });
      if (current < expected) {
        throw Refusal{fmt::format(
            "the database {} is at schema version {} and this binome needs version {}: run "
            "`binome --db {} migrate` first",
            store::redact_url(db_url), current, expected, store::redact_url(db_url))};
      }
    }
    hasher = std::make_unique<app::PasswordHasher>();
    audit = std::make_unique<app::AuditLog>(*db, clock);
    accounts = std::make_unique<app::Accounts>(*db, clock, *hasher, *audit, settings);
    people = std::make_unique<app::People>(*db, clock, *audit);
  }

  store::MigrationReport migrate() {
    auto report = store::migrate(*db, clock.now());
    if (!report.applied.empty()) {
      app::AuditLog log(*db, clock);
      std::string names;
      for (const auto& n : report.applied) names += (names.empty() ? "" : ",") + n;
      log.record_alone(caller, "schema.migrate", "database", app::Outcome::kSuccess,
                       {{"from_version", std::to_string(report.from_version)},
                        {"to_version", std::to_string(report.to_version)},
                        {"applied", names}});
    }
    return report;
  }
};

template <typename T>
T value_or_refuse(core::Result<T> r) {
  if (!r) throw Refusal{r.error().message};
  return std::move(*r);
}
inline void value_or_refuse(core::Result<void> r) {
  if (!r) throw Refusal{r.error().message};
}

// From a terminal: asked twice, without echo. Otherwise: the first line of standard input.
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Refusal{"cannot read " + path + ": " + std::strerror(errno)};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// {"File header": "field", ...}
std::map<std::string, std::string> read_mapping(const std::string& path) {
  const auto json = nlohmann::json::parse(read_file(path), nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    throw Refusal{path + ": a mapping file is a JSON object such as {\"Code salarié\": \"employee_id\"}"};
  }
  std::map<std::string, std::string> out;
  for (const auto& [header, field] : json.items()) {
    if (!field.is_string()) throw Refusal{path + ": the value for \"" + header + "\" must be a field name"};
    out[header] = field.get<std::string>();
  }
  return out;
}

// A JSON document read from a file; a refusal naming the file when it is not well-formed.
nlohmann::json read_json_file(const std::string& path) {
  try {
    return nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
    throw Refusal{path + ": not well-formed JSON: " + e.what()};
  }
}

// Reads a problem's "scores_npy", whose path is relative to the problem file.
http::NpyLoader npy_beside(const std::string& problem_file) {
  return [base = std::filesystem::path(problem_file).parent_path()](
             const std::string& path) -> std::expected<io::NpyMatrix, std::string> {
    std::ifstream in(base / path, std::ios::binary);
    if (!in) return std::unexpected(std::string("cannot read it: ") + std::strerror(errno));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return io::read_npy(bytes.str());
  };
}

// To `out_file`, or standard output when it is empty.
void write_json(const std::string& out_file, const nlohmann::json& doc) {
  const std::string text = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (out_file.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  std::ofstream out(out_file, std::ios::binary);
  out << text;
  if (!out) throw Refusal{"cannot write " + out_file + ": " + std::strerror(errno)};
}

// FILE: place: message, one line per field (or the message alone), as compilers write.
void print_errors(const std::string& file, const core::Error& error) {
  if (error.fields.empty()) fmt::print(stderr, "{}: {}\n", file, error.message);
  for (const auto& f : error.fields) {
    fmt::print(stderr, "{}: {}{}\n", file, f.field.empty() ? "" : f.field + ": ", f.message);
  }
}

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
    if (ask("Password again: ") != first) throw Refusal{"the two passwords differ"};
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line) && line.empty()) {
    throw Refusal{"no password on standard input (pipe it in, e.g. `echo ... | binome user add ...`)"};
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

struct Endpoint {
  std::string host;
  std::uint16_t port;
};
Endpoint parse_listen(const std::string& s) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos) throw Refusal{"--listen must be HOST:PORT, got '" + s + "'"};
  std::string host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    port = std::stoi(s.substr(colon + 1));
  } catch (...) {
  }
  if (port < 0 || port > 65535) throw Refusal{"--listen has an invalid port in '" + s + "'"};
  return {host, static_cast<std::uint16_t>(port)};
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"Binôme: reverse-mentoring programs for banks.", "binome"};
  app.require_subcommand(1);
  app.fallthrough();  // lets --db follow the command as well as precede it
  Runtime rt;
  rt.db_url = "sqlite:binome.db";
  app.add_option("--db", rt.db_url,
                 "Database URL: sqlite:PATH or postgresql://user[:password]@host[:port]/dbname")
      ->envname("BINOME_DB");

  std::function<int()> action;

  // migrate
  auto* migrate = app.add_subcommand("migrate", "Apply the database migrations this binary carries.");
  migrate->callback([&] {
    action = [&] {
      rt.db = store::open_database(rt.db_url);
      auto report = rt.migrate();
      if (report.applied.empty()) {
        fmt::print("database is up to date (schema version {})\n", report.to_version);
      } else {
        fmt::print("migrated from schema version {} to {}\n", report.from_version, report.to_version);
      }
      return 0;
    };
  });

  // serve
  std::string listen = "127.0.0.1:8080";
  std::string web_dir;
  http::ServerOptions server_options;
  http::ServiceOptions service_options;
  int idle_minutes = 30;
  int max_hours = 12;
  auto* serve = app.add_subcommand("serve", "Serve the web application and the JSON API.");
  serve->add_option("--listen", listen, "Address and port to listen on (port 0: any free port)")
      ->capture_default_str();
  serve->add_option("--web", web_dir, "Folder of the built web application (web/dist)");
  serve->add_option("--workers", server_options.workers, "Threads that run request handlers")
      ->capture_default_str()->check(CLI::Range(1u, 256u));
  serve->add_option("--max-body-bytes", server_options.body_limit, "Largest request body accepted")
      ->capture_default_str()->check(CLI::Range(1024ull, 1ull << 32));
  serve->add_option("--session-idle-minutes", idle_minutes, "Inactivity that ends a session")
      ->capture_default_str()->check(CLI::Range(1, 24 * 60));
  serve->add_option("--session-max-hours", max_hours, "Longest life of a session")
      ->capture_default_str()->check(CLI::Range(1, 24 * 30));
  serve->add_option("--max-import-bytes", service_options.import_body_limit,
                    "Largest HR extract or matching problem accepted (import and matching endpoints)")
      ->capture_default_str()->check(CLI::Range(1024ull, 1ull << 34));
  serve->add_flag("--secure-cookies", service_options.secure_cookies,
                  "Mark the session cookie Secure (set it when serving over HTTPS)");
  serve->callback([&] {
    action = [&] {
      const Endpoint ep = parse_listen(listen);
      server_options.host = ep.host;
      server_options.port = ep.port;
      service_options.web_dir = web_dir;
      rt.settings.sessions.idle = core::Millis{idle_minutes} * 60 * 1000;
      rt.settings.sessions.absolute = core::Millis{max_hours} * 60 * 60 * 1000;
      http::setup_logging();
      rt.open(true);
      http::Service service(*rt.db, *rt.accounts, *rt.audit, *rt.people,
                            rt.settings.sessions.absolute, service_options);
      http::Server server(server_options, service.handlers());
      const std::string bound = server.listen();
      spdlog::info("serving database {} and web folder '{}'", store::redact_url(rt.db_url), web_dir);
      fmt::print("listening on http://{}\n", bound);
      std::fflush(stdout);
      server.run();
      spdlog::info("stopped");
      return 0;
    };
  });

  // user ...
  auto* user = app.add_subcommand("user", "Manage accounts.")->require_subcommand(1);
  std::string email;
  std::string name;
  std::vector<std::string> roles;
  bool as_json = false;
  auto* user_add = user->add_subcommand("add", "Create an account; the password is read from standard input.");
  user_add->add_option("--email", email, "Login email")->required();
  user_add->add_option("--name", name, "Full name")->required();
  user_add->add_option("--role", roles, "admin, mentor, mentee or sponsor (repeat for several)")
      ->required()->take_all();
  user_add->callback([&] {
    action = [&] {
      rt.open(false);
      const std::string password = read_password();
      auto u = value_or_refuse(rt.accounts->create_user(rt.caller, {email, name, roles, password}));
      fmt::print("created user {} <{}> with id {}\n", u.name, u.email, u.id);
      return 0;
    };
  });
  auto* user_passwd = user->add_subcommand("passwd", "Set a user's password, read from standard input.");
  user_passwd->add_option("--email", email, "The user's email")->required();
  user_passwd->callback([&] {
    action = [&] {
      rt.open(false);
      auto u = value_or_refuse(rt.accounts->get_user_by_email(rt.caller, email));
      const std::string password = read_password();
      value_or_refuse(rt.accounts->set_password(rt.caller, u.id, password));
      fmt::print("password of {} changed; their sessions have ended\n", u.email);
      return 0;
    };
  });
  auto* user_list = user->add_subcommand("list", "List accounts.");
  user_list->add_flag("--json", as_json, "One JSON object per line");
  user_list->callback([&] {
    action = [&] {
      rt.open(false);
      store::UserFilter filter;
      filter.limit = 1000;
      for (filter.offset = 0;; filter.offset += filter.limit) {
        auto page = value_or_refuse(rt.accounts->list_users(rt.caller, filter));
        for (const auto& u : page.items) {
          if (as_json) {
            fmt::print("{}\n", http::to_json(u).dump());
          } else {
            std::string r;
            for (const auto& n : u.roles.names()) r += (r.empty() ? "" : ",") + n;
            fmt::print("{}\t{}\t{}\t{}\t{}\n", u.id, u.email, u.name, r, u.active ? "active" : "disabled");
          }
        }
        if (filter.offset + filter.limit >= page.total) break;
      }
      return 0;
    };
  });
  for (bool enable : {false, true}) {
    auto* cmd = user->add_subcommand(enable ? "enable" : "disable",
                                     enable ? "Re-enable an account." : "Disable an account and end its sessions.");
    cmd->add_option("--email", email, "The user's email")->required();
    cmd->callback([&, enable] {
      action = [&, enable] {
        rt.open(false);
        auto u = value_or_refuse(rt.accounts->get_user_by_email(rt.caller, email));
        app::UserChanges changes;
        changes.active = enable;
        value_or_refuse(rt.accounts->update_user(rt.caller, u.id, changes));
        fmt::print("{} {}\n", u.email, enable ? "enabled" : "disabled; their sessions have ended");
        return 0;
      };
    });
  }

  // token ...
  auto* token = app.add_subcommand("token", "Manage API tokens for integrations.")->require_subcommand(1);
  std::int64_t token_id = 0;
  auto* token_create = token->add_subcommand("create", "Create a token acting as a user; printed once.");
  token_create->add_option("--email", email, "The user the token acts as")->required();
  token_create->add_option("--name", name, "A label, e.g. the integration's name")->required();
  token_create->callback([&] {
    action = [&] {
      rt.open(false);
      auto t = value_or_refuse(rt.accounts->create_token(rt.caller, email, name));
      std::cerr << "token " << t.id << " created; it is shown only now:\n";
      fmt::print("{}\n", t.token);
      return 0;
    };
  });
  auto* token_list = token->add_subcommand("list", "List tokens (never their secret).");
  token_list->callback([&] {
    action = [&] {
      rt.open(false);
      for (const auto& t : value_or_refuse(rt.accounts->list_tokens(rt.caller))) {
        fmt::print("{}\t{}\t{}\tcreated {}\t{}\n", t.id, t.user_email, t.name,
                   core::format_iso8601(t.created_at),
                   t.revoked_at ? "revoked " + core::format_iso8601(*t.revoked_at) : "active");
      }
      return 0;
    };
  });
  auto* token_revoke = token->add_subcommand("revoke", "Revoke a token.");
  token_revoke->add_option("--id", token_id, "The token's id (see token list)")->required();
  token_revoke->callback([&] {
    action = [&] {
      rt.open(false);
      value_or_refuse(rt.accounts->revoke_token(rt.caller, token_id));
      fmt::print("token {} revoked\n", token_id);
      return 0;
    };
  });

  // audit verify
  auto* audit = app.add_subcommand("audit", "The audit log.")->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "Check the audit log's hash chain.");
  verify->callback([&] {
    action = [&] {
      rt.open(false);
      const auto v = rt.audit->verify();
      if (v.ok()) {
        fmt::print("audit log intact: {} entries verified\n", v.checked);
        return 0;
      }
      if (v.bad_id) {
        fmt::print(stderr, "audit log broken at entry {}: {}\n", *v.bad_id, v.reason);
      } else {
        fmt::print(stderr, "audit log broken after {} entries: {}\n", v.checked, v.reason);
      }
      return kRefused;
    };
  });

  // import employees
  auto* import = app.add_subcommand("import", "Import data from files.")->require_subcommand(1);
  auto* import_employees = import->add_subcommand(
      "employees", "Create or update the employee directory from an HR extract (CSV).");
  std::string file;
  std::string delimiter = "auto";
  std::string encoding = "auto";
  std::string mapping_file;
  app::ImportOptions import_options;
  import_employees->add_option("FILE", file, "The HR extract (CSV, as Excel writes it)")->required();
  import_employees->add_flag("--dry-run", import_options.dry_run, "Check and count, write nothing");
  import_employees->add_flag("--json", as_json, "Print the summary as JSON");
  import_employees->add_option("--delimiter", delimiter, "auto, ',', ';' or tab")
      ->capture_default_str()->check(CLI::IsMember({"auto", ",", ";", "tab", "comma", "semicolon"}));
  import_employees->add_option("--encoding", encoding, "auto, utf-8 or windows-1252")
      ->capture_default_str()->check(CLI::IsMember({"auto", "utf-8", "windows-1252"}));
  import_employees->add_option("--mapping", mapping_file,
                               "JSON file mapping other headers to fields: {\"Code salarié\": \"employee_id\"}");
  import_employees->add_flag("--deactivate-missing", import_options.deactivate_missing,
                             "Mark employees absent from the file as inactive");
  import_employees->callback([&] {
    action = [&] {
      rt.open(false);
      import_options.csv.delimiter = delimiter == "," || delimiter == "comma"       ? ','
                                     : delimiter == ";" || delimiter == "semicolon" ? ';'
                                     : delimiter == "tab"                           ? '\t'
                                                                                    : 0;
      import_options.csv.encoding = encoding == "utf-8"          ? io::Encoding::kUtf8
                                    : encoding == "windows-1252" ? io::Encoding::kWindows1252
                                                                 : io::Encoding::kAuto;
      if (!mapping_file.empty()) import_options.mapping = read_mapping(mapping_file);
      const std::string bytes = read_file(file);
      const auto s = value_or_refuse(rt.people->import_employees(rt.caller, bytes, import_options));
      if (as_json) {
        nlohmann::json errors = nlohmann::json::array();
        for (const auto& e : s.errors) errors.push_back({{"line", e.line}, {"column", e.column}, {"message", e.message}});
        fmt::print("{}\n", nlohmann::json{{"created", s.created}, {"updated", s.updated},
                                          {"unchanged", s.unchanged}, {"deactivated", s.deactivated},
                                          {"errors", errors}, {"dry_run", s.dry_run}}
                               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      } else if (s.errors.empty()) {
        fmt::print("{}: {} created, {} updated, {} unchanged, {} deactivated ({}, '{}'){}\n", file,
                   s.created, s.updated, s.unchanged, s.deactivated, io::encoding_name(s.encoding),
                   s.delimiter == '\t' ? std::string("tab") : std::string(1, s.delimiter),
                   s.dry_run ? "; dry run, nothing written" : "");
        for (const auto& c : s.ignored_columns) fmt::print("note: column '{}' was ignored\n", c);
      }
      if (!s.errors.empty()) {
        // FILE:LINE: column: message, as compilers write, so editors can jump to the line.
        for (const auto& e : s.errors) {
          fmt::print(stderr, "{}:{}: {}{}\n", file, e.line, e.column.empty() ? "" : e.column + ": ", e.message);
        }
        fmt::print(stderr, "{}: {} error(s); nothing was imported\n", file, s.errors.size());
        return kRefused;
      }
      return 0;
    };
  });

  // match solve
  auto* match = app.add_subcommand("match", "Matching.")->require_subcommand(1);
  auto* match_solve = match->add_subcommand(
      "solve", "Solve a matching problem file exactly, or stably (docs/matching.md); no database needed.");
  std::string problem_file;
  std::string objective;
  std::string algorithm;
  std::string out_file;
  match_solve->add_option("--problem", problem_file, "The problem, as JSON")->required();
  match_solve->add_option("--objective", objective, "score or coverage (overrides the file's)")
      ->check(CLI::IsMember({"score", "coverage"}));
  match_solve->add_option("--algorithm", algorithm,
                          "optimal (default) or stable (overrides the file's \"algorithm\")")
      ->check(CLI::IsMember({"optimal", "stable"}));
  match_solve->add_option("--out", out_file, "Where to write the result (default: standard output)");
  match_solve->callback([&] {
    action = [&] {
      nlohmann::json doc;
      try {
        doc = nlohmann::json::parse(read_file(problem_file));
      } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
        throw Refusal{problem_file + ": not well-formed JSON: " + e.what()};
      }
      if (!objective.empty() && doc.is_object()) doc["objective"] = objective;
      if (!algorithm.empty() && doc.is_object()) doc["algorithm"] = algorithm;
      const auto base = std::filesystem::path(problem_file).parent_path();
      const http::NpyLoader load_npy = [&](const std::string& path) -> std::expected<io::NpyMatrix, std::string> {
        std::ifstream in(base / path, std::ios::binary);
        if (!in) return std::unexpected(std::string("cannot read it: ") + std::strerror(errno));
        std::ostringstream bytes;
        bytes << in.rdbuf();
        return io::read_npy(bytes.str());
      };
      auto input = http::parse_matching_problem(doc, load_npy);
      if (!input) {
        for (const auto& f : input.error().fields) {
          fmt::print(stderr, "{}: {}{}\n", problem_file, f.field.empty() ? "" : f.field + ": ", f.message);
        }
        return kRefused;
      }
      const auto write = [&](const nlohmann::json& result) {
        const std::string text = result.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        if (out_file.empty()) {
          std::fwrite(text.data(), 1, text.size(), stdout);
        } else {
          std::ofstream out(out_file, std::ios::binary);
          out << text;
          if (!out) throw Refusal{"cannot write " + out_file + ": " + std::strerror(errno)};
        }
      };
      if (input->algorithm == http::MatchingAlgorithm::kStable) {
        auto stable = app::solve_stable_matching(rt.caller, input->problem, nullptr);
        if (!stable) {
          fmt::print(stderr, "{}: {}\n", problem_file, stable.error().message);
          return kRefused;
        }
        write(http::stable_matching_result_json(*input, stable->stable, stable->optimal_total, stable->optimal,
                                                stable->solve_ms));
        if (stable->stable.blocking_pairs != 0) {
          fmt::print(stderr, "binome: the result failed its stability check ({} blocking pairs); please report this\n",
                     stable->stable.blocking_pairs);
          return kInfrastructure;
        }
        return 0;
      }
      auto solved = app::solve_matching(rt.caller, input->problem, nullptr);
      if (!solved) {
        fmt::print(stderr, "{}: {}\n", problem_file, solved.error().message);
        return kRefused;
      }
      write(http::matching_result_json(*input, solved->result, solved->optimality, solved->solve_ms));
      if (!solved->optimality.optimal) {
        fmt::print(stderr, "binome: the result failed its optimality check ({}); please report this\n",
                   solved->optimality.failure);
        return kInfrastructure;
      }
      return 0;
    };
  });

  // match rematch
  auto* match_rematch = match->add_subcommand(
      "rematch",
      "Dissolve pairs of a previous result and re-assign only the people affected, keeping every other "
      "pair (docs/matching.md, \"Re-matching\"); no database needed.");
  std::string previous_file;
  std::string dissolve_file;
  match_rematch->add_option("--problem", problem_file, "The problem, as JSON (the one the previous result solved)")
      ->required();
  match_rematch->add_option("--previous", previous_file,
                            "The previous result (of `match solve` or `match rematch`); its other \"pairs\" are kept")
      ->required();
  match_rematch->add_option("--dissolve", dissolve_file,
                            "The pairs to dissolve: [{\"mentor\", \"mentee\", \"reason\", \"note\"}, ...]")
      ->required();
  match_rematch->add_option("--out", out_file, "Where to write the result (default: standard output)");
  match_rematch->callback([&] {
    action = [&] {
      const auto problem = read_json_file(problem_file);
      const auto previous = read_json_file(previous_file);
      const auto dissolve = read_json_file(dissolve_file);
      auto input = http::parse_rematch(problem, previous, dissolve, npy_beside(problem_file));
      if (!input) {
        const auto part = input.error().part;
        print_errors(part == http::RematchPart::kProblem    ? problem_file
                     : part == http::RematchPart::kPrevious ? previous_file
                                                            : dissolve_file,
                     input.error().error);
        return kRefused;
      }
      auto solved = app::rematch_matching(rt.caller, input->problem.problem, input->previous,
                                          input->dissolved_pairs(), nullptr);
      if (!solved) {
        print_errors(problem_file, solved.error());
        return kRefused;
      }
      write_json(out_file, http::rematch_result_json(*input, solved->result, solved->optimality, solved->solve_ms));
      if (!solved->optimality.optimal) {
        fmt::print(stderr, "binome: the result failed its optimality check ({}); please report this\n",
                   solved->optimality.failure);
        return kInfrastructure;
      }
      return 0;
    };
  });

  // grades
  auto* grades = app.add_subcommand("grades", "The grade scale (lowest first).")->require_subcommand(1);
  std::vector<std::string> grade_list;
  auto* grades_show = grades->add_subcommand("show", "Print the grade scale.");
  grades_show->callback([&] {
    action = [&] {
      rt.open(false);
      const auto scale = value_or_refuse(rt.people->grade_scale(rt.caller));
      if (!scale.custom()) {
        fmt::print("default scale: numbers in numeric order, letters A-Z in alphabetical order\n");
      } else {
        for (const auto& g : scale.grades()) fmt::print("{}\n", g);
      }
      return 0;
    };
  });
  auto* grades_set = grades->add_subcommand("set", "Set the grade scale, lowest grade first.");
  grades_set->add_option("GRADES", grade_list, "The grades, lowest first")->required();
  grades_set->callback([&] {
    action = [&] {
      rt.open(false);
      value_or_refuse(rt.people->set_grade_scale(rt.caller, grade_list));
      fmt::print("grade scale set: {} grades\n", grade_list.size());
      return 0;
    };
  });

  // demo
  auto* demo = app.add_subcommand("demo", "Create (or reuse) the demo data and print its logins.");
  demo->require_subcommand(0, 1);
  std::size_t rows = app::kDemoBankSize;
  auto* hr_csv = demo->add_subcommand("hr-csv", "Write a realistic HR extract of the demo bank to standard output.");
  hr_csv->add_option("--rows", rows, "Number of employees")->capture_default_str()->check(CLI::Range(1ul, 10'000'000ul));
  hr_csv->callback([&] {
    action = [&] {
      const std::string csv = io::write_hr_extract(app::demo_bank(rows));
      std::fwrite(csv.data(), 1, csv.size(), stdout);
      return 0;
    };
  });
  demo->callback([&] {
    if (action) return;  // hr-csv
    action = [&] {
      rt.open(true);
      const auto report = app::create_demo(*rt.accounts, *rt.people, rt.caller);
      fmt::print("Demo database: {}\n", store::redact_url(rt.db_url));
      for (const auto& l : report.logins) {
        fmt::print("  {:<8} {:<24} password: {}\n", l.role, l.email, l.password);
      }
      if (report.employees_imported > 0) {
        fmt::print("Directory: {} employees of the demo bank imported\n", report.employees_imported);
      }
      return 0;
    };
  });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help) and has its own codes (106 for a missing option):
    // the documented one for every usage error is 2.
    return app.exit(e) == 0 ? 0 : kUsage;
  }
  try {
    return action();
  } catch (const Refusal& r) {
    fmt::print(stderr, "binome: {}\n", r.message);
    return kRefused;
  } catch (const store::DatabaseError& e) {
    fmt::print(stderr, "binome: database error: {}\n", e.what());
    return kInfrastructure;
  } catch (const std::exception& e) {
    fmt::print(stderr, "binome: {}\n", e.what());
    return kInfrastructure;
  }
}

}  // namespace binome::cli
