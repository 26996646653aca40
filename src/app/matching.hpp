// Matching as a use case: solve a self-contained problem exactly and prove it. The program
// workflow (propose, review, lock or forbid, publish) will call the same engine.
#pragma once

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "core/error.hpp"
#include "core/matching/assignment.hpp"

namespace binome::app {

struct SolvedMatching {
  core::matching::Result result;
  core::matching::Optimality optimality;  // checked independently of the solver
  double solve_ms = 0;                    // the solver alone, not reading or checking
};

// Admins, and the command line. Solving changes nothing, so only refusals are audited, in
// `audit`; the command line, which is never refused and may run without a database, passes
// nullptr.
core::Result<SolvedMatching> solve_matching(const Caller& who, const core::matching::Problem& problem,
                                            const AuditLog* audit);

}  // namespace binome::app
