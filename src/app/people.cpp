#include "app/people.hpp"

#include <algorithm>
#include <set>
#include <span>

#include "core/employee_import.hpp"
#include "core/reporting_lines.hpp"
#include "core/time.hpp"
#include "core/text.hpp"
#include "io/hr_extract.hpp"
#include "io/import_summary_json.hpp"
#include "io/text_encoding.hpp"
#include "store/account_repository.hpp"
#include "store/employee_history_repository.hpp"
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

// What the import changes, per employee: a hire for each newcomer, each field that differs for
// the others (leaves and returns included). Ids point into `after`.
std::vector<store::employee_history::NewChange> directory_changes(const std::vector<store::StoredEmployee>& before,
                                                                  const core::ImportPlan& plan) {
  std::vector<store::employee_history::NewChange> out;
  out.reserve(plan.created.size() + plan.updated.size() + plan.deactivated.size());
  std::vector<core::FieldChange> fields;
  const auto diff = [&](std::size_t i) {
    fields.clear();
    core::append_changes(before[i].employee, plan.employees[i], fields);
    for (auto& f : fields) out.push_back({&plan.employees[i].employee_id, std::move(f)});
  };
  for (auto i : plan.updated) diff(i);
  for (auto i : plan.deactivated) diff(i);
  for (auto i : plan.created) out.push_back({&plan.employees[i].employee_id, {core::ChangeKind::kJoined, {}, {}, {}}});
  return out;
}

std::string scale_text(const std::vector<std::string>& grades) {
  std::string out;
  for (const auto& g : grades) out += (out.empty() ? "" : "\n") + g;
  return out;
}

// An import's options as a job's parameters, and back.
std::string import_params_json(const ImportOptions& o) {
  const nlohmann::json j = {
      {"dry_run", o.dry_run},
      {"deactivate_missing", o.deactivate_missing},
      {"delimiter", o.csv.delimiter == 0 ? std::string("auto") : io::delimiter_name(o.csv.delimiter)},
      {"encoding", io::encoding_name(o.csv.encoding)},
      {"mapping", o.mapping},
      {"effective_date", o.effective_date},
      {"file_name", o.file_name},
      {"sheet", o.sheet},
  };
  return j.dump();
}

std::optional<ImportOptions> import_options_from_json(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  try {
    ImportOptions o;
    o.dry_run = j.at("dry_run").get<bool>();
    o.deactivate_missing = j.at("deactivate_missing").get<bool>();
    const auto delimiter = io::parse_delimiter(j.at("delimiter").get<std::string>());
    const auto encoding = io::parse_encoding(j.at("encoding").get<std::string>());
    if (!delimiter || !encoding) return std::nullopt;
    o.csv = {*delimiter, *encoding};
    o.mapping = j.at("mapping").get<std::map<std::string, std::string>>();
    o.effective_date = j.at("effective_date").get<std::string>();
    o.file_name = j.at("file_name").get<std::string>();
    o.sheet = j.at("sheet").get<std::string>();
    return o;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

}  // namespace

bool is_recordable_file_name(std::string_view name) {
  return !name.empty() && name.size() <= 255 && io::is_valid_utf8(name) && !core::find_control_character(name);
}

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
  const core::Millis now = clock_.now();
  std::string effective_date = core::iso_date_of(now);
  if (!options.effective_date.empty()) {
    auto date = core::parse_iso_date(options.effective_date);
    if (!date) {
      return core::validation_failed(
          {{"effective_date", core::msg("directory.effective_date_invalid", {core::quoted("value", options.effective_date)})}});
    }
    effective_date = std::move(*date);
  }
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
  const auto progress = [&](std::string_view phase, std::size_t done, std::size_t total) {
    if (options.job) options.job->progress(phase, static_cast<std::int64_t>(done), static_cast<std::int64_t>(total));
  };
  progress("reading", 0, bytes.size());
  auto extract = io::read_hr_extract(bytes, options.csv, options.mapping, options.stop, options.sheet);
  if (!extract) return refuse(std::move(extract.error()), 0);
  ImportSummary summary;
  summary.dry_run = options.dry_run;
  summary.format = extract->format == io::ExtractFormat::kXlsx ? "xlsx" : "csv";
  summary.delimiter = extract->delimiter;
  summary.encoding = std::string(io::encoding_name(extract->encoding));
  summary.sheet = extract->sheet;
  summary.ignored_columns = extract->ignored_columns;
  summary.effective_date = effective_date;

  // Plans (and, unless a dry run, writes) against one consistent view of the directory.
  auto run = [&](store::Connection& c) -> core::Result<ImportSummary> {
    progress("checking", 0, extract->rows.size());
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
    const std::vector<store::employee_history::NewChange> changes = directory_changes(stored, plan);
    summary.changes = static_cast<std::int64_t>(changes.size());
    if (options.dry_run) return summary;

    // Written a few thousand rows at a time (whole statements of insert_many's 500), to check
    // for a stop between them: returning an error rolls the transaction back.
    constexpr std::size_t kBatch = 4000;
    if (options.stop.stop_requested()) return stopped();
    // Progress counts the rows written: moved emails, new employees, then the rest.
    const std::size_t to_write = plan.updated.size() + plan.created.size() + stored.size();
    std::size_t written = 0;
    progress("writing", 0, to_write);
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
      if (k % kBatch == 0) progress("writing", written + k, to_write);
      if (next[i].employee.email == stored[i].employee.email) continue;
      store::StoredEmployee moving = stored[i];
      moving.employee.email = "\x01moving:" + moving.employee.employee_id;
      store::employees::update(c, moving, now);
    }
    std::vector<const store::StoredEmployee*> inserts;
    inserts.reserve(std::min(kBatch, plan.created.size()));
    written += plan.updated.size();
    for (std::size_t k = 0; k < plan.created.size(); k += kBatch) {
      if (options.stop.stop_requested()) return stopped();
      progress("writing", written + k, to_write);
      inserts.clear();
      for (std::size_t j = k; j < std::min(k + kBatch, plan.created.size()); ++j) inserts.push_back(&next[plan.created[j]]);
      store::employees::insert_many(c, inserts, now);
    }
    written += plan.created.size();
    for (std::size_t i = 0; i < stored.size(); ++i) {
      if (i % kBatch == 0) {
        if (options.stop.stop_requested()) return stopped();
        progress("writing", written + i, to_write);
      }
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
    // An account made before its employee was imported now belongs to it. (An account keeps
    // its employee when the import changes the employee's email.)
    if (!plan.created.empty() || !plan.updated.empty()) store::users::link_employees(c);

    // The history: the import, then its changes (after the employees they name).
    store::employee_history::DirectoryImport record{
        0, now, who.name, who.source,
        is_recordable_file_name(options.file_name) ? std::optional(options.file_name) : std::nullopt,
        effective_date, static_cast<std::int64_t>(extract->rows.size()), summary.created, summary.updated,
        summary.unchanged, summary.deactivated};
    record.id = store::employee_history::insert_import(c, record);
    summary.import_id = record.id;
    for (std::size_t k = 0; k < changes.size(); k += kBatch) {
      if (options.stop.stop_requested()) return stopped();
      store::employee_history::insert_changes(c, record,
                                              std::span(changes).subspan(k, std::min(kBatch, changes.size() - k)));
    }
    // A job ends in this transaction: its writes and its end land together, or neither.
    if (options.job) options.job->finish_in(c, io::import_summary_json(summary).dump());
    audit_.record(c, who, Action::kImportEmployees, "employees", Outcome::kSuccess,
                  {{"created", std::to_string(summary.created)},
                   {"updated", std::to_string(summary.updated)},
                   {"unchanged", std::to_string(summary.unchanged)},
                   {"deactivated", std::to_string(summary.deactivated)},
                   {"rows", std::to_string(extract->rows.size())},
                   {"encoding", summary.encoding},
                   {"import", std::to_string(record.id)},
                   {"effective_date", effective_date},
                   {"changes", std::to_string(summary.changes)}});
    return summary;
  };
  auto result = options.dry_run ? db_.read(run) : db_.write(run);
  if (!result) return refuse(std::move(result.error()), extract->rows.size());
  return result;
}

core::Result<core::Job> People::start_import(const Caller& who, std::string_view bytes,
                                             const ImportOptions& options) const {
  if (auto refused = audit_.refusal(who, core::Action::kImportEmployees)) return *refused;
  // The changes take effect on the day the import was asked for, not the day a worker ran it.
  ImportOptions queued = options;
  if (queued.effective_date.empty()) queued.effective_date = core::iso_date_of(clock_.now());
  const std::int64_t id = jobs_.queue(who, core::kJobImportEmployees, import_params_json(queued), bytes);
  return jobs_.get(who, id);
}

core::Result<std::string> People::run_import_job(const JobRun& run) const {
  auto options = import_options_from_json(run.params());
  if (!options) {
    return core::fail(core::ErrorCode::kInternalError,
                      core::msg("jobs.input_invalid", {core::text("reason", "not the options of an import")}));
  }
  options->stop = run.stop();
  options->job = &run;
  auto summary = import_employees(run.starter(), run.input(), *options);
  if (!summary) return std::unexpected(std::move(summary.error()));
  return io::import_summary_json(*summary).dump();
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
    EmployeeDetail d{*e, std::nullopt, store::employees::direct_reports(c, employee_id), std::nullopt};
    if (!e->manager_id.empty()) d.manager = store::employees::find(c, e->manager_id);
    if (auto account = store::users::find_by_employee(c, employee_id)) d.account = std::move(account->user);
    return d;
  });
}

core::Result<core::EmployeeFacets> People::facets(const Caller& who) const {
  if (auto refused = audit_.refusal(who, core::Action::kListEmployees)) return *refused;
  return db_.read([&](store::Connection& c) { return store::employees::facets(c); });
}

core::Result<core::Page<core::EmployeeChange>> People::history(const Caller& who, const std::string& employee_id,
                                                               const core::PageRange& page) const {
  if (auto refused = audit_.refusal(who, core::Action::kReadEmployeeHistory, {0, employee_id})) return *refused;
  return db_.read([&](store::Connection& c) -> core::Result<core::Page<core::EmployeeChange>> {
    if (!store::employees::find(c, employee_id)) {
      return core::fail(core::ErrorCode::kNotFound,
                        core::msg("directory.no_employee", {core::quoted("id", employee_id)}));
    }
    return store::employee_history::list(c, employee_id, page);
  });
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
