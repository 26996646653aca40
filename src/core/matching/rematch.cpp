#include "core/matching/rematch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "core/matching/augmenting_paths.hpp"
#include "core/matching/prepared.hpp"
#include "core/matching/two_level.hpp"

namespace binome::core::matching {

using detail::AugmentingPathSolver;
using detail::Graph;
using detail::kNoIndex;
using detail::pair_key;

Problem with_kept_pairs(const Problem& problem, const Result& previous,
                        const std::vector<Pair>& dissolved) {
  Problem modified = problem;
  modified.locked.clear();
  for (const MatchedPair& pair : previous.pairs) {
    const Pair p{pair.mentee, pair.mentor};
    if (std::find(dissolved.begin(), dissolved.end(), p) == dissolved.end()) {
      modified.locked.push_back(p);
    }
  }
  modified.forbidden.insert(modified.forbidden.end(), dissolved.begin(), dissolved.end());
  return modified;
}

namespace {

std::unexpected<Error> invalid(std::string field, Message message) {
  return validation_failed({ErrorDetail{std::move(field), std::move(message)}});
}

// Reads the listed pairs of one mentee, in the problem's own order, without validation. A
// computed matrix (DenseScores::computed) is read through its scorer, a row or a cell at a time.
class Rows {
 public:
  Rows(const Problem& problem, std::uint32_t mentors) : mentors_(mentors) {
    if (const auto* s = std::get_if<SparseScores>(&problem.scores)) {
      sparse_ = s;
    } else {
      dense_ = &std::get<DenseScores>(problem.scores);
    }
  }
  bool dense() const { return dense_ != nullptr; }
  std::size_t mentees() const {
    if (dense_ != nullptr)
      return dense_->mentees < 0 ? 0 : static_cast<std::size_t>(dense_->mentees);
    return sparse_->offsets.empty() ? 0 : sparse_->offsets.size() - 1;
  }
  // Shape checks that make every row readable.
  bool readable() const {
    if (dense_ != nullptr) {
      return dense_->mentors >= 0 && static_cast<std::uint32_t>(dense_->mentors) == mentors_ &&
             (dense_->computed != nullptr || dense_->cells.size() == mentees() * mentors_);
    }
    const auto& o = sparse_->offsets;
    if (o.empty()) return true;
    if (sparse_->mentors.size() != sparse_->scores.size() || o.front() != 0 ||
        o.back() != static_cast<std::int64_t>(sparse_->mentors.size())) {
      return false;
    }
    return true;
  }
  bool row_ok(std::uint32_t i) const {
    if (dense_ != nullptr) return true;
    const auto& o = sparse_->offsets;
    return o[i] <= o[i + 1] && o[i] >= 0 &&
           o[i + 1] <= static_cast<std::int64_t>(sparse_->mentors.size());
  }
  // f(mentor, score) for each listed pair: every non-NaN cell (dense), every entry (sparse).
  template <typename F>
  void each(std::uint32_t i, F&& f) const {
    if (dense_ != nullptr) {
      // A computed matrix has no cells: offsetting their null data() would be undefined.
      const double* row = nullptr;
      if (dense_->computed != nullptr) {
        buffer_.resize(mentors_);
        dense_->computed->row(i, buffer_.data());
        row = buffer_.data();
      } else {
        row = dense_->cells.data() + std::size_t{i} * mentors_;
      }
      for (std::uint32_t j = 0; j < mentors_; ++j) {
        if (!std::isnan(row[j])) f(static_cast<std::int64_t>(j), row[j]);
      }
      return;
    }
    const auto& o = sparse_->offsets;
    for (auto e = static_cast<std::size_t>(o[i]); e < static_cast<std::size_t>(o[i + 1]); ++e) {
      f(static_cast<std::int64_t>(sparse_->mentors[e]), sparse_->scores[e]);
    }
  }
  // Dense forms only: the score of (i, j), NaN when the pair is not listed.
  double cell(std::uint32_t i, std::uint32_t j) const {
    return dense_->computed != nullptr ? dense_->computed->cell(i, j)
                                       : dense_->cells[std::size_t{i} * mentors_ + j];
  }

 private:
  const SparseScores* sparse_ = nullptr;
  const DenseScores* dense_ = nullptr;
  std::uint32_t mentors_ = 0;
  mutable std::vector<double> buffer_;  // a computed row
};

struct Reduced {
  std::vector<std::uint32_t> affected;  // increasing mentee index
  Graph graph;                          // one row per affected mentee, allowed pairs only
  std::vector<std::uint32_t> room;      // per mentor, after the kept pairs
};

template <typename W>
Result finish(const Problem& problem, const Result& previous, const std::vector<char>& is_dissolved,
              const std::vector<std::uint32_t>& dissolved_mentor_flag,
              const std::vector<std::uint32_t>& dissolved_mentors, const Reduced& red,
              const std::vector<double>& kept_score, const Rows& rows,
              const std::vector<std::uint64_t>& forbidden, const std::stop_token& stop) {
  const std::uint32_t n = static_cast<std::uint32_t>(previous.mentor_of.size());
  const std::uint32_t m = static_cast<std::uint32_t>(problem.capacities.size());
  const std::vector<bool> active(red.affected.size(), true);
  AugmentingPathSolver<W> solver(red.graph, red.room, active, stop);
  solver.solve();
  if (stop.stop_requested()) return {};  // rematch reports it
  const auto& state = solver.state();

  Result r;
  r.objective = problem.objective;
  r.mentor_of = previous.mentor_of;
  std::vector<double> new_score(red.affected.size(), 0.0);
  for (std::size_t k = 0; k < red.affected.size(); ++k) {
    const std::uint32_t i = red.affected[k];
    const std::uint32_t j = state.mentor_of[k];
    r.mentor_of[i] = j == kNoIndex ? kUnmatched : static_cast<std::int32_t>(j);
    if (j == kNoIndex) continue;
    const auto begin =
        red.graph.mentor.begin() +
        static_cast<std::ptrdiff_t>(red.graph.row_begin(static_cast<std::uint32_t>(k)));
    const auto end = red.graph.mentor.begin() +
                     static_cast<std::ptrdiff_t>(red.graph.row_end(static_cast<std::uint32_t>(k)));
    const auto it = std::lower_bound(begin, end, j);
    new_score[k] = red.graph.score[static_cast<std::size_t>(it - red.graph.mentor.begin())];
  }

  // Pairs in mentee order: kept ones locked, new ones from the reduced solve.
  std::vector<std::uint32_t> load(m, 0);
  r.pairs.reserve(previous.pairs.size() + red.affected.size());
  W bound{};
  std::size_t next = 0;  // walks red.affected alongside i
  for (std::uint32_t i = 0; i < n; ++i) {
    const bool affected = next < red.affected.size() && red.affected[next] == i;
    const std::int32_t j = r.mentor_of[i];
    if (j != kUnmatched) {
      const double score = affected ? new_score[next] : kept_score[i];
      r.pairs.push_back({static_cast<std::int32_t>(i), j, score, !affected});
      r.total_score += score;
      ++r.matched;
      ++load[static_cast<std::uint32_t>(j)];
      if (!affected) bound += make_two_level<W>(score, 1);
    }
    if (affected) ++next;
  }

  // Duals: u = 0 on kept (locked) mentees; the reduced problem's u and v elsewhere.
  r.mentee_dual.assign(n, Dual{});
  for (std::size_t k = 0; k < red.affected.size(); ++k) {
    r.mentee_dual[red.affected[k]] = to_dual(state.mentee_potential[k]);
    bound += state.mentee_potential[k];
  }
  r.mentor_dual.resize(m);
  for (std::uint32_t j = 0; j < m; ++j) {
    const W v = state.mentor_potential[j];
    r.mentor_dual[j] = to_dual(v);
    if (v == W{}) continue;
    const auto room = static_cast<std::int64_t>(red.room[j]);
    bound += make_two_level<W>(score_level(v) * static_cast<double>(room), pairs_level(v) * room);
  }
  r.dual_bound = to_dual(bound);

  // Reasons, as solve gives them for the modified problem. Unmatched mentees are all affected.
  const auto capacity = [&](std::uint32_t j) {
    return static_cast<std::uint32_t>(problem.capacities[j]);
  };
  r.mentee_reason.assign(n, Reason::kNone);
  std::vector<char> listed(m, 0);
  std::vector<char> listed_by_free(m, 0);
  for (std::size_t k = 0; k < red.affected.size(); ++k) {
    const std::uint32_t i = red.affected[k];
    const bool free = r.mentor_of[i] == kUnmatched;
    bool any = false;
    bool room = false;
    for (std::size_t e = red.graph.row_begin(static_cast<std::uint32_t>(k));
         e < red.graph.row_end(static_cast<std::uint32_t>(k)); ++e) {
      const std::uint32_t j = red.graph.mentor[e];
      any = true;
      room = room || load[j] < capacity(j);
      listed[j] = 1;
      if (free) listed_by_free[j] = 1;
    }
    if (free) {
      r.mentee_reason[i] = !any   ? Reason::kNoAllowedPartner
                           : room ? Reason::kWouldLowerTotal
                                  : Reason::kPartnersTaken;
    }
  }
  // A mentor keeps its allowed pairs unless dissolved ones were among them: a mentor with room
  // that no dissolved pair involves is listed exactly when it was before (a mentor full before
  // is still full), which the last pass reads from previous.mentor_reason. A dissolved mentor
  // with room and no witness yet is looked up in the rows, and so is every mentor with room when
  // `previous` carries no reasons (pairs alone). O(k) to find them when it does: no pass over m.
  for (const MatchedPair& p : r.pairs) {
    if (p.locked && p.score >= problem.min_score) listed[static_cast<std::uint32_t>(p.mentor)] = 1;
  }
  const bool has_reasons = !previous.mentor_reason.empty();
  std::vector<std::uint32_t> unknown;
  if (has_reasons) {
    for (const std::uint32_t j : dissolved_mentors) {
      if (load[j] < capacity(j) && listed[j] == 0 &&
          previous.mentor_reason[j] != Reason::kNoAllowedPartner) {
        unknown.push_back(j);
      }
    }
    std::sort(unknown.begin(), unknown.end());  // a mentor may have lost several pairs
    unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
  } else {
    for (std::uint32_t j = 0; j < m; ++j) {
      if (load[j] < capacity(j) && listed[j] == 0) unknown.push_back(j);
    }
  }
  if (!unknown.empty()) {
    std::vector<char> wanted(m, 0);
    for (const std::uint32_t j : unknown) wanted[j] = 1;
    std::size_t left = unknown.size();
    const auto witness = [&](std::uint32_t i, std::int64_t mentor, double x) {
      if (mentor < 0 || mentor >= m) return;
      const auto j = static_cast<std::uint32_t>(mentor);
      if (wanted[j] == 0 || !(x >= problem.min_score)) return;
      if (is_dissolved[i] != 0 && static_cast<std::uint32_t>(previous.mentor_of[i]) == j) return;
      if (std::binary_search(forbidden.begin(), forbidden.end(), pair_key(i, j))) return;
      wanted[j] = 0;
      listed[j] = 1;
      --left;
    };
    // A dense row is m cells (computed ones dear): with few mentors to find, read their cells.
    const bool by_cell = rows.dense() && unknown.size() * 16 < m;
    for (std::uint32_t i = 0; i < n && left > 0 && !stop.stop_requested(); ++i) {
      if (!rows.row_ok(i)) continue;
      if (by_cell) {
        for (const std::uint32_t j : unknown) {
          if (wanted[j] == 0) continue;
          const double x = rows.cell(i, j);
          if (!std::isnan(x)) witness(i, j, x);
        }
      } else {
        rows.each(i, [&](std::int64_t mentor, double x) { witness(i, mentor, x); });
      }
    }
  }
  // Selects rather than branches: whether a mentor has room is as random as the instance.
  r.mentor_reason.resize(m);
  for (std::uint32_t j = 0; j < m; ++j) {
    const bool was_listed = has_reasons && dissolved_mentor_flag[j] == 0 &&
                            previous.mentor_reason[j] != Reason::kNoAllowedPartner;
    const Reason with_room = listed[j] == 0 && !was_listed ? Reason::kNoAllowedPartner
                             : listed_by_free[j] != 0      ? Reason::kWouldLowerTotal
                                                           : Reason::kPartnersTaken;
    r.mentor_reason[j] = load[j] < capacity(j) ? with_room : Reason::kNone;
  }
  return r;
}

}  // namespace

std::expected<Result, Error> rematch(const Problem& problem, const Result& previous,
                                     const std::vector<Pair>& dissolved, std::stop_token stop) {
  if (stop.stop_requested()) return std::unexpected(stopped_error());
  const std::size_t m_size = problem.capacities.size();
  const Rows rows(problem, static_cast<std::uint32_t>(m_size));
  const std::size_t n_size = rows.mentees();
  if (!rows.readable() || m_size > static_cast<std::size_t>(INT32_MAX) ||
      n_size > static_cast<std::size_t>(INT32_MAX)) {
    return invalid("scores", msg("matching.scores_malformed"));
  }
  // Only mentor_of, pairs and (when present) mentor_reason are read: the previous proof is not
  // needed, since every kept pair becomes a lock and the new proof covers the modified problem.
  if (previous.mentor_of.size() != n_size ||
      (!previous.mentor_reason.empty() && previous.mentor_reason.size() != m_size) ||
      previous.objective != problem.objective) {
    return invalid("previous", msg("matching.previous_not_of_problem"));
  }
  if (!std::isfinite(problem.min_score)) return invalid("min_score", msg("matching.finite"));
  const auto n = static_cast<std::uint32_t>(n_size);
  const auto m = static_cast<std::uint32_t>(m_size);
  for (std::uint32_t j = 0; j < m; ++j) {
    if (problem.capacities[j] < 1) return invalid(fmt::format("capacities[{}]", j), msg("matching.capacity_at_least_one"));
  }

  // The dissolved pairs: each a pair of `previous`, once, and not locked by the problem.
  std::vector<char> is_dissolved(n, 0);
  std::vector<std::uint32_t> dissolved_mentor(m, 0);
  for (std::size_t k = 0; k < dissolved.size(); ++k) {
    const Pair& d = dissolved[k];
    const std::string field = fmt::format("dissolved[{}]", k);
    if (d.mentee < 0 || static_cast<std::uint32_t>(d.mentee) >= n || d.mentor < 0 ||
        static_cast<std::uint32_t>(d.mentor) >= m ||
        previous.mentor_of[static_cast<std::uint32_t>(d.mentee)] != d.mentor) {
      return invalid(field, msg("matching.dissolved_not_pair_index", {count("mentee", d.mentee), count("mentor", d.mentor)}));
    }
    if (is_dissolved[static_cast<std::uint32_t>(d.mentee)] != 0) {
      return invalid(field, msg("matching.dissolved_twice_index", {count("mentee", d.mentee), count("mentor", d.mentor)}));
    }
    is_dissolved[static_cast<std::uint32_t>(d.mentee)] = 1;
    ++dissolved_mentor[static_cast<std::uint32_t>(d.mentor)];
  }
  // Each lock of the problem is a pair of `previous` (with_kept_pairs would otherwise drop it
  // silently), and is not dissolved.
  for (std::size_t k = 0; k < problem.locked.size(); ++k) {
    const Pair& l = problem.locked[k];
    const std::string field = fmt::format("locked[{}]", k);
    if (l.mentee < 0 || static_cast<std::uint32_t>(l.mentee) >= n ||
        previous.mentor_of[static_cast<std::uint32_t>(l.mentee)] != l.mentor) {
      return invalid(field, msg("matching.locked_not_previous_index", {count("mentee", l.mentee), count("mentor", l.mentor)}));
    }
    if (is_dissolved[static_cast<std::uint32_t>(l.mentee)] != 0) {
      return invalid(field, msg("matching.locked_dissolved_index", {count("mentee", l.mentee), count("mentor", l.mentor)}));
    }
  }

  // Forbidden pairs, dissolved ones included: sorted keys.
  std::vector<std::uint64_t> forbidden;
  forbidden.reserve(problem.forbidden.size() + dissolved.size());
  for (std::size_t k = 0; k < problem.forbidden.size(); ++k) {
    const Pair& f = problem.forbidden[k];
    if (f.mentee < 0 || static_cast<std::uint32_t>(f.mentee) >= n || f.mentor < 0 ||
        static_cast<std::uint32_t>(f.mentor) >= m) {
      return invalid(fmt::format("forbidden[{}]", k), msg("matching.out_of_range"));
    }
    forbidden.push_back(
        pair_key(static_cast<std::uint32_t>(f.mentee), static_cast<std::uint32_t>(f.mentor)));
  }
  for (const Pair& d : dissolved) {
    forbidden.push_back(
        pair_key(static_cast<std::uint32_t>(d.mentee), static_cast<std::uint32_t>(d.mentor)));
  }
  std::sort(forbidden.begin(), forbidden.end());
  forbidden.erase(std::unique(forbidden.begin(), forbidden.end()), forbidden.end());

  // Kept pairs: their scores (from previous.pairs, checked against mentor_of) and loads. The
  // affected mentees: the unmatched ones, then the dissolved ones merged in, in index order.
  Reduced red;
  std::vector<double> kept_score(n, 0.0);
  std::size_t matched = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    const std::int32_t j = previous.mentor_of[i];
    if (j == kUnmatched) {
      red.affected.push_back(i);
      continue;
    }
    if (j < 0 || static_cast<std::uint32_t>(j) >= m)
      return invalid("previous", msg("matching.previous_mentor_range"));
    ++matched;
  }
  if (previous.pairs.size() != matched) return invalid("previous", msg("matching.previous_inconsistent"));
  {
    std::vector<std::uint32_t> gone;
    gone.reserve(dissolved.size());
    for (const Pair& d : dissolved) gone.push_back(static_cast<std::uint32_t>(d.mentee));
    std::sort(gone.begin(), gone.end());
    const auto unmatched = static_cast<std::ptrdiff_t>(red.affected.size());
    red.affected.insert(red.affected.end(), gone.begin(), gone.end());
    std::inplace_merge(red.affected.begin(), red.affected.begin() + unmatched, red.affected.end());
  }
  red.room.assign(m, 0);
  std::vector<std::uint32_t> kept_load(m, 0);
  for (const MatchedPair& p : previous.pairs) {
    if (p.mentee < 0 || static_cast<std::uint32_t>(p.mentee) >= n ||
        previous.mentor_of[static_cast<std::uint32_t>(p.mentee)] != p.mentor) {
      return invalid("previous", msg("matching.previous_inconsistent"));
    }
    const auto i = static_cast<std::uint32_t>(p.mentee);
    if (is_dissolved[i] != 0) continue;
    kept_score[i] = p.score;
    ++kept_load[static_cast<std::uint32_t>(p.mentor)];
  }
  for (std::uint32_t j = 0; j < m; ++j) {
    const auto cap = static_cast<std::uint32_t>(problem.capacities[j]);
    if (kept_load[j] > cap) return invalid("previous", msg("matching.previous_overfills_index", {count("mentor", j)}));
    red.room[j] = cap - kept_load[j];
  }

  // The reduced graph: the affected mentees' allowed pairs, sorted by mentor.
  red.graph.mentors = m;
  std::vector<std::pair<std::uint32_t, double>> row;
  red.graph.row_start.reserve(red.affected.size() + 1);
  for (const std::uint32_t i : red.affected) {
    if (stop.stop_requested()) return std::unexpected(stopped_error());
    if (!rows.row_ok(i)) return invalid("scores.offsets", msg("matching.row_malformed", {count("row", i)}));
    row.clear();
    bool bad = false;
    rows.each(i, [&](std::int64_t j, double x) {
      if (j < 0 || j >= m || !std::isfinite(x))
        bad = true;
      else
        row.emplace_back(static_cast<std::uint32_t>(j), x);
    });
    if (bad) {
      return invalid("scores", msg("matching.row_bad_entry", {count("mentee", i)}));
    }
    std::sort(row.begin(), row.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (std::size_t e = 1; e < row.size(); ++e) {
      if (row[e].first == row[e - 1].first) {
        return invalid("scores", msg("matching.mentor_listed_twice_row", {count("mentee", i), count("mentor", row[e].first)}));
      }
    }
    for (const auto& [j, x] : row) {
      if (!(x >= problem.min_score)) continue;
      if (std::binary_search(forbidden.begin(), forbidden.end(), pair_key(i, j))) continue;
      red.graph.mentor.push_back(j);
      red.graph.score.push_back(x);
    }
    red.graph.row_start.push_back(red.graph.mentor.size());
  }
  red.graph.mentees = static_cast<std::uint32_t>(red.affected.size());

  std::vector<std::uint32_t> dissolved_mentors;
  dissolved_mentors.reserve(dissolved.size());
  for (const Pair& d : dissolved) dissolved_mentors.push_back(static_cast<std::uint32_t>(d.mentor));
  Result result =
      problem.objective == Objective::kScore
          ? finish<ScoreThenPairs>(problem, previous, is_dissolved, dissolved_mentor,
                                   dissolved_mentors, red, kept_score, rows, forbidden, stop)
          : finish<PairsThenScore>(problem, previous, is_dissolved, dissolved_mentor,
                                   dissolved_mentors, red, kept_score, rows, forbidden, stop);
  if (stop.stop_requested()) return std::unexpected(stopped_error());
  return result;
}

const char* dissolve_reason_name(DissolveReason reason) {
  switch (reason) {
    case DissolveReason::kScheduleConflict: return "schedule_conflict";
    case DissolveReason::kNoRapport: return "no_rapport";
    case DissolveReason::kParticipantLeft: return "participant_left";
    case DissolveReason::kGoalsReached: return "goals_reached";
    case DissolveReason::kConfidentialityBreach: return "confidentiality_breach";
    case DissolveReason::kOther: return "other";
  }
  return "other";
}

std::optional<DissolveReason> parse_dissolve_reason(std::string_view name) {
  for (const DissolveReason r : kDissolveReasons) {
    if (name == dissolve_reason_name(r)) return r;
  }
  return std::nullopt;
}

}  // namespace binome::core::matching
