#include "app/people.hpp"

#include <algorithm>
#include <set>

#include "core/employee_import.hpp"
#include "core/reporting_lines.hpp"
#include "core/time.hpp"
#include "io/hr_extract.hpp"
#include "store/employee_repository.hpp"
#include "store/sql.hpp"

namespace binome::app {

namespace {

constexpr const char* kGradeScaleKey = "grade_scale";

// The derived columns of a whole directory: grade ranks and reporting-line intervals.
std::vector<store::StoredEmployee> derive(const std::vector<core::Employee>& employees,
                                          const core::GradeScale& scale) {
  std::vector<core::ReportingLink> links;
  links.reserve(employees.size());
  for (const auto& e : employees) links.push_back({e.employee_id, e.manager_id});
  const core::ReportingLines lines(links);
  std::vector<store::StoredEmployee> out;
  out.reserve(employees.size());
  for (const auto& e : employees) {
    const auto i = *lines.index_of(e.employee_id);
    out.push_back({e, scale.rank(e.grade), lines.left(i), lines.right(i)});
  }
  return out;
}

std::string scale_text(const std::vector<std::string>& grades) {
  std::string out;
  for (const auto& g : grades) out += (out.empty() ? "" : "\n") + g;
  return out;
}

}  // namespace

core::GradeScale load_grade_scale(store::Connection& c) {
  auto stored = store::settings::get(c, kGradeScaleKey);
  if (!stored || stored->empty()) return core::GradeScale{};
  std::vector<std::string> grades;
  std::size_t start = 0;
  while (start <= stored->size()) {
    const auto nl = stored->find('\n', start);
    grades.push_back(stored->substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return core::GradeScale(std::move(grades));
}

core::Result<ImportSummary> People::import_employees(const Caller& who, std::string_view bytes,
                                                     const ImportOptions& options) const {
  using core::Action;
  if (auto refused = audit_.refusal(who, Action::kImportEmployees)) return *refused;
  const auto refuse = [&](core::Error error, std::size_t rows) -> core::Result<ImportSummary> {
    // A file refused before its rows (unreadable, a missing column) is audited like one
    // refused for its rows; a dry run writes nothing, not even that.
    if (!options.dry_run) {
      core::AuditDetail detail = {{"errors", std::to_string(error.details.size())}};
      if (rows > 0) detail.emplace_back("rows", std::to_string(rows));
      audit_.record_alone(who, Action::kImportEmployees, "employees", Outcome::kFailure, detail);
    }
    return std::unexpected(std::move(error));
  };
  const auto stopped = [] { return core::fail(core::ErrorCode::kTimeBudgetExceeded); };
  auto extract = io::read_hr_extract(bytes, options.csv, options.mapping, options.stop, options.sheet);
  if (!extract) return refuse(std::move(extract.error()), 0);
  ImportSummary summary;
  summary.dry_run = options.dry_run;
  summary.format = extract->format == io::ExtractFormat::kXlsx ? "xlsx" : "csv";
  summary.delimiter = extract->delimiter;
  summary.encoding = std::string(io::encoding_name(extract->encoding));
  summary.sheet = extract->sheet;
  summary.ignored_columns = extract->ignored_columns;

  const core::Millis now = clock_.now();
  // Plans (and, unless a dry run, writes) against one consistent view of the directory.
  auto run = [&](store::Connection& c) -> core::Result<ImportSummary> {
    core::ImportRules rules{load_grade_scale(c), core::year_of(now), options.deactivate_missing};
    const std::vector<store::StoredEmployee> stored = store::employees::load_all(c);
    std::vector<core::Employee> existing;
    existing.reserve(stored.size());
    for (const auto& s : stored) existing.push_back(s.employee);
    const core::ImportPlan plan = core::plan_employee_import(existing, extract->rows, rules, options.stop);
    if (plan.stopped) return stopped();
    if (plan.issue_count > 0) {
      const auto detail = [&](const core::ImportIssue& issue) {
        std::string column;
        std::string field;
        if (issue.field) {
          field = std::string(core::field_name(*issue.field));
          column = extract->headers[static_cast<std::size_t>(*issue.field)];
          if (column.empty()) column = field;
        }
        return core::ErrorDetail{std::move(field), issue.message, static_cast<std::int64_t>(issue.line), std::move(column)};
      };
      std::vector<core::ErrorDetail> details;
      details.reserve(plan.issues.size() + plan.issue_kinds.size());
      for (const auto& issue : plan.issues) details.push_back(detail(issue));
      if (plan.issue_count == plan.issues.size()) return std::unexpected(io::import_error(std::move(details)));
      // Too many to list: the first ones, then how many of each kind.
      for (const auto& kind : plan.issue_kinds) details.push_back(io::kind_summary(kind.count, detail(kind.first)));
      return std::unexpected(io::import_error(std::move(details), plan.issue_count));
    }
    summary.created = static_cast<std::int64_t>(plan.created.size());
    summary.updated = static_cast<std::int64_t>(plan.updated.size());
    summary.deactivated = static_cast<std::int64_t>(plan.deactivated.size());
    summary.unchanged = static_cast<std::int64_t>(plan.unchanged);
    if (options.dry_run) return summary;

    // Written a few thousand rows at a time (whole statements of insert_many's 500), to check
    // for a stop between them: returning an error rolls the transaction back.
    constexpr std::size_t kBatch = 4000;
    if (options.stop.stop_requested()) return stopped();
    const std::vector<store::StoredEmployee> next = derive(plan.employees, rules.scale);
    std::vector<char> changed(next.size(), 0);
    for (auto i : plan.updated) changed[i] = 1;
    for (auto i : plan.deactivated) changed[i] = 1;
    // Emails may move between employees in one file (two people swap them, or a newcomer takes
    // the address someone leaves): free every address that changes hands first, so that the
    // unique index never sees two owners in the middle of the transaction.
    for (std::size_t k = 0; k < plan.updated.size(); ++k) {
      if (k % kBatch == 0 && options.stop.stop_requested()) return stopped();
      const std::size_t i = plan.updated[k];
      if (next[i].employee.email == stored[i].employee.email) continue;
      store::StoredEmployee moving = stored[i];
      moving.employee.email = "\x01moving:" + moving.employee.employee_id;
      store::employees::update(c, moving, now);
    }
    std::vector<const store::StoredEmployee*> inserts;
    inserts.reserve(std::min(kBatch, plan.created.size()));
    for (std::size_t k = 0; k < plan.created.size(); k += kBatch) {
      if (options.stop.stop_requested()) return stopped();
      inserts.clear();
      for (std::size_t j = k; j < std::min(k + kBatch, plan.created.size()); ++j) inserts.push_back(&next[plan.created[j]]);
      store::employees::insert_many(c, inserts, now);
    }
    for (std::size_t i = 0; i < stored.size(); ++i) {
      if (i % kBatch == 0 && options.stop.stop_requested()) return stopped();
      if (changed[i]) {
        store::employees::update(c, next[i], now);
      } else if (next[i].tree_left != stored[i].tree_left ||
                 next[i].tree_right != stored[i].tree_right ||
                 next[i].grade_rank != stored[i].grade_rank) {
        store::employees::update_derived(c, next[i]);
      }
    }
    if (options.stop.stop_requested()) return stopped();
    if (!plan.created.empty() || !plan.updated.empty() || !plan.deactivated.empty()) store::employees::analyze(c);
    audit_.record(c, who, Action::kImportEmployees, "employees", Outcome::kSuccess,
                  {{"created", std::to_string(summary.created)},
                   {"updated", std::to_string(summary.updated)},
                   {"unchanged", std::to_string(summary.unchanged)},
                   {"deactivated", std::to_string(summary.deactivated)},
                   {"rows", std::to_string(extract->rows.size())},
                   {"encoding", summary.encoding}});
    return summary;
  };
  auto result = options.dry_run ? db_.read(run) : db_.write(run);
  if (!result) return refuse(std::move(result.error()), extract->rows.size());
  return result;
}

core::Result<core::Page<core::Employee>> People::list(const Caller& who,
                                                     const core::EmployeeQuery& query) const {
  if (auto refused = audit_.refusal(who, core::Action::kListEmployees)) return *refused;
  return db_.read([&](store::Connection& c) { return store::employees::list(c, query); });
}

core::Result<EmployeeDetail> People::get(const Caller& who, const std::string& employee_id) const {
  if (auto refused = audit_.refusal(who, core::Action::kReadEmployee, {0, employee_id})) return *refused;
  return db_.read([&](store::Connection& c) -> core::Result<EmployeeDetail> {
    auto e = store::employees::find(c, employee_id);
    if (!e) {
      return core::fail(core::ErrorCode::kNotFound,
                        core::msg("directory.no_employee", {core::quoted("id", employee_id)}));
    }
    EmployeeDetail d{*e, std::nullopt, store::employees::direct_reports(c, employee_id)};
    if (!e->manager_id.empty()) d.manager = store::employees::find(c, e->manager_id);
    return d;
  });
}

core::Result<core::EmployeeFacets> People::facets(const Caller& who) const {
  if (auto refused = audit_.refusal(who, core::Action::kListEmployees)) return *refused;
  return db_.read([&](store::Connection& c) { return store::employees::facets(c); });
}

core::Result<core::GradeScale> People::grade_scale(const Caller& who) const {
  if (auto refused = audit_.refusal(who, core::Action::kReadGradeScale)) return *refused;
  return db_.read([&](store::Connection& c) { return load_grade_scale(c); });
}

core::Result<core::GradeScale> People::set_grade_scale(const Caller& who,
                                                       const std::vector<std::string>& grades) const {
  if (auto refused = audit_.refusal(who, core::Action::kUpdateGradeScale)) return *refused;
  if (auto problem = core::scale_problem(grades)) return core::validation_failed({{"grades", *problem}});
  const core::GradeScale scale(grades);
  return db_.write([&](store::Connection& c) -> core::Result<core::GradeScale> {
    const auto stored = store::employees::load_all(c);
    std::set<std::string> off_scale;
    for (const auto& s : stored) {
      if (!s.employee.grade.empty() && !scale.rank(s.employee.grade)) off_scale.insert(s.employee.grade);
    }
    if (!off_scale.empty()) {
      return core::validation_failed(
          {{"grades", core::msg("directory.scale_missing_grades",
                                {core::quoted_list("grades", {off_scale.begin(), off_scale.end()})})}});
    }
    store::settings::put(c, kGradeScaleKey, scale_text(grades));
    for (auto s : stored) {
      const auto rank = scale.rank(s.employee.grade);
      if (rank != s.grade_rank) {
        s.grade_rank = rank;
        store::employees::update_derived(c, s);
      }
    }
    audit_.record(c, who, core::Action::kUpdateGradeScale, "grade_scale", Outcome::kSuccess,
                  {{"grades", scale_text(grades)}});
    return scale;
  });
}

}  // namespace binome::app
