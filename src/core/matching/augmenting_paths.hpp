// The matching solver's core, internal to core/matching (assignment.hpp is the public contract):
// successive shortest augmenting paths on a capacitated candidate graph, with dual potentials.
//
// Model. Mentee i takes at most one mentor; mentor j takes at most capacity[j] mentees; pair
// (i, j) weighs w_ij (a two-level number, see two_level.hpp); maximise the total weight. Duals:
// u_i >= 0 per mentee, v_j >= 0 per mentor with u_i + v_j >= w_ij on every edge; the reduced cost
// r_ij = u_i + v_j - w_ij is >= 0. Invariants kept after every step: duals feasible, every
// assigned pair tight (r = 0), every mentor with v_j > 0 full, every free mentee not waiting
// for its search has u_i = 0. When no free mentee has u_i > 0 this is complementary slackness,
// hence optimality (LP duality; the constraint matrix is totally unimodular).
//
// Method (Jonker-Volgenant family, mentors kept whole instead of duplicated by capacity):
//  1. Start: v = 0; each mentee in index order gets u_i = max(0, max_j w_ij) and takes the
//     lowest-index mentor of that weight that has room, if any.
//  2. Augmenting row reduction (JV), for mentors of capacity 1 only: a free mentee whose best
//     mentor is full raises that mentor's v until it is indifferent with its second option and
//     takes the place of the occupant, which becomes free (still dual-feasible) and bids next.
//     At most two moves per free mentee; whoever is left goes to step 3.
//  3. Each mentee still free with u_i > 0, in index order, runs Dijkstra on the residual graph:
//     mentee -> mentor over a non-assigned edge (length r_ij), full mentor -> each of its
//     mentees (length 0). It stops at the first of: a mentor with room (mentors are settled in
//     order of (distance, mentor index)), or "mentee k leaves" at distance d_k + u_k (the start
//     mentee staying free costs u_s). Potentials move by (delta - d) on settled nodes, then the
//     path flips.
// Two searches, same result: on a sparse graph a binary heap, labelling nothing beyond the
// cheapest terminal seen, with touched state reset through lists (a search costs what it
// visits); on a dense matrix, array scans whose relaxation loop vectorises.
// Complexity: O(E) for steps 1-2; a search costs O(E' log E') sparse over the E' edges it
// visits, O(m) per settled mentor plus O(m) per scanned mentee dense. Worst case O(n E log E)
// sparse, O(n^2 m) dense; in practice far less.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <stop_token>
#include <utility>
#include <vector>

namespace binome::core::matching::detail {

inline constexpr std::uint32_t kNoIndex = std::numeric_limits<std::uint32_t>::max();

// Candidate edges, canonical: each row sorted by mentor index, no duplicates, already filtered
// (forbidden pairs and pairs below min_score removed).
struct Graph {
  std::uint32_t mentees = 0;
  std::uint32_t mentors = 0;
  std::vector<std::size_t> row_start{0};  // mentees + 1
  std::vector<std::uint32_t> mentor;
  std::vector<double> score;

  std::size_t row_begin(std::uint32_t i) const { return row_start[i]; }
  std::size_t row_end(std::uint32_t i) const { return row_start[i + 1]; }
};

// A dense matrix read in place: a cell is an edge when it is >= min_score (so not NaN) and its
// pair is not forbidden.
struct DenseView {
  const double* cells = nullptr;  // mentees x mentors, row-major
  std::uint32_t mentees = 0;
  std::uint32_t mentors = 0;
  double min_score = 0;
  std::span<const std::uint64_t> forbidden;  // keys mentee << 32 | mentor, sorted
};

// Everything a later re-solve needs to start warm: the assignment and the potentials.
template <typename W>
struct SolverState {
  std::vector<std::uint32_t> mentor_of;  // kNoIndex when free
  std::vector<W> mentee_potential;       // u
  std::vector<W> mentor_potential;       // v
};

template <typename W>
class AugmentingPathSolver {
 public:
  // `capacity`: per mentor, the room left after locked pairs (0 allowed). `active`: false for a
  // mentee whose pair is locked; its row is ignored and its potential stays 0. The graph or the
  // matrix must outlive the solver. `stop`: checked before each search (one augmentation); once
  // requested, solve() returns early and the state is not a solution (the caller reports it).
  AugmentingPathSolver(const Graph& graph, std::vector<std::uint32_t> capacity,
                       const std::vector<bool>& active, std::stop_token stop = {});
  AugmentingPathSolver(const DenseView& dense, std::vector<std::uint32_t> capacity,
                       const std::vector<bool>& active, std::stop_token stop = {});

  void solve();
  const SolverState<W>& state() const { return state_; }
  SolverState<W> take_state() { return std::move(state_); }

 private:
  struct HeapEntry {
    W distance;
    std::uint32_t mentor;
  };
  struct Reached {
    std::uint32_t node;
    W distance;
  };
  enum class Label : std::uint8_t { kUntouched, kLabelled, kSettled };

  void set_up(std::vector<std::uint32_t> capacity, const std::vector<bool>& active);
  template <typename F>
  void for_each_edge(std::uint32_t mentee, F&& f) const;
  void start_greedily();
  void reduce_rows();
  void augment_from(std::uint32_t start);
  void search_sparse(std::uint32_t start);
  void search_dense(std::uint32_t start);
  // Moves potentials by the capped distances and flips the path found by the last search.
  void finish_search(std::uint32_t start);
  void assign(std::uint32_t mentee, std::uint32_t mentor, std::size_t slot);
  void push(W distance, std::uint32_t mentor);
  HeapEntry pop();

  const Graph* graph_ = nullptr;
  const DenseView* dense_ = nullptr;
  std::stop_token stop_;
  std::uint32_t mentees_ = 0;
  std::uint32_t mentors_ = 0;
  std::vector<std::uint32_t> capacity_;
  std::vector<bool> active_;
  SolverState<W> state_;
  // Mentor j's mentees are members_[slot_begin_[j] .. slot_begin_[j] + load_[j]).
  std::vector<std::size_t> slot_begin_;
  std::vector<std::uint32_t> load_;
  std::vector<std::uint32_t> members_;
  std::vector<std::size_t> slot_of_;  // per mentee, its index in members_
  // The outcome of the last search.
  std::vector<Reached> settled_;            // full mentors settled, with their distance
  std::vector<Reached> scanned_;            // mentees scanned, with their distance
  std::vector<std::uint32_t> predecessor_;  // per mentor: the mentee that reached it
  std::uint32_t terminal_ = kNoIndex;       // the mentor with room reached, if any
  std::uint32_t leaving_ = kNoIndex;        // else the mentee that leaves
  W delta_{};
  // Sparse search scratch, reset through touched_.
  std::vector<W> distance_;
  std::vector<Label> label_;
  std::vector<std::uint32_t> touched_;
  std::vector<HeapEntry> heap_;
  // Dense search scratch: both levels of distances and potentials as doubles (exact for the
  // integer level), so that the relaxation loop vectorises.
  std::vector<double> first_, second_, from_, open_, v_first_, v_second_;
};

}  // namespace binome::core::matching::detail
