#include "http/profile_json.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "core/employee_import.hpp"

namespace binome::http {

namespace {

namespace m = core::matching;
using Add = std::function<void(std::string, std::string)>;

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

// A date as YYYY-MM-DD (the HR extracts' date parser checks it), as a calendar day.
std::optional<date::year_month_day> parse_iso_date(const std::string& text) {
  const auto iso = core::parse_hr_date(text);
  if (!iso || *iso != text) return std::nullopt;  // the ISO form only, not DD/MM/YYYY
  return date::year_month_day{date::year{std::stoi(text.substr(0, 4))},
                              date::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
                              date::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
}

// The zone's UTC offset, in minutes, at noon UTC on the Monday of the week of `day`.
std::optional<std::int32_t> offset_in_week(const std::string& zone, date::year_month_day day) {
  try {
    const date::time_zone* tz = date::locate_zone(zone);
    const date::sys_days d{day};
    const date::sys_days monday = d - (date::weekday{d} - date::Monday);
    const auto info = tz->get_info(monday + std::chrono::hours{12});
    return static_cast<std::int32_t>(
        std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// "mon 09:00-11:30" (English or French day names; times on the hour or half-hour, "24:00"
// allowed as an end) into the local half-hours [first, last).
std::optional<std::pair<std::int32_t, std::int32_t>> parse_slot(const std::string& text) {
  static const std::map<std::string, std::int32_t> kDays = {
      {"mon", 0}, {"tue", 1}, {"wed", 2}, {"thu", 3}, {"fri", 4}, {"sat", 5}, {"sun", 6},
      {"lun", 0}, {"mar", 1}, {"mer", 2}, {"jeu", 3}, {"ven", 4}, {"sam", 5}, {"dim", 6}};
  if (text.size() != 15 || text[3] != ' ' || text[9] != '-') return std::nullopt;
  std::string day = text.substr(0, 3);
  std::transform(day.begin(), day.end(), day.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const auto d = kDays.find(day);
  if (d == kDays.end()) return std::nullopt;
  const auto half_hour = [&](std::size_t at) -> std::optional<std::int32_t> {
    const std::string hhmm = text.substr(at, 5);
    if (hhmm[2] != ':' || !std::isdigit(static_cast<unsigned char>(hhmm[0])) ||
        !std::isdigit(static_cast<unsigned char>(hhmm[1]))) {
      return std::nullopt;
    }
    const int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
    const std::string mm = hhmm.substr(3);
    if ((mm != "00" && mm != "30") || h > 24 || (h == 24 && mm != "00")) return std::nullopt;
    return h * 2 + (mm == "30" ? 1 : 0);
  };
  const auto from = half_hour(4), to = half_hour(10);
  if (!from || !to || *from >= *to) return std::nullopt;
  return std::pair{d->second * 48 + *from, d->second * 48 + *to};
}

std::optional<double> number_at_least(const Json& v, double floor) {
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < floor)
    return std::nullopt;
  return v.get<double>();
}

struct Context {
  Names skills, interests, languages, departments, people;
  std::map<std::string, std::int32_t> grade_rank;  // empty: grades are whole numbers
  date::year_month_day week{};
  const Add* add = nullptr;
};

void read_weights(const Json& doc, m::ScoringRules& rules, const Add& add) {
  const auto it = doc.find("weights");
  if (it == doc.end()) return;
  if (!it->is_object()) {
    add("weights", "must be an object of criterion: weight");
    return;
  }
  rules.weights.fill(0.0);  // criteria left out weigh nothing
  for (const auto& [key, value] : it->items()) {
    std::optional<std::size_t> criterion;
    for (std::size_t c = 0; c < m::kCriteria; ++c) {
      if (m::criterion_name(static_cast<m::Criterion>(c)) == key) criterion = c;
    }
    if (!criterion) {
      add("weights." + key,
          "unknown criterion (skills, reverse, interests, availability, cross_department)");
    } else if (auto w = number_at_least(value, 0.0)) {
      rules.weights[*criterion] = *w;
    } else {
      add("weights." + key, "must be a number of at least 0");
    }
  }
}

void read_rules(const Json& doc, m::ScoringRules& rules, const Add& add) {
  const auto it = doc.find("rules");
  if (it == doc.end()) return;
  if (!it->is_object()) {
    add("rules", "must be an object (see docs/matching.md)");
    return;
  }
  for (const auto& [key, value] : it->items()) {
    const std::string place = "rules." + key;
    if (key == "common_language" || key == "reporting_lines") {
      if (!value.is_boolean()) {
        add(place, "must be true or false");
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
        add(place, "must be a whole number of grades, or null to ignore grades");
      }
    } else if (key == "max_time_zone_hours") {
      if (value.is_null()) {
        rules.max_time_zone_hours.reset();
      } else if (auto h = number_at_least(value, 0.0)) {
        rules.max_time_zone_hours = *h;
      } else {
        add(place, "must be a number of hours of at least 0, or null for no limit");
      }
    } else if (key == "min_common_hours") {
      if (auto h = number_at_least(value, 0.0)) {
        rules.min_common_hours = *h;
      } else {
        add(place, "must be a number of hours of at least 0");
      }
    } else {
      add(place,
          "unknown rule (common_language, min_grade_gap, reporting_lines, max_time_zone_hours, "
          "min_common_hours)");
    }
  }
}

void read_grade_scale(const Json& doc, Context& ctx, const Add& add) {
  const auto it = doc.find("grade_scale");
  if (it == doc.end()) return;
  if (!it->is_array() || it->empty()) {
    add("grade_scale", "must be a non-empty list of grades, lowest first");
    return;
  }
  for (std::size_t k = 0; k < it->size(); ++k) {
    const Json& g = (*it)[k];
    const std::string name = g.is_string()           ? g.get<std::string>()
                             : g.is_number_integer() ? g.dump()
                                                     : "";
    if (name.empty()) {
      add("grade_scale[" + std::to_string(k) + "]", "must be a grade (a string or a whole number)");
    } else if (!ctx.grade_rank.emplace(name, static_cast<std::int32_t>(k)).second) {
      add("grade_scale[" + std::to_string(k) + "]", "'" + name + "' appears twice");
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
    add(place, "must be an object (see docs/matching.md)");
    return out;
  }
  static const char* const kKnown[] = {"skills",    "goals",     "interests", "availability",
                                       "languages", "time_zone", "site",      "department",
                                       "grade",     "managers"};
  for (const auto& [key, value] : p.items()) {
    if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown)) {
      add(place + "." + key,
          "unknown field (skills, goals, interests, availability, languages, time_zone, site, "
          "department, grade, "
          "managers)");
    }
  }
  if (auto s = p.find("skills"); s != p.end()) {
    if (!s->is_object()) add(place + ".skills", "must be an object of skill: level (0 to 8)");
    for (const auto& [skill, level] : (s->is_object() ? *s : kEmpty).items()) {
      if (!level.is_number_integer() || level.get<std::int64_t>() < 0 ||
          level.get<std::int64_t>() > m::kMaxProficiency) {
        add(place + ".skills." + skill, "must be a whole number from 0 to 8 (the DigComp levels)");
      } else if (level.get<std::int64_t>() > 0) {
        out.proficiency.emplace_back(ctx.skills.id(skill),
                                     static_cast<std::int32_t>(level.get<std::int64_t>()));
      }
    }
  }
  if (auto g = p.find("goals"); g != p.end()) {
    if (!g->is_object())
      add(place + ".goals", "must be an object of skill: weight (a number above 0)");
    for (const auto& [skill, weight] : (g->is_object() ? *g : kEmpty).items()) {
      const auto w = number_at_least(weight, 0.0);
      if (!w) {
        add(place + ".goals." + skill, "must be a weight: a number of at least 0");
      } else if (*w > 0) {
        out.goals.emplace_back(ctx.skills.id(skill), *w);
      }
    }
  }
  if (auto list = p.find("interests"); list != p.end()) {
    if (!list->is_array()) add(place + ".interests", "must be a list of strings");
    for (std::size_t k = 0; list->is_array() && k < list->size(); ++k) {
      const Json& t = (*list)[k];
      if (!t.is_string() || t.get<std::string>().empty()) {
        add(place + ".interests[" + std::to_string(k) + "]", "must be a non-empty string");
      } else {
        out.interests.push_back(ctx.interests.id(t.get<std::string>()));
      }
    }
  }
  if (auto list = p.find("languages"); list != p.end()) {
    if (!list->is_array())
      add(place + ".languages", "must be a list of ISO 639-1 codes (such as fr, en)");
    for (std::size_t k = 0; list->is_array() && k < list->size(); ++k) {
      const Json& code = (*list)[k];
      std::string c = code.is_string() ? code.get<std::string>() : "";
      std::transform(c.begin(), c.end(), c.begin(),
                     [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
      if (!core::is_iso639_1(c)) {
        add(place + ".languages[" + std::to_string(k) + "]",
            "must be an ISO 639-1 code (such as fr, en, de)");
        continue;
      }
      const std::int32_t bit = ctx.languages.id(c);
      if (static_cast<std::size_t>(bit) >= kMaxLanguages) {
        add(place + ".languages[" + std::to_string(k) + "]",
            "a problem may use at most " + std::to_string(kMaxLanguages) + " different languages");
        continue;
      }
      out.languages |= std::uint32_t{1} << bit;
    }
  }
  if (auto d = p.find("department"); d != p.end()) {
    if (!d->is_string()) {
      add(place + ".department", "must be a string");
    } else if (!d->get<std::string>().empty()) {
      out.department = ctx.departments.id(d->get<std::string>());
    }
  }
  if (auto s = p.find("site"); s != p.end() && !s->is_string())
    add(place + ".site", "must be a string");
  if (auto g = p.find("grade"); g != p.end() && !g->is_null()) {
    const std::string name = g->is_string()           ? g->get<std::string>()
                             : g->is_number_integer() ? g->dump()
                                                      : "";
    if (!ctx.grade_rank.empty()) {
      const auto rank = ctx.grade_rank.find(name);
      if (rank == ctx.grade_rank.end()) {
        add(place + ".grade", "'" + name + "' is not on the problem's grade_scale");
      } else {
        out.grade = rank->second;
      }
    } else if (g->is_number_integer() && std::abs(g->get<std::int64_t>()) <= 1'000'000) {
      out.grade = static_cast<std::int32_t>(g->get<std::int64_t>());
    } else {
      add(place + ".grade", "must be a whole number, or a grade of the problem's grade_scale");
    }
  }
  if (auto list = p.find("managers"); list != p.end()) {
    if (!list->is_array())
      add(place + ".managers", "must be the management chain: a list of ids, direct manager first");
    for (std::size_t k = 0; list->is_array() && k < list->size(); ++k) {
      const Json& who = (*list)[k];
      if (!who.is_string() || who.get<std::string>().empty()) {
        add(place + ".managers[" + std::to_string(k) + "]", "must be a non-empty id");
      } else if (who.get<std::string>() == id) {
        add(place + ".managers[" + std::to_string(k) + "]", "a person is not their own manager");
      } else {
        out.managers.push_back(ctx.people.id(who.get<std::string>()));
      }
    }
  }
  std::optional<std::int32_t> offset;
  if (auto z = p.find("time_zone"); z != p.end()) {
    if (!z->is_string() || !core::is_known_time_zone(z->get<std::string>())) {
      add(place + ".time_zone",
          (z->is_string() ? "'" + z->get<std::string>() + "'" : std::string("it")) +
              " is not a known time zone (expected an IANA name such as Europe/Paris)");
    } else {
      offset = offset_in_week(z->get<std::string>(), ctx.week);
    }
  }
  out.utc_offset_minutes = offset;
  if (auto list = p.find("availability"); list != p.end()) {
    if (!list->is_array())
      add(place + ".availability", "must be a list of slots such as \"mon 09:00-11:30\"");
    if (list->is_array() && !list->empty() && !p.contains("time_zone")) {
      add(place + ".time_zone",
          "is required with availability: slots are in the person's time zone");
    }
    for (std::size_t k = 0; list->is_array() && k < list->size(); ++k) {
      const Json& slot = (*list)[k];
      const auto range = slot.is_string() ? parse_slot(slot.get<std::string>()) : std::nullopt;
      if (!range) {
        add(place + ".availability[" + std::to_string(k) + "]",
            "must be a slot such as \"mon 09:00-11:30\" (mon..sun or lun..dim, on the hour or "
            "half-hour)");
        continue;
      }
      // Local half-hours to UTC: minus the offset, rounded to the half-hour (zones at :45 are
      // placed on the nearest half-hour), around the week.
      const std::int32_t shift = static_cast<std::int32_t>(std::lround(offset.value_or(0) / 30.0));
      for (std::int32_t h = range->first; h < range->second; ++h) {
        out.free_slots.push_back(((h - shift) % m::kWeekSlots + m::kWeekSlots) % m::kWeekSlots);
      }
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
                                                  const std::string& today, const Add& add) {
  bool failed = false;
  const Add report = [&](std::string place, std::string message) {
    failed = true;
    add(std::move(place), std::move(message));
  };
  ProfileInput in;
  Context ctx;
  ctx.add = &report;
  in.week_of = today;
  if (in.week_of.empty()) {
    in.week_of = date::format("%F", date::floor<date::days>(std::chrono::system_clock::now()));
  }
  if (auto w = doc.find("week_of"); w != doc.end()) {
    if (w->is_string() && parse_iso_date(w->get<std::string>())) {
      in.week_of = w->get<std::string>();
    } else {
      report("week_of",
             "must be a date, YYYY-MM-DD: the week whose UTC offsets place availability");
    }
  }
  ctx.week = parse_iso_date(in.week_of)
                 .value_or(date::year_month_day{date::year{2026}, date::January, date::day{5}});
  if (auto t = doc.find("availability_target_hours"); t != doc.end()) {
    const auto hours = number_at_least(*t, 0.0);
    if (!hours || *hours == 0) {
      report("availability_target_hours", "must be a number of hours above 0");
    } else {
      in.rules.availability_target_hours = *hours;
    }
  }
  if (auto x = doc.find("max_excluded_listed"); x != doc.end()) {
    if (!x->is_number_integer() || x->get<std::int64_t>() < 0 ||
        x->get<std::int64_t>() > 10'000'000) {
      report("max_excluded_listed", "must be a whole number of at least 0");
    } else {
      in.max_excluded_listed = static_cast<std::size_t>(x->get<std::int64_t>());
    }
  }
  read_weights(doc, in.rules, report);
  read_rules(doc, in.rules, report);
  read_grade_scale(doc, ctx, report);

  const Json& profiles = doc["profiles"];
  if (!profiles.is_object()) {
    report("profiles", "must be an object: each mentor's and mentee's id with its profile");
    return std::nullopt;
  }
  std::set<std::string> participants(mentor_ids.begin(), mentor_ids.end());
  participants.insert(mentee_ids.begin(), mentee_ids.end());
  for (const auto& [id, value] : profiles.items()) {
    (void)value;
    if (!participants.contains(id))
      report("profiles." + id, "is neither a mentor nor a mentee of the problem");
  }
  const auto read_all = [&](const std::vector<std::string>& ids, const char* role) {
    std::vector<m::Profile> out;
    out.reserve(ids.size());
    for (const std::string& id : ids) {
      const auto p = profiles.find(id);
      if (p == profiles.end()) {
        report("profiles", std::string("has no profile for ") + role + " '" + id + "'");
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
  in.scorer = std::make_shared<const m::ProfileScorer>(
      std::move(mentees), std::move(mentors), ctx.skills.size(), ctx.interests.size(), in.rules);
  return in;
}

}  // namespace binome::http
