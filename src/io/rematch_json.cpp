#include "io/rematch_json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <utility>
#include <variant>

namespace binome::io {

namespace {

namespace m = core::matching;

std::string reason_list() {
  std::string out;
  for (const auto r : m::kDissolveReasons) out += (out.empty() ? "" : ", ") + std::string(m::dissolve_reason_name(r));
  return out;
}

using Index = std::map<std::string, std::int32_t>;
Index index_of(const std::vector<std::string>& ids) {
  Index out;
  for (std::size_t k = 0; k < ids.size(); ++k) out.emplace(ids[k], static_cast<std::int32_t>(k));
  return out;
}

// The score the problem gives the pair, or nothing when it does not list it.
std::optional<double> listed_score(const m::Problem& p, m::Pair pair) {
  const auto i = static_cast<std::size_t>(pair.mentee);
  if (const auto* sparse = std::get_if<m::SparseScores>(&p.scores)) {
    if (i + 1 >= sparse->offsets.size()) return std::nullopt;
    for (auto e = static_cast<std::size_t>(sparse->offsets[i]); e < static_cast<std::size_t>(sparse->offsets[i + 1]);
         ++e) {
      if (sparse->mentors[e] == pair.mentor) return sparse->scores[e];
    }
    return std::nullopt;
  }
  const auto& dense = std::get<m::DenseScores>(p.scores);
  const auto j = static_cast<std::uint32_t>(pair.mentor);
  // Scores from profiles are computed, a cell at a time here, rather than stored.
  const double x = dense.computed != nullptr
                       ? dense.computed->cell(static_cast<std::uint32_t>(pair.mentee), j)
                       : dense.cells[i * static_cast<std::size_t>(dense.mentors) + j];
  return std::isnan(x) ? std::nullopt : std::optional<double>(x);
}

// {"mentor": id, "mentee": id} of an object, checked against the problem's people; nothing (and
// the problems added at `place`) otherwise.
std::optional<m::Pair> read_pair(const Json& item, const std::string& place, const Index& mentors,
                                 const Index& mentees, MatchingProblems& problems) {
  const auto id = [&](const char* key) -> const std::string* {
    const auto it = item.find(key);
    return it != item.end() && it->is_string() && !it->get_ref<const std::string&>().empty()
               ? &it->get_ref<const std::string&>()
               : nullptr;
  };
  const std::string* mentor = item.is_object() ? id("mentor") : nullptr;
  const std::string* mentee = item.is_object() ? id("mentee") : nullptr;
  if (mentor == nullptr || mentee == nullptr) {
    problems.add(place, core::msg("matching.pair_object"));
    return std::nullopt;
  }
  const auto j = mentors.find(*mentor);
  const auto i = mentees.find(*mentee);
  if (j == mentors.end()) problems.add(place, core::msg("matching.unknown_mentor_in_problem", {core::quoted("id", *mentor)}));
  if (i == mentees.end()) problems.add(place, core::msg("matching.unknown_mentee_in_problem", {core::quoted("id", *mentee)}));
  if (j == mentors.end() || i == mentees.end()) return std::nullopt;
  return m::Pair{i->second, j->second};
}

std::set<std::pair<std::int32_t, std::int32_t>> pair_set(const std::vector<m::Pair>& pairs) {
  std::set<std::pair<std::int32_t, std::int32_t>> out;
  for (const m::Pair& p : pairs) out.emplace(p.mentee, p.mentor);
  return out;
}

// The previous result's pairs, each one the problem allows, rebuilt as a Result of pairs alone.
core::Result<m::Result> read_previous(const Json& doc, const MatchingInput& in) {
  MatchingProblems problems;
  const auto pairs = doc.is_object() ? doc.find("pairs") : Json::const_iterator{};
  if (!doc.is_object() || pairs == doc.end() || !pairs->is_array()) {
    return core::validation_failed({{doc.is_object() ? "pairs" : "", core::msg("matching.previous_shape")}});
  }
  const Index mentors = index_of(in.mentor_ids);
  const Index mentees = index_of(in.mentee_ids);
  const auto forbidden = pair_set(in.problem.forbidden);
  const auto n = in.mentee_ids.size();
  const auto& capacity = in.problem.capacities;
  m::Result r;
  r.objective = in.problem.objective;
  r.mentor_of.assign(n, m::kUnmatched);
  std::vector<std::size_t> first_at(n, 0);  // where each mentee is paired, for "twice"
  std::vector<std::int32_t> load(in.mentor_ids.size(), 0);
  for (std::size_t k = 0; k < pairs->size(); ++k) {
    const std::string place = element_place("pairs", k);
    const auto pair = read_pair((*pairs)[k], place, mentors, mentees, problems);
    if (!pair) continue;
    const auto i = static_cast<std::size_t>(pair->mentee);
    const auto j = static_cast<std::size_t>(pair->mentor);
    const auto who = [&](const char* key) {
      return core::msg(key, {core::quoted("mentor", in.mentor_ids[j]), core::quoted("mentee", in.mentee_ids[i])});
    };
    const auto score = listed_score(in.problem, *pair);
    if (!score) {
      problems.add(place, who("matching.pair_not_scored"));
      continue;
    }
    if (forbidden.contains({pair->mentee, pair->mentor})) {
      problems.add(place, who("matching.pair_forbidden"));
      continue;
    }
    if (r.mentor_of[i] != m::kUnmatched) {
      problems.add(place, core::msg("matching.mentee_already_paired", {core::quoted("mentee", in.mentee_ids[i]),
                                                                       core::text("place", element_place("pairs", first_at[i]))}));
      continue;
    }
    if (++load[j] > capacity[j]) {
      problems.add(place, core::msg("matching.mentor_over_capacity", {core::quoted("mentor", in.mentor_ids[j]),
                                                                      core::count("capacity", capacity[j])}));
      continue;
    }
    r.mentor_of[i] = pair->mentor;
    first_at[i] = k;
    r.pairs.push_back({pair->mentee, pair->mentor, *score, false});
  }
  // A lock of the problem is a pair to keep: the previous result must hold it.
  for (std::size_t k = 0; k < in.problem.locked.size() && problems.empty(); ++k) {
    const m::Pair& l = in.problem.locked[k];
    if (r.mentor_of[static_cast<std::size_t>(l.mentee)] != l.mentor) {
      problems.add("pairs", core::msg("matching.lock_not_in_previous",
                                      {core::quoted("mentor", in.mentor_ids[static_cast<std::size_t>(l.mentor)]),
                                       core::quoted("mentee", in.mentee_ids[static_cast<std::size_t>(l.mentee)]),
                                       core::text("place", element_place("locked", k))}));
    }
  }
  if (!problems.empty()) return std::move(problems).fail();
  const auto locked = pair_set(in.problem.locked);
  std::sort(r.pairs.begin(), r.pairs.end(), [](const auto& a, const auto& b) { return a.mentee < b.mentee; });
  for (auto& p : r.pairs) {
    p.locked = locked.contains({p.mentee, p.mentor});
    r.total_score += p.score;
  }
  r.matched = static_cast<std::int32_t>(r.pairs.size());
  return r;
}

core::Result<std::vector<Dissolution>> read_dissolve(const Json& list, const MatchingInput& in,
                                                     const m::Result& previous) {
  if (!list.is_array()) {
    return core::validation_failed({{"dissolve", core::msg("matching.dissolve_shape")}});
  }
  MatchingProblems problems;
  const Index mentors = index_of(in.mentor_ids);
  const Index mentees = index_of(in.mentee_ids);
  const auto locked = pair_set(in.problem.locked);
  std::map<std::int32_t, std::size_t> seen;  // mentee -> first place
  std::vector<Dissolution> out;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string place = element_place("dissolve", k);
    const Json& item = list[k];
    const auto pair = read_pair(item, place, mentors, mentees, problems);
    Dissolution d;
    bool ok = pair.has_value();
    if (item.is_object()) {
      const auto reason = item.find("reason");
      if (reason == item.end() || !reason->is_string()) {
        problems.add(place + ".reason", core::msg("matching.reason_required", {core::text("reasons", reason_list())}));
        ok = false;
      } else if (auto r = m::parse_dissolve_reason(reason->get<std::string>())) {
        d.reason = *r;
      } else {
        problems.add(place + ".reason", core::msg("matching.reason_unknown", {core::quoted("reason", reason->get<std::string>()),
                                                                              core::text("reasons", reason_list())}));
        ok = false;
      }
      if (const auto note = item.find("note"); note != item.end() && !note->is_null()) {
        if (note->is_string()) {
          d.note = note->get<std::string>();
        } else {
          problems.add(place + ".note", core::msg("matching.note_text"));
          ok = false;
        }
      }
    }
    if (!ok) continue;
    const auto i = static_cast<std::size_t>(pair->mentee);
    const auto j = static_cast<std::size_t>(pair->mentor);
    const auto who = [&](const char* key, std::vector<core::Param> more = {}) {
      more.push_back(core::quoted("mentor", in.mentor_ids[j]));
      more.push_back(core::quoted("mentee", in.mentee_ids[i]));
      return core::msg(key, std::move(more));
    };
    if (previous.mentor_of[i] != pair->mentor) {
      problems.add(place, who("matching.dissolve_not_pair"));
      continue;
    }
    if (auto [first, fresh] = seen.emplace(pair->mentee, k); !fresh) {
      problems.add(place, who("matching.dissolve_twice", {core::text("place", element_place("dissolve", first->second))}));
      continue;
    }
    if (locked.contains({pair->mentee, pair->mentor})) {
      problems.add(place, who("matching.dissolve_locked"));
      continue;
    }
    d.pair = *pair;
    out.push_back(std::move(d));
  }
  if (!problems.empty()) return std::move(problems).fail();
  return out;
}

RematchError in_part(RematchPart part, core::Error error) { return {part, std::move(error)}; }

}  // namespace

std::vector<m::Pair> RematchInput::dissolved_pairs() const {
  std::vector<m::Pair> out;
  out.reserve(dissolve.size());
  for (const auto& d : dissolve) out.push_back(d.pair);
  return out;
}

std::expected<RematchInput, RematchError> parse_rematch(const Json& problem, const Json& previous,
                                                        const Json& dissolve, const NpyLoader& load_npy,
                                                        const std::string& today, const MatchingLimits& limits) {
  RematchInput out;
  // The three parts' pairs count together against limits.pairs, as parse_matching_json counts
  // them in the API's single document; checked before anything is built for any part.
  if (limits.pairs != 0) {
    const std::uint64_t problem_pairs = listed_pairs(problem);
    const std::uint64_t previous_pairs = listed_pairs(previous);
    const std::uint64_t dissolve_pairs = dissolve.is_array() ? dissolve.size() : 0;
    const auto over = [&](RematchPart part, std::string field) {
      return std::unexpected(in_part(part, core::Error{core::ErrorCode::kPayloadTooLarge, core::msg("matching.too_large"),
                                                       {core::ErrorDetail{std::move(field), core::msg("matching.limit_pairs", {core::count("limit", limits.pairs)}), 0, {}}},
                                                       0}));
    };
    if (problem_pairs + previous_pairs > limits.pairs && problem_pairs <= limits.pairs) {
      return over(RematchPart::kPrevious, "pairs");
    }
    if (problem_pairs + previous_pairs + dissolve_pairs > limits.pairs && problem_pairs + previous_pairs <= limits.pairs) {
      return over(RematchPart::kDissolve, "dissolve");
    }
  }
  auto parsed = parse_matching_problem(problem, load_npy, today, limits);
  if (!parsed) return std::unexpected(in_part(RematchPart::kProblem, std::move(parsed.error())));
  out.problem = std::move(*parsed);
  if (out.problem.algorithm != MatchingAlgorithm::kOptimal) {
    return std::unexpected(in_part(
        RematchPart::kProblem,
        core::validation_failed({{"algorithm", core::msg("matching.rematch_not_stable")}}).error()));
  }
  auto pairs = read_previous(previous, out.problem);
  if (!pairs) return std::unexpected(in_part(RematchPart::kPrevious, std::move(pairs.error())));
  out.previous = std::move(*pairs);
  auto list = read_dissolve(dissolve, out.problem, out.previous);
  if (!list) return std::unexpected(in_part(RematchPart::kDissolve, std::move(list.error())));
  out.dissolve = std::move(*list);
  return out;
}

core::Result<RematchInput> parse_rematch_request(const Json& doc, const NpyLoader& load_npy,
                                                 const std::string& today, const MatchingLimits& limits) {
  if (!doc.is_object()) {
    return core::validation_failed({{"", core::msg("matching.rematch_shape")}});
  }
  std::vector<core::ErrorDetail> missing;
  for (const char* key : {"problem", "previous", "dissolve"}) {
    if (!doc.contains(key)) missing.push_back({key, core::msg("matching.rematch_part_required")});
  }
  if (!missing.empty()) return core::validation_failed(std::move(missing));
  auto parsed = parse_rematch(doc["problem"], doc["previous"], doc["dissolve"], load_npy, today, limits);
  if (parsed) return std::move(*parsed);
  const RematchPart part = parsed.error().part;
  core::Error error = std::move(parsed.error().error);
  std::vector<core::ErrorDetail> fields = std::move(error.details);
  if (part != RematchPart::kDissolve) {
    const std::string prefix = part == RematchPart::kProblem ? "problem" : "previous";
    for (auto& f : fields) f.field = f.field.empty() ? prefix : prefix + "." + f.field;
  }
  if (error.code == core::ErrorCode::kValidationFailed) return core::validation_failed(std::move(fields));
  // A limit (kPayloadTooLarge) keeps its code and sentence.
  error.details = std::move(fields);
  return std::unexpected(std::move(error));
}

Json rematch_result_json(const RematchInput& in, const m::Result& result, const m::Optimality& optimality,
                         double solve_ms, std::stop_token stop) {
  // rematch marks every kept pair locked; the rendering shows the problem's locks as locked.
  const auto locked = pair_set(in.problem.problem.locked);
  m::Result shown = result;
  std::vector<char> kept(in.problem.mentee_ids.size(), 0);
  std::size_t reassigned = 0;
  for (auto& p : shown.pairs) {
    kept[static_cast<std::size_t>(p.mentee)] = p.locked ? 1 : 0;
    reassigned += p.locked ? 0u : 1u;
    p.locked = locked.contains({p.mentee, p.mentor});
  }
  Json out;
  if (in.problem.profiles) {
    // The census of exclusions counts this run's dissolved pairs as dissolved too (a copy:
    // the scores of a profile problem are computed, so copying the input is cheap).
    MatchingInput with_dissolved = in.problem;
    for (const m::Pair& d : in.dissolved_pairs()) with_dissolved.dissolved.push_back(d);
    out = matching_result_json(with_dissolved, shown, optimality, solve_ms, stop);
  } else {
    out = matching_result_json(in.problem, shown, optimality, solve_ms, stop);
  }
  const Index mentees = index_of(in.problem.mentee_ids);
  for (Json& pair : out["pairs"]) {
    const auto i = mentees.find(pair.value("mentee", std::string()));
    pair["kept"] = i != mentees.end() && kept[static_cast<std::size_t>(i->second)] != 0;
  }
  Json dissolved = Json::array();
  for (const Dissolution& d : in.dissolve) {
    dissolved.push_back({{"mentor", in.problem.mentor_ids[static_cast<std::size_t>(d.pair.mentor)]},
                         {"mentee", in.problem.mentee_ids[static_cast<std::size_t>(d.pair.mentee)]},
                         {"reason", m::dissolve_reason_name(d.reason)},
                         {"note", d.note}});
  }
  out["dissolved"] = std::move(dissolved);
  out["stats"]["reassigned_mentees"] = reassigned;
  return out;
}

}  // namespace binome::io
