#include "core/matching/stable.hpp"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <queue>
#include <utility>
#include <vector>

#include "core/matching/prepared.hpp"

namespace binome::core::matching {

using detail::kNoIndex;
using detail::Prepared;

namespace {

// A mentor's view of one mentee: the pair's score and the mentee's index.
struct Offer {
  double score = 0;
  std::uint32_t mentee = 0;
};
// The mentor prefers a to b: higher score, then lower mentee index.
bool mentor_prefers(const Offer& a, const Offer& b) {
  return a.score > b.score || (a.score == b.score && a.mentee < b.mentee);
}
// The mentee prefers mentor a (score sa) to mentor b (score sb): higher score, then lower index.
bool mentee_prefers(std::uint32_t a, double sa, std::uint32_t b, double sb) {
  return sa > sb || (sa == sb && a < b);
}
// Heap order with the worst offer on top.
struct WorstOnTop {
  bool operator()(const Offer& a, const Offer& b) const { return mentor_prefers(a, b); }
};

std::int64_t blocking_pairs(const Prepared& p, std::span<const std::int32_t> mentor_of) {
  const std::uint32_t n = p.mentees;
  const std::uint32_t m = p.mentors;
  std::vector<std::uint32_t> load(m, 0);
  std::vector<double> own_score(n, -std::numeric_limits<double>::infinity());
  std::vector<Offer> worst(m);
  std::vector<bool> has_worst(m, false);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (mentor_of[i] == kUnmatched) continue;
    const auto j = static_cast<std::uint32_t>(mentor_of[i]);
    ++load[j];
    if (p.locked(i)) continue;  // locked seats are not up for grabs
    double score = 0;
    if (detail::allowed_score(p, i, j, score)) own_score[i] = score;
    const Offer offer{own_score[i], i};
    if (!has_worst[j] || mentor_prefers(worst[j], offer)) worst[j] = offer;
    has_worst[j] = true;
  }
  std::int64_t count = 0;
  for (std::uint32_t i = 0; i < n && !p.stopped(); ++i) {
    if (p.locked(i)) continue;  // a locked pair is imposed: its mentee never blocks
    const bool matched = mentor_of[i] != kUnmatched;
    const auto partner = matched ? static_cast<std::uint32_t>(mentor_of[i]) : kNoIndex;
    detail::for_each_allowed(p, i, [&](std::uint32_t j, double score) {
      if (j == partner) return;
      if (matched && !mentee_prefers(j, score, partner, own_score[i])) return;
      const bool room = load[j] < p.capacity[j];
      if (room || (has_worst[j] && mentor_prefers({score, i}, worst[j]))) ++count;
    });
  }
  return count;
}

}  // namespace

std::expected<StableResult, Error> solve_stable(const Problem& problem, std::stop_token stop) {
  auto prepared = detail::prepare(problem, std::move(stop));
  if (!prepared) return std::unexpected(std::move(prepared.error()));
  const Prepared& p = *prepared;
  const std::uint32_t n = p.mentees;
  const std::uint32_t m = p.mentors;

  // Each unlocked mentee's acceptable mentors, best first (CSR).
  std::vector<std::size_t> start(std::size_t{n} + 1, 0);
  std::vector<std::pair<std::uint32_t, double>> prefs;
  std::vector<bool> listed(m, false);  // acceptable to some unlocked mentee
  for (std::uint32_t i = 0; i < n; ++i) {
    if (p.stopped()) return std::unexpected(stopped_error());
    if (!p.locked(i)) {
      const std::size_t begin = prefs.size();
      detail::for_each_allowed(p, i, [&](std::uint32_t j, double score) {
        prefs.emplace_back(j, score);
        listed[j] = true;
      });
      std::sort(prefs.begin() + static_cast<std::ptrdiff_t>(begin), prefs.end(),
                [](const auto& a, const auto& b) {
                  return mentee_prefers(a.first, a.second, b.first, b.second);
                });
    }
    start[i + 1] = prefs.size();
  }

  // Deferred acceptance: each mentor holds at most room[j] offers, worst on top.
  std::vector<std::priority_queue<Offer, std::vector<Offer>, WorstOnTop>> held(m);
  std::vector<std::size_t> next(start.begin(), start.end() - 1);
  std::vector<std::uint32_t> proposers;
  for (std::uint32_t i = n; i-- > 0;) {
    if (!p.locked(i)) proposers.push_back(i);
  }
  // Proposals cost O(log room) each: the stop is checked once per kStopEvery of them.
  constexpr std::uint32_t kStopEvery = 4096;
  std::uint32_t until_check = kStopEvery;
  while (!proposers.empty()) {
    if (--until_check == 0) {
      if (p.stopped()) return std::unexpected(stopped_error());
      until_check = kStopEvery;
    }
    const std::uint32_t i = proposers.back();
    proposers.pop_back();
    while (next[i] < start[i + 1]) {
      const auto [j, score] = prefs[next[i]++];
      const Offer offer{score, i};
      auto& h = held[j];
      if (h.size() < p.room[j]) {
        h.push(offer);
        break;
      }
      if (!h.empty() && mentor_prefers(offer, h.top())) {
        proposers.push_back(h.top().mentee);
        h.pop();
        h.push(offer);
        break;
      }
    }
  }

  StableResult out;
  Result& r = out.assignment;
  r.objective = problem.objective;
  r.mentor_of.assign(n, kUnmatched);
  std::vector<double> score_of(n, 0.0);
  for (std::uint32_t j = 0; j < m; ++j) {
    for (auto& h = held[j]; !h.empty(); h.pop()) {
      r.mentor_of[h.top().mentee] = static_cast<std::int32_t>(j);
      score_of[h.top().mentee] = h.top().score;
    }
  }
  std::vector<std::uint32_t> load(m, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    const bool locked = p.locked(i);
    if (locked) {
      r.mentor_of[i] = static_cast<std::int32_t>(p.locked_mentor[i]);
      score_of[i] = p.locked_score[i];
    }
    if (r.mentor_of[i] == kUnmatched) continue;
    ++load[static_cast<std::size_t>(r.mentor_of[i])];
    r.pairs.push_back({static_cast<std::int32_t>(i), r.mentor_of[i], score_of[i], locked});
    r.total_score += score_of[i];
    ++r.matched;
  }

  // Reasons: in a stable matching every unmatched mentee was refused by each acceptable mentor
  // (full of mentees it prefers), and every mentor with room was left by the mentees that find
  // it acceptable (each holds a mentor it prefers).
  r.mentee_reason.assign(n, Reason::kNone);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (r.mentor_of[i] != kUnmatched) continue;
    r.mentee_reason[i] = start[i] == start[i + 1] ? Reason::kNoAllowedPartner : Reason::kPartnersTaken;
  }
  r.mentor_reason.assign(m, Reason::kNone);
  for (std::uint32_t j = 0; j < m; ++j) {
    if (load[j] >= p.capacity[j]) continue;
    r.mentor_reason[j] = listed[j] ? Reason::kPartnersTaken : Reason::kNoAllowedPartner;
  }

  out.blocking_pairs = blocking_pairs(p, r.mentor_of);
  if (p.stopped()) return std::unexpected(stopped_error());
  return out;
}

std::expected<std::int64_t, Error> count_blocking_pairs(const Problem& problem,
                                                        std::span<const std::int32_t> mentor_of) {
  auto prepared = detail::prepare(problem);
  if (!prepared) return std::unexpected(std::move(prepared.error()));
  if (mentor_of.size() != prepared->mentees) {
    return validation_failed({{"mentor_of", msg("matching.mentor_of_size")}});
  }
  for (const std::int32_t j : mentor_of) {
    if (j != kUnmatched && (j < 0 || static_cast<std::uint32_t>(j) >= prepared->mentors)) {
      return validation_failed({{"mentor_of", msg("matching.mentor_of_range")}});
    }
  }
  return blocking_pairs(*prepared, mentor_of);
}

}  // namespace binome::core::matching
