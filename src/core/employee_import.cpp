#include "core/employee_import.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <utility>
#include <unordered_map>
#include <unordered_set>

#include "core/credentials.hpp"
#include "core/reporting_lines.hpp"
#include "core/text.hpp"

namespace binome::core {

namespace {

using F = EmployeeField;

// ISO 639-1 (the 184 two-letter codes of Debian's iso-codes list, "bh" included).
constexpr std::string_view kIso639_1 =
    "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy "
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu "
    "hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb "
    "lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om "
    "or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw "
    "ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

std::optional<int> parse_int(std::string_view s) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<bool> parse_active(std::string_view raw) {
  std::string s;
  for (char c : raw) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* yes : {"1", "true", "yes", "y", "oui", "o", "actif", "active", "vrai"}) {
    if (s == yes) return true;
  }
  for (const char* no : {"0", "false", "no", "n", "non", "inactif", "inactive", "faux"}) {
    if (s == no) return false;
  }
  return std::nullopt;
}

struct Parsed {
  Employee employee;
  std::size_t line;
  std::array<bool, kEmployeeFieldCount> present{};
};

// Every issue counted by kind (field and message), and only the first kMaxListedImportIssues by
// line kept: a file of a million bad lines costs the memory of a few hundred messages, and the
// issues found by the later passes (managers, cycles) still take their place by line.
class IssueCollector {
 public:
  void add(ImportIssue issue) {
    const std::size_t seq = count_++;
    ImportIssueKind& kind = kinds_[{field_order(issue), issue.message.key()}];
    if (kind.count++ == 0 || issue.line < kind.first.line) kind.first = issue;
    Entry entry{std::move(issue), seq};
    if (listed_.size() < kMaxListedImportIssues) {
      listed_.push_back(std::move(entry));
      std::push_heap(listed_.begin(), listed_.end(), before);
    } else if (before(entry, listed_.front())) {
      std::pop_heap(listed_.begin(), listed_.end(), before);
      listed_.back() = std::move(entry);
      std::push_heap(listed_.begin(), listed_.end(), before);
    }
  }
  bool empty() const { return count_ == 0; }

  void finish(ImportPlan& plan) && {
    std::sort_heap(listed_.begin(), listed_.end(), before);
    plan.issues.clear();
    plan.issues.reserve(listed_.size());
    for (Entry& e : listed_) plan.issues.push_back(std::move(e.issue));
    plan.issue_count = count_;
    plan.issue_kinds.clear();
    for (auto& [key, kind] : kinds_) plan.issue_kinds.push_back({kind.count, std::move(kind.first)});
    std::sort(plan.issue_kinds.begin(), plan.issue_kinds.end(), [](const auto& a, const auto& b) {
      return std::pair(a.first.line, a.first.message.key()) < std::pair(b.first.line, b.first.message.key());
    });
  }

 private:
  struct Entry {
    ImportIssue issue;
    std::size_t seq;
  };
  // A whole-row issue before those of its fields.
  static int field_order(const ImportIssue& issue) { return issue.field ? static_cast<int>(*issue.field) : -1; }
  // By line, then field, then the order found.
  static bool before(const Entry& a, const Entry& b) {
    return std::tuple(a.issue.line, field_order(a.issue), a.seq) < std::tuple(b.issue.line, field_order(b.issue), b.seq);
  }
  std::vector<Entry> listed_;  // a heap whose front is the last listed
  std::map<std::pair<int, std::string>, ImportIssueKind> kinds_;
  std::size_t count_ = 0;
};

// Reads the fields of one row; problems go to `issues`. The row is returned even then, so
// that the checks across rows (managers, cycles) can still report everything at once.
Parsed parse_row(const EmployeeRow& row, const ImportRules& rules, IssueCollector& issues) {
  Parsed p{{}, row.line, {}};
  Employee& e = p.employee;
  auto problem = [&](F f, Message message) { issues.add({row.line, f, std::move(message)}); };
  auto text = [&](F f) -> std::string {
    const auto& cell = row[f];
    p.present[static_cast<std::size_t>(f)] = cell.has_value();
    std::string v = cell ? trim(*cell) : std::string();
    if (is_required(f) && v.empty()) problem(f, msg("directory.value_required"));
    // A job title may span lines (Excel writes them so); no value holds any other control.
    if (const auto control = find_control_character(v, f == F::kJobTitle)) {
      problem(f, control_character_message(*control));
    }
    return v;
  };

  e.employee_id = text(F::kEmployeeId);
  e.first_name = text(F::kFirstName);
  e.last_name = text(F::kLastName);
  const std::string email = text(F::kEmail);
  e.email = normalize_email(email);
  if (!email.empty() && !is_valid_email(e.email)) problem(F::kEmail, msg("directory.email_invalid", {quoted("value", email)}));
  e.job_title = text(F::kJobTitle);
  e.department = text(F::kDepartment);
  e.grade = text(F::kGrade);
  if (!e.grade.empty() && !rules.scale.rank(e.grade)) {
    problem(F::kGrade, msg(rules.scale.custom() ? "directory.grade_off_scale" : "directory.grade_unordered",
                           {quoted("grade", e.grade)}));
  }
  e.manager_id = text(F::kManagerId);
  if (!e.manager_id.empty() && e.manager_id == e.employee_id) {
    problem(F::kManagerId, msg("directory.own_manager"));
  }
  const std::string hire = text(F::kHireDate);
  if (!hire.empty()) {
    if (auto d = parse_hr_date(hire)) {
      e.hire_date = *d;
      if (std::stoi(d->substr(0, 4)) > rules.current_year + 1) {
        problem(F::kHireDate, msg("directory.hire_date_future", {quoted("value", hire)}));
      }
    } else {
      problem(F::kHireDate, msg("directory.date_invalid", {quoted("value", hire)}));
    }
  }
  e.site = text(F::kSite);
  e.time_zone = text(F::kTimeZone);
  if (!e.time_zone.empty() && !is_known_time_zone(e.time_zone)) {
    problem(F::kTimeZone, msg("directory.time_zone_unknown", {quoted("value", e.time_zone)}));
  }
  const std::string langs = text(F::kLanguages);
  auto list = parse_languages(langs);
  if (!list.unknown.empty()) {
    problem(F::kLanguages, msg("directory.language_unknown", {quoted("value", list.unknown)}));
  }
  e.languages = std::move(list.codes);
  const std::string birth = text(F::kBirthYear);
  if (!birth.empty()) {
    auto y = parse_int(birth);
    if (!y || *y < 1900 || *y > rules.current_year) {
      problem(F::kBirthYear, msg("directory.birth_year_invalid", {quoted("value", birth), core::text("max", std::to_string(rules.current_year))}));
    } else {
      e.birth_year = *y;
    }
  }
  const std::string active = text(F::kActive);
  if (!active.empty()) {
    if (auto a = parse_active(active)) {
      e.active = *a;
    } else {
      problem(F::kActive, msg("directory.active_invalid", {quoted("value", active)}));
    }
  }
  return p;
}

// The existing employee with the file's values for the columns the file has.
Employee merge(const Employee& existing, const Parsed& p) {
  Employee out = existing;
  const Employee& in = p.employee;
  auto has = [&](F f) { return p.present[static_cast<std::size_t>(f)]; };
  if (has(F::kFirstName)) out.first_name = in.first_name;
  if (has(F::kLastName)) out.last_name = in.last_name;
  if (has(F::kEmail)) out.email = in.email;
  if (has(F::kJobTitle)) out.job_title = in.job_title;
  if (has(F::kDepartment)) out.department = in.department;
  if (has(F::kGrade)) out.grade = in.grade;
  if (has(F::kManagerId)) out.manager_id = in.manager_id;
  if (has(F::kHireDate)) out.hire_date = in.hire_date;
  if (has(F::kSite)) out.site = in.site;
  if (has(F::kTimeZone)) out.time_zone = in.time_zone;
  if (has(F::kLanguages)) out.languages = in.languages;
  if (has(F::kBirthYear)) out.birth_year = in.birth_year;
  // Being in the file means being employed, unless the file says otherwise.
  out.active = has(F::kActive) ? in.active : true;
  return out;
}

}  // namespace

std::optional<std::string> parse_hr_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    auto yy = parse_int(s.substr(0, 4)), mm = parse_int(s.substr(5, 2)), dd = parse_int(s.substr(8, 2));
    if (!yy || !mm || !dd) return std::nullopt;
    y = *yy, m = *mm, d = *dd;
  } else {
    const auto a = s.find('/');
    const auto b = a == std::string_view::npos ? a : s.find('/', a + 1);
    if (b == std::string_view::npos || a < 1 || a > 2 || b - a < 2 || b - a > 3 || s.size() - b != 5) {
      return std::nullopt;
    }
    auto dd = parse_int(s.substr(0, a)), mm = parse_int(s.substr(a + 1, b - a - 1)), yy = parse_int(s.substr(b + 1));
    if (!yy || !mm || !dd) return std::nullopt;
    y = *yy, m = *mm, d = *dd;
  }
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (y < 1900 || !ymd.ok()) return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

bool is_iso639_1(std::string_view code) {
  if (code.size() != 2) return false;
  for (std::size_t i = 0; i + 2 <= kIso639_1.size(); i += 3) {
    if (kIso639_1.substr(i, 2) == code) return true;
  }
  return false;
}

LanguageList parse_languages(std::string_view text) {
  LanguageList out;
  std::string code;
  auto flush = [&] {
    if (code.empty()) return;
    if (!is_iso639_1(code)) {
      if (out.unknown.empty()) out.unknown = code;
    } else if (std::find(out.codes.begin(), out.codes.end(), code) == out.codes.end()) {
      out.codes.push_back(code);
    }
    code.clear();
  };
  for (char c : text) {
    if (c == ',' || c == ';' || c == '|' || c == ' ' || c == '\t' || c == '/') {
      flush();
    } else {
      code += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  flush();
  return out;
}

bool is_known_time_zone(const std::string& name) {
  // Looking a zone up is costly and an extract repeats a handful of zones: remember answers.
  static std::mutex mu;
  static std::unordered_map<std::string, bool> known;
  std::lock_guard lock(mu);
  auto it = known.find(name);
  if (it != known.end()) return it->second;
  bool ok = false;
  try {
    ok = date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    ok = false;
  }
  if (known.size() < 10'000) known.emplace(name, ok);
  return ok;
}

ImportPlan plan_employee_import(const std::vector<Employee>& existing,
                                const std::vector<EmployeeRow>& rows, const ImportRules& rules) {
  ImportPlan plan;
  IssueCollector issues;

  // 1. Each row on its own.
  std::vector<Parsed> parsed;
  parsed.reserve(rows.size());
  for (const auto& row : rows) {
    Parsed p = parse_row(row, rules, issues);
    if (!p.employee.employee_id.empty()) parsed.push_back(std::move(p));
  }

  // 2. Duplicates within the file (reported on the later line, naming the first).
  std::unordered_map<std::string, std::size_t> id_line, email_line;
  id_line.reserve(rows.size());
  email_line.reserve(rows.size());
  for (const auto& row : rows) {
    const auto& id = row[F::kEmployeeId];
    if (id && !trim(*id).empty()) {
      auto [it, fresh] = id_line.emplace(trim(*id), row.line);
      if (!fresh) issues.add({row.line, F::kEmployeeId, msg("directory.id_repeated", {quoted("id", trim(*id)), count("line", it->second)})});
    }
    const auto& email = row[F::kEmail];
    if (email && !trim(*email).empty()) {
      auto [it, fresh] = email_line.emplace(normalize_email(*email), row.line);
      if (!fresh) issues.add({row.line, F::kEmail, msg("directory.email_repeated", {quoted("email", trim(*email)), count("line", it->second)})});
    }
  }

  // 3. The directory after the import.
  std::unordered_map<std::string, std::size_t> index;  // employee_id → position in `employees`
  index.reserve(existing.size() + parsed.size());
  std::vector<Employee>& employees = plan.employees;
  employees = existing;
  for (std::size_t i = 0; i < employees.size(); ++i) index.emplace(employees[i].employee_id, i);
  std::vector<char> from_file(employees.size(), 0);
  std::vector<std::size_t> line_of(employees.size(), 0);
  std::vector<char> is_new(employees.size(), 0);
  for (const Parsed& p : parsed) {
    auto it = index.find(p.employee.employee_id);
    if (it == index.end()) {
      index.emplace(p.employee.employee_id, employees.size());
      employees.push_back(merge(Employee{.employee_id = p.employee.employee_id}, p));
      from_file.push_back(1);
      line_of.push_back(p.line);
      is_new.push_back(1);
    } else if (!from_file[it->second]) {
      employees[it->second] = merge(existing[it->second], p);
      from_file[it->second] = 1;
      line_of[it->second] = p.line;
    }
  }

  // 4. Rules over the whole directory: managers exist, emails are unique, no cycles.
  std::unordered_map<std::string, std::size_t> owner_of_email;
  owner_of_email.reserve(existing.size());
  for (std::size_t i = 0; i < employees.size(); ++i) {
    if (!from_file[i]) owner_of_email.emplace(employees[i].email, i);
  }
  std::vector<ReportingLink> links;
  links.reserve(employees.size());
  for (std::size_t i = 0; i < employees.size(); ++i) {
    const Employee& e = employees[i];
    links.push_back({e.employee_id, e.manager_id});
    if (!from_file[i]) continue;
    if (!e.manager_id.empty() && !index.contains(e.manager_id)) {
      issues.add({line_of[i], F::kManagerId, msg("directory.manager_unknown", {quoted("id", e.manager_id)})});
    }
    auto owner = owner_of_email.find(e.email);
    if (owner != owner_of_email.end()) {
      issues.add({line_of[i], F::kEmail, msg("directory.email_taken", {quoted("email", e.email), quoted("id", employees[owner->second].employee_id)})});
    }
  }
  {
    for (const auto& cycle : find_reporting_cycles(links)) {
      // A row naming itself as manager was reported with the row ("cannot be their own manager").
      if (cycle.size() == 1 && from_file[index.at(cycle.front())]) continue;
      std::string path;
      std::size_t line = 0;
      for (const auto& id : cycle) {
        path += id + " → ";
        const std::size_t i = index.at(id);
        if (from_file[i] && (line == 0 || line_of[i] < line)) line = line_of[i];
      }
      issues.add({line, F::kManagerId, msg("directory.reporting_cycle", {text("path", path + cycle.front())})});
    }
  }
  if (!issues.empty()) {
    employees.clear();
    std::move(issues).finish(plan);
    return plan;
  }

  // 5. What changes.
  for (std::size_t i = 0; i < employees.size(); ++i) {
    if (!from_file[i]) {
      if (rules.deactivate_missing && employees[i].active) {
        employees[i].active = false;
        plan.deactivated.push_back(i);
      }
    } else if (is_new[i]) {
      plan.created.push_back(i);
    } else if (employees[i] != existing[i]) {
      plan.updated.push_back(i);
    } else {
      ++plan.unchanged;
    }
  }
  return plan;
}

}  // namespace binome::core
