// Persistence of programs (core/program.hpp): their settings and status, their members (roles
// held per program), their skill selection (core/taxonomy.hpp), objectives and KPIs
// (core/kpi.hpp). Written once against the driver interface; contract-tested on both databases.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/access_policy.hpp"
#include "core/kpi.hpp"
#include "core/program.hpp"
#include "core/taxonomy.hpp"
#include "store/sql.hpp"

namespace binome::store::programs {

std::int64_t insert(Connection& c, const core::ProgramSettings& s, std::optional<std::int64_t> previous_edition,
                    core::Millis now);
std::optional<core::Program> find(Connection& c, std::int64_t id);
// Takes the program's row lock (PostgreSQL), so that two status changes or edits of one
// program run one after the other.
std::optional<core::Program> find_for_update(Connection& c, std::int64_t id);
// All programs (`member_of` 0), or those where that user holds a role, newest first.
core::Page<core::Program> list(Connection& c, const core::ProgramQuery& q, std::int64_t member_of);
void update(Connection& c, std::int64_t id, const core::ProgramSettings& s, core::Millis now);
void set_status(Connection& c, std::int64_t id, core::ProgramStatus status, core::Millis now);

// The roles `user_id` holds in the program.
core::ProgramStanding standing(Connection& c, std::int64_t program_id, std::int64_t user_id);
// The roles `user_id` holds in every program where they hold one, by program id.
std::map<std::int64_t, core::ProgramStanding> standings(Connection& c, std::int64_t user_id);
std::vector<core::ProgramMember> members(Connection& c, std::int64_t program_id);
// False when the user already held the role.
bool add_member(Connection& c, std::int64_t program_id, std::int64_t user_id, core::ProgramRole role, core::Millis now);
// False when the user did not hold it.
bool remove_member(Connection& c, std::int64_t program_id, std::int64_t user_id, core::ProgramRole role);

core::SkillSelection skills(Connection& c, std::int64_t program_id);
void set_skills(Connection& c, std::int64_t program_id, const core::SkillSelection& s);

// Objectives in their order, each with its KPIs in theirs.
std::vector<core::Objective> objectives(Connection& c, std::int64_t program_id);
std::optional<core::Objective> find_objective(Connection& c, std::int64_t objective_id);
std::int64_t insert_objective(Connection& c, const core::Objective& o, core::Millis now);
void update_objective(Connection& c, const core::Objective& o, core::Millis now);
void delete_objective(Connection& c, std::int64_t objective_id);
std::int64_t count_objectives(Connection& c, std::int64_t program_id);

// The KPI and the program it belongs to.
std::optional<std::pair<core::Kpi, std::int64_t>> find_kpi(Connection& c, std::int64_t kpi_id);
std::int64_t insert_kpi(Connection& c, const core::Kpi& k, core::Millis now);
void update_kpi(Connection& c, const core::Kpi& k, core::Millis now);
void delete_kpi(Connection& c, std::int64_t kpi_id);

}  // namespace binome::store::programs
