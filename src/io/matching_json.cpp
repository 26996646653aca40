#include "io/matching_json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <optional>
#include <string_view>
#include <utility>

namespace binome::io {

namespace {

namespace m = core::matching;

// Reads [{"id": ...}, ...] into ids and an index.
void read_people(const Json& doc, const char* key, std::vector<std::string>& ids,
                 std::map<std::string, std::int32_t>& index, std::vector<std::int32_t>* capacities,
                 MatchingProblems& problems) {
  auto it = doc.find(key);
  if (it == doc.end() || !it->is_array()) {
    problems.add(key, core::msg("matching.people_required"));
    return;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& p = (*it)[i];
    const auto id = p.is_object() ? p.find("id") : Json::const_iterator{};
    if (!p.is_object() || id == p.end() || !id->is_string() || id->get<std::string>().empty()) {
      problems.add(element_place(key, i) + ".id", core::msg("matching.id_required"));
      continue;
    }
    const std::string name = id->get<std::string>();
    if (!index.emplace(name, static_cast<std::int32_t>(ids.size())).second) {
      problems.add(element_place(key, i) + ".id", core::msg("matching.id_twice", {core::quoted("id", name)}));
      continue;
    }
    ids.push_back(name);
    if (capacities) {
      const auto cap = p.find("capacity");
      std::int64_t c = 1;  // a mentor takes one mentee unless told otherwise
      if (cap != p.end()) {
        if (!cap->is_number_integer() || cap->get<std::int64_t>() < 1 ||
            cap->get<std::int64_t>() > 1'000'000) {
          problems.add(element_place(key, i) + ".capacity", core::msg("matching.capacity_whole"));
          c = 1;
        } else {
          c = cap->get<std::int64_t>();
        }
      }
      capacities->push_back(static_cast<std::int32_t>(c));
    }
  }
}

// Reads [["M1", "E1"], ...] (pairs) into mentee/mentor indices.
std::vector<m::Pair> read_pairs(const Json& doc, const char* key,
                                const std::map<std::string, std::int32_t>& mentors,
                                const std::map<std::string, std::int32_t>& mentees,
                                MatchingProblems& problems) {
  std::vector<m::Pair> out;
  auto it = doc.find(key);
  if (it == doc.end()) return out;
  if (!it->is_array()) {
    problems.add(key, core::msg("matching.pairs_list"));
    return out;
  }
  for (std::size_t i = 0; i < it->size(); ++i) {
    const Json& p = (*it)[i];
    if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_string()) {
      problems.add(element_place(key, i), core::msg("matching.pair_shape"));
      continue;
    }
    const auto mentor = mentors.find(p[0].get<std::string>());
    const auto mentee = mentees.find(p[1].get<std::string>());
    if (mentor == mentors.end())
      problems.add(element_place(key, i), core::msg("matching.unknown_mentor", {core::quoted("id", p[0].get<std::string>())}));
    if (mentee == mentees.end())
      problems.add(element_place(key, i), core::msg("matching.unknown_mentee", {core::quoted("id", p[1].get<std::string>())}));
    if (mentor != mentors.end() && mentee != mentees.end())
      out.push_back({mentee->second, mentor->second});
  }
  return out;
}

// "common_language, hierarchy_inversion"
std::string rule_list(std::uint32_t bits) {
  std::string out;
  for (std::size_t r = 0; r < m::kRules; ++r) {
    if ((bits & m::rule_bit(static_cast<m::Rule>(r))) == 0) continue;
    if (!out.empty()) out += ", ";
    out += m::rule_name(static_cast<m::Rule>(r));
  }
  return out;
}

Json rule_names(std::uint32_t bits) {
  Json out = Json::array();
  for (std::size_t r = 0; r < m::kRules; ++r) {
    if ((bits & m::rule_bit(static_cast<m::Rule>(r))) != 0)
      out.push_back(m::rule_name(static_cast<m::Rule>(r)));
  }
  return out;
}

// {"common_language": 3, ...}: the rules with a count above 0.
template <typename Count>
Json by_rule_json(const std::array<Count, m::kRules>& counts) {
  Json out = Json::object();
  for (std::size_t r = 0; r < m::kRules; ++r) {
    if (counts[r] > 0) out[std::string(m::rule_name(static_cast<m::Rule>(r)))] = counts[r];
  }
  return out;
}

const char* reason_name(m::Reason r) {
  switch (r) {
    case m::Reason::kNone:
      return "none";
    case m::Reason::kNoAllowedPartner:
      return "no_allowed_partner";
    case m::Reason::kPartnersTaken:
      return "partners_taken_by_better_pairs";
    case m::Reason::kWouldLowerTotal:
      return "would_lower_the_total";
  }
  return "unknown";
}

// Each lock of the problem, by id: a pair the problem allows (not forbidden nor dissolved,
// scored), each mentee locked once, and no mentor locked beyond its capacity.
void check_locks(const MatchingInput& in, MatchingProblems& problems) {
  std::set<std::pair<std::int32_t, std::int32_t>> banned;
  for (const m::Pair& f : in.problem.forbidden) banned.emplace(f.mentee, f.mentor);
  std::map<std::int32_t, std::size_t> locked_at;  // mentee -> first place
  std::vector<std::int32_t> load(in.mentor_ids.size(), 0);
  for (std::size_t k = 0; k < in.problem.locked.size(); ++k) {
    const m::Pair& l = in.problem.locked[k];
    const auto mentor = core::quoted("mentor", in.mentor_ids[static_cast<std::size_t>(l.mentor)]);
    const auto mentee = core::quoted("mentee", in.mentee_ids[static_cast<std::size_t>(l.mentee)]);
    if (banned.contains({l.mentee, l.mentor})) {
      problems.add(element_place("locked", k), core::msg("matching.pair_forbidden", {mentor, mentee}));
      continue;
    }
    bool scored = true;
    if (const auto* sparse = std::get_if<m::SparseScores>(&in.problem.scores)) {
      const auto i = static_cast<std::size_t>(l.mentee);
      scored = false;
      for (auto e = sparse->offsets[i]; e < sparse->offsets[i + 1]; ++e) {
        scored = scored || sparse->mentors[static_cast<std::size_t>(e)] == l.mentor;
      }
    } else if (const auto& dense = std::get<m::DenseScores>(in.problem.scores); dense.computed == nullptr) {
      scored = !std::isnan(dense.cells[static_cast<std::size_t>(l.mentee) * in.mentor_ids.size() +
                                        static_cast<std::size_t>(l.mentor)]);
    }
    if (!scored) {
      problems.add(element_place("locked", k), core::msg("matching.pair_not_scored", {mentor, mentee}));
      continue;
    }
    if (auto [first, fresh] = locked_at.emplace(l.mentee, k); !fresh) {
      problems.add(element_place("locked", k), core::msg("matching.mentee_locked_twice", {mentee, core::text("place", element_place("locked", first->second))}));
      continue;
    }
    const auto j = static_cast<std::size_t>(l.mentor);
    if (++load[j] == in.problem.capacities[j] + 1) {
      problems.add(element_place("locked", k), core::msg("matching.mentor_over_capacity", {mentor, core::count("capacity", in.problem.capacities[j])}));
    }
  }
}

// The lists whose elements count against the people and pairs limits.
constexpr std::string_view kPeopleLists[] = {"mentors", "mentees"};
constexpr std::string_view kPairLists[] = {"scores", "forbidden", "dissolved", "locked", "pairs", "dissolve"};

enum class Counted : std::uint8_t { kNone, kPeople, kPairs };

Counted counted_as(std::string_view name) {
  for (const auto k : kPeopleLists) {
    if (k == name) return Counted::kPeople;
  }
  for (const auto k : kPairLists) {
    if (k == name) return Counted::kPairs;
  }
  return Counted::kNone;
}

core::Error too_large(std::string field, core::Message why) {
  return core::Error{core::ErrorCode::kPayloadTooLarge, core::msg("matching.too_large"),
                     {core::ErrorDetail{std::move(field), std::move(why), 0, {}}}, 0};
}
core::Message people_over(std::uint64_t limit) {
  return core::msg("matching.limit_people", {core::count("limit", limit)});
}
core::Message pairs_over(std::uint64_t limit) {
  return core::msg("matching.limit_pairs", {core::count("limit", limit)});
}

// Thrown by the parser's callback to stop reading at the first element over a limit (or once
// the stop is requested): the parser then frees what it had built.
struct OverLimit {
  core::Error error;
};

// Counts a document's values and its listed people and pairs as the parser meets them.
class LimitCounter {
 public:
  LimitCounter(const MatchingLimits& limits, std::stop_token stop) : limits_(limits), stop_(std::move(stop)) {}

  bool operator()(int, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::key:
        stack_.back().key = parsed.get<std::string>();
        break;
      case Json::parse_event_t::object_start:
        element();
        stack_.push_back({false, Counted::kNone, {}, {}});
        break;
      case Json::parse_event_t::array_start: {
        element();
        Level level{true, Counted::kNone, {}, {}};
        // A counted list is the value of a key at the top or one object down ("scores",
        // "problem.scores", "previous.pairs"), never inside a list.
        const bool in_objects = std::none_of(stack_.begin(), stack_.end(), [](const Level& l) { return l.array; });
        if (in_objects && !stack_.empty() && stack_.size() <= 2) {
          level.counted = counted_as(stack_.back().key);
          level.place = stack_.size() == 2 ? stack_[0].key + "." + stack_[1].key : stack_[0].key;
        }
        stack_.push_back(std::move(level));
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        stack_.pop_back();
        break;
      case Json::parse_event_t::value:
        element();
        break;
    }
    return true;
  }

 private:
  struct Level {
    bool array = false;
    Counted counted = Counted::kNone;
    std::string place;  // a counted list's place
    std::string key;    // an object's current key
  };

  // One more value; and one more element of the list it is in, when that list is counted.
  void element() {
    if ((++seen_ & 0xFFFU) == 0 && stop_.stop_requested()) throw OverLimit{core::matching::stopped_error()};
    if (limits_.values != 0 && ++values_ > limits_.values) {
      throw OverLimit{too_large("", core::msg("matching.limit_values", {core::count("limit", limits_.values)}))};
    }
    if (stack_.empty() || !stack_.back().array) return;
    const Level& list = stack_.back();
    if (list.counted == Counted::kPeople && limits_.people != 0 && ++people_ > limits_.people) {
      throw OverLimit{too_large(list.place, people_over(limits_.people))};
    }
    if (list.counted == Counted::kPairs && limits_.pairs != 0 && ++pairs_ > limits_.pairs) {
      throw OverLimit{too_large(list.place, pairs_over(limits_.pairs))};
    }
  }

  const MatchingLimits& limits_;
  std::stop_token stop_;
  std::uint64_t seen_ = 0;
  std::vector<Level> stack_;
  std::uint64_t values_ = 0;
  std::uint64_t people_ = 0;
  std::uint64_t pairs_ = 0;
};

std::uint64_t list_size(const Json& doc, std::string_view key) {
  const auto it = doc.find(key);
  return it != doc.end() && it->is_array() ? it->size() : 0;
}

}  // namespace

core::Result<Json> parse_matching_json(std::string_view text, const MatchingLimits& limits,
                                       std::stop_token stop) {
  try {
    if (limits.people == 0 && limits.pairs == 0 && limits.values == 0 && !stop.stop_possible()) {
      return Json::parse(text);
    }
    LimitCounter counter(limits, std::move(stop));
    return Json::parse(text, [&counter](int depth, Json::parse_event_t event, Json& parsed) {
      return counter(depth, event, parsed);
    });
  } catch (OverLimit& over) {
    return std::unexpected(std::move(over.error));
  } catch (const Json::exception& e) {  // parse_error, or out_of_range for 1e999
    return core::fail(core::ErrorCode::kMalformedJson, core::msg("operations.not_json", {core::text("reason", e.what())}));
  }
}

std::optional<core::Error> over_limits(const Json& doc, const MatchingLimits& limits,
                                       const std::string& prefix) {
  if (!doc.is_object()) return std::nullopt;
  std::uint64_t people = 0;
  for (const auto key : kPeopleLists) {
    people += list_size(doc, key);
    if (limits.people != 0 && people > limits.people) return too_large(prefix + std::string(key), people_over(limits.people));
  }
  std::uint64_t pairs = 0;
  for (const auto key : kPairLists) {
    pairs += list_size(doc, key);
    if (limits.pairs != 0 && pairs > limits.pairs) return too_large(prefix + std::string(key), pairs_over(limits.pairs));
  }
  return std::nullopt;
}

std::uint64_t listed_pairs(const Json& doc) {
  std::uint64_t pairs = 0;
  if (!doc.is_object()) return pairs;
  for (const auto key : kPairLists) pairs += list_size(doc, key);
  return pairs;
}

std::string element_place(std::string_view list, std::size_t index) {
  return fmt::format("{}[{}]", list, index);
}

core::Result<MatchingInput> parse_matching_problem(const Json& doc, const NpyLoader& load_npy,
                                                   const std::string& today, const MatchingLimits& limits) {
  MatchingProblems problems;
  MatchingInput in;
  if (!doc.is_object()) {
    return core::validation_failed({{"", core::msg("matching.problem_object")}});
  }
  // Before any index, list or table is built for the problem.
  if (auto over = over_limits(doc, limits)) return std::unexpected(std::move(*over));
  std::map<std::string, std::int32_t> mentors, mentees;
  read_people(doc, "mentors", in.mentor_ids, mentors, &in.problem.capacities, problems);
  read_people(doc, "mentees", in.mentee_ids, mentees, nullptr, problems);

  if (auto o = doc.find("objective"); o != doc.end()) {
    if (*o == "score") {
      in.problem.objective = m::Objective::kScore;
    } else if (*o == "coverage") {
      in.problem.objective = m::Objective::kCoverage;
    } else {
      problems.add("objective", core::msg("matching.objective_values"));
    }
  }
  if (auto a = doc.find("algorithm"); a != doc.end()) {
    if (*a == "optimal") {
      in.algorithm = MatchingAlgorithm::kOptimal;
    } else if (*a == "stable") {
      in.algorithm = MatchingAlgorithm::kStable;
    } else {
      problems.add("algorithm", core::msg("matching.algorithm_values"));
    }
  }
  if (auto s = doc.find("min_score"); s != doc.end()) {
    if (!s->is_number() || !std::isfinite(s->get<double>())) {
      problems.add("min_score", core::msg("matching.finite"));
    } else {
      in.problem.min_score = s->get<double>();
    }
  }

  const bool has_scores = doc.contains("scores");
  const bool has_npy = doc.contains("scores_npy");
  const bool has_profiles = doc.contains("profiles");
  if (int{has_scores} + int{has_npy} + int{has_profiles} != 1) {
    problems.add("scores", core::msg("matching.scores_source"));
  } else if (has_profiles) {
    in.profiles = parse_profile_problem(doc, in.mentor_ids, in.mentee_ids, today,
                                        [&](std::string place, core::Message message) {
                                          problems.add(std::move(place), std::move(message));
                                        },
                                        limits);
    if (in.profiles) {
      in.problem.scores = m::DenseScores{static_cast<std::int32_t>(in.mentee_ids.size()),
                                         static_cast<std::int32_t>(in.mentor_ids.size()),
                                         {},
                                         in.profiles->scorer};
    }
  } else if (has_scores) {
    const Json& list = doc["scores"];
    if (!list.is_array()) {
      problems.add("scores", core::msg("matching.scores_list"));
    } else {
      std::vector<std::vector<m::Candidate>> candidates(in.mentee_ids.size());
      std::map<std::pair<std::int32_t, std::int32_t>, std::size_t> seen;
      for (std::size_t i = 0; i < list.size(); ++i) {
        const Json& t = list[i];
        if (!t.is_array() || t.size() != 3 || !t[0].is_string() || !t[1].is_string()) {
          problems.add(element_place("scores", i), core::msg("matching.score_shape"));
          continue;
        }
        if (!t[2].is_number() || !std::isfinite(t[2].get<double>())) {
          problems.add(element_place("scores", i), core::msg("matching.score_finite"));
          continue;
        }
        const auto mentor = mentors.find(t[0].get<std::string>());
        const auto mentee = mentees.find(t[1].get<std::string>());
        if (mentor == mentors.end())
          problems.add(element_place("scores", i), core::msg("matching.unknown_mentor", {core::quoted("id", t[0].get<std::string>())}));
        if (mentee == mentees.end())
          problems.add(element_place("scores", i), core::msg("matching.unknown_mentee", {core::quoted("id", t[1].get<std::string>())}));
        if (mentor == mentors.end() || mentee == mentees.end()) continue;
        auto [first, fresh] = seen.emplace(std::pair{mentee->second, mentor->second}, i);
        if (!fresh) {
          problems.add(element_place("scores", i), core::msg("matching.pair_scored_twice", {core::text("place", element_place("scores", first->second))}));
          continue;
        }
        candidates[static_cast<std::size_t>(mentee->second)].push_back(
            {mentor->second, t[2].get<double>()});
      }
      in.problem.scores = m::sparse_scores(candidates);
    }
  } else {
    const Json& path = doc["scores_npy"];
    if (!load_npy) {
      problems.add("scores_npy", core::msg("matching.npy_not_api"));
    } else if (!path.is_string()) {
      problems.add("scores_npy", core::msg("matching.npy_path"));
    } else if (auto matrix = load_npy(path.get<std::string>()); !matrix) {
      problems.add("scores_npy", core::msg("matching.npy_problem", {core::text("path", path.get<std::string>()),
                                                                    core::nested("problem", matrix.error())}));
    } else if (matrix->rows != static_cast<std::int64_t>(in.mentee_ids.size()) ||
               matrix->cols != static_cast<std::int64_t>(in.mentor_ids.size())) {
      problems.add("scores_npy", core::msg("matching.npy_shape_mismatch",
                                           {core::text("path", path.get<std::string>()), core::count("rows", matrix->rows),
                                            core::count("cols", matrix->cols), core::count("mentees", in.mentee_ids.size()),
                                            core::count("mentors", in.mentor_ids.size())}));
    } else {
      for (std::size_t k = 0; k < matrix->cells.size(); ++k) {
        if (std::isinf(matrix->cells[k])) {
          const auto cols = static_cast<std::size_t>(matrix->cols);
          problems.add("scores_npy", core::msg("matching.npy_infinite", {core::text("path", path.get<std::string>()),
                                                                          core::text("row", std::to_string(k / cols)),
                                                                          core::text("col", std::to_string(k % cols))}));
          break;
        }
      }
      in.problem.scores =
          m::DenseScores{static_cast<std::int32_t>(matrix->rows),
                         static_cast<std::int32_t>(matrix->cols), std::move(matrix->cells)};
    }
  }
  in.forbidden = read_pairs(doc, "forbidden", mentors, mentees, problems);
  in.dissolved = read_pairs(doc, "dissolved", mentors, mentees, problems);
  in.problem.forbidden = in.forbidden;
  in.problem.forbidden.insert(in.problem.forbidden.end(), in.dissolved.begin(), in.dissolved.end());
  in.problem.locked = read_pairs(doc, "locked", mentors, mentees, problems);
  // A locked pair must respect the hard rules: name the rules it breaks (the solver alone would
  // only say "not allowed").
  if (in.profiles && problems.empty()) {
    for (std::size_t k = 0; k < in.problem.locked.size(); ++k) {
      const m::Pair& l = in.problem.locked[k];
      const auto why = in.profiles->scorer->explain(static_cast<std::uint32_t>(l.mentee),
                                                    static_cast<std::uint32_t>(l.mentor));
      if (why.broken_rules != 0)
        problems.add(element_place("locked", k), core::msg("matching.lock_breaks_rules", {core::text("rules", rule_list(why.broken_rules))}));
    }
  }
  // The engine checks locks too, but by index: name the people here.
  if (problems.empty()) check_locks(in, problems);
  if (!problems.empty()) return std::move(problems).fail();
  return in;
}

namespace {

// Each criterion's value, weight and share of the score, for a pair scored from profiles.
Json profile_explanation(const MatchingInput& in, const m::MatchedPair& p) {
  const auto x = in.profiles->scorer->explain(static_cast<std::uint32_t>(p.mentee),
                                              static_cast<std::uint32_t>(p.mentor));
  // Six decimals, like the score: the criteria are computed in float.
  const auto six = [](double v) { return std::nearbyint(v * 1e6) / 1e6; };
  Json criteria = Json::object();
  for (std::size_t c = 0; c < m::kCriteria; ++c) {
    criteria[std::string(m::criterion_name(static_cast<m::Criterion>(c)))] = {
        {"value", six(x.criteria[c])},
        {"weight", in.profiles->rules.weights[c]},
        {"contribution", six(x.contributions[c])}};
  }
  return {{"score", p.score},
          {"source", "profiles"},
          {"criteria", criteria},
          {"common_hours", x.common_hours}};
}

// What both algorithms report: pairs, reasons, totals and the stats shared by both.
Json common_result_json(const MatchingInput& in, const m::Result& r, double solve_ms,
                        const std::stop_token& stop) {
  // Profiles: one pass over every pair says which are allowed, excluded (and why), or below
  // min_score. Given scores: the scores themselves say it.
  std::optional<m::Census> census;
  if (in.profiles) {
    census = in.profiles->scorer->census(in.forbidden, in.dissolved, in.problem.min_score,
                                         in.profiles->max_excluded_listed, stop);
  }
  Json pairs = Json::array();
  for (const auto& p : r.pairs) {
    pairs.push_back(
        {{"mentor", in.mentor_ids[static_cast<std::size_t>(p.mentor)]},
         {"mentee", in.mentee_ids[static_cast<std::size_t>(p.mentee)]},
         {"score", p.score},
         {"locked", p.locked},
         {"explanation",
          in.profiles ? profile_explanation(in, p)
                      : Json{{"score", p.score}, {"source", p.locked ? "locked" : "given"}}}});
  }
  // "Below the minimum score": someone with no allowed partner but pairs scored under min_score.
  std::vector<char> below_min(in.mentee_ids.size(), 0);
  std::vector<char> mentor_below_min(in.mentor_ids.size(), 0);
  std::size_t allowed = 0;
  if (census) {
    below_min = census->mentee_below_min;
    mentor_below_min = census->mentor_below_min;
    allowed = census->allowed;
  } else if (const auto* sparse = std::get_if<m::SparseScores>(&in.problem.scores)) {
    allowed = sparse->scores.size();
    for (std::size_t i = 0; i + 1 < sparse->offsets.size(); ++i) {
      for (auto k = sparse->offsets[i]; k < sparse->offsets[i + 1]; ++k) {
        if (sparse->scores[static_cast<std::size_t>(k)] < in.problem.min_score) {
          below_min[i] = 1;
          mentor_below_min[static_cast<std::size_t>(sparse->mentors[static_cast<std::size_t>(k)])] =
              1;
        }
      }
    }
  } else {
    const auto& dense = std::get<m::DenseScores>(in.problem.scores);
    const auto cols = static_cast<std::size_t>(dense.mentors);
    for (std::size_t k = 0; k < dense.cells.size(); ++k) {
      if (std::isnan(dense.cells[k])) continue;
      ++allowed;
      if (dense.cells[k] < in.problem.min_score) {
        below_min[k / cols] = 1;
        mentor_below_min[k % cols] = 1;
      }
    }
  }
  Json unmatched = Json::array();
  for (std::size_t i = 0; i < r.mentor_of.size(); ++i) {
    if (r.mentor_of[i] != m::kUnmatched) continue;
    const m::Reason why = r.mentee_reason[i];
    const char* reason =
        why == m::Reason::kNoAllowedPartner && below_min[i] ? "below_min_score" : reason_name(why);
    Json entry = {{"id", in.mentee_ids[i]}, {"reason", reason}};
    if (census) entry["excluded_by_rule"] = by_rule_json(census->mentee_by_rule[i]);
    unmatched.push_back(std::move(entry));
  }
  std::vector<std::int32_t> used(in.mentor_ids.size(), 0);
  for (const auto& p : r.pairs) ++used[static_cast<std::size_t>(p.mentor)];
  Json unused = Json::array();
  for (std::size_t j = 0; j < in.mentor_ids.size(); ++j) {
    const auto left = in.problem.capacities[j] - used[j];
    if (left <= 0) continue;
    const m::Reason why = r.mentor_reason[j];
    const char* reason = why == m::Reason::kNoAllowedPartner && mentor_below_min[j]
                             ? "below_min_score"
                             : reason_name(why);
    Json entry = {{"id", in.mentor_ids[j]}, {"capacity_left", left}, {"reason", reason}};
    if (census) entry["excluded_by_rule"] = by_rule_json(census->mentor_by_rule[j]);
    unused.push_back(std::move(entry));
  }
  Json out = {{"pairs", pairs},
              {"unmatched_mentees", unmatched},
              {"unused_capacity", unused},
              {"total_score", r.total_score},
              {"matched", r.matched},
              {"stats",
               {{"solve_ms", solve_ms},
                {"objective", in.problem.objective == m::Objective::kScore ? "score" : "coverage"},
                {"mentees", in.mentee_ids.size()},
                {"mentors", in.mentor_ids.size()},
                {"allowed_pairs", allowed}}}};
  if (census) {
    Json listed = Json::array();
    for (const auto& x : census->listed) {
      listed.push_back({{"mentor", in.mentor_ids[x.mentor]},
                        {"mentee", in.mentee_ids[x.mentee]},
                        {"rules", rule_names(x.rules)}});
    }
    out["excluded"] = {{"total", census->excluded},
                       {"by_rule", by_rule_json(census->by_rule)},
                       {"listed", listed},
                       {"truncated", census->listed.size() < census->excluded}};
    out["stats"]["week_of"] = in.profiles->week_of;
    out["stats"]["below_min_score_pairs"] = census->below_min_score;
  }
  return out;
}

}  // namespace

Json matching_result_json(const MatchingInput& in, const m::Result& r,
                          const m::Optimality& optimality, double solve_ms, std::stop_token stop) {
  Json out = common_result_json(in, r, solve_ms, stop);
  out["algorithm"] = "optimal";
  out["optimal"] = optimality.optimal;
  out["dual_bound"] = r.dual_bound.score;
  out["stats"]["optimality_gap"] = optimality.gap;
  if (!optimality.optimal) out["stats"]["optimality_failure"] = optimality.failure;
  return out;
}

Json stable_matching_result_json(const MatchingInput& in, const m::StableResult& stable,
                                 double optimal_total, bool optimal, double solve_ms,
                                 std::stop_token stop) {
  Json out = common_result_json(in, stable.assignment, solve_ms, stop);
  out["algorithm"] = "stable";
  out["optimal"] = optimal;
  out["optimal_total"] = optimal_total;
  out["blocking_pairs"] = stable.blocking_pairs;
  return out;
}

}  // namespace binome::io
