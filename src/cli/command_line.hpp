// What every command group shares: the context a command runs in (the database URL, the
// operator, the reader's language, the services once opened), how a command is registered and
// refuses, and the helpers for files, JSON output and error lists.
//
// A command group is one file, cli/<capability>_commands.cpp, with an add_<capability>_commands
// function that main.cpp calls; each command keeps its options in a struct of its own.
#pragma once

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>

#include "app/caller.hpp"
#include "app/clock.hpp"
#include "app/services.hpp"
#include "core/error.hpp"
#include "core/message.hpp"

namespace binome::cli {

// Exit codes: 0 success; 1 the command was refused (bad input, not found, conflict, a broken
// audit chain); 2 usage errors (from CLI11: unknown option, missing value); 3 infrastructure
// failures (the database cannot be opened or answered with an error).
inline constexpr int kRefused = 1;
inline constexpr int kUsage = 2;
inline constexpr int kInfrastructure = 3;

// A refusal: reported on stderr (FILE: place: message, one line per detail), exit kRefused.
struct Refusal {
  core::Error error;
  std::string file;  // the file it concerns, "" for none
};
[[noreturn]] void refuse(core::Message message, std::string file = {});

// The command that was chosen, run once the command line is parsed.
using CommandAction = std::function<int()>;

class Context {
 public:
  Context();
  std::string db_url = "sqlite:binome.db";
  app::SystemClock clock;
  app::Caller caller;         // the operator at the command line
  core::Language language;    // from LC_ALL, LC_MESSAGES or LANG
  app::Settings settings;

  // Opens the database and builds the services (once).
  const app::Services& open(app::SchemaPolicy policy = app::SchemaPolicy::kRequireCurrent);
  std::string redacted_url() const;
  std::string say(const core::Message& message) const { return core::render(message, language); }

  // Registers `run` as the command's action when `command` is chosen.
  void on(CLI::App* command, std::function<int()> run);
  CommandAction chosen;

 private:
  std::unique_ptr<app::Services> services_;
};

// The value, or a Refusal carrying the error.
template <typename T>
T value_or_refuse(core::Result<T> r, const std::string& file = {}) {
  if (!r) throw Refusal{std::move(r.error()), file};
  return std::move(*r);
}
inline void value_or_refuse(core::Result<void> r, const std::string& file = {}) {
  if (!r) throw Refusal{std::move(r.error()), file};
}

std::string read_file(const std::string& path);
// A JSON document read from a file; a refusal naming the file when it is not well-formed.
nlohmann::json read_json_file(const std::string& path);
// To `out_file`, or standard output when it is empty; indented.
void write_json(const std::string& out_file, const nlohmann::json& doc);
// One line: compact JSON on standard output.
void print_json_line(const nlohmann::json& doc);
// `file`: place: message, one line per detail (FILE:LINE: column: message for a line of a
// file), as compilers write, so that editors can jump to them; the error's sentence when it
// has no details.
void print_error(const Context& context, const core::Error& error, const std::string& file = {});

// Parses, runs the chosen command and maps what it throws to an exit code.
int run(CLI::App& app, Context& context, int argc, char** argv);

}  // namespace binome::cli
