#include "app/programs.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "store/account_repository.hpp"
#include "store/program_repository.hpp"
#include "store/sql.hpp"

namespace binome::app {

namespace {

using core::Action;

std::string id_text(std::int64_t id) { return std::to_string(id); }
std::string program_resource(std::int64_t id) { return core::resource_name(core::ResourceKind::kProgram, id_text(id)); }

core::Error no_program(std::int64_t id) {
  return core::fail(core::ErrorCode::kNotFound, core::msg("program.no_program", {core::count("id", id)})).error();
}

bool is_admin(const Caller& who) { return who.system || who.principal.roles.has(core::Role::kAdmin); }

// The skill keys a KPI may average over: the program's selection.
std::vector<std::string> selected_keys(const core::SkillSelection& s) {
  std::vector<std::string> keys = s.built_in;
  for (const auto& c : s.custom) keys.push_back(c.key);
  return keys;
}

std::string kpi_detail_value(const core::Kpi& k) { return std::string(core::kpi_instrument_name(k.instrument)); }

}  // namespace

void ProgramChanges::apply_to(core::ProgramSettings& s) const {
  if (name) s.name = *name;
  if (description) s.description = *description;
  if (starts_on) s.starts_on = *starts_on;
  if (ends_on) s.ends_on = *ends_on;
  if (time_zone) s.time_zone = *time_zone;
  if (languages) s.languages = *languages;
  if (cadence) s.cadence = *cadence;
  if (session_minutes) s.session_minutes = *session_minutes;
  if (min_group_size) s.min_group_size = *min_group_size;
}

core::ProgramFacts program_facts(store::Connection&, std::int64_t) {
  // Calls, selections and pairs are not kept yet (the issues that bring them count them here):
  // a program has none of them, so no step past draft has what it needs.
  return {};
}

core::ProgramFigures program_figures(store::Connection&, std::int64_t) {
  // As program_facts: no application, invitation or selection exists yet, so each count is 0.
  return {};
}

core::Result<Programs::Located> Programs::locate(const Caller& who, std::int64_t program_id, Action action) const {
  auto found = db_.read([&](store::Connection& c) -> std::optional<Located> {
    auto p = store::programs::find(c, program_id);
    if (!p) return std::nullopt;
    return Located{std::move(*p), store::programs::standing(c, program_id, who.principal.user_id)};
  });
  if (!found) {
    // Who may not act on programs at all learns nothing of which ids exist.
    if (auto refused = audit_.refusal(who, action, {0, id_text(program_id), {}})) return *refused;
    return std::unexpected(no_program(program_id));
  }
  if (auto refused = audit_.refusal(who, action, {0, id_text(program_id), found->standing})) return *refused;
  return std::move(*found);
}

core::Result<Programs::Located> Programs::locate_for_change(const Caller& who, std::int64_t program_id,
                                                            Action action) const {
  auto located = locate(who, program_id, action);
  if (located && located->program.status == core::ProgramStatus::kClosed) {
    return core::fail(core::ErrorCode::kConflict, core::msg("program.closed_read_only"));
  }
  return located;
}

core::Result<core::Page<ProgramSummary>> Programs::list(const Caller& who, const core::ProgramQuery& query) const {
  if (auto refused = audit_.refusal(who, Action::kListPrograms)) return *refused;
  return db_.read([&](store::Connection& c) {
    const std::int64_t member_of = is_admin(who) ? 0 : who.principal.user_id;
    auto programs = store::programs::list(c, query, member_of);
    const auto standings = store::programs::standings(c, who.principal.user_id);
    core::Page<ProgramSummary> page;
    page.total = programs.total;
    for (auto& p : programs.items) {
      const auto it = standings.find(p.id);
      page.items.push_back({std::move(p), it == standings.end() ? core::ProgramStanding{} : it->second});
    }
    return page;
  });
}

core::Result<core::Program> Programs::create(const Caller& who, const core::ProgramSettings& settings) const {
  if (auto refused = audit_.refusal(who, Action::kCreateProgram)) return *refused;
  if (auto problems = core::check_program_settings(settings); !problems.empty()) {
    return core::validation_failed(std::move(problems));
  }
  const core::Millis now = clock_.now();
  return db_.write([&](store::Connection& c) -> core::Result<core::Program> {
    const std::int64_t id = store::programs::insert(c, settings, std::nullopt, now);
    store::programs::set_skills(c, id, core::default_skill_selection());
    audit_.record(c, who, Action::kCreateProgram, program_resource(id), Outcome::kSuccess,
                  {{"name", settings.name}, {"starts_on", settings.starts_on}, {"ends_on", settings.ends_on}});
    return *store::programs::find(c, id);
  });
}

core::Result<ProgramDetail> Programs::get(const Caller& who, std::int64_t program_id) const {
  auto located = locate(who, program_id, Action::kReadProgram);
  if (!located) return std::unexpected(located.error());
  return db_.read([&](store::Connection& c) {
    ProgramDetail d{std::move(located->program), located->standing, program_facts(c, program_id), {}, {}};
    d.next_status = core::next_status(d.program.status);
    if (d.next_status) d.next_status_blockers = core::status_change_blockers(d.program.status, *d.next_status, d.facts);
    return d;
  });
}

core::Result<core::Program> Programs::update(const Caller& who, std::int64_t program_id,
                                             const ProgramChanges& changes) const {
  auto located = locate_for_change(who, program_id, Action::kUpdateProgram);
  if (!located) return std::unexpected(located.error());
  const core::Millis now = clock_.now();
  return db_.write([&](store::Connection& c) -> core::Result<core::Program> {
    auto current = store::programs::find_for_update(c, program_id);
    if (!current) return std::unexpected(no_program(program_id));
    core::ProgramSettings settings = current->settings;
    changes.apply_to(settings);
    if (auto problems = core::check_program_settings(settings); !problems.empty()) {
      return core::validation_failed(std::move(problems));
    }
    if (settings == current->settings) return *current;
    core::AuditDetail detail;
    const auto& before = current->settings;
    if (settings.name != before.name) detail.emplace_back("name", settings.name);
    if (settings.starts_on != before.starts_on) detail.emplace_back("starts_on", settings.starts_on);
    if (settings.ends_on != before.ends_on) detail.emplace_back("ends_on", settings.ends_on);
    if (settings.time_zone != before.time_zone) detail.emplace_back("time_zone", settings.time_zone);
    if (settings.min_group_size != before.min_group_size) detail.emplace_back("min_group_size", std::to_string(settings.min_group_size));
    store::programs::update(c, program_id, settings, now);
    audit_.record(c, who, Action::kUpdateProgram, program_resource(program_id), Outcome::kSuccess, detail);
    return *store::programs::find(c, program_id);
  });
}

core::Result<core::Program> Programs::change_status(const Caller& who, std::int64_t program_id,
                                                    core::ProgramStatus to) const {
  auto located = locate(who, program_id, Action::kChangeProgramStatus);
  if (!located) return std::unexpected(located.error());
  const core::Millis now = clock_.now();
  auto result = db_.write([&](store::Connection& c) -> core::Result<core::Program> {
    auto current = store::programs::find_for_update(c, program_id);
    if (!current) return std::unexpected(no_program(program_id));
    auto blockers = core::status_change_blockers(current->status, to, program_facts(c, program_id));
    if (!blockers.empty()) {
      return core::fail(core::ErrorCode::kConflict,
                        core::msg("program.status_blocked", {core::nested("status", core::program_status_label(to)),
                                                             core::nested_list("reasons", std::move(blockers))}));
    }
    store::programs::set_status(c, program_id, to, now);
    audit_.record(c, who, Action::kChangeProgramStatus, program_resource(program_id), Outcome::kSuccess,
                  {{"from", std::string(core::program_status_name(current->status))},
                   {"to", std::string(core::program_status_name(to))}});
    return *store::programs::find(c, program_id);
  });
  if (!result && result.error().code == core::ErrorCode::kConflict) {
    audit_.record_alone(who, Action::kChangeProgramStatus, program_resource(program_id), Outcome::kFailure,
                        {{"to", std::string(core::program_status_name(to))}});
  }
  return result;
}

core::Result<core::Program> Programs::new_edition(const Caller& who, std::int64_t from_program_id,
                                                  const EditionRequest& request) const {
  auto located = locate(who, from_program_id, Action::kCreateEdition);
  if (!located) return std::unexpected(located.error());
  core::ProgramSettings settings = located->program.settings;
  settings.name = request.name;
  settings.starts_on = request.starts_on;
  settings.ends_on = request.ends_on;
  if (auto problems = core::check_program_settings(settings); !problems.empty()) {
    return core::validation_failed(std::move(problems));
  }
  const core::Millis now = clock_.now();
  return db_.write([&](store::Connection& c) -> core::Result<core::Program> {
    const std::int64_t id = store::programs::insert(c, settings, from_program_id, now);
    store::programs::set_skills(c, id, store::programs::skills(c, from_program_id));
    for (auto objective : store::programs::objectives(c, from_program_id)) {
      objective.program_id = id;
      const std::int64_t objective_id = store::programs::insert_objective(c, objective, now);
      for (auto kpi : objective.kpis) {
        kpi.objective_id = objective_id;
        kpi.manual_value.reset();
        store::programs::insert_kpi(c, kpi, now);
      }
    }
    audit_.record(c, who, Action::kCreateEdition, program_resource(id), Outcome::kSuccess,
                  {{"name", settings.name}, {"from", id_text(from_program_id)}});
    return *store::programs::find(c, id);
  });
}

core::Result<std::vector<core::ProgramMember>> Programs::members(const Caller& who, std::int64_t program_id) const {
  auto located = locate(who, program_id, Action::kListProgramMembers);
  if (!located) return std::unexpected(located.error());
  return db_.read([&](store::Connection& c) { return store::programs::members(c, program_id); });
}

core::Result<core::ProgramMember> Programs::add_member(const Caller& who, std::int64_t program_id, std::int64_t user_id,
                                                       core::ProgramRole role) const {
  auto located = locate_for_change(who, program_id, Action::kAddProgramMember);
  if (!located) return std::unexpected(located.error());
  const core::Millis now = clock_.now();
  return db_.write([&](store::Connection& c) -> core::Result<core::ProgramMember> {
    auto user = store::users::find_by_id(c, user_id);
    if (!user) {
      return core::validation_failed({{"user_id", core::msg("program.member_unknown_user", {core::count("id", user_id)})}});
    }
    if (!user->user.active) {
      return core::validation_failed({{"user_id", core::msg("program.member_inactive", {core::quoted("email", user->user.email)})}});
    }
    if (!store::programs::add_member(c, program_id, user_id, role, now)) {
      return core::fail(core::ErrorCode::kConflict,
                        core::msg("program.already_member", {core::quoted("email", user->user.email),
                                                             core::nested("role", core::msg("program_role." + std::string(core::program_role_name(role))))}));
    }
    audit_.record(c, who, Action::kAddProgramMember, program_resource(program_id), Outcome::kSuccess,
                  {{"user", id_text(user_id)}, {"role", std::string(core::program_role_name(role))}});
    return core::ProgramMember{user_id, user->user.email, user->user.name, role, now};
  });
}

core::Result<void> Programs::remove_member(const Caller& who, std::int64_t program_id, std::int64_t user_id,
                                           core::ProgramRole role) const {
  auto located = locate_for_change(who, program_id, Action::kRemoveProgramMember);
  if (!located) return std::unexpected(located.error());
  return db_.write([&](store::Connection& c) -> core::Result<void> {
    if (!store::programs::remove_member(c, program_id, user_id, role)) {
      return core::fail(core::ErrorCode::kNotFound, core::msg("program.not_member", {core::count("id", user_id)}));
    }
    audit_.record(c, who, Action::kRemoveProgramMember, program_resource(program_id), Outcome::kSuccess,
                  {{"user", id_text(user_id)}, {"role", std::string(core::program_role_name(role))}});
    return {};
  });
}

core::Result<std::span<const core::BuiltInSkill>> Programs::taxonomy(const Caller& who) const {
  if (auto refused = audit_.refusal(who, Action::kReadTaxonomy)) return *refused;
  return core::built_in_skills();
}

core::Result<core::SkillSelection> Programs::skills(const Caller& who, std::int64_t program_id) const {
  auto located = locate(who, program_id, Action::kReadProgram);
  if (!located) return std::unexpected(located.error());
  return db_.read([&](store::Connection& c) { return store::programs::skills(c, program_id); });
}

core::Result<core::SkillSelection> Programs::set_skills(const Caller& who, std::int64_t program_id,
                                                        const core::SkillSelection& selection) const {
  auto located = locate_for_change(who, program_id, Action::kUpdateProgramSkills);
  if (!located) return std::unexpected(located.error());
  if (auto problems = core::check_skill_selection(selection); !problems.empty()) {
    return core::validation_failed(std::move(problems));
  }
  return db_.write([&](store::Connection& c) -> core::Result<core::SkillSelection> {
    store::programs::find_for_update(c, program_id);
    // A KPI that averages over a skill must keep it.
    for (const auto& o : store::programs::objectives(c, program_id)) {
      for (const auto& k : o.kpis) {
        for (const auto& key : k.skills) {
          if (!selection.contains(key)) {
            return core::validation_failed({{"skills", core::msg("program.skill_in_use", {core::quoted("key", key), core::quoted("kpi", k.name)})}});
          }
        }
      }
    }
    store::programs::set_skills(c, program_id, selection);
    audit_.record(c, who, Action::kUpdateProgramSkills, program_resource(program_id), Outcome::kSuccess,
                  {{"built_in", std::to_string(selection.built_in.size())}, {"custom", std::to_string(selection.custom.size())}});
    return store::programs::skills(c, program_id);
  });
}

core::Result<std::vector<ObjectiveView>> Programs::objectives(const Caller& who, std::int64_t program_id) const {
  auto located = locate(who, program_id, Action::kReadObjectives);
  if (!located) return std::unexpected(located.error());
  const std::string today = core::local_date_of(clock_.now(), located->program.settings.time_zone);
  return db_.read([&](store::Connection& c) {
    const core::ProgramFigures figures = program_figures(c, program_id);
    std::vector<ObjectiveView> out;
    for (auto& o : store::programs::objectives(c, program_id)) {
      ObjectiveView v{std::move(o), {}};
      for (const auto& k : v.objective.kpis) v.readings.push_back(core::read_kpi(k, figures, today));
      out.push_back(std::move(v));
    }
    return out;
  });
}

core::Result<core::Objective> Programs::create_objective(const Caller& who, std::int64_t program_id,
                                                         const core::Objective& objective) const {
  auto located = locate_for_change(who, program_id, Action::kCreateObjective);
  if (!located) return std::unexpected(located.error());
  if (auto problems = core::check_objective(objective); !problems.empty()) return core::validation_failed(std::move(problems));
  const core::Millis now = clock_.now();
  return db_.write([&](store::Connection& c) -> core::Result<core::Objective> {
    store::programs::find_for_update(c, program_id);
    if (store::programs::count_objectives(c, program_id) >= static_cast<std::int64_t>(core::kMaxObjectivesPerProgram)) {
      return core::fail(core::ErrorCode::kConflict, core::msg("program.too_many_objectives", {core::count("max", core::kMaxObjectivesPerProgram)}));
    }
    core::Objective o = objective;
    o.program_id = program_id;
    const std::int64_t id = store::programs::insert_objective(c, o, now);
    audit_.record(c, who, Action::kCreateObjective, program_resource(program_id), Outcome::kSuccess,
                  {{"objective", id_text(id)}, {"title", o.title}});
    return *store::programs::find_objective(c, id);
  });
}

core::Result<core::Objective> Programs::update_objective(const Caller& who, std::int64_t objective_id,
                                                         const core::Objective& objective) const {
  const auto found = db_.read([&](store::Connection& c) { return store::programs::find_objective(c, objective_id); });
  const auto no_objective = [&] {
    return core::fail(core::ErrorCode::kNotFound, core::msg("program.no_objective", {core::count("id", objective_id)}));
  };
  if (!found) return no_objective();
  auto located = locate_for_change(who, found->program_id, Action::kUpdateObjective);
  if (!located) return std::unexpected(located.error());
  if (auto problems = core::check_objective(objective); !problems.empty()) return core::validation_failed(std::move(problems));
  const core::Millis now = clock_.now();
  return db_.write([&](store::Connection& c) -> core::Result<core::Objective> {
    auto current = store::programs::find_objective(c, objective_id);
    if (!current) return no_objective();
    core::Objective o = *current;
    o.title = objective.title;
    o.description = objective.description;
    store::programs::update_objective(c, o, now);
    audit_.record(c, who, Action::kUpdateObjective, program_resource(o.program_id), Outcome::kSuccess,
                  {{"objective", id_text(objective_id)}, {"title", o.title}});
    return *store::programs::find_objective(c, objective_id);
  });
}

core::Result<void> Programs::delete_objective(const Caller& who, std::int64_t objective_id) const {
  const auto found = db_.read([&](store::Connection& c) { return store::programs::find_objective(c, objective_id); });
  if (!found) return core::fail(core::ErrorCode::kNotFound, core::msg("program.no_objective", {core::count("id", objective_id)}));
  auto located = locate_for_change(who, found->program_id, Action::kDeleteObjective);
  if (!located) return std::unexpected(located.error());
  db_.write([&](store::Connection& c) {
    store::programs::delete_objective(c, objective_id);
    audit_.record(c, who, Action::kDeleteObjective, program_resource(found->program_id), Outcome::kSuccess,
                  {{"objective", id_text(objective_id)}, {"title", found->title}});
  });
  return {};
}

core::Result<core::Kpi> Programs::create_kpi(const Caller& who, std::int64_t objective_id, const core::Kpi& kpi) const {
  const auto found = db_.read([&](store::Connection& c) { return store::programs::find_objective(c, objective_id); });
  if (!found) return core::fail(core::ErrorCode::kNotFound, core::msg("program.no_objective", {core::count("id", objective_id)}));
  auto located = locate_for_change(who, found->program_id, Action::kCreateKpi);
  if (!located) return std::unexpected(located.error());
  const core::Millis now = clock_.now();
  return db_.write([&](store::Connection& c) -> core::Result<core::Kpi> {
    store::programs::find_for_update(c, found->program_id);
    if (auto problems = core::check_kpi(kpi, selected_keys(store::programs::skills(c, found->program_id))); !problems.empty()) {
      return core::validation_failed(std::move(problems));
    }
    auto objective = store::programs::find_objective(c, objective_id);
    if (!objective) return core::fail(core::ErrorCode::kNotFound, core::msg("program.no_objective", {core::count("id", objective_id)}));
    if (objective->kpis.size() >= core::kMaxKpisPerObjective) {
      return core::fail(core::ErrorCode::kConflict, core::msg("program.too_many_kpis", {core::count("max", core::kMaxKpisPerObjective)}));
    }
    core::Kpi k = kpi;
    k.objective_id = objective_id;
    k.id = store::programs::insert_kpi(c, k, now);
    audit_.record(c, who, Action::kCreateKpi, program_resource(found->program_id), Outcome::kSuccess,
                  {{"kpi", id_text(k.id)}, {"name", k.name}, {"instrument", kpi_detail_value(k)}});
    return k;
  });
}

core::Result<core::Kpi> Programs::update_kpi(const Caller& who, std::int64_t kpi_id, const core::Kpi& kpi) const {
  const auto found = db_.read([&](store::Connection& c) { return store::programs::find_kpi(c, kpi_id); });
  const auto no_kpi = [&] { return core::fail(core::ErrorCode::kNotFound, core::msg("program.no_kpi", {core::count("id", kpi_id)})); };
  if (!found) return no_kpi();
  const std::int64_t program_id = found->second;
  auto located = locate_for_change(who, program_id, Action::kUpdateKpi);
  if (!located) return std::unexpected(located.error());
  const core::Millis now = clock_.now();
  return db_.write([&](store::Connection& c) -> core::Result<core::Kpi> {
    store::programs::find_for_update(c, program_id);
    auto current = store::programs::find_kpi(c, kpi_id);
    if (!current) return no_kpi();
    if (auto problems = core::check_kpi(kpi, selected_keys(store::programs::skills(c, program_id))); !problems.empty()) {
      return core::validation_failed(std::move(problems));
    }
    core::Kpi k = kpi;
    k.id = kpi_id;
    k.objective_id = current->first.objective_id;
    if (k == current->first) return k;
    store::programs::update_kpi(c, k, now);
    core::AuditDetail detail = {{"kpi", id_text(kpi_id)}, {"name", k.name}};
    // A manual figure is a measurement: the log says what it became.
    if (k.manual_value != current->first.manual_value && k.manual_value) {
      detail.emplace_back("manual_value", fmt::format("{}", *k.manual_value));
    }
    audit_.record(c, who, Action::kUpdateKpi, program_resource(program_id), Outcome::kSuccess, detail);
    return k;
  });
}

core::Result<void> Programs::delete_kpi(const Caller& who, std::int64_t kpi_id) const {
  const auto found = db_.read([&](store::Connection& c) { return store::programs::find_kpi(c, kpi_id); });
  if (!found) return core::fail(core::ErrorCode::kNotFound, core::msg("program.no_kpi", {core::count("id", kpi_id)}));
  auto located = locate_for_change(who, found->second, Action::kDeleteKpi);
  if (!located) return std::unexpected(located.error());
  db_.write([&](store::Connection& c) {
    store::programs::delete_kpi(c, kpi_id);
    audit_.record(c, who, Action::kDeleteKpi, program_resource(found->second), Outcome::kSuccess,
                  {{"kpi", id_text(kpi_id)}, {"name", found->first.name}});
  });
  return {};
}

}  // namespace binome::app
