// Routes of the employee directory: list, facets, one employee, the HR import and the grade
// scale. Thin: parse, call app::People, render.
#include <map>

#include "core/employee_history.hpp"
#include "http/api.hpp"
#include "http/jobs_json.hpp"
#include "http/json_mapping.hpp"
#include "http/routes.hpp"
#include "io/csv.hpp"
#include "io/employee_history_json.hpp"
#include "io/import_summary_json.hpp"

namespace binome::http {

namespace {

const std::map<std::string, core::EmployeeSort, std::less<>> kSorts = {
    {"last_name", core::EmployeeSort::kLastName},   {"first_name", core::EmployeeSort::kFirstName},
    {"employee_id", core::EmployeeSort::kEmployeeId}, {"department", core::EmployeeSort::kDepartment},
    {"grade", core::EmployeeSort::kGrade},         {"site", core::EmployeeSort::kSite},
    {"hire_date", core::EmployeeSort::kHireDate}};

core::Result<core::EmployeeQuery> employee_query(const Query& q) {
  core::EmployeeQuery f;
  auto page = page_param(q);
  if (!page) return std::unexpected(page.error());
  f.page = *page;
  auto active = bool_param(q, "active");
  if (!active) return std::unexpected(active.error());
  f.active = *active;
  f.text = query_value(q, "q");
  f.department = query_value(q, "department");
  f.grade = query_value(q, "grade");
  f.site = query_value(q, "site");
  std::string sort = query_value(q, "sort");
  if (sort.starts_with('-')) {
    f.descending = true;
    sort.erase(0, 1);
  }
  if (!sort.empty()) {
    auto it = kSorts.find(sort);
    if (it == kSorts.end()) {
      return std::unexpected(invalid_parameter(
          "sort", core::msg("error.parameter_sort",
                            {core::text("values", "last_name, first_name, employee_id, department, grade, site, hire_date")})));
    }
    f.sort = it->second;
  }
  return f;
}

constexpr std::string_view kXlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// "auto, comma, ..."
template <std::size_t N>
std::string names_of(const std::string_view (&names)[N]) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

// The import options from the query string.
core::Result<app::ImportOptions> import_options(const Query& q) {
  app::ImportOptions o;
  auto dry = bool_param(q, "dry_run");
  if (!dry) return std::unexpected(dry.error());
  auto deactivate = bool_param(q, "deactivate_missing");
  if (!deactivate) return std::unexpected(deactivate.error());
  o.dry_run = dry->value_or(false);
  o.deactivate_missing = deactivate->value_or(false);
  const auto delimiter = io::parse_delimiter(query_value(q, "delimiter"));
  if (!delimiter) {
    return std::unexpected(invalid_parameter(
        "delimiter", core::msg("error.parameter_one_of", {core::text("values", names_of(io::kDelimiterNames))})));
  }
  o.csv.delimiter = *delimiter;
  const auto encoding = io::parse_encoding(query_value(q, "encoding"));
  if (!encoding) {
    return std::unexpected(invalid_parameter(
        "encoding", core::msg("error.parameter_one_of", {core::text("values", names_of(io::kEncodingNames))})));
  }
  o.csv.encoding = *encoding;
  o.effective_date = query_value(q, "effective_date");
  if (!o.effective_date.empty() && !core::parse_iso_date(o.effective_date)) {
    return std::unexpected(invalid_parameter("effective_date", core::msg("error.parameter_date")));
  }
  o.file_name = query_value(q, "file_name");
  if (!o.file_name.empty() && !app::is_recordable_file_name(o.file_name)) {
    return std::unexpected(invalid_parameter("file_name", core::msg("error.parameter_file_name")));
  }
  o.sheet = query_value(q, "sheet");
  return o;
}

}  // namespace

void add_directory_routes(Routes& routes, const ApiContext& api) {
  const app::People& people = api.app.people;
  routes.add(Method::kGet, "/api/v1/employees", {true, [&people](ApiRequest& r) -> core::Result<Reply> {
               auto query = employee_query(r.query);
               if (!query) return std::unexpected(query.error());
               auto page = people.list(r.caller(), *query);
               if (!page) return std::unexpected(page.error());
               return json_reply(200, page_json(*page));
             }});
  routes.add(Method::kGet, "/api/v1/employees/facets", {true, [&people](ApiRequest& r) -> core::Result<Reply> {
               auto f = people.facets(r.caller());
               if (!f) return std::unexpected(f.error());
               return json_reply(200, {{"departments", f->departments}, {"sites", f->sites}, {"grades", f->grades}});
             }});
  routes.add(Method::kPost, "/api/v1/employees/import", {true, [&people, &api](ApiRequest& r) -> core::Result<Reply> {
               // The type says what the client sends; the bytes say how it is read (a workbook sent
               // as text/csv is still read as one).
               if (!r.content_type.starts_with("text/csv") && !r.content_type.starts_with("application/csv") &&
                   !r.content_type.starts_with(kXlsxContentType)) {
                 return core::fail(core::ErrorCode::kUnsupportedMediaType, core::msg("error.body_csv"));
               }
               auto options = import_options(r.query);
               if (!options) return std::unexpected(options.error());
               // A large file (or one the client asks to) is imported by a worker: 202 and the job,
               // whose progress GET /api/v1/jobs/{id} shows.
               auto background = bool_param(r.query, "background");
               if (!background) return std::unexpected(background.error());
               if (background->value_or(r.body.size() > api.import_job_bytes)) {
                 auto job = people.start_import(r.caller(), r.body, *options);
                 if (!job) return std::unexpected(job.error());
                 return job_accepted_reply(*job, r.language);
               }
               options->stop = r.stop;  // the time budget, a client gone, or the server stopping
               auto summary = people.import_employees(r.caller(), r.body, *options);
               if (!summary) return std::unexpected(summary.error());
               return json_reply(200, io::import_summary_json(*summary));
             }, core::Action::kImportEmployees});
  routes.add(Method::kGet, "/api/v1/employees/{employee_id}", {true, [&people](ApiRequest& r) -> core::Result<Reply> {
               auto d = people.get(r.caller(), r.params.at("employee_id"));
               if (!d) return std::unexpected(d.error());
               // The employee's fields, then their manager and direct reports in short form.
               JsonWriter w;
               w.begin_object();
               write_members(w, d->employee);
               w.key("manager");
               d->manager ? write_summary_json(w, *d->manager) : void(w.null());
               w.key("direct_reports").begin_array();
               for (const auto& e : d->direct_reports) write_summary_json(w, e);
               w.end_array().key("account");
               if (d->account) {
                 w.begin_object().key("id").value(d->account->id).key("email").value(d->account->email);
                 w.key("active").value(d->account->active).key("activated").value(d->account->activated).end_object();
               } else {
                 w.null();
               }
               w.end_object();
               return json_reply(200, std::move(w).text());
             }});
  routes.add(Method::kGet, "/api/v1/employees/{employee_id}/history", {true, [&people](ApiRequest& r) -> core::Result<Reply> {
               auto page = page_param(r.query);
               if (!page) return std::unexpected(page.error());
               auto changes = people.history(r.caller(), r.params.at("employee_id"), *page);
               if (!changes) return std::unexpected(changes.error());
               Json items = Json::array();
               for (const auto& c : changes->items) items.push_back(io::employee_change_json(c));
               return json_reply(200, {{"items", std::move(items)}, {"total", changes->total}});
             }});

  auto scale_reply = [&people](const ApiRequest& r, const core::GradeScale& scale) {
    if (scale.custom()) return json_reply(200, {{"grades", scale.grades()}, {"custom", true}});
    // The default scale has no list of its own: show the grades in use, in its order.
    auto f = people.facets(r.caller());
    return json_reply(200, {{"grades", f ? f->grades : std::vector<std::string>{}}, {"custom", false}});
  };
  routes.add(Method::kGet, "/api/v1/grade-scale", {true, [&people, scale_reply](ApiRequest& r) -> core::Result<Reply> {
               auto scale = people.grade_scale(r.caller());
               if (!scale) return std::unexpected(scale.error());
               return scale_reply(r, *scale);
             }});
  routes.add(Method::kPut, "/api/v1/grade-scale", {true, [&people, scale_reply](ApiRequest& r) -> core::Result<Reply> {
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               auto grades = f.strings("grades", true);
               if (auto e = f.error()) return std::unexpected(*e);
               auto scale = people.set_grade_scale(r.caller(), *grades);
               if (!scale) return std::unexpected(scale.error());
               return scale_reply(r, *scale);
             }});
}

}  // namespace binome::http
