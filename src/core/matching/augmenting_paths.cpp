#include "core/matching/augmenting_paths.hpp"

#include <algorithm>
#include <cassert>
#include <type_traits>

#include "core/matching/two_level.hpp"

namespace binome::core::matching::detail {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Heap order: smaller distance first, then lower mentor index (the documented tie-break).
template <typename Entry>
bool after(const Entry& a, const Entry& b) {
  return b.distance < a.distance || (a.distance == b.distance && a.mentor > b.mentor);
}

// Both levels as doubles for the dense search (the integer level stays exact below 2^53).
template <typename W>
constexpr bool kScoreFirst = std::is_same_v<W, ScoreThenPairs>;
template <typename W>
double first_level(W w) {
  return static_cast<double>(w.first);
}
template <typename W>
double second_level(W w) {
  return static_cast<double>(w.second);
}
template <typename W>
W from_levels(double first, double second) {
  using First = decltype(W::first);
  using Second = decltype(W::second);
  return W{static_cast<First>(first), static_cast<Second>(second)};
}

// Relaxes mentors lo .. hi-1 from one mentee of the dense search. Branch-free, and written so
// that GCC 12 vectorises it with plain SSE2: restrict pointers as parameters (not loaded from a
// struct), each array loaded once into a local, a select per store.
template <bool kScoreFirstLevel>
void relax_row(const double* __restrict row, std::uint32_t lo, std::uint32_t hi, double base_first,
               double base_second, double mentee, double min_score, double* __restrict first,
               double* __restrict second, double* __restrict from, const double* __restrict open,
               const double* __restrict v_first, const double* __restrict v_second) {
  for (std::uint32_t j = lo; j < hi; ++j) {
    const double x = row[j];
    const double f = base_first + v_first[j] - (kScoreFirstLevel ? x : 1.0);
    const double s = base_second + v_second[j] - (kScoreFirstLevel ? 1.0 : x);
    const double old_first = first[j];
    const double old_second = second[j];
    const double old_from = from[j];
    const bool better = (x >= min_score) & (open[j] > 0.5) &
                        ((f < old_first) | ((f == old_first) & (s < old_second)));
    first[j] = better ? f : old_first;
    second[j] = better ? s : old_second;
    from[j] = better ? mentee : old_from;
  }
}

}  // namespace

template <typename W>
AugmentingPathSolver<W>::AugmentingPathSolver(const Graph& graph,
                                              std::vector<std::uint32_t> capacity,
                                              const std::vector<bool>& active,
                                              std::stop_token stop)
    : graph_(&graph), stop_(std::move(stop)), mentees_(graph.mentees), mentors_(graph.mentors) {
  set_up(std::move(capacity), active);
  distance_.assign(mentors_, W{});
  label_.assign(mentors_, Label::kUntouched);
}

template <typename W>
AugmentingPathSolver<W>::AugmentingPathSolver(const DenseView& dense,
                                              std::vector<std::uint32_t> capacity,
                                              const std::vector<bool>& active,
                                              std::stop_token stop)
    : dense_(&dense), stop_(std::move(stop)), mentees_(dense.mentees), mentors_(dense.mentors) {
  set_up(std::move(capacity), active);
}

template <typename W>
template <typename F>
void AugmentingPathSolver<W>::for_each_edge(std::uint32_t mentee, F&& f) const {
  if (graph_ != nullptr) {
    for (std::size_t e = graph_->row_begin(mentee); e < graph_->row_end(mentee); ++e) {
      f(graph_->mentor[e], graph_->score[e]);
    }
    return;
  }
  const double* row = dense_->cells + std::size_t{mentee} * mentors_;
  const auto banned = dense_->forbidden;
  auto ban = std::lower_bound(banned.begin(), banned.end(), std::uint64_t{mentee} << 32);
  for (std::uint32_t j = 0; j < mentors_; ++j) {
    const double x = row[j];
    if (!(x >= dense_->min_score)) continue;
    const std::uint64_t key = (std::uint64_t{mentee} << 32) | j;
    while (ban != banned.end() && *ban < key) ++ban;
    if (ban != banned.end() && *ban == key) continue;
    f(j, x);
  }
}

template <typename W>
void AugmentingPathSolver<W>::set_up(std::vector<std::uint32_t> capacity,
                                     const std::vector<bool>& active) {
  capacity_ = std::move(capacity);
  active_ = active;
  const std::uint32_t n = mentees_;
  const std::uint32_t m = mentors_;
  assert(capacity_.size() == m && active_.size() == n);
  state_.mentor_of.assign(n, kNoIndex);
  state_.mentee_potential.assign(n, W{});
  state_.mentor_potential.assign(m, W{});
  // A mentor never holds more mentees than list it, so slots are bounded by the edge count
  // even when a capacity is huge.
  std::vector<std::uint32_t> degree(m, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (active_[i]) for_each_edge(i, [&](std::uint32_t j, double) { ++degree[j]; });
  }
  slot_begin_.resize(std::size_t{m} + 1);
  slot_begin_[0] = 0;
  for (std::uint32_t j = 0; j < m; ++j) {
    slot_begin_[j + 1] = slot_begin_[j] + std::min(capacity_[j], degree[j]);
  }
  members_.assign(slot_begin_[m], kNoIndex);
  load_.assign(m, 0);
  slot_of_.assign(n, 0);
  predecessor_.assign(m, kNoIndex);
}

template <typename W>
void AugmentingPathSolver<W>::assign(std::uint32_t mentee, std::uint32_t mentor, std::size_t slot) {
  members_[slot] = mentee;
  state_.mentor_of[mentee] = mentor;
  slot_of_[mentee] = slot;
}

template <typename W>
void AugmentingPathSolver<W>::start_greedily() {
  auto& u = state_.mentee_potential;
  for (std::uint32_t i = 0; i < mentees_; ++i) {
    if (!active_[i]) continue;
    // The lowest-index mentor with room among those of the best weight (tight with u_i).
    W best{};
    std::uint32_t best_with_room = kNoIndex;
    for_each_edge(i, [&](std::uint32_t j, double score) {
      const W w = pair_weight<W>(score);
      const bool room = load_[j] < capacity_[j];
      if (best < w) {
        best = w;
        best_with_room = room ? j : kNoIndex;
      } else if (best_with_room == kNoIndex && room && w == best) {
        best_with_room = j;
      }
    });
    u[i] = best;
    if (W{} < best && best_with_room != kNoIndex) {
      assign(i, best_with_room, slot_begin_[best_with_room] + load_[best_with_room]);
      ++load_[best_with_room];
    }
  }
}

template <typename W>
void AugmentingPathSolver<W>::reduce_rows() {
  auto& u = state_.mentee_potential;
  auto& v = state_.mentor_potential;
  std::vector<std::uint32_t> queue;
  for (std::uint32_t i = 0; i < mentees_; ++i) {
    if (active_[i] && state_.mentor_of[i] == kNoIndex && W{} < u[i]) queue.push_back(i);
  }
  std::size_t budget = 2 * queue.size();
  for (std::uint32_t i : queue) {
    while (budget > 0) {
      --budget;
      // The best two options of i: "stay unmatched" (profit 0) first, then by mentor index.
      W first{};
      W second{};
      std::uint32_t first_mentor = kNoIndex;
      std::uint32_t second_mentor = kNoIndex;
      bool has_second = false;
      for_each_edge(i, [&](std::uint32_t j, double score) {
        const W profit = pair_weight<W>(score) - v[j];
        if (first < profit) {
          second = first;
          second_mentor = first_mentor;
          has_second = true;
          first = profit;
          first_mentor = j;
        } else if (!has_second || second < profit) {
          second = profit;
          second_mentor = j;
          has_second = true;
        }
      });
      if (!has_second) second = W{};  // only "stay unmatched" besides the best
      if (first_mentor == kNoIndex) {
        u[i] = W{};  // staying unmatched is best: complementary slackness holds
        break;
      }
      if (load_[first_mentor] < capacity_[first_mentor]) {
        u[i] = first;
        assign(i, first_mentor, slot_begin_[first_mentor] + load_[first_mentor]);
        ++load_[first_mentor];
        break;
      }
      if (capacity_[first_mentor] == 1 && second < first) {
        // Outbid the single occupant: raise the mentor's price until i is indifferent between
        // it and its second option; the occupant, still dual-feasible, is free and bids next.
        v[first_mentor] += first - second;
        u[i] = second;
        const std::size_t slot = slot_begin_[first_mentor];
        const std::uint32_t occupant = members_[slot];
        state_.mentor_of[occupant] = kNoIndex;
        assign(i, first_mentor, slot);
        i = occupant;
        continue;
      }
      if (second_mentor != kNoIndex && !(second < first) &&
          load_[second_mentor] < capacity_[second_mentor]) {
        u[i] = second;
        assign(i, second_mentor, slot_begin_[second_mentor] + load_[second_mentor]);
        ++load_[second_mentor];
      }
      break;  // otherwise left to the shortest-path search
    }
  }
}

template <typename W>
void AugmentingPathSolver<W>::solve() {
  start_greedily();
  reduce_rows();
  for (std::uint32_t i = 0; i < mentees_; ++i) {
    if (active_[i] && state_.mentor_of[i] == kNoIndex && W{} < state_.mentee_potential[i]) {
      // One atomic load per search, which costs far more (a search visits edges, a heap).
      if (stop_.stop_requested()) return;
      augment_from(i);
    }
  }
}

template <typename W>
void AugmentingPathSolver<W>::augment_from(std::uint32_t start) {
  settled_.clear();
  scanned_.clear();
  terminal_ = kNoIndex;
  leaving_ = kNoIndex;
  if (graph_ != nullptr) {
    search_sparse(start);
  } else {
    search_dense(start);
  }
  // A search cut short by the stop found no path: the state stays as it was, and solve() ends.
  if (stop_.stop_requested()) return;
  finish_search(start);
}

template <typename W>
void AugmentingPathSolver<W>::push(W distance, std::uint32_t mentor) {
  heap_.push_back({distance, mentor});
  std::push_heap(heap_.begin(), heap_.end(), after<HeapEntry>);
}

template <typename W>
typename AugmentingPathSolver<W>::HeapEntry AugmentingPathSolver<W>::pop() {
  std::pop_heap(heap_.begin(), heap_.end(), after<HeapEntry>);
  const HeapEntry top = heap_.back();
  heap_.pop_back();
  return top;
}

template <typename W>
void AugmentingPathSolver<W>::search_sparse(std::uint32_t start) {
  const auto& u = state_.mentee_potential;
  const auto& v = state_.mentor_potential;
  const Graph& graph = *graph_;
  W best_leave = W::infinity();  // cheapest "mentee k leaves" seen so far
  // No search goes past the cheapest terminal labelled so far: a mentor labelled beyond it
  // would never be settled, so it is not labelled at all (same result, far fewer heap entries).
  W bound = W::infinity();

  const auto scan = [&](std::uint32_t i, W at) {
    scanned_.push_back({i, at});
    const W base = at + u[i];
    if (base < best_leave) {
      best_leave = base;
      leaving_ = i;
      if (base < bound) bound = base;
    }
    for (std::size_t e = graph.row_begin(i); e < graph.row_end(i); ++e) {
      const std::uint32_t j = graph.mentor[e];
      if (label_[j] == Label::kSettled) continue;
      const W candidate = base + v[j] - pair_weight<W>(graph.score[e]);
      if (bound < candidate) continue;
      if (load_[j] < capacity_[j]) bound = candidate;  // a terminal: nothing beyond it matters
      if (label_[j] == Label::kUntouched) {
        label_[j] = Label::kLabelled;
        touched_.push_back(j);
      } else if (!(candidate < distance_[j])) {
        continue;  // strict: the first mentee to reach a mentor at a distance keeps it
      }
      distance_[j] = candidate;
      predecessor_[j] = i;
      push(candidate, j);
    }
  };

  scan(start, W{});
  // One search can visit most of a large graph whose scores tie (seconds): the stop is checked
  // every 1,024 entries taken from the heap.
  std::uint32_t popped = 0;
  while (!heap_.empty()) {
    if ((++popped & 0x3FFU) == 0 && stop_.stop_requested()) break;
    const HeapEntry& top = heap_.front();
    if (label_[top.mentor] == Label::kSettled) {  // a stale entry
      pop();
      continue;
    }
    if (!(top.distance < best_leave)) break;  // a tie goes to leaving: fewer changes
    const HeapEntry entry = pop();
    const std::uint32_t j = entry.mentor;
    label_[j] = Label::kSettled;
    if (load_[j] < capacity_[j]) {
      terminal_ = j;
      delta_ = entry.distance;
      break;
    }
    settled_.push_back({j, entry.distance});
    for (std::size_t s = slot_begin_[j]; s < slot_begin_[j] + load_[j]; ++s) {
      scan(members_[s], entry.distance);
    }
  }
  if (terminal_ == kNoIndex) delta_ = best_leave;

  for (const std::uint32_t j : touched_) label_[j] = Label::kUntouched;
  touched_.clear();
  heap_.clear();
}

template <typename W>
void AugmentingPathSolver<W>::search_dense(std::uint32_t start) {
  const auto& u = state_.mentee_potential;
  const auto& v = state_.mentor_potential;
  const std::uint32_t m = mentors_;
  first_.assign(m, kInfinity);
  second_.assign(m, kInfinity);
  from_.assign(m, 0.0);
  open_.assign(m, 1.0);
  v_first_.resize(m);
  v_second_.resize(m);
  for (std::uint32_t j = 0; j < m; ++j) {
    v_first_[j] = first_level(v[j]);
    v_second_[j] = second_level(v[j]);
  }
  const double min_score = dense_->min_score;
  W best_leave = W::infinity();

  const auto scan = [&](std::uint32_t i, W at) {
    scanned_.push_back({i, at});
    const W base = at + u[i];
    if (base < best_leave) {
      best_leave = base;
      leaving_ = i;
    }
    const double* row = dense_->cells + std::size_t{i} * m;
    const double bf = first_level(base);
    const double bs = second_level(base);
    const auto relax = [&](std::uint32_t lo, std::uint32_t hi) {
      relax_row<kScoreFirst<W>>(row, lo, hi, bf, bs, static_cast<double>(i), min_score,
                                first_.data(), second_.data(), from_.data(), open_.data(),
                                v_first_.data(), v_second_.data());
    };
    const auto banned = dense_->forbidden;
    auto ban = std::lower_bound(banned.begin(), banned.end(), std::uint64_t{i} << 32);
    std::uint32_t lo = 0;
    for (; ban != banned.end() && (*ban >> 32) == i; ++ban) {
      const auto j = static_cast<std::uint32_t>(*ban);
      relax(lo, j);
      lo = j + 1;
    }
    relax(lo, m);
  };

  scan(start, W{});
  std::uint32_t steps = 0;
  while (true) {
    // Each step is O(m): the stop is checked every 64 of them.
    if ((++steps & 0x3FU) == 0 && stop_.stop_requested()) break;
    // The open mentor of least (distance, index); unlabelled ones are at infinity.
    double best_first = kInfinity;
    double best_second = kInfinity;
    std::uint32_t best = kNoIndex;
    for (std::uint32_t j = 0; j < m; ++j) {
      if (open_[j] > 0.5 &&
          (first_[j] < best_first || (first_[j] == best_first && second_[j] < best_second))) {
        best_first = first_[j];
        best_second = second_[j];
        best = j;
      }
    }
    if (best == kNoIndex) break;
    const W d = from_levels<W>(best_first, best_second);
    if (!(d < best_leave)) break;  // a tie goes to leaving, as in the sparse search
    open_[best] = 0.0;
    predecessor_[best] = static_cast<std::uint32_t>(from_[best]);
    if (load_[best] < capacity_[best]) {
      terminal_ = best;
      delta_ = d;
      break;
    }
    settled_.push_back({best, d});
    for (std::size_t s = slot_begin_[best]; s < slot_begin_[best] + load_[best]; ++s) {
      scan(members_[s], d);
    }
  }
  if (terminal_ == kNoIndex) delta_ = best_leave;
}

template <typename W>
void AugmentingPathSolver<W>::finish_search(std::uint32_t start) {
  auto& u = state_.mentee_potential;
  auto& v = state_.mentor_potential;
  auto& mentor_of = state_.mentor_of;
  // Dijkstra's distances capped at delta keep every reduced cost >= 0 and make the path tight.
  for (const Reached& r : settled_) v[r.node] += delta_ - r.distance;
  for (const Reached& r : scanned_) u[r.node] -= delta_ - r.distance;

  std::uint32_t mentor = kNoIndex;
  std::size_t slot = 0;
  if (terminal_ != kNoIndex) {
    mentor = terminal_;
    slot = slot_begin_[terminal_] + load_[terminal_];
    ++load_[terminal_];
  } else {
    u[leaving_] = W{};  // exactly: it is free now
    if (leaving_ != start) {
      mentor = mentor_of[leaving_];
      slot = slot_of_[leaving_];
      mentor_of[leaving_] = kNoIndex;
    }
  }
  // Flip the path: each mentee on it moves to the mentor it reached, into the slot just freed.
  while (mentor != kNoIndex) {
    const std::uint32_t i = predecessor_[mentor];
    const std::uint32_t previous_mentor = mentor_of[i];
    const std::size_t previous_slot = slot_of_[i];
    assign(i, mentor, slot);
    if (i == start) break;
    mentor = previous_mentor;
    slot = previous_slot;
  }
}

template class AugmentingPathSolver<ScoreThenPairs>;
template class AugmentingPathSolver<PairsThenScore>;

}  // namespace binome::core::matching::detail
