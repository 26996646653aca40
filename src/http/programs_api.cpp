// Routes of programs (app/programs.hpp): the list and one program, its settings and next step,
// new editions, its managers and sponsors, the skills taxonomy and a program's skills, its
// objectives and KPIs with their readings.
#include "core/time.hpp"
#include "http/api.hpp"
#include "http/json_mapping.hpp"
#include "http/routes.hpp"

namespace binome::http {

namespace {

using core::render;

Json standing_json(const core::ProgramStanding& s) {
  Json roles = Json::array();
  if (s.manager) roles.push_back("manager");
  if (s.sponsor) roles.push_back("sponsor");
  if (s.participant) roles.push_back("participant");
  return roles;
}

Json program_json(const core::Program& p) {
  const auto& s = p.settings;
  return {{"id", p.id},
          {"name", s.name},
          {"description", s.description},
          {"starts_on", s.starts_on},
          {"ends_on", s.ends_on},
          {"time_zone", s.time_zone},
          {"languages", s.languages},
          {"cadence", std::string(core::cadence_name(s.cadence))},
          {"session_minutes", s.session_minutes},
          {"min_group_size", s.min_group_size},
          {"status", std::string(core::program_status_name(p.status))},
          {"previous_edition", p.previous_edition ? Json(*p.previous_edition) : Json(nullptr)},
          {"created_at", core::format_iso8601(p.created_at)},
          {"updated_at", core::format_iso8601(p.updated_at)},
          {"status_changed_at", core::format_iso8601(p.status_changed_at)}};
}

Json member_json(const core::ProgramMember& m) {
  return {{"user_id", m.user_id},
          {"email", m.email},
          {"name", m.name},
          {"role", std::string(core::program_role_name(m.role))},
          {"added_at", core::format_iso8601(m.added_at)}};
}

Json skill_json(std::string_view key, std::string_view area, core::SkillDirection direction, const std::string& label,
                core::Language language, bool built_in) {
  return {{"key", key},
          {"area", area},
          {"area_label", render(core::skill_area_label(area), language)},
          {"direction", std::string(core::skill_direction_name(direction))},
          {"label", label},
          {"built_in", built_in}};
}

Json selection_json(const core::SkillSelection& s, core::Language language) {
  Json skills = Json::array();
  for (const auto& key : s.built_in) {
    if (const auto* b = core::find_built_in_skill(key)) {
      skills.push_back(skill_json(b->key, b->area, b->direction, render(core::skill_label(b->key), language), language, true));
    }
  }
  Json custom = Json::array();
  for (const auto& c : s.custom) {
    const std::string& label = language == core::Language::kFrench ? c.label_fr : c.label_en;
    skills.push_back(skill_json(c.key, "custom", c.direction, label, language, false));
    custom.push_back({{"key", c.key}, {"label_en", c.label_en}, {"label_fr", c.label_fr},
                      {"direction", std::string(core::skill_direction_name(c.direction))}});
  }
  return {{"skills", std::move(skills)}, {"built_in", s.built_in}, {"custom", std::move(custom)}};
}

Json optional_number(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }

Json kpi_json(const core::Kpi& k, const core::KpiReading* reading, core::Language language) {
  Json out = {{"id", k.id},
              {"objective_id", k.objective_id},
              {"name", k.name},
              {"instrument", std::string(core::kpi_instrument_name(k.instrument))},
              {"side", k.side.empty() ? Json(nullptr) : Json(k.side)},
              {"skills", k.skills},
              {"baseline", optional_number(k.baseline)},
              {"target", k.target},
              {"direction", std::string(core::kpi_direction_name(k.direction))},
              {"unit", k.unit.empty() ? std::string(core::kpi_instrument_unit(k.instrument)) : k.unit},
              {"due_on", k.due_on},
              {"manual_value", optional_number(k.manual_value)}};
  if (reading) {
    out["reading"] = {{"value", optional_number(reading->value)},
                      {"state", std::string(core::kpi_state_name(reading->state))},
                      {"progress", optional_number(reading->progress)},
                      {"source", render(reading->source, language)}};
  }
  return out;
}

Json objective_json(const core::Objective& o, const std::vector<core::KpiReading>* readings, core::Language language) {
  Json kpis = Json::array();
  for (std::size_t i = 0; i < o.kpis.size(); ++i) {
    kpis.push_back(kpi_json(o.kpis[i], readings ? &(*readings)[i] : nullptr, language));
  }
  return {{"id", o.id}, {"program_id", o.program_id}, {"title", o.title}, {"description", o.description},
          {"kpis", std::move(kpis)}};
}

// A whole number field that must fit an int.
std::optional<int> small_integer(Fields& f, const char* name) {
  const auto v = f.integer(name, false);
  if (!v) return std::nullopt;
  return static_cast<int>(std::clamp<std::int64_t>(*v, -1'000'000, 1'000'000));
}

core::Result<app::ProgramChanges> program_changes(const Json& body) {
  Fields f(body);
  app::ProgramChanges c;
  c.name = f.string("name", false);
  c.description = f.string("description", false);
  c.starts_on = f.string("starts_on", false);
  c.ends_on = f.string("ends_on", false);
  c.time_zone = f.string("time_zone", false);
  c.languages = f.strings("languages", false);
  if (const auto cadence = f.string("cadence", false)) {
    c.cadence = core::cadence_from_name(*cadence);
    if (!c.cadence) {
      return core::validation_failed({{"cadence", core::msg("error.parameter_one_of", {core::text("values", "every_two_weeks, every_four_weeks, monthly")})}});
    }
  }
  c.session_minutes = small_integer(f, "session_minutes");
  c.min_group_size = small_integer(f, "min_group_size");
  if (auto e = f.error()) return std::unexpected(*e);
  return c;
}

core::Result<core::Objective> objective_from(const Json& body) {
  Fields f(body);
  core::Objective o;
  o.title = f.string("title", true).value_or("");
  o.description = f.string("description", false).value_or("");
  if (auto e = f.error()) return std::unexpected(*e);
  return o;
}

core::Result<core::Kpi> kpi_from(const Json& body) {
  Fields f(body);
  core::Kpi k;
  k.name = f.string("name", true).value_or("");
  const auto instrument = f.string("instrument", true);
  k.side = f.string("side", false).value_or("");
  k.skills = f.strings("skills", false).value_or(std::vector<std::string>{});
  k.baseline = f.number("baseline", false);
  const auto target = f.number("target", true);
  const auto direction = f.string("direction", false);
  k.unit = f.string("unit", false).value_or("");
  k.due_on = f.string("due_on", true).value_or("");
  k.manual_value = f.number("manual_value", false);
  if (auto e = f.error()) return std::unexpected(*e);
  std::vector<core::ErrorDetail> problems;
  if (const auto i = core::kpi_instrument_from_name(*instrument)) {
    k.instrument = *i;
  } else {
    std::string values;
    for (const auto i2 : core::kKpiInstruments) values += (values.empty() ? "" : ", ") + std::string(core::kpi_instrument_name(i2));
    problems.push_back({"instrument", core::msg("error.parameter_one_of", {core::text("values", values)}), 0, {}});
  }
  if (direction) {
    if (const auto d = core::kpi_direction_from_name(*direction)) {
      k.direction = *d;
    } else {
      problems.push_back({"direction", core::msg("error.parameter_one_of", {core::text("values", "higher, lower")}), 0, {}});
    }
  }
  if (!problems.empty()) return core::validation_failed(std::move(problems));
  k.target = *target;
  return k;
}

core::Result<core::SkillSelection> selection_from(const Json& body) {
  Fields f(body);
  core::SkillSelection s;
  s.built_in = f.strings("built_in", true).value_or(std::vector<std::string>{});
  if (auto e = f.error()) return std::unexpected(*e);
  const auto it = body.find("custom");
  if (it != body.end() && !it->is_null()) {
    if (!it->is_array()) return core::validation_failed({{"custom", core::msg("program.custom_must_be_list")}});
    for (std::size_t i = 0; i < it->size(); ++i) {
      const Json& item = (*it)[i];
      const std::string field = "custom[" + std::to_string(i) + "]";
      if (!item.is_object()) return core::validation_failed({{field, core::msg("program.custom_must_be_list")}});
      Fields g(item);
      core::CustomSkill c;
      c.key = g.string("key", true).value_or("");
      c.label_en = g.string("label_en", true).value_or("");
      c.label_fr = g.string("label_fr", true).value_or("");
      const auto direction = g.string("direction", false).value_or("digital");
      if (auto e = g.error()) {
        for (auto& d : e->details) d.field = field + "." + d.field;
        return std::unexpected(*e);
      }
      const auto dir = core::skill_direction_from_name(direction);
      if (!dir) {
        return core::validation_failed({{field + ".direction", core::msg("error.parameter_one_of", {core::text("values", "digital, business")})}});
      }
      c.direction = *dir;
      s.custom.push_back(std::move(c));
    }
  }
  return s;
}

core::Result<core::ProgramQuery> program_query(const ApiRequest& r) {
  core::ProgramQuery q;
  q.text = query_value(r.query, "text");
  if (const std::string status = query_value(r.query, "status"); !status.empty()) {
    q.status = core::program_status_from_name(status);
    if (!q.status) {
      return std::unexpected(invalid_parameter(
          "status", core::msg("error.parameter_one_of", {core::text("values", "draft, recruiting, matching, running, closing, closed")})));
    }
  }
  auto page = page_param(r.query);
  if (!page) return std::unexpected(page.error());
  q.page = *page;
  return q;
}

core::Result<core::ProgramRole> role_from(const std::string& name, const char* field) {
  if (const auto role = core::program_role_from_name(name)) return *role;
  return core::validation_failed({{field, core::msg("error.parameter_one_of", {core::text("values", "manager, sponsor")})}});
}

Reply created(const Json& body, const std::string& location) {
  Reply reply = json_reply(201, body);
  reply.headers.emplace_back("Location", location);
  return reply;
}

}  // namespace

void add_programs_routes(Routes& routes, const ApiContext& api) {
  const app::Programs& programs = api.app.programs;
  const auto program_id = [](ApiRequest& r) {
    return path_id(r, "id", core::msg("program.no_program", {core::text("id", std::string(r.params.at("id")))}));
  };
  const auto objective_id = [](ApiRequest& r) {
    return path_id(r, "id", core::msg("program.no_objective", {core::text("id", std::string(r.params.at("id")))}));
  };
  const auto kpi_id = [](ApiRequest& r) {
    return path_id(r, "id", core::msg("program.no_kpi", {core::text("id", std::string(r.params.at("id")))}));
  };

  routes.add(Method::kGet, "/api/v1/programs", {true, [&programs](ApiRequest& r) -> core::Result<Reply> {
               auto query = program_query(r);
               if (!query) return std::unexpected(query.error());
               auto page = programs.list(r.caller(), *query);
               if (!page) return std::unexpected(page.error());
               Json items = Json::array();
               for (const auto& s : page->items) {
                 Json item = program_json(s.program);
                 item["my_roles"] = standing_json(s.standing);
                 items.push_back(std::move(item));
               }
               return json_reply(200, {{"items", std::move(items)}, {"total", page->total}});
             }});
  routes.add(Method::kPost, "/api/v1/programs", {true, [&programs](ApiRequest& r) -> core::Result<Reply> {
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               auto changes = program_changes(*body);
               if (!changes) return std::unexpected(changes.error());
               core::ProgramSettings settings;
               changes->apply_to(settings);
               auto program = programs.create(r.caller(), settings);
               if (!program) return std::unexpected(program.error());
               return created(program_json(*program), "/api/v1/programs/" + std::to_string(program->id));
             }});
  routes.add(Method::kGet, "/api/v1/programs/{id}", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto detail = programs.get(r.caller(), *id);
               if (!detail) return std::unexpected(detail.error());
               Json out = program_json(detail->program);
               out["my_roles"] = standing_json(detail->standing);
               Json blockers = Json::array();
               for (const auto& m : detail->next_status_blockers) blockers.push_back(render(m, r.language));
               out["next_status"] = detail->next_status ? Json(std::string(core::program_status_name(*detail->next_status))) : Json(nullptr);
               out["next_status_blockers"] = std::move(blockers);
               return json_reply(200, out);
             }});
  routes.add(Method::kPatch, "/api/v1/programs/{id}", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               auto changes = program_changes(*body);
               if (!changes) return std::unexpected(changes.error());
               auto program = programs.update(r.caller(), *id, *changes);
               if (!program) return std::unexpected(program.error());
               return json_reply(200, program_json(*program));
             }});
  routes.add(Method::kPost, "/api/v1/programs/{id}/status", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               const auto name = f.string("status", true);
               if (auto e = f.error()) return std::unexpected(*e);
               const auto status = core::program_status_from_name(*name);
               if (!status) {
                 return core::validation_failed({{"status", core::msg("error.parameter_one_of", {core::text("values", "draft, recruiting, matching, running, closing, closed")})}});
               }
               auto program = programs.change_status(r.caller(), *id, *status);
               if (!program) return std::unexpected(program.error());
               return json_reply(200, program_json(*program));
             }});
  routes.add(Method::kPost, "/api/v1/programs/{id}/editions", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               app::EditionRequest e;
               e.name = f.string("name", true).value_or("");
               e.starts_on = f.string("starts_on", true).value_or("");
               e.ends_on = f.string("ends_on", true).value_or("");
               if (auto error = f.error()) return std::unexpected(*error);
               auto program = programs.new_edition(r.caller(), *id, e);
               if (!program) return std::unexpected(program.error());
               return created(program_json(*program), "/api/v1/programs/" + std::to_string(program->id));
             }});

  routes.add(Method::kGet, "/api/v1/programs/{id}/members", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto members = programs.members(r.caller(), *id);
               if (!members) return std::unexpected(members.error());
               Json items = Json::array();
               for (const auto& m : *members) items.push_back(member_json(m));
               return json_reply(200, {{"items", std::move(items)}});
             }});
  routes.add(Method::kPost, "/api/v1/programs/{id}/members", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               const auto user_id = f.integer("user_id", true);
               const auto role_name = f.string("role", true);
               if (auto e = f.error()) return std::unexpected(*e);
               auto role = role_from(*role_name, "role");
               if (!role) return std::unexpected(role.error());
               auto member = programs.add_member(r.caller(), *id, *user_id, *role);
               if (!member) return std::unexpected(member.error());
               return json_reply(201, member_json(*member));
             }});
  routes.add(Method::kDelete, "/api/v1/programs/{id}/members/{user_id}", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto user_id = path_id(r, "user_id", core::msg("program.not_member", {core::text("id", std::string(r.params.at("user_id")))}));
               if (!user_id) return std::unexpected(user_id.error());
               const std::string role_name = query_value(r.query, "role");
               auto role = core::program_role_from_name(role_name);
               if (!role) {
                 return std::unexpected(invalid_parameter("role", core::msg("error.parameter_one_of", {core::text("values", "manager, sponsor")})));
               }
               auto removed = programs.remove_member(r.caller(), *id, *user_id, *role);
               if (!removed) return std::unexpected(removed.error());
               return no_content();
             }});

  routes.add(Method::kGet, "/api/v1/taxonomy", {true, [&programs](ApiRequest& r) -> core::Result<Reply> {
               auto skills = programs.taxonomy(r.caller());
               if (!skills) return std::unexpected(skills.error());
               Json items = Json::array();
               for (const auto& b : *skills) {
                 items.push_back(skill_json(b.key, b.area, b.direction, render(core::skill_label(b.key), r.language), r.language, true));
               }
               Json levels = Json::array();
               for (int level = core::kMinProficiency; level <= core::kMaxProficiency; ++level) {
                 levels.push_back({{"level", level},
                                   {"label", render(core::proficiency_label(level), r.language)},
                                   {"description", render(core::proficiency_description(level), r.language)}});
               }
               return json_reply(200, {{"skills", std::move(items)}, {"levels", std::move(levels)}});
             }});
  routes.add(Method::kGet, "/api/v1/programs/{id}/skills", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto selection = programs.skills(r.caller(), *id);
               if (!selection) return std::unexpected(selection.error());
               return json_reply(200, selection_json(*selection, r.language));
             }});
  routes.add(Method::kPut, "/api/v1/programs/{id}/skills", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               auto requested = selection_from(*body);
               if (!requested) return std::unexpected(requested.error());
               auto selection = programs.set_skills(r.caller(), *id, *requested);
               if (!selection) return std::unexpected(selection.error());
               return json_reply(200, selection_json(*selection, r.language));
             }});

  routes.add(Method::kGet, "/api/v1/programs/{id}/objectives", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto objectives = programs.objectives(r.caller(), *id);
               if (!objectives) return std::unexpected(objectives.error());
               Json items = Json::array();
               for (const auto& v : *objectives) items.push_back(objective_json(v.objective, &v.readings, r.language));
               return json_reply(200, {{"items", std::move(items)}});
             }});
  routes.add(Method::kPost, "/api/v1/programs/{id}/objectives", {true, [&programs, program_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = program_id(r);
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               auto requested = objective_from(*body);
               if (!requested) return std::unexpected(requested.error());
               auto objective = programs.create_objective(r.caller(), *id, *requested);
               if (!objective) return std::unexpected(objective.error());
               return created(objective_json(*objective, nullptr, r.language), "/api/v1/objectives/" + std::to_string(objective->id));
             }});
  routes.add(Method::kPatch, "/api/v1/objectives/{id}", {true, [&programs, objective_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = objective_id(r);
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               auto requested = objective_from(*body);
               if (!requested) return std::unexpected(requested.error());
               auto objective = programs.update_objective(r.caller(), *id, *requested);
               if (!objective) return std::unexpected(objective.error());
               return json_reply(200, objective_json(*objective, nullptr, r.language));
             }});
  routes.add(Method::kDelete, "/api/v1/objectives/{id}", {true, [&programs, objective_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = objective_id(r);
               if (!id) return std::unexpected(id.error());
               auto deleted = programs.delete_objective(r.caller(), *id);
               if (!deleted) return std::unexpected(deleted.error());
               return no_content();
             }});
  routes.add(Method::kPost, "/api/v1/objectives/{id}/kpis", {true, [&programs, objective_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = objective_id(r);
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               auto requested = kpi_from(*body);
               if (!requested) return std::unexpected(requested.error());
               auto kpi = programs.create_kpi(r.caller(), *id, *requested);
               if (!kpi) return std::unexpected(kpi.error());
               return created(kpi_json(*kpi, nullptr, r.language), "/api/v1/kpis/" + std::to_string(kpi->id));
             }});
  routes.add(Method::kPut, "/api/v1/kpis/{id}", {true, [&programs, kpi_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = kpi_id(r);
               if (!id) return std::unexpected(id.error());
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               auto requested = kpi_from(*body);
               if (!requested) return std::unexpected(requested.error());
               auto kpi = programs.update_kpi(r.caller(), *id, *requested);
               if (!kpi) return std::unexpected(kpi.error());
               return json_reply(200, kpi_json(*kpi, nullptr, r.language));
             }});
  routes.add(Method::kDelete, "/api/v1/kpis/{id}", {true, [&programs, kpi_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = kpi_id(r);
               if (!id) return std::unexpected(id.error());
               auto deleted = programs.delete_kpi(r.caller(), *id);
               if (!deleted) return std::unexpected(deleted.error());
               return no_content();
             }});
}

}  // namespace binome::http
