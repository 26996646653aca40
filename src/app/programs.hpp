// Programs: create and run the editions of a reverse-mentoring program (PROGRAMS.md) — their
// settings and status steps, the managers and sponsors named per program, the skills they work
// on, their objectives and KPIs. Each use case asks the access policy with the program as
// context (the caller's standing in it); each change is one transaction and one audit entry.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/audit.hpp"
#include "app/caller.hpp"
#include "app/clock.hpp"
#include "core/error.hpp"
#include "core/kpi.hpp"
#include "core/program.hpp"
#include "core/taxonomy.hpp"

namespace binome::store {
class Connection;
class Database;
}  // namespace binome::store

namespace binome::app {

// A program in a list, with the caller's roles in it.
struct ProgramSummary {
  core::Program program;
  core::ProgramStanding standing;
};

// One program as its overview page shows it.
struct ProgramDetail {
  core::Program program;
  core::ProgramStanding standing;
  core::ProgramFacts facts;
  // Why the next step may not be taken yet (empty: it may); nothing after closed.
  std::optional<core::ProgramStatus> next_status;
  std::vector<core::Message> next_status_blockers;
};

// The fields a change sets; the others stay as they are.
struct ProgramChanges {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> starts_on;
  std::optional<std::string> ends_on;
  std::optional<std::string> time_zone;
  std::optional<std::vector<std::string>> languages;
  std::optional<core::Cadence> cadence;
  std::optional<int> session_minutes;
  std::optional<int> min_group_size;
  void apply_to(core::ProgramSettings& s) const;
};

// A new edition: what differs from the earlier one.
struct EditionRequest {
  std::string name;
  std::string starts_on;
  std::string ends_on;
};

// An objective with each KPI's reading today.
struct ObjectiveView {
  core::Objective objective;
  std::vector<core::KpiReading> readings;  // one per objective.kpis, in order
};

class Programs {
 public:
  Programs(store::Database& db, const Clock& clock, const AuditLog& audit) : db_(db), clock_(clock), audit_(audit) {}

  // Admins see every program; anyone else the programs they hold a role in.
  core::Result<core::Page<ProgramSummary>> list(const Caller& who, const core::ProgramQuery& query) const;
  // A new program, in draft, with every built-in skill selected.
  core::Result<core::Program> create(const Caller& who, const core::ProgramSettings& settings) const;
  core::Result<ProgramDetail> get(const Caller& who, std::int64_t program_id) const;
  // Refused for a closed program (read-only).
  core::Result<core::Program> update(const Caller& who, std::int64_t program_id, const ProgramChanges& changes) const;
  // The next step only, once it has what it needs (core::status_change_blockers).
  core::Result<core::Program> change_status(const Caller& who, std::int64_t program_id, core::ProgramStatus to) const;
  // A new edition from an earlier program: its settings, skills, objectives and KPIs are copied
  // (KPIs without their manual values: they measured the earlier edition); its people are not.
  core::Result<core::Program> new_edition(const Caller& who, std::int64_t from_program_id, const EditionRequest& request) const;

  core::Result<std::vector<core::ProgramMember>> members(const Caller& who, std::int64_t program_id) const;
  // Names an active account the program's manager or sponsor; conflict if it already is.
  core::Result<core::ProgramMember> add_member(const Caller& who, std::int64_t program_id, std::int64_t user_id,
                                               core::ProgramRole role) const;
  core::Result<void> remove_member(const Caller& who, std::int64_t program_id, std::int64_t user_id,
                                   core::ProgramRole role) const;

  // The built-in skills (any signed-in user).
  core::Result<std::span<const core::BuiltInSkill>> taxonomy(const Caller& who) const;
  // Whoever may read the program.
  core::Result<core::SkillSelection> skills(const Caller& who, std::int64_t program_id) const;
  // Replaces the selection; refused when a KPI still averages over a skill it drops.
  core::Result<core::SkillSelection> set_skills(const Caller& who, std::int64_t program_id,
                                                const core::SkillSelection& selection) const;

  // Objectives with their KPIs' readings: managers and sponsors (aggregates only).
  core::Result<std::vector<ObjectiveView>> objectives(const Caller& who, std::int64_t program_id) const;
  core::Result<core::Objective> create_objective(const Caller& who, std::int64_t program_id,
                                                 const core::Objective& objective) const;
  core::Result<core::Objective> update_objective(const Caller& who, std::int64_t objective_id,
                                                 const core::Objective& objective) const;
  // With its KPIs.
  core::Result<void> delete_objective(const Caller& who, std::int64_t objective_id) const;
  core::Result<core::Kpi> create_kpi(const Caller& who, std::int64_t objective_id, const core::Kpi& kpi) const;
  core::Result<core::Kpi> update_kpi(const Caller& who, std::int64_t kpi_id, const core::Kpi& kpi) const;
  core::Result<void> delete_kpi(const Caller& who, std::int64_t kpi_id) const;

 private:
  struct Located {
    core::Program program;
    core::ProgramStanding standing;
  };
  // The program and the caller's standing in it, once the policy allows `action` (the refusal
  // audited); not_found for an unknown program.
  core::Result<Located> locate(const Caller& who, std::int64_t program_id, core::Action action) const;
  // The same for a change: also refused (conflict) when the program is closed.
  core::Result<Located> locate_for_change(const Caller& who, std::int64_t program_id, core::Action action) const;

  store::Database& db_;
  const Clock& clock_;
  const AuditLog& audit_;
};

// The program's figures the KPIs read and the facts its steps check, from the data.
core::ProgramFacts program_facts(store::Connection& c, std::int64_t program_id);
core::ProgramFigures program_figures(store::Connection& c, std::int64_t program_id);

}  // namespace binome::app
