#include "store/employee_repository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <iterator>

#include "core/text.hpp"

namespace binome::store {

namespace {

constexpr const char* kColumns =
    "employee_id, first_name, last_name, email, job_title, department, grade, manager_id, "
    "hire_date, site, time_zone, languages, birth_year, active, grade_rank, tree_left, tree_right";
constexpr std::size_t kColumnCount = 17;

std::string join(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

StoredEmployee from_row(const Row& r) {
  StoredEmployee s;
  core::Employee& e = s.employee;
  e.employee_id = r.text(0);
  e.first_name = r.text(1);
  e.last_name = r.text(2);
  e.email = r.text(3);
  e.job_title = r.text(4);
  e.department = r.text(5);
  e.grade = r.text(6);
  e.manager_id = r.opt_text(7).value_or("");
  e.hire_date = r.opt_text(8).value_or("");
  e.site = r.text(9);
  e.time_zone = r.text(10);
  e.languages = split(r.text(11));
  if (auto y = r.opt_i64(12)) e.birth_year = static_cast<int>(*y);
  e.active = r.i64(13) != 0;
  if (auto g = r.opt_i64(14)) s.grade_rank = static_cast<int>(*g);
  s.tree_left = static_cast<std::int32_t>(r.i64(15));
  s.tree_right = static_cast<std::int32_t>(r.i64(16));
  return s;
}

Value opt(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

std::string search_text(const core::Employee& e) {
  return core::fold_for_search(e.first_name + " " + e.last_name + " " + e.email + " " + e.employee_id + " " +
                               e.job_title);
}

// The values of kColumns, then search_text and sort_name.
void append_values(Params& p, const StoredEmployee& s) {
  const core::Employee& e = s.employee;
  p.insert(p.end(), {e.employee_id, e.first_name, e.last_name, e.email, e.job_title, e.department,
                     e.grade, opt(e.manager_id), opt(e.hire_date), e.site, e.time_zone,
                     join(e.languages),
                     e.birth_year ? Value{std::int64_t{*e.birth_year}} : Value{},
                     std::int64_t{e.active ? 1 : 0},
                     s.grade_rank ? Value{std::int64_t{*s.grade_rank}} : Value{},
                     std::int64_t{s.tree_left}, std::int64_t{s.tree_right}, search_text(e),
                     core::fold_for_search(e.last_name + " " + e.first_name)});
}

// The ORDER BY columns of a sort. Only the nullable ones (grade_rank, hire_date) take the
// "(col IS NULL)" term that puts NULLs last, a term that keeps an index from serving the order.
struct SortColumn {
  const char* name;
  bool nullable;
};
std::vector<SortColumn> order_by(core::EmployeeSort sort) {
  switch (sort) {
    case core::EmployeeSort::kLastName: return {{"sort_name", false}};
    case core::EmployeeSort::kFirstName: return {{"search_text", false}};
    case core::EmployeeSort::kEmployeeId: return {{"employee_id", false}};
    case core::EmployeeSort::kDepartment: return {{"department", false}, {"sort_name", false}};
    case core::EmployeeSort::kGrade: return {{"grade_rank", true}, {"grade", false}, {"sort_name", false}};
    case core::EmployeeSort::kSite: return {{"site", false}, {"sort_name", false}};
    case core::EmployeeSort::kHireDate: return {{"hire_date", true}, {"sort_name", false}};
  }
  return {{"sort_name", false}};
}

// Characters (code points), not bytes: the trigram index needs three.
std::size_t count_characters(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) {
    return (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U;
  }));
}

}  // namespace

namespace employees {

std::vector<StoredEmployee> load_all(Connection& c) {
  std::vector<StoredEmployee> out;
  for (const Row& r : c.query(std::string("SELECT ") + kColumns + " FROM employees ORDER BY id")) {
    out.push_back(from_row(r));
  }
  return out;
}

void insert_many(Connection& c, const std::vector<const StoredEmployee*>& rows, core::Millis now) {
  // Many rows per statement: one round trip per batch matters on PostgreSQL. 19 values per
  // row keeps a batch under SQLite's limit of 32766 parameters.
  constexpr std::size_t kBatch = 500;
  constexpr std::size_t kPerRow = kColumnCount + 2;
  for (std::size_t start = 0; start < rows.size(); start += kBatch) {
    const std::size_t n = std::min(kBatch, rows.size() - start);
    std::string sql = std::string("INSERT INTO employees (") + kColumns +
                      ", search_text, sort_name, created_at, updated_at) VALUES ";
    Params params;
    params.reserve(n * kPerRow + 1);
    const std::size_t now_param = n * kPerRow + 1;
    for (std::size_t i = 0; i < n; ++i) {
      sql += i ? ",(" : "(";
      for (std::size_t k = 0; k < kPerRow; ++k) fmt::format_to(std::back_inserter(sql), "${},", i * kPerRow + k + 1);
      fmt::format_to(std::back_inserter(sql), "${0},${0})", now_param);
      append_values(params, *rows[start + i]);
    }
    params.emplace_back(now);
    c.execute(sql, params);
  }
}

void update(Connection& c, const StoredEmployee& row, core::Millis now) {
  Params p;
  append_values(p, row);
  p.emplace_back(now);
  c.execute(
      "UPDATE employees SET first_name = $2, last_name = $3, email = $4, job_title = $5, "
      "department = $6, grade = $7, manager_id = $8, hire_date = $9, site = $10, time_zone = $11, "
      "languages = $12, birth_year = $13, active = $14, grade_rank = $15, tree_left = $16, "
      "tree_right = $17, search_text = $18, sort_name = $19, updated_at = $20 WHERE employee_id = $1",
      p);
}

void update_derived(Connection& c, const StoredEmployee& row) {
  c.execute(
      "UPDATE employees SET grade_rank = $1, tree_left = $2, tree_right = $3 WHERE employee_id = $4",
      {row.grade_rank ? Value{std::int64_t{*row.grade_rank}} : Value{}, std::int64_t{row.tree_left},
       std::int64_t{row.tree_right}, row.employee.employee_id});
}

std::optional<core::Employee> find(Connection& c, const std::string& employee_id) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM employees WHERE employee_id = $1",
                       {employee_id});
  if (!r) return std::nullopt;
  return from_row(*r).employee;
}

std::optional<core::Employee> find_by_email(Connection& c, const std::string& email) {
  auto r = c.query_one(std::string("SELECT ") + kColumns + " FROM employees WHERE email = $1", {email});
  if (!r) return std::nullopt;
  return from_row(*r).employee;
}

std::vector<core::Employee> direct_reports(Connection& c, const std::string& employee_id) {
  std::vector<core::Employee> out;
  for (const Row& r : c.query(std::string("SELECT ") + kColumns +
                                  " FROM employees WHERE manager_id = $1 ORDER BY sort_name",
                              {employee_id})) {
    out.push_back(from_row(r).employee);
  }
  return out;
}

core::Page<core::Employee> list(Connection& c, const core::EmployeeQuery& f) {
  Conditions where;
  const std::string folded = core::fold_for_search(f.text);
  if (c.dialect() == Dialect::kSqlite && count_characters(folded) >= 3) {
    // The trigram index finds the substring (0005_directory_search_index.sql): a phrase query,
    // its quotes doubled.
    std::string phrase = "\"";
    for (const char ch : folded) phrase += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    where.add("id IN (SELECT rowid FROM employees_search WHERE employees_search MATCH {0})", {phrase + "\""});
  } else if (!folded.empty()) {
    where.add("search_text LIKE {0} ESCAPE '\\'", {contains_pattern(f.text)});
  }
  if (!f.department.empty()) where.add("department = {0}", {f.department});
  if (!f.grade.empty()) where.add("grade = {0}", {f.grade});
  if (!f.site.empty()) where.add("site = {0}", {f.site});
  if (f.active) where.add("active = {0}", {std::int64_t{*f.active ? 1 : 0}});
  std::string order;
  for (const auto& col : order_by(f.sort)) {
    if (!order.empty()) order += ", ";
    if (col.nullable) order += std::string("(") + col.name + " IS NULL), ";
    order += std::string(col.name) + (f.descending ? " DESC" : " ASC");
  }
  core::Page<core::Employee> page;
  page.total = c.query_one("SELECT COUNT(*) FROM employees" + where.sql(), where.params())->i64(0);
  Conditions paged = where;
  const std::string limit = paged.next(f.page.limit);
  const std::string offset = paged.next(f.page.offset);
  const auto rows = c.query(std::string("SELECT ") + kColumns + " FROM employees" + where.sql() + " ORDER BY " + order +
                                ", employee_id LIMIT " + limit + " OFFSET " + offset,
                            paged.params());
  page.items.reserve(rows.size());
  for (const Row& r : rows) page.items.push_back(from_row(r).employee);
  return page;
}

core::EmployeeFacets facets(Connection& c) {
  core::EmployeeFacets out;
  auto column = [&](const char* sql, std::vector<std::string>& into) {
    for (const Row& r : c.query(sql)) into.push_back(r.text(0));
  };
  column("SELECT DISTINCT department FROM employees WHERE department <> ''", out.departments);
  column("SELECT DISTINCT site FROM employees WHERE site <> ''", out.sites);
  // Alphabetical as a reader expects it ("Épargne" beside "Entreprises"), not in byte order;
  // each value folded once.
  for (auto* list : {&out.departments, &out.sites}) {
    std::vector<std::pair<std::string, std::string>> keyed;
    keyed.reserve(list->size());
    for (auto& v : *list) keyed.emplace_back(core::fold_for_search(v), std::move(v));
    std::sort(keyed.begin(), keyed.end());
    list->clear();
    for (auto& [folded, v] : keyed) list->push_back(std::move(v));
  }
  // Each grade has one rank: the distinct pairs are the distinct grades (read from their index),
  // ordered by rank, grades off the scale last, alphabetically.
  std::vector<std::tuple<bool, std::int64_t, std::string>> grades;
  for (const Row& r : c.query("SELECT DISTINCT grade, grade_rank FROM employees WHERE grade <> ''")) {
    grades.emplace_back(r.is_null(1), r.opt_i64(1).value_or(0), r.text(0));
  }
  std::sort(grades.begin(), grades.end());
  for (auto& [off_scale, rank, grade] : grades) out.grades.push_back(std::move(grade));
  return out;
}

std::int64_t count(Connection& c) { return c.query_one("SELECT COUNT(*) FROM employees")->i64(0); }

Counts counts(Connection& c) {
  const auto r = c.query_one("SELECT COUNT(*), COALESCE(SUM(active), 0) FROM employees");
  return {r->i64(0), r->i64(1)};
}

void analyze(Connection& c) { c.execute("ANALYZE employees"); }

void refresh_search_text(Connection& c) {
  for (const StoredEmployee& s : load_all(c)) {
    c.execute("UPDATE employees SET search_text = $1 WHERE employee_id = $2",
              {search_text(s.employee), s.employee.employee_id});
  }
}

}  // namespace employees

namespace settings {

std::optional<std::string> get(Connection& c, const std::string& key) {
  auto r = c.query_one("SELECT value FROM settings WHERE key = $1", {key});
  if (!r) return std::nullopt;
  return r->text(0);
}

void put(Connection& c, const std::string& key, const std::string& value) {
  c.execute(
      "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = "
      "excluded.value",
      {key, value});
}

}  // namespace settings

}  // namespace binome::store
