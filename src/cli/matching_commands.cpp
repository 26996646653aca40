// binome match solve and binome match rematch: matching problem files (docs/matching.md),
// solved without a database.
#include <fmt/format.h>

#include <filesystem>

#include "cli/commands.hpp"
#include "core/weekly_slots.hpp"
#include "io/matching_json.hpp"
#include "io/npy.hpp"
#include "io/rematch_json.hpp"

namespace binome::cli {

namespace {

struct SolveOptions {
  std::string problem_file;
  std::string objective;
  std::string algorithm;
  std::string out_file;
};

struct RematchOptions {
  std::string problem_file;
  std::string previous_file;
  std::string dissolve_file;
  std::string out_file;
};

// Reads a problem's "scores_npy", whose path is relative to the problem file.
io::NpyLoader npy_beside(const std::string& problem_file) {
  return [base = std::filesystem::path(problem_file).parent_path()](
             const std::string& path) -> std::expected<io::NpyMatrix, core::Message> {
    std::string bytes;
    try {
      bytes = read_file((base / path).string());
    } catch (const Refusal& r) {
      return std::unexpected(r.error.sentence());
    }
    return io::read_npy(bytes);
  };
}

// Solving changes nothing and needs no database: the engine's use case without an audit log,
// for the operator (who is never refused).
const app::Matching kOffline(nullptr);

std::string today(const Context& context) { return core::utc_day(context.clock.now()); }

// The engine's own check failed: a bug, never the user's doing.
int report_unproven(const Context& context, const core::matching::Optimality& optimality) {
  if (optimality.optimal) return 0;
  fmt::print(stderr, "binome: {}\n",
             context.say(core::msg("operations.optimality_failed", {core::text("failure", optimality.failure)})));
  return kInfrastructure;
}

}  // namespace

void add_matching_commands(CLI::App& app, Context& context) {
  auto* match = app.add_subcommand("match", "Matching.")->require_subcommand(1);

  auto s = std::make_shared<SolveOptions>();
  auto* solve = match->add_subcommand(
      "solve", "Solve a matching problem file exactly, or stably (docs/matching.md); no database needed.");
  solve->add_option("--problem", s->problem_file, "The problem, as JSON")->required();
  solve->add_option("--objective", s->objective, "score or coverage (overrides the file's)")
      ->check(CLI::IsMember({"score", "coverage"}));
  solve->add_option("--algorithm", s->algorithm, "optimal (default) or stable (overrides the file's \"algorithm\")")
      ->check(CLI::IsMember({"optimal", "stable"}));
  solve->add_option("--out", s->out_file, "Where to write the result (default: standard output)");
  context.on(solve, [&context, s] {
    nlohmann::json doc = read_json_file(s->problem_file);
    if (!s->objective.empty() && doc.is_object()) doc["objective"] = s->objective;
    if (!s->algorithm.empty() && doc.is_object()) doc["algorithm"] = s->algorithm;
    const auto input = value_or_refuse(io::parse_matching_problem(doc, npy_beside(s->problem_file), today(context)),
                                       s->problem_file);
    if (input.algorithm == io::MatchingAlgorithm::kStable) {
      const auto stable = value_or_refuse(kOffline.solve_stable(context.caller, input.problem), s->problem_file);
      write_json(s->out_file, io::stable_matching_result_json(input, stable.stable, stable.optimal_total,
                                                              stable.optimal, stable.solve_ms));
      if (stable.stable.blocking_pairs == 0) return 0;
      fmt::print(stderr, "binome: {}\n",
                 context.say(core::msg("operations.stability_failed", {core::count("count", stable.stable.blocking_pairs)})));
      return kInfrastructure;
    }
    const auto solved = value_or_refuse(kOffline.solve(context.caller, input.problem), s->problem_file);
    write_json(s->out_file, io::matching_result_json(input, solved.result, solved.optimality, solved.solve_ms));
    return report_unproven(context, solved.optimality);
  });

  auto r = std::make_shared<RematchOptions>();
  auto* rematch = match->add_subcommand(
      "rematch",
      "Dissolve pairs of a previous result and re-assign only the people affected, keeping every other "
      "pair (docs/matching.md, \"Re-matching\"); no database needed.");
  rematch->add_option("--problem", r->problem_file, "The problem, as JSON (the one the previous result solved)")
      ->required();
  rematch->add_option("--previous", r->previous_file,
                      "The previous result (of `match solve` or `match rematch`); its other \"pairs\" are kept")
      ->required();
  rematch->add_option("--dissolve", r->dissolve_file,
                      "The pairs to dissolve: [{\"mentor\", \"mentee\", \"reason\", \"note\"}, ...]")
      ->required();
  rematch->add_option("--out", r->out_file, "Where to write the result (default: standard output)");
  context.on(rematch, [&context, r] {
    const auto problem = read_json_file(r->problem_file);
    const auto previous = read_json_file(r->previous_file);
    const auto dissolve = read_json_file(r->dissolve_file);
    auto input = io::parse_rematch(problem, previous, dissolve, npy_beside(r->problem_file), today(context));
    if (!input) {
      const auto part = input.error().part;
      throw Refusal{std::move(input.error().error), part == io::RematchPart::kProblem    ? r->problem_file
                                                    : part == io::RematchPart::kPrevious ? r->previous_file
                                                                                         : r->dissolve_file};
    }
    const auto solved = value_or_refuse(
        kOffline.rematch(context.caller, input->problem.problem, input->previous, input->dissolved_pairs()),
        r->problem_file);
    write_json(r->out_file, io::rematch_result_json(*input, solved.result, solved.optimality, solved.solve_ms));
    return report_unproven(context, solved.optimality);
  });
}

}  // namespace binome::cli
