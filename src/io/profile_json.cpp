#include "io/profile_json.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/employee_import.hpp"
#include "core/weekly_slots.hpp"

namespace binome::io {

namespace {

namespace m = core::matching;
using Add = std::function<void(std::string, core::Message)>;

// Names (skills, interests, languages, departments, people) numbered in order of appearance.
class Names {
 public:
  std::int32_t id(const std::string& name) {
    auto [it, fresh] = index_.emplace(name, static_cast<std::int32_t>(index_.size()));
    return it->second;
  }
  std::int32_t size() const { return static_cast<std::int32_t>(index_.size()); }

 private:
  std::map<std::string, std::int32_t> index_;
};

std::optional<double> number_at_least(const Json& v, double floor) {
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < floor)
    return std::nullopt;
  return v.get<double>();
}

struct Context {
  Names skills, interests, languages, departments, people;
  std::map<std::string, std::int32_t> grade_rank;  // empty: grades are whole numbers
  std::optional<core::CalendarDay> week;  // nothing when neither week_of nor today is a date
  const Add* add = nullptr;
};

void read_weights(const Json& doc, m::ScoringRules& rules, const Add& add) {
  const auto it = doc.find("weights");
  if (it == doc.end()) return;
  if (!it->is_object()) {
    add("weights", core::msg("matching.weights_object"));
    return;
  }
  rules.weights.fill(0.0);  // criteria left out weigh nothing
  for (const auto& [key, value] : it->items()) {
    std::optional<std::size_t> criterion;
    for (std::size_t c = 0; c < m::kCriteria; ++c) {
      if (m::criterion_name(static_cast<m::Criterion>(c)) == key) criterion = c;
    }
    if (!criterion) {
      add("weights." + key, core::msg("matching.criterion_unknown"));
    } else if (auto w = number_at_least(value, 0.0)) {
      rules.weights[*criterion] = *w;
    } else {
      add("weights." + key, core::msg("matching.weight_number"));
    }
  }
}

void read_rules(const Json& doc, m::ScoringRules& rules, const Add& add) {
  const auto it = doc.find("rules");
  if (it == doc.end()) return;
  if (!it->is_object()) {
    add("rules", core::msg("matching.rules_object"));
    return;
  }
  for (const auto& [key, value] : it->items()) {
    const std::string place = "rules." + key;
    if (key == "common_language" || key == "reporting_lines") {
      if (!value.is_boolean()) {
        add(place, core::msg("error.must_be_boolean"));
        continue;
      }
      (key == "common_language" ? rules.common_language : rules.reporting_lines) =
          value.get<bool>();
    } else if (key == "min_grade_gap") {
      if (value.is_null()) {
        rules.min_grade_gap.reset();
      } else if (value.is_number_integer() && std::abs(value.get<std::int64_t>()) <= 1000) {
        rules.min_grade_gap = static_cast<std::int32_t>(value.get<std::int64_t>());
      } else {
        add(place, core::msg("matching.grade_gap_value"));
      }
    } else if (key == "max_time_zone_hours") {
      if (value.is_null()) {
        rules.max_time_zone_hours.reset();
      } else if (auto h = number_at_least(value, 0.0)) {
        rules.max_time_zone_hours = *h;
      } else {
        add(place, core::msg("matching.hours_or_null"));
      }
    } else if (key == "min_common_hours") {
      if (auto h = number_at_least(value, 0.0)) {
        rules.min_common_hours = *h;
      } else {
        add(place, core::msg("matching.hours"));
      }
    } else {
      add(place, core::msg("matching.rule_unknown"));
    }
  }
}

void read_grade_scale(const Json& doc, Context& ctx, const Add& add) {
  const auto it = doc.find("grade_scale");
  if (it == doc.end()) return;
  if (!it->is_array() || it->empty()) {
    add("grade_scale", core::msg("matching.grade_scale_list"));
    return;
  }
  for (std::size_t k = 0; k < it->size(); ++k) {
    const Json& g = (*it)[k];
    const std::string name = g.is_string()           ? g.get<std::string>()
                             : g.is_number_integer() ? g.dump()
                                                     : "";
    if (name.empty()) {
      add("grade_scale[" + std::to_string(k) + "]", core::msg("matching.grade_value"));
    } else if (!ctx.grade_rank.emplace(name, static_cast<std::int32_t>(k)).second) {
      add("grade_scale[" + std::to_string(k) + "]", core::msg("matching.id_twice", {core::quoted("id", name)}));
    }
  }
}

// One person's profile; `utc_slots` needs the time zone, so it is placed last.
m::Profile read_profile(const Json& p, const std::string& place, const std::string& id,
                        Context& ctx) {
  const Add& add = *ctx.add;
  static const Json kEmpty = Json::object();
  m::Profile out;
  out.person = ctx.people.id(id);
  if (!p.is_object()) {
    add(place, core::msg("matching.profile_object"));
    return out;
  }
  static const char* const kKnown[] = {"skills",    "goals",     "interests", "availability",
                                       "languages", "time_zone", "site",      "department",
                                       "grade",     "managers"};
  for (const auto& [key, value] : p.items()) {
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
      add(place + "." + key, core::msg("matching.profile_field_unknown"));
    }
  }
  if (auto s = p.find("skills"); s != p.end()) {
    if (!s->is_object()) add(place + ".skills", core::msg("matching.skills_object"));
    for (const auto& [skill, level] : (s->is_object() ? *s : kEmpty).items()) {
      if (!level.is_number_integer() || level.get<std::int64_t>() < 0 ||
          level.get<std::int64_t>() > m::kMaxProficiency) {
        add(place + ".skills." + skill, core::msg("matching.skill_level"));
      } else if (level.get<std::int64_t>() > 0) {
        out.proficiency.emplace_back(ctx.skills.id(skill),
                                     static_cast<std::int32_t>(level.get<std::int64_t>()));
      }
    }
  }
  if (auto g = p.find("goals"); g != p.end()) {
    if (!g->is_object())
      add(place + ".goals", core::msg("matching.goals_object"));
    for (const auto& [skill, weight] : (g->is_object() ? *g : kEmpty).items()) {
      const auto w = number_at_least(weight, 0.0);
      if (!w) {
        add(place + ".goals." + skill, core::msg("matching.goal_weight"));
      } else if (*w > 0) {
        out.goals.emplace_back(ctx.skills.id(skill), *w);
      }
    }
  }
  if (auto list = p.find("interests"); list != p.end()) {
    if (!list->is_array()) add(place + ".interests", core::msg("error.must_be_strings"));
    for (std::size_t k = 0; list->is_array() && k < list->size(); ++k) {
      const Json& t = (*list)[k];
      if (!t.is_string() || t.get<std::string>().empty()) {
        add(place + ".interests[" + std::to_string(k) + "]", core::msg("matching.non_empty_string"));
      } else {
        out.interests.push_back(ctx.interests.id(t.get<std::string>()));
      }
    }
  }
  if (auto list = p.find("languages"); list != p.end()) {
    if (!list->is_array())
      add(place + ".languages", core::msg("matching.languages_list"));
    for (std::size_t k = 0; list->is_array() && k < list->size(); ++k) {
      const Json& code = (*list)[k];
      std::string c = code.is_string() ? code.get<std::string>() : "";
      std::transform(c.begin(), c.end(), c.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (!core::is_iso639_1(c)) {
        add(place + ".languages[" + std::to_string(k) + "]", core::msg("matching.language_code"));
        continue;
      }
      const std::int32_t bit = ctx.languages.id(c);
      if (static_cast<std::size_t>(bit) >= kMaxLanguages) {
        add(place + ".languages[" + std::to_string(k) + "]",
            core::msg("matching.too_many_languages", {core::count("max", kMaxLanguages)}));
        continue;
      }
      out.languages |= std::uint32_t{1} << bit;
    }
  }
  if (auto d = p.find("department"); d != p.end()) {
    if (!d->is_string()) {
      add(place + ".department", core::msg("error.must_be_string"));
    } else if (!d->get<std::string>().empty()) {
      out.department = ctx.departments.id(d->get<std::string>());
    }
  }
  if (auto s = p.find("site"); s != p.end() && !s->is_string())
    add(place + ".site", core::msg("error.must_be_string"));
  if (auto g = p.find("grade"); g != p.end() && !g->is_null()) {
    const std::string name = g->is_string()           ? g->get<std::string>()
                             : g->is_number_integer() ? g->dump()
                                                      : "";
    if (!ctx.grade_rank.empty()) {
      const auto rank = ctx.grade_rank.find(name);
      if (rank == ctx.grade_rank.end()) {
        add(place + ".grade", core::msg("matching.grade_not_on_scale", {core::quoted("grade", name)}));
      } else {
        out.grade = rank->second;
      }
    } else if (g->is_number_integer() && std::abs(g->get<std::int64_t>()) <= 1'000'000) {
      out.grade = static_cast<std::int32_t>(g->get<std::int64_t>());
    } else {
      add(place + ".grade", core::msg("matching.grade_number"));
    }
  }
  if (auto list = p.find("managers"); list != p.end()) {
    if (!list->is_array())
      add(place + ".managers", core::msg("matching.managers_list"));
    for (std::size_t k = 0; list->is_array() && k < list->size(); ++k) {
      const Json& who = (*list)[k];
      if (!who.is_string() || who.get<std::string>().empty()) {
        add(place + ".managers[" + std::to_string(k) + "]", core::msg("matching.non_empty_id"));
      } else if (who.get<std::string>() == id) {
        add(place + ".managers[" + std::to_string(k) + "]", core::msg("matching.own_manager"));
      } else {
        out.managers.push_back(ctx.people.id(who.get<std::string>()));
      }
    }
  }
  std::optional<std::int32_t> offset;
  if (auto z = p.find("time_zone"); z != p.end()) {
    if (!z->is_string() || !core::is_known_time_zone(z->get<std::string>())) {
      add(place + ".time_zone", z->is_string() ? core::msg("matching.time_zone_unknown", {core::quoted("zone", z->get<std::string>())})
                                               : core::msg("matching.time_zone_not_text"));
    } else if (ctx.week) {
      offset = core::utc_offset_in_week(z->get<std::string>(), *ctx.week);
    }
  }
  out.utc_offset_minutes = offset;
  if (auto list = p.find("availability"); list != p.end()) {
    if (!list->is_array())
      add(place + ".availability", core::msg("matching.availability_list"));
    if (list->is_array() && !list->empty() && !p.contains("time_zone")) {
      add(place + ".time_zone", core::msg("matching.time_zone_required"));
    }
    for (std::size_t k = 0; list->is_array() && k < list->size(); ++k) {
      const Json& slot = (*list)[k];
      const auto range = slot.is_string() ? core::parse_weekly_slot(slot.get<std::string>()) : std::nullopt;
      if (!range) {
        add(place + ".availability[" + std::to_string(k) + "]", core::msg("matching.slot_invalid"));
        continue;
      }
      const auto utc = core::utc_half_hours(*range, offset.value_or(0));
      out.free_slots.insert(out.free_slots.end(), utc.begin(), utc.end());
    }
  }
  const auto sort_unique = [](auto& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  sort_unique(out.free_slots);
  sort_unique(out.interests);
  std::sort(out.proficiency.begin(), out.proficiency.end());
  std::sort(out.goals.begin(), out.goals.end());
  return out;
}

}  // namespace

std::optional<ProfileInput> parse_profile_problem(const Json& doc,
                                                  const std::vector<std::string>& mentor_ids,
                                                  const std::vector<std::string>& mentee_ids,
                                                  const std::string& today, const Add& add,
                                                  const MatchingLimits& limits) {
  bool failed = false;
  const Add report = [&](std::string place, core::Message message) {
    failed = true;
    add(std::move(place), std::move(message));
  };
  ProfileInput in;
  Context ctx;
  ctx.add = &report;
  in.week_of = today;
  if (auto w = doc.find("week_of"); w != doc.end()) {
    if (w->is_string() && core::parse_calendar_day(w->get<std::string>())) {
      in.week_of = w->get<std::string>();
    } else {
      report("week_of", core::msg("matching.week_of_date"));
    }
  }
  ctx.week = core::parse_calendar_day(in.week_of);
  if (auto t = doc.find("availability_target_hours"); t != doc.end()) {
    const auto hours = number_at_least(*t, 0.0);
    if (!hours || *hours == 0) {
      report("availability_target_hours", core::msg("matching.hours_positive"));
    } else {
      in.rules.availability_target_hours = *hours;
    }
  }
  if (auto x = doc.find("max_excluded_listed"); x != doc.end()) {
    if (!x->is_number_integer() || x->get<std::int64_t>() < 0 ||
        x->get<std::int64_t>() > 10'000'000) {
      report("max_excluded_listed", core::msg("matching.whole_number"));
    } else {
      in.max_excluded_listed = static_cast<std::size_t>(x->get<std::int64_t>());
    }
  }
  read_weights(doc, in.rules, report);
  read_rules(doc, in.rules, report);
  read_grade_scale(doc, ctx, report);

  const Json& profiles = doc["profiles"];
  if (!profiles.is_object()) {
    report("profiles", core::msg("matching.profiles_object"));
    return std::nullopt;
  }
  std::set<std::string> participants(mentor_ids.begin(), mentor_ids.end());
  participants.insert(mentee_ids.begin(), mentee_ids.end());
  for (const auto& [id, value] : profiles.items()) {
    (void)value;
    if (!participants.contains(id))
      report("profiles." + id, core::msg("matching.profile_stranger"));
  }
  const auto read_all = [&](const std::vector<std::string>& ids, const char* role) {
    std::vector<m::Profile> out;
    out.reserve(ids.size());
    for (const std::string& id : ids) {
      const auto p = profiles.find(id);
      if (p == profiles.end()) {
        report("profiles", core::msg(role == std::string("mentor") ? "matching.profile_missing_mentor"
                                                                   : "matching.profile_missing_mentee",
                                     {core::quoted("id", id)}));
        out.emplace_back();
        continue;
      }
      out.push_back(read_profile(*p, "profiles." + id, id, ctx));
    }
    return out;
  };
  auto mentors = read_all(mentor_ids, "mentor");
  auto mentees = read_all(mentee_ids, "mentee");
  if (failed) return std::nullopt;
  // The scorer keeps its mentors column-wise, a table per skill and per interest: mentors x
  // (skills + interests) cells, which free-text names could make huge (8 bytes a skill cell,
  // 1 an interest cell). Known only now, and refused before the tables are allocated.
  const std::uint64_t columns = static_cast<std::uint64_t>(ctx.skills.size()) +
                                static_cast<std::uint64_t>(ctx.interests.size());
  const std::uint64_t cells = columns * mentor_ids.size();
  if (limits.cells != 0 && cells > limits.cells) {
    report("profiles", core::msg("matching.limit_cells_profiles",
                                 {core::count("cells", cells), core::count("mentors", mentor_ids.size()),
                                  core::count("columns", columns), core::count("limit", limits.cells)}));
    return std::nullopt;
  }
  in.scorer = std::make_shared<const m::ProfileScorer>(
      std::move(mentees), std::move(mentors), ctx.skills.size(), ctx.interests.size(), in.rules);
  return in;
}

}  // namespace binome::io
