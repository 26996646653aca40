#include "cli/command_line.hpp"

#include <fmt/format.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

namespace binome::cli {

namespace {

std::string os_user() {
  if (const passwd* pw = getpwuid(geteuid())) return pw->pw_name;
  return std::to_string(geteuid());
}

// POSIX's order: LC_ALL, then LC_MESSAGES, then LANG; "fr..." is French, anything else English.
core::Language language_from_environment() {
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (value != nullptr && *value != '\0') {
      return std::string_view(value).starts_with("fr") ? core::Language::kFrench : core::Language::kEnglish;
    }
  }
  return core::Language::kEnglish;
}

}  // namespace

void refuse(core::Message message, std::string file) {
  throw Refusal{core::Error{core::ErrorCode::kValidationFailed, std::move(message), {}, 0}, std::move(file)};
}

Context::Context()
    : caller(app::Caller::operator_at_cli(os_user())), language(language_from_environment()) {}

const app::Services& Context::open(app::SchemaPolicy policy) {
  if (!services_) services_ = value_or_refuse(app::Services::open(db_url, clock, settings, policy, caller));
  return *services_;
}

std::string Context::redacted_url() const { return app::redact_database_url(db_url); }

void Context::on(CLI::App* command, std::function<int()> run) {
  command->callback([this, run = std::move(run)] {
    // A group's callback also runs after its subcommand's: the subcommand's action stays.
    if (!chosen) chosen = run;
  });
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    refuse(core::msg("operations.cannot_read", {core::text("file", path), core::text("reason", std::strerror(errno))}));
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

nlohmann::json read_json_file(const std::string& path) {
  try {
    return nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e999
    refuse(core::msg("operations.not_json", {core::text("reason", e.what())}), path);
  }
}

void write_json(const std::string& out_file, const nlohmann::json& doc) {
  const std::string text = doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (out_file.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return;
  }
  std::ofstream out(out_file, std::ios::binary);
  out << text;
  if (!out) {
    refuse(core::msg("operations.cannot_write", {core::text("file", out_file), core::text("reason", std::strerror(errno))}));
  }
}

void print_json_line(const nlohmann::json& doc) {
  fmt::print("{}\n", doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void print_error(const Context& context, const core::Error& error, const std::string& file) {
  // The sentence, unless it only lists the details that follow (one line each).
  const bool listing = error.code == core::ErrorCode::kValidationFailed || error.code == core::ErrorCode::kImportInvalid;
  if (error.details.empty() || !listing) {
    fmt::print(stderr, "{}: {}\n", file.empty() ? std::string("binome") : file, context.say(error.sentence()));
  }
  for (const auto& d : error.details) {
    std::string where = file.empty() ? std::string("binome") : file;
    if (d.line > 0) where += ":" + std::to_string(d.line);
    std::string place = d.line > 0 || !d.column.empty() ? d.column : d.field;
    fmt::print(stderr, "{}: {}{}\n", where, place.empty() ? "" : place + ": ", context.say(d.message));
  }
}

int run(CLI::App& app, Context& context, int argc, char** argv) {
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints the message (or the help) and has its own codes (106 for a missing option):
    // the documented one for every usage error is 2.
    return app.exit(e) == 0 ? 0 : kUsage;
  }
  try {
    return context.chosen();
  } catch (const Refusal& r) {
    print_error(context, r.error, r.file);
    return kRefused;
  } catch (const std::exception& e) {
    // The database cannot be opened or answered with an error, the disk is full...
    fmt::print(stderr, "binome: {}\n", e.what());
    return kInfrastructure;
  }
}

}  // namespace binome::cli
