#include "store/program_repository.hpp"

#include "core/text.hpp"

namespace binome::store::programs {

namespace {

constexpr const char* kProgramColumns =
    "id, name, description, starts_on, ends_on, time_zone, languages, cadence, session_minutes, min_group_size, "
    "status, previous_edition, created_at, updated_at, status_changed_at";

std::vector<std::string> split_keys(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string_view::npos ? text.size() : comma;
    if (end > start) out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string join_keys(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ",") + p;
  return out;
}

core::Program program_from_row(const Row& r) {
  core::Program p;
  p.id = r.i64(0);
  p.settings.name = r.text(1);
  p.settings.description = r.text(2);
  p.settings.starts_on = r.text(3);
  p.settings.ends_on = r.text(4);
  p.settings.time_zone = r.text(5);
  p.settings.languages = split_keys(r.view(6));
  p.settings.cadence = core::cadence_from_name(r.view(7)).value_or(core::Cadence::kEveryTwoWeeks);
  p.settings.session_minutes = static_cast<int>(r.i64(8));
  p.settings.min_group_size = static_cast<int>(r.i64(9));
  p.status = core::program_status_from_name(r.view(10)).value_or(core::ProgramStatus::kDraft);
  p.previous_edition = r.opt_i64(11);
  p.created_at = r.i64(12);
  p.updated_at = r.i64(13);
  p.status_changed_at = r.i64(14);
  return p;
}

Params settings_params(const core::ProgramSettings& s) {
  return {s.name,
          core::fold_for_search(s.name),
          s.description,
          s.starts_on,
          s.ends_on,
          s.time_zone,
          join_keys(s.languages),
          std::string(core::cadence_name(s.cadence)),
          static_cast<std::int64_t>(s.session_minutes),
          static_cast<std::int64_t>(s.min_group_size)};
}

Value optional_number(const std::optional<double>& v) { return v ? Value{*v} : Value{}; }
std::optional<double> opt_f64(const Row& r, std::size_t i) {
  return r.is_null(i) ? std::nullopt : std::optional<double>(r.f64(i));
}

constexpr const char* kKpiColumns =
    "id, objective_id, name, instrument, side, skills, baseline, target, direction, unit, due_on, manual_value";

core::Kpi kpi_from_row(const Row& r) {
  core::Kpi k;
  k.id = r.i64(0);
  k.objective_id = r.i64(1);
  k.name = r.text(2);
  k.instrument = core::kpi_instrument_from_name(r.view(3)).value_or(core::KpiInstrument::kManual);
  k.side = r.text(4);
  k.skills = split_keys(r.view(5));
  k.baseline = opt_f64(r, 6);
  k.target = r.f64(7);
  k.direction = core::kpi_direction_from_name(r.view(8)).value_or(core::KpiDirection::kHigherIsBetter);
  k.unit = r.text(9);
  k.due_on = r.text(10);
  k.manual_value = opt_f64(r, 11);
  return k;
}

Params kpi_params(const core::Kpi& k) {
  return {k.name,
          std::string(core::kpi_instrument_name(k.instrument)),
          k.side,
          join_keys(k.skills),
          optional_number(k.baseline),
          k.target,
          std::string(core::kpi_direction_name(k.direction)),
          k.unit,
          k.due_on,
          optional_number(k.manual_value)};
}

}  // namespace

std::int64_t insert(Connection& c, const core::ProgramSettings& s, std::optional<std::int64_t> previous_edition,
                    core::Millis now) {
  Params params = settings_params(s);
  params.push_back(previous_edition ? Value{*previous_edition} : Value{});
  params.push_back(now);
  return c.query_one(
              "INSERT INTO programs (name, name_folded, description, starts_on, ends_on, time_zone, languages, cadence, "
              "session_minutes, min_group_size, status, previous_edition, created_at, updated_at, status_changed_at) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'draft', $11, $12, $12, $12) RETURNING id",
              params)
      ->i64(0);
}

std::optional<core::Program> find(Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string("SELECT ") + kProgramColumns + " FROM programs WHERE id = $1", {id});
  if (!row) return std::nullopt;
  return program_from_row(*row);
}

std::optional<core::Program> find_for_update(Connection& c, std::int64_t id) {
  const std::string lock = c.dialect() == Dialect::kPostgresql ? " FOR UPDATE" : "";
  auto row = c.query_one(std::string("SELECT ") + kProgramColumns + " FROM programs WHERE id = $1" + lock, {id});
  if (!row) return std::nullopt;
  return program_from_row(*row);
}

core::Page<core::Program> list(Connection& c, const core::ProgramQuery& q, std::int64_t member_of) {
  Conditions where;
  if (member_of > 0) {
    where.add("id IN (SELECT program_id FROM program_members WHERE user_id = {0})", {member_of});
  }
  if (q.status) where.add("status = {0}", {std::string(core::program_status_name(*q.status))});
  if (const std::string pattern = contains_pattern(q.text); pattern != "%%") {
    where.add("name_folded LIKE {0} ESCAPE '\\'", {pattern});
  }
  core::Page<core::Program> page;
  page.total = c.query_one("SELECT COUNT(*) FROM programs" + where.sql(), where.params())->i64(0);
  const std::string limit = where.next(q.page.limit);
  const std::string offset = where.next(q.page.offset);
  for (const Row& r : c.query(std::string("SELECT ") + kProgramColumns + " FROM programs" + where.sql() +
                                  " ORDER BY starts_on DESC, id DESC LIMIT " + limit + " OFFSET " + offset,
                              where.params())) {
    page.items.push_back(program_from_row(r));
  }
  return page;
}

void update(Connection& c, std::int64_t id, const core::ProgramSettings& s, core::Millis now) {
  Params params = settings_params(s);
  params.push_back(now);
  params.push_back(id);
  c.execute(
      "UPDATE programs SET name = $1, name_folded = $2, description = $3, starts_on = $4, ends_on = $5, "
      "time_zone = $6, languages = $7, cadence = $8, session_minutes = $9, min_group_size = $10, updated_at = $11 "
      "WHERE id = $12",
      params);
}

void set_status(Connection& c, std::int64_t id, core::ProgramStatus status, core::Millis now) {
  c.execute("UPDATE programs SET status = $1, status_changed_at = $2, updated_at = $2 WHERE id = $3",
            {std::string(core::program_status_name(status)), now, id});
}

core::ProgramStanding standing(Connection& c, std::int64_t program_id, std::int64_t user_id) {
  core::ProgramStanding s;
  if (user_id <= 0) return s;
  for (const Row& r : c.query("SELECT role FROM program_members WHERE program_id = $1 AND user_id = $2",
                              {program_id, user_id})) {
    if (r.view(0) == "manager") s.manager = true;
    if (r.view(0) == "sponsor") s.sponsor = true;
  }
  return s;
}

std::map<std::int64_t, core::ProgramStanding> standings(Connection& c, std::int64_t user_id) {
  std::map<std::int64_t, core::ProgramStanding> out;
  if (user_id <= 0) return out;
  for (const Row& r : c.query("SELECT program_id, role FROM program_members WHERE user_id = $1", {user_id})) {
    auto& s = out[r.i64(0)];
    if (r.view(1) == "manager") s.manager = true;
    if (r.view(1) == "sponsor") s.sponsor = true;
  }
  return out;
}

std::vector<core::ProgramMember> members(Connection& c, std::int64_t program_id) {
  std::vector<core::ProgramMember> out;
  for (const Row& r : c.query("SELECT m.user_id, u.email, u.name, m.role, m.added_at FROM program_members m "
                              "JOIN users u ON u.id = m.user_id WHERE m.program_id = $1 ORDER BY m.role, u.name, u.id",
                              {program_id})) {
    out.push_back({r.i64(0), r.text(1), r.text(2),
                   core::program_role_from_name(r.view(3)).value_or(core::ProgramRole::kSponsor), r.i64(4)});
  }
  return out;
}

bool add_member(Connection& c, std::int64_t program_id, std::int64_t user_id, core::ProgramRole role, core::Millis now) {
  const std::string name(core::program_role_name(role));
  if (c.query_one("SELECT 1 FROM program_members WHERE program_id = $1 AND user_id = $2 AND role = $3",
                  {program_id, user_id, name})) {
    return false;
  }
  c.execute("INSERT INTO program_members (program_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)",
            {program_id, user_id, name, now});
  return true;
}

bool remove_member(Connection& c, std::int64_t program_id, std::int64_t user_id, core::ProgramRole role) {
  return c.execute("DELETE FROM program_members WHERE program_id = $1 AND user_id = $2 AND role = $3",
                   {program_id, user_id, std::string(core::program_role_name(role))}) > 0;
}

core::SkillSelection skills(Connection& c, std::int64_t program_id) {
  core::SkillSelection s;
  for (const Row& r : c.query("SELECT skill_key, label_en, label_fr, direction FROM program_skills "
                              "WHERE program_id = $1 ORDER BY position",
                              {program_id})) {
    if (r.is_null(1)) {
      s.built_in.push_back(r.text(0));
    } else {
      s.custom.push_back({r.text(0), r.text(1), r.opt_text(2).value_or(""),
                          core::skill_direction_from_name(r.opt_text(3).value_or("")).value_or(core::SkillDirection::kDigital)});
    }
  }
  return s;
}

void set_skills(Connection& c, std::int64_t program_id, const core::SkillSelection& s) {
  c.execute("DELETE FROM program_skills WHERE program_id = $1", {program_id});
  std::int64_t position = 0;
  for (const auto& key : s.built_in) {
    c.execute("INSERT INTO program_skills (program_id, position, skill_key) VALUES ($1, $2, $3)",
              {program_id, position++, key});
  }
  for (const auto& k : s.custom) {
    c.execute("INSERT INTO program_skills (program_id, position, skill_key, label_en, label_fr, direction) "
              "VALUES ($1, $2, $3, $4, $5, $6)",
              {program_id, position++, k.key, k.label_en, k.label_fr, std::string(core::skill_direction_name(k.direction))});
  }
}

std::vector<core::Objective> objectives(Connection& c, std::int64_t program_id) {
  std::vector<core::Objective> out;
  for (const Row& r : c.query("SELECT id, title, description FROM objectives WHERE program_id = $1 ORDER BY position, id",
                              {program_id})) {
    out.push_back({r.i64(0), program_id, r.text(1), r.text(2), {}});
  }
  for (const Row& r : c.query(std::string("SELECT k.") + "id, k.objective_id, k.name, k.instrument, k.side, k.skills, "
                              "k.baseline, k.target, k.direction, k.unit, k.due_on, k.manual_value FROM kpis k "
                              "JOIN objectives o ON o.id = k.objective_id WHERE o.program_id = $1 ORDER BY k.position, k.id",
                              {program_id})) {
    core::Kpi k = kpi_from_row(r);
    for (auto& o : out) {
      if (o.id == k.objective_id) o.kpis.push_back(std::move(k));
    }
  }
  return out;
}

std::optional<core::Objective> find_objective(Connection& c, std::int64_t objective_id) {
  auto row = c.query_one("SELECT id, program_id, title, description FROM objectives WHERE id = $1", {objective_id});
  if (!row) return std::nullopt;
  core::Objective o{row->i64(0), row->i64(1), row->text(2), row->text(3), {}};
  for (const Row& r : c.query(std::string("SELECT ") + kKpiColumns + " FROM kpis WHERE objective_id = $1 ORDER BY position, id",
                              {objective_id})) {
    o.kpis.push_back(kpi_from_row(r));
  }
  return o;
}

std::int64_t insert_objective(Connection& c, const core::Objective& o, core::Millis now) {
  return c.query_one(
              "INSERT INTO objectives (program_id, position, title, description, created_at, updated_at) VALUES ($1, "
              "(SELECT COALESCE(MAX(position), -1) + 1 FROM objectives WHERE program_id = $1), $2, $3, $4, $4) RETURNING id",
              {o.program_id, o.title, o.description, now})
      ->i64(0);
}

void update_objective(Connection& c, const core::Objective& o, core::Millis now) {
  c.execute("UPDATE objectives SET title = $1, description = $2, updated_at = $3 WHERE id = $4",
            {o.title, o.description, now, o.id});
}

void delete_objective(Connection& c, std::int64_t objective_id) {
  c.execute("DELETE FROM kpis WHERE objective_id = $1", {objective_id});
  c.execute("DELETE FROM objectives WHERE id = $1", {objective_id});
}

std::int64_t count_objectives(Connection& c, std::int64_t program_id) {
  return c.query_one("SELECT COUNT(*) FROM objectives WHERE program_id = $1", {program_id})->i64(0);
}

std::optional<std::pair<core::Kpi, std::int64_t>> find_kpi(Connection& c, std::int64_t kpi_id) {
  auto row = c.query_one(std::string("SELECT k.") + "id, k.objective_id, k.name, k.instrument, k.side, k.skills, "
                         "k.baseline, k.target, k.direction, k.unit, k.due_on, k.manual_value, o.program_id FROM kpis k "
                         "JOIN objectives o ON o.id = k.objective_id WHERE k.id = $1",
                         {kpi_id});
  if (!row) return std::nullopt;
  return std::pair{kpi_from_row(*row), row->i64(12)};
}

std::int64_t insert_kpi(Connection& c, const core::Kpi& k, core::Millis now) {
  Params params = kpi_params(k);
  params.push_back(k.objective_id);
  params.push_back(now);
  return c.query_one(
              "INSERT INTO kpis (name, instrument, side, skills, baseline, target, direction, unit, due_on, manual_value, "
              "objective_id, position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
              "(SELECT COALESCE(MAX(position), -1) + 1 FROM kpis WHERE objective_id = $11), $12, $12) RETURNING id",
              params)
      ->i64(0);
}

void update_kpi(Connection& c, const core::Kpi& k, core::Millis now) {
  Params params = kpi_params(k);
  params.push_back(now);
  params.push_back(k.id);
  c.execute(
      "UPDATE kpis SET name = $1, instrument = $2, side = $3, skills = $4, baseline = $5, target = $6, direction = $7, "
      "unit = $8, due_on = $9, manual_value = $10, updated_at = $11 WHERE id = $12",
      params);
}

void delete_kpi(Connection& c, std::int64_t kpi_id) { c.execute("DELETE FROM kpis WHERE id = $1", {kpi_id}); }

}  // namespace binome::store::programs
