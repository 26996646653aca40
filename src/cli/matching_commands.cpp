// binome match solve and binome match rematch: matching problem files (docs/matching.md),
// solved without a database.
#include <fmt/format.h>

#include <filesystem>
#include <fstream>

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
  io::MatchingLimits limits;  // none unless given: the operator's own machine
};

struct RematchOptions {
  std::string problem_file;
  std::string previous_file;
  std::string dissolve_file;
  std::string out_file;
  io::MatchingLimits limits;
};

// --max-people, --max-pairs, --max-cells, --max-values: the server's limits, for a script that
// wants them here too (docs/matching.md, "Limits"). None by default.
void add_limit_options(CLI::App* command, io::MatchingLimits& limits) {
  command->add_option("--max-people", limits.people, "Refuse a problem of more mentors and mentees in all (0: no limit)");
  command->add_option("--max-pairs", limits.pairs, "Refuse a problem listing more pairs in all (0: no limit)");
  command->add_option("--max-cells", limits.cells,
                      "Refuse a scores_npy matrix, or profile tables (mentors x skills and interests), of more cells (0: no limit)");
  command->add_option("--max-values", limits.values, "Refuse a document of more JSON values (0: no limit)");
}

// A matching document, read against the limits while it is parsed.
nlohmann::json read_matching_file(const std::string& path, const io::MatchingLimits& limits) {
  auto doc = io::parse_matching_json(read_file(path), limits);
  if (!doc) throw Refusal{std::move(doc.error()), path};
  return std::move(*doc);
}

// Reads a problem's "scores_npy", whose path is relative to the problem file. Its header is
// read first, so that a matrix over `max_cells` is refused before the file is read whole.
io::NpyLoader npy_beside(const std::string& problem_file, std::uint64_t max_cells) {
  return [base = std::filesystem::path(problem_file).parent_path(), max_cells](
             const std::string& path) -> std::expected<io::NpyMatrix, core::Message> {
    const std::string file = (base / path).string();
    if (max_cells != 0) {
      std::ifstream in(file, std::ios::binary);
      std::string head(64 * 1024, '\0');
      in.read(head.data(), static_cast<std::streamsize>(head.size()));
      head.resize(static_cast<std::size_t>(in.gcount()));
      // A header that does not fit in the first 64 KiB is left to read_npy to report.
      if (const auto shape = io::read_npy_shape(head); shape && shape->cells > max_cells) {
        return std::unexpected(io::npy_over_limit(*shape, max_cells));
      }
    }
    std::string bytes;
    try {
      bytes = read_file(file);
    } catch (const Refusal& r) {
      return std::unexpected(r.error.sentence());
    }
    return io::read_npy(bytes, max_cells);
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
  add_limit_options(solve, s->limits);
  context.on(solve, [&context, s] {
    nlohmann::json doc = read_matching_file(s->problem_file, s->limits);
    if (!s->objective.empty() && doc.is_object()) doc["objective"] = s->objective;
    if (!s->algorithm.empty() && doc.is_object()) doc["algorithm"] = s->algorithm;
    const auto input = value_or_refuse(
        io::parse_matching_problem(doc, npy_beside(s->problem_file, s->limits.cells), today(context), s->limits),
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
  add_limit_options(rematch, r->limits);
  context.on(rematch, [&context, r] {
    const auto problem = read_matching_file(r->problem_file, r->limits);
    const auto previous = read_matching_file(r->previous_file, r->limits);
    const auto dissolve = read_matching_file(r->dissolve_file, r->limits);
    auto input = io::parse_rematch(problem, previous, dissolve, npy_beside(r->problem_file, r->limits.cells),
                                   today(context), r->limits);
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
