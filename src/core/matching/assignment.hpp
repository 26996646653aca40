// The exact assignment of mentees to mentors: who is paired with whom, a proof that no better
// assignment exists, and why each person left without a partner is left. Pure and deterministic.
//
// Contract
//   Input (Problem): m mentors, each with a capacity >= 1; n mentees; the scores of the allowed
//   pairs, either dense (an n x m row-major matrix, NaN = not allowed) or sparse (CSR: each
//   mentee's candidates; a pair absent from the lists is not allowed); pairs explicitly
//   forbidden; pairs locked in; min_score; the objective.
//   - A pair is formed only if allowed, not forbidden and scoring >= min_score.
//   - A locked pair is always kept and uses its mentor's capacity; it ignores min_score but must
//     be allowed (listed) and not forbidden. The rest is optimised around the locks.
//   - kScore: maximise the total score; a mentee may stay unmatched (a pair with a negative
//     score is never formed). Among equal totals, more pairs.
//   - kCoverage: as many pairs as possible, then the highest total score among those.
//   Invalid input is an Error value (kValidation, "validation_failed", one FieldError per
//   problem, at most kMaxReportedProblems): a capacity < 1, an index out of range, a score that
//   is infinite (or NaN in sparse form), a mentor listed twice for a mentee, malformed offsets,
//   min_score not finite, a locked pair that is not allowed or is forbidden, a mentee locked
//   more than once, a mentor locked to more mentees than its capacity.
//
//   Output (Result): each mentee's mentor (or kUnmatched), the pairs with their scores, the
//   total, the count, a reason per unmatched mentee and per mentor with room left, and the
//   dual solution that proves optimality (check it with verify_optimality).
//
// Exactness. Weights are two-level numbers compared lexicographically (two_level.hpp):
//   kScore is (score, pairs), kCoverage is (pairs, score). The pair level is an integer in its
//   own field, so kCoverage's pair count is maximal exactly, whatever the scores, and its proof
//   (the pair level of the duals) is checked in integers. Score levels are doubles; their proof
//   holds within a tolerance scaled to the problem (see verify_optimality).
//
// Determinism and ties. The same Problem always gives the same Result, bit for bit: no hashing,
//   no uninitialised memory; threads only for the passes over a matrix computed row by row,
//   each on a contiguous range of rows, their findings joined in row order (or, for a mentor's
//   best mentees, under a total order), so the result does not depend on the number of cores.
//   The order of each mentee's candidate list, of
//   `forbidden` and of `locked` does not matter (lists are sorted by mentor index first). When
//   several assignments are optimal, the one returned is the one this procedure reaches:
//   1. mentees in increasing index take, among their best-scoring mentors, the lowest-index one
//      that still has room;
//   2. mentees still free, in increasing index, outbid the single occupant of their best mentor
//      when that mentor has capacity 1 (Jonker-Volgenant's augmenting row reduction, two passes
//      at most; the best is the higher score, then the lower mentor index);
//   3. each mentee still free, in increasing index, extends the assignment along a shortest
//      augmenting path, whose search settles mentors by increasing (reduced distance, mentor
//      index), keeps for each mentor the first mentee that reached it, and on a tie between "a
//      mentor with room" and "a mentee leaves" lets the mentee leave.
//   Dense and sparse forms of the same problem give the same pairs when the optimum is unique,
//   and always when the matrix has at most kDenseDirectCells cells (the two searches below make
//   the same choices); above that, the dense path first solves on a candidate subset and may
//   return another optimal assignment among tied ones.
//
// Method and complexity (E allowed pairs, n mentees, m mentors):
//   Successive shortest augmenting paths with potentials (Jonker-Volgenant family): mentors stay
//   whole (no duplication by capacity), a greedy start and JV's augmenting row reduction keep
//   the duals feasible, each search stops at the first mentor with room or the first "mentee
//   stays unmatched" (augmenting_paths.hpp). Two searches share that core: a heap on a sparse
//   graph, array scans (vectorised relaxation) on a dense matrix.
//   - Sparse: O(E log d) to sort unsorted candidate lists, O(E) to start, then one Dijkstra per
//     mentee left free, usually a few dozen edges each; worst case O(n E log E). 20,000 x 20,000
//     with 100 candidates each and capacities 1-3 takes about 0.1 s.
//   - Dense, at most kDenseDirectCells cells: the dense search on the matrix, O(m) per step.
//   - Dense, larger: one O(nm) pass keeps each mentee's kDenseRowCandidates best mentors and
//     each mentor's best mentees (kDenseColumnCandidates + its capacity, up to twice that); the
//     sparse solver runs on that subset; one O(nm) pass checks the duals against every cell.
//     Violating cells are added and the subset solved again (kDenseRounds at most); when they
//     outnumber the subset (structured scores, e.g. a_i * b_j) or rounds run out, the dense
//     search solves the whole matrix, O(n^2 m) worst case. The result is exact either way; on
//     uniform random scores it is two O(nm) passes plus a sparse solve of O((n + m) k) edges.
//   - Dense, computed (DenseScores::computed): at most kMaterialisedCells cells, computed once
//     and solved as above; larger, the same candidate subset and checks, each an O(nm) pass
//     computing rows, but no whole-matrix search (it would need the matrix in memory):
//     violating cells are added round after round until none is left, which ends because
//     each round adds cells the subset lacked. The subset keeps kComputedRowCandidates and
//     kComputedColumnCandidates, so that the first check usually finds nothing to add. Reasons
//     compute only the rows of unmatched and locked mentees; verify_optimality computes all.
//   - Reasons: O(E) (O(nm) dense).
//
// Cancellation. solve (and solve_stable, rematch, verify_optimality, ProfileScorer::census) take
//   a std::stop_token, checked before each augmenting-path search (and within one, every 1,024
//   heap entries or 64 dense steps), before each row of every pass over a matrix (each core's
//   share of a pass checks it on its own) and every 4,096 cells of a candidate subset built from
//   a computed matrix, so a solve stops within milliseconds of being asked to (under 400 ms
//   measured, on a tied 5,000 x 5,000 profile cohort; docs/performance.md). Once
//   stop is requested the answer is the error stopped_error() (kTimeBudgetExceeded), never a
//   partial result; a token that is never requested changes nothing, bit for bit.
//
// Warm start. Result keeps the whole solver state (mentor_of, mentee_dual, mentor_dual): a
//   later re-solve after dissolving pairs can restart from it; the duals stay feasible, only
//   the dissolved mentees (free with u > 0) and their mentors (room left with v > 0) need a
//   search, the latter from the mentor side.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <memory>
#include <stop_token>
#include <string>
#include <variant>
#include <vector>

#include "core/error.hpp"

namespace binome::core::matching {

enum class Objective : std::uint8_t { kScore, kCoverage };

inline constexpr std::int32_t kUnmatched = -1;
inline constexpr std::size_t kMaxReportedProblems = 20;
// A matching input's problems (the problem itself, its file, a previous result): the first
// kMaxReportedProblems listed, the rest counted.
struct MatchingProblems : Problems {
  MatchingProblems() : Problems(kMaxReportedProblems) {}
};
inline constexpr std::size_t kDenseDirectCells = std::size_t{1} << 16;
inline constexpr std::uint32_t kDenseRowCandidates = 12;
inline constexpr std::uint32_t kDenseColumnCandidates = 12;
// A matrix computed row by row keeps more candidates: each round of checks is a pass computing
// every row, far dearer than a larger subset.
inline constexpr std::uint32_t kComputedRowCandidates = 40;
inline constexpr std::uint32_t kComputedColumnCandidates = 24;
inline constexpr int kDenseRounds = 4;
// A computed matrix (DenseScores::computed) of at most this many cells is computed once into
// memory (32 MB); a larger one is read a row at a time.
inline constexpr std::size_t kMaterialisedCells = std::size_t{1} << 22;

// Scores computed row by row instead of stored: a profile-scored cohort of 20,000 x 20,000
// would take 3.2 GB as a matrix of doubles (core/matching/profiles.hpp).
class ScoreRows {
 public:
  virtual ~ScoreRows() = default;
  // Writes mentee i's score for every mentor into out[0, mentors): a finite number, or NaN for
  // a pair that is not allowed. Deterministic, and cell(i, j) == row(i)[j] bit for bit.
  virtual void row(std::uint32_t mentee, double* out) const = 0;
  virtual double cell(std::uint32_t mentee, std::uint32_t mentor) const = 0;
  // Rows first .. first + count - 1 into out + k * stride (the same values as row()): a
  // scorer can share work across rows. Solvers call it from several threads at once.
  virtual void rows(std::uint32_t first, std::uint32_t count, std::size_t stride, double* out) const {
    for (std::uint32_t k = 0; k < count; ++k) row(first + k, out + k * stride);
  }
  // An upper bound of |score| over all cells: what tolerances scale with.
  virtual double max_abs_score() const = 0;
};

// Scores as an n x m row-major matrix; NaN marks a pair that is not allowed. Either stored in
// `cells`, or computed by `computed` (then `cells` is empty): the solver treats both alike,
// reading a computed matrix a row at a time (see "Dense, larger" below).
struct DenseScores {
  std::int32_t mentees = 0;
  std::int32_t mentors = 0;
  std::vector<double> cells;  // mentees * mentors
  std::shared_ptr<const ScoreRows> computed;
  // A computed matrix of at most this many cells is computed once into memory; a larger one
  // is read a row at a time (0: always row by row).
  std::size_t materialised_cells = kMaterialisedCells;
};

// Scores as adjacency lists (CSR): mentee i's candidates are entries offsets[i] .. offsets[i+1]
// of `mentors` and `scores`, in any order. `offsets` has n + 1 entries (or none when n = 0).
struct SparseScores {
  std::vector<std::int64_t> offsets;
  std::vector<std::int32_t> mentors;
  std::vector<double> scores;
};

struct Candidate {
  std::int32_t mentor = 0;
  double score = 0;
};
// The CSR form of one candidate list per mentee.
SparseScores sparse_scores(const std::vector<std::vector<Candidate>>& candidates);

struct Pair {
  std::int32_t mentee = 0;
  std::int32_t mentor = 0;
  bool operator==(const Pair&) const = default;
};

struct Problem {
  std::vector<std::int32_t> capacities;  // one per mentor, each >= 1
  std::variant<SparseScores, DenseScores> scores;
  std::vector<Pair> forbidden;
  std::vector<Pair> locked;
  double min_score = 0.0;
  Objective objective = Objective::kScore;
};

// Why a mentee is unmatched, or why a mentor has room left (kNone: matched / full).
enum class Reason : std::uint8_t {
  kNone,
  kNoAllowedPartner,  // no allowed pair at or above min_score (after forbidden pairs)
  kPartnersTaken,     // every allowed partner is already full (mentor) or paired (mentee)
  kWouldLowerTotal,   // kScore only: the partners left would all score below 0
};

struct MatchedPair {
  std::int32_t mentee = 0;
  std::int32_t mentor = 0;
  double score = 0;
  bool locked = false;
  bool operator==(const MatchedPair&) const = default;
};

// One dual value, both levels (which one comes first depends on the objective).
struct Dual {
  double score = 0;
  std::int64_t pairs = 0;
  bool operator==(const Dual&) const = default;
};

// Named as the issue names it; core::Result<T> (std::expected) stays reachable qualified.
struct Result {
  Objective objective = Objective::kScore;
  std::vector<std::int32_t> mentor_of;  // per mentee, kUnmatched when none
  std::vector<MatchedPair> pairs;       // by increasing mentee index, locked pairs included
  double total_score = 0;               // locked pairs included
  std::int32_t matched = 0;
  std::vector<Reason> mentee_reason;  // kNone for matched mentees
  std::vector<Reason> mentor_reason;  // kNone for full mentors
  // The proof: potentials u (mentees) and v (mentors) of the problem left once locked pairs are
  // set aside (locked mentees have u = 0), and the dual bound: the locked pairs' total plus
  // sum(u) + sum(room_j * v_j), where room_j is capacity_j minus its locked pairs.
  std::vector<Dual> mentee_dual;
  std::vector<Dual> mentor_dual;
  Dual dual_bound;
};

std::expected<Result, Error> solve(const Problem& problem, std::stop_token stop = {});

// What a solver returns once its stop token is requested: kTimeBudgetExceeded, with a sentence
// of its own ("matching.stopped"); the HTTP layer words why it stopped (the budget, the client
// gone, the server stopping).
Error stopped_error();

struct Optimality {
  bool optimal = false;
  bool stopped = false;  // the check was stopped before it finished: it proves nothing
  std::string failure;   // the first broken condition, for logs; empty when optimal
  double gap = 0;        // dual bound minus primal total, score level
  double tolerance = 0;  // allowed on score-level totals (per pair: this / (n + m + 1))
};

// Checks `result` against `problem` from scratch, O(E) (O(nm) dense):
//  - primal: each pair allowed, not forbidden, at or above min_score unless locked; every lock
//    kept; capacities respected; pairs, total and count consistent with mentor_of;
//  - dual: u, v >= 0 and u_i + v_j >= w_ij on every allowed pair of an unlocked mentee;
//  - complementary slackness: each unlocked pair tight, u_i > 0 only for a matched mentee,
//    v_j > 0 only for a full mentor; and the dual bound equal to the primal total.
// Lexicographic on both levels for kCoverage, the pair level exactly (integers); for kScore the
// score level is checked (the proof of the maximum total). Score comparisons allow
// 1e-9 * max|score| per pair and that times (n + m + 1) for totals.
Optimality verify_optimality(const Problem& problem, const Result& result, std::stop_token stop = {});

}  // namespace binome::core::matching
