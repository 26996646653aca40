// Matching as a use case: solve a self-contained problem exactly and prove it. The program
// workflow (propose, review, lock or forbid, publish) will call the same engine.
#pragma once

#include <optional>
#include <stop_token>
#include <vector>

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "core/error.hpp"
#include "core/matching/assignment.hpp"
#include "core/matching/rematch.hpp"
#include "core/matching/stable.hpp"
#include "io/matching_limits.hpp"

namespace binome::app {

struct SolvedMatching {
  core::matching::Result result;
  core::matching::Optimality optimality;  // checked independently of the solver
  double solve_ms = 0;                    // the solver alone, not reading or checking
};

struct SolvedStableMatching {
  core::matching::StableResult stable;
  // The exact optimum (solve), for comparison: its total, and whether the stable matching is as
  // good under the problem's objective (kScore: the same total; kCoverage: as many pairs and the
  // same total), within verify_optimality's tolerance.
  double optimal_total = 0;
  bool optimal = false;
  double solve_ms = 0;  // the stable solver alone
};

// Admins, and the command line. Solving changes nothing, so only refusals are audited. The
// command line, which is never refused, may run without a database: it passes no audit log.
// `stop` (each use case): the engine checks it all along (core/matching/assignment.hpp,
// "Cancellation"), the independent proof check too; once it is requested the answer is
// core::matching::stopped_error() (kTimeBudgetExceeded), whatever step it stopped.
class Matching {
 public:
  explicit Matching(const AuditLog* audit, io::MatchingLimits limits = io::MatchingLimits::server())
      : audit_(audit), limits_(limits) {}

  // What a problem sent to the server may hold (binome serve --max-matching-*): the HTTP layer
  // reads its documents against them (io::parse_matching_json), before anything is solved.
  const io::MatchingLimits& limits() const { return limits_; }

  core::Result<SolvedMatching> solve(const Caller& who, const core::matching::Problem& problem,
                                     std::stop_token stop = {}) const;

  // The stable-matching alternative (core/matching/stable.hpp).
  core::Result<SolvedStableMatching> solve_stable(const Caller& who,
                                                  const core::matching::Problem& problem,
                                                  std::stop_token stop = {}) const;

  // Re-matching (core/matching/rematch.hpp): `dissolved` pairs of `previous` are dissolved and
  // forbidden, every other pair kept, the people affected re-assigned. `previous` may hold pairs
  // alone (mentor_of and pairs, scores from the problem). `optimality` is checked independently
  // on with_kept_pairs(problem, previous, dissolved), the problem the result is optimal for;
  // `solve_ms` times core::matching::rematch alone.
  core::Result<SolvedMatching> rematch(const Caller& who, const core::matching::Problem& problem,
                                       const core::matching::Result& previous,
                                       const std::vector<core::matching::Pair>& dissolved,
                                       std::stop_token stop = {}) const;

 private:
  std::optional<std::unexpected<core::Error>> refusal(const Caller& who, core::Action action) const;
  const AuditLog* audit_;
  io::MatchingLimits limits_;
};

}  // namespace binome::app
