// Routes of the employee directory: list, facets, one employee, the HR import and the grade
// scale. Thin: parse, call app::People, render.
#include <map>

#include "http/api.hpp"
#include "http/json_mapping.hpp"
#include "http/problem.hpp"

namespace binome::http {

namespace {

using V = beast_http::verb;

const std::map<std::string, store::EmployeeSort, std::less<>> kSorts = {
    {"last_name", store::EmployeeSort::kLastName},   {"first_name", store::EmployeeSort::kFirstName},
    {"employee_id", store::EmployeeSort::kEmployeeId}, {"department", store::EmployeeSort::kDepartment},
    {"grade", store::EmployeeSort::kGrade},         {"site", store::EmployeeSort::kSite},
    {"hire_date", store::EmployeeSort::kHireDate}};

Json summary_body(const app::ImportSummary& s) {
  Json errors = Json::array();
  for (const auto& e : s.errors) {
    errors.push_back({{"line", e.line}, {"column", e.column}, {"message", e.message}});
  }
  return {{"created", s.created},     {"updated", s.updated}, {"unchanged", s.unchanged},
          {"deactivated", s.deactivated}, {"errors", errors},  {"dry_run", s.dry_run}};
}

// The import options from the query string, or a 400 in `problem`.
std::optional<app::ImportOptions> import_options(const Query& q, Response& problem) {
  app::ImportOptions o;
  std::optional<bool> dry;
  std::optional<bool> deactivate;
  if (!bool_param(q, "dry_run", dry, problem) ||
      !bool_param(q, "deactivate_missing", deactivate, problem)) {
    return std::nullopt;
  }
  o.dry_run = dry.value_or(false);
  o.deactivate_missing = deactivate.value_or(false);
  const std::string delimiter = query_value(q, "delimiter");
  static const std::map<std::string, char, std::less<>> kDelimiters = {
      {"", 0}, {"auto", 0}, {"comma", ','}, {"semicolon", ';'}, {"tab", '\t'}};
  auto d = kDelimiters.find(delimiter);
  if (d == kDelimiters.end()) {
    problem = invalid_parameter("delimiter", "must be auto, comma, semicolon or tab");
    return std::nullopt;
  }
  o.csv.delimiter = d->second;
  const std::string encoding = query_value(q, "encoding");
  if (encoding.empty() || encoding == "auto") {
    o.csv.encoding = io::Encoding::kAuto;
  } else if (encoding == "utf-8") {
    o.csv.encoding = io::Encoding::kUtf8;
  } else if (encoding == "windows-1252") {
    o.csv.encoding = io::Encoding::kWindows1252;
  } else {
    problem = invalid_parameter("encoding", "must be auto, utf-8 or windows-1252");
    return std::nullopt;
  }
  return o;
}

}  // namespace

void add_directory_routes(Router<Route>& router, const ApiServices& s) {
  router.add(V::get, "/api/v1/employees", {true, [&s](ApiRequest& r) {
               Response problem;
               auto pg = paging(r.query, problem);
               if (!pg) return problem;
               store::EmployeeFilter f;
               if (!bool_param(r.query, "active", f.active, problem)) return problem;
               f.query = query_value(r.query, "q");
               f.department = query_value(r.query, "department");
               f.grade = query_value(r.query, "grade");
               f.site = query_value(r.query, "site");
               std::string sort = query_value(r.query, "sort");
               if (sort.starts_with('-')) {
                 f.descending = true;
                 sort.erase(0, 1);
               }
               if (!sort.empty()) {
                 auto it = kSorts.find(sort);
                 if (it == kSorts.end()) {
                   return invalid_parameter("sort", "must be one of last_name, first_name, employee_id, "
                                                    "department, grade, site, hire_date, optionally after '-'");
                 }
                 f.sort = it->second;
               }
               f.offset = pg->offset();
               f.limit = pg->page_size;
               auto page = s.people.list(r.caller(), f);
               if (!page) return problem_response(page.error());
               Json items = Json::array();
               for (const auto& e : page->items) items.push_back(to_json(e));
               return json_response(200, {{"items", items}, {"total", page->total}});
             }});
  // Before /employees/{employee_id}: the first matching route wins.
  router.add(V::get, "/api/v1/employees/facets", {true, [&s](ApiRequest& r) {
               auto f = s.people.facets(r.caller());
               if (!f) return problem_response(f.error());
               return json_response(200, {{"departments", f->departments}, {"sites", f->sites},
                                          {"grades", f->grades}});
             }});
  router.add(V::post, "/api/v1/employees/import", {true, [&s](ApiRequest& r) {
               const std::string_view type = r.req[beast_http::field::content_type];
               if (!type.starts_with("text/csv") && !type.starts_with("application/csv")) {
                 return problem_response(415, "unsupported_media_type",
                                         "Send the HR extract as the body, with Content-Type: text/csv.");
               }
               Response problem;
               auto options = import_options(r.query, problem);
               if (!options) return problem;
               auto summary = s.people.import_employees(r.caller(), r.req.body(), *options);
               if (!summary) return problem_response(summary.error());
               if (summary->errors.empty()) return json_response(200, summary_body(*summary));
               Response res = problem_response(
                   422, "import_invalid",
                   "The file has " + std::to_string(summary->errors.size()) +
                       " error(s); nothing was imported. Each error names its line and column.");
               Json body = Json::parse(res.body());
               body.update(summary_body(*summary));
               res.body() = body.dump(-1, ' ', false, Json::error_handler_t::replace);
               return res;
             }});
  router.add(V::get, "/api/v1/employees/{employee_id}", {true, [&s](ApiRequest& r) {
               auto d = s.people.get(r.caller(), r.params.at("employee_id"));
               if (!d) return problem_response(d.error());
               Json body = to_json(d->employee);
               body["manager"] = d->manager ? summary_json(*d->manager) : Json(nullptr);
               Json reports = Json::array();
               for (const auto& e : d->direct_reports) reports.push_back(summary_json(e));
               body["direct_reports"] = reports;
               return json_response(200, body);
             }});

  auto scale_body = [&s](const ApiRequest& r, const core::GradeScale& scale) {
    if (scale.custom()) return Json{{"grades", scale.grades()}, {"custom", true}};
    // The default scale has no list of its own: show the grades in use, in its order.
    auto f = s.people.facets(r.caller());
    return Json{{"grades", f ? f->grades : std::vector<std::string>{}}, {"custom", false}};
  };
  router.add(V::get, "/api/v1/grade-scale", {true, [&s, scale_body](ApiRequest& r) {
               auto scale = s.people.grade_scale(r.caller());
               if (!scale) return problem_response(scale.error());
               return json_response(200, scale_body(r, *scale));
             }});
  router.add(V::put, "/api/v1/grade-scale", {true, [&s, scale_body](ApiRequest& r) {
               auto body = parse_json_object(r.req);
               if (!body) return problem_response(body.error());
               Fields f(*body);
               auto grades = f.strings("grades", true);
               if (auto e = f.error()) return problem_response(*e);
               auto scale = s.people.set_grade_scale(r.caller(), *grades);
               if (!scale) return problem_response(scale.error());
               return json_response(200, scale_body(r, *scale));
             }});
}

}  // namespace binome::http
