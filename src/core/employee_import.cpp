#include "core/employee_import.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cassert>
#include <cctype>
#include <cstring>
#include <mutex>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <unordered_map>

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

// Every issue counted by kind (field and message), and only the first kMaxListedImportIssues by
// line kept: a file of a million bad lines costs the memory of a few hundred messages, and the
// issues found by the later passes (managers, cycles) still take their place by line. A message
// is built only for an issue that is listed or is the first of its kind: building one (its key,
// parameters and quoted value) for each of millions of issues was most of a bad file's time.
class IssueCollector {
 public:
  // One issue of kind `key` (a string literal: the message's catalogue key) on `field` at
  // `line`. `make()` returns its message (or only its parameters, a std::vector<Param>), and is
  // called only when the issue is kept.
  template <typename Make>
  void add(std::size_t line, std::optional<F> field, std::string_view key, Make&& make) {
    const std::size_t seq = count_++;
    const int order = field ? static_cast<int>(*field) : -1;
    Kind& kind = kind_of(order, key);
    const bool first_of_kind = kind.count++ == 0 || line < kind.first.line;
    const bool listed = listed_.size() < kMaxListedImportIssues || before(line, order, seq, listed_.front());
    if (!first_of_kind && !listed) return;  // most issues of a large file: counted, nothing built
    ImportIssue issue{line, field, message(key, std::forward<Make>(make))};
    if (first_of_kind) kind.first = issue;
    if (!listed) return;
    Entry entry{std::move(issue), seq};
    if (listed_.size() < kMaxListedImportIssues) {
      listed_.push_back(std::move(entry));
      std::push_heap(listed_.begin(), listed_.end(), by_place);
    } else {
      std::pop_heap(listed_.begin(), listed_.end(), by_place);
      listed_.back() = std::move(entry);
      std::push_heap(listed_.begin(), listed_.end(), by_place);
    }
  }
  bool empty() const { return count_ == 0; }

  void finish(ImportPlan& plan) && {
    std::sort_heap(listed_.begin(), listed_.end(), by_place);
    plan.issues.clear();
    plan.issues.reserve(listed_.size());
    for (Entry& e : listed_) plan.issues.push_back(std::move(e.issue));
    plan.issue_count = count_;
    std::sort(kinds_.begin(), kinds_.end(), [](const Kind& a, const Kind& b) {
      return std::tuple(a.first.line, std::string_view(a.key), a.order) < std::tuple(b.first.line, std::string_view(b.key), b.order);
    });
    plan.issue_kinds.clear();
    for (Kind& kind : kinds_) plan.issue_kinds.push_back({kind.count, std::move(kind.first)});
  }

 private:
  struct Entry {
    ImportIssue issue;
    std::size_t seq;
  };
  struct Kind {
    int order;  // the field's, -1 for the whole row
    std::string key;
    const char* key_data;  // where `key` was read from, to recognise it quickly
    std::size_t count = 0;
    ImportIssue first;  // the one on the lowest line
  };
  // Where an issue is listed: by line, then field (a whole-row issue before those of its
  // fields), then the order found. Plain comparisons, not tuples: this runs for every issue,
  // and the debug build does not inline.
  static int order_of(const Entry& e) { return e.issue.field ? static_cast<int>(*e.issue.field) : -1; }
  static bool before(std::size_t line, int order, std::size_t seq, const Entry& e) {
    if (line != e.issue.line) return line < e.issue.line;
    const int other = order_of(e);
    if (order != other) return order < other;
    return seq < e.seq;
  }
  static bool by_place(const Entry& a, const Entry& b) { return before(a.issue.line, order_of(a), a.seq, b); }

  template <typename Make>
  static Message message(std::string_view key, Make&& make) {
    if constexpr (std::is_same_v<std::invoke_result_t<Make>, Message>) {
      Message m = make();
      assert(m.key() == key);
      return m;
    } else {
      return msg(std::string(key), make());
    }
  }
  // A few dozen kinds at most: a list beats a map, and the last one found is tried first. Keys
  // are the catalogue's literals, so the same pointer is most often the same key.
  static bool same_key(const Kind& kind, int order, std::string_view key) {
    if (kind.order != order || kind.key.size() != key.size()) return false;
    return kind.key_data == key.data() || kind.key == key;
  }
  Kind& kind_of(int order, std::string_view key) {
    if (last_ < kinds_.size() && same_key(kinds_[last_], order, key)) return kinds_[last_];
    for (last_ = 0; last_ < kinds_.size(); ++last_) {
      if (same_key(kinds_[last_], order, key)) return kinds_[last_];
    }
    kinds_.push_back({order, std::string(key), key.data(), 0, {}});
    return kinds_.back();
  }

  std::vector<Entry> listed_;  // a heap whose front is the last listed
  std::vector<Kind> kinds_;
  std::size_t last_ = 0;
  std::size_t count_ = 0;
};

// Rows are checked for a stop request this often, in each pass.
constexpr std::size_t kStopCheckRows = 4096;
bool stop_due(const std::stop_token& stop, std::size_t row) {
  return row % kStopCheckRows == 0 && stop.stop_requested();
}

std::string_view trim_view(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool is_space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// An address as normalize_email writes it, without a copy: the text trimmed of spaces; two such
// are the same address when they are equal but for ASCII case.
std::string_view email_text(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}
// normalize_email(s), into `out` (whose buffer is kept from row to row).
void normalize_email_into(std::string& out, std::string_view s) {
  s = email_text(s);
  out.resize(s.size());
  std::transform(s.begin(), s.end(), out.begin(), ascii_lower);
}

// FNV-1a; `lower` hashes the text as normalize_email would write it.
std::uint64_t text_hash(std::string_view s, bool lower = false) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(lower ? ascii_lower(c) : c);
    h *= 1099511628211ull;
  }
  return h;
}
// `file` as normalize_email writes it equals `stored`.
bool same_email(std::string_view file, std::string_view stored) {
  return file.size() == stored.size() && std::equal(file.begin(), file.end(), stored.begin(),
                                                    [](char a, char b) { return ascii_lower(a) == b; });
}
bool same_email_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return ascii_lower(x) == ascii_lower(y); });
}

// Entries (numbers) found by a key the caller derives from each: open addressing with the hash
// kept beside the entry, 16 bytes a slot and no allocation per entry. unordered_map's node per
// key, and its copy of the key, were a hundred bytes and an allocation for each of the millions
// of ids and addresses of a large file.
class EntryIndex {
 public:
  // The entry already added whose key `same(entry)` says equals the one looked for (of hash
  // `hash`); when there is none, `entry` is added and nothing is returned.
  template <typename Same>
  std::optional<std::size_t> find_or_add(std::uint64_t hash, std::size_t entry, Same&& same) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t at = home(hash);; at = (at + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[at];
      if (slot.entry == 0) {
        slot = {hash, entry + 1};
        ++size_;
        return std::nullopt;
      }
      if (slot.hash == hash && same(slot.entry - 1)) return slot.entry - 1;
    }
  }
  template <typename Same>
  std::optional<std::size_t> find(std::uint64_t hash, Same&& same) const {
    if (slots_.empty()) return std::nullopt;
    for (std::size_t at = home(hash);; at = (at + 1) & (slots_.size() - 1)) {
      const Slot& slot = slots_[at];
      if (slot.entry == 0) return std::nullopt;
      if (slot.hash == hash && same(slot.entry - 1)) return slot.entry - 1;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash = 0;
    std::size_t entry = 0;  // the entry + 1; 0: empty
  };
  // The hash's top bits after a Fibonacci multiply: FNV's low bits alone cluster.
  std::size_t home(std::uint64_t hash) const {
    return static_cast<std::size_t>((hash * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    const std::size_t capacity = std::max<std::size_t>(16, old.size() * 2);
    slots_.assign(capacity, Slot{});
    shift_ = 64 - std::countr_zero(capacity);
    for (const Slot& slot : old) {
      if (slot.entry == 0) continue;
      std::size_t at = home(slot.hash);
      while (slots_[at].entry != 0) at = (at + 1) & (capacity - 1);
      slots_[at] = slot;
    }
  }
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
  int shift_ = 63;
};

// What reading a row needs from one row to the next, so that a row costs no allocation.
struct RowScratch {
  std::string email;      // normalised, to check it
  std::string time_zone;  // is_known_time_zone takes a std::string
};

// Most values hold no control character; this look at the raw bytes (the same test's first
// half) spares find_control_character's per-byte calls in the debug build.
bool may_hold_control(std::string_view v) {
  const auto* p = reinterpret_cast<const unsigned char*>(v.data());
  for (std::size_t k = 0; k < v.size(); ++k) {
    if (p[k] < 0x20 || p[k] == 0x7F || p[k] == 0xC2) return true;
  }
  return false;
}

// Checks the fields of one row, problems to `issues`, and, when `e` is given, reads them into
// it (every field set, present or not). Checking millions of rows builds nothing: the values
// are looked at where they lie in the rows.
void parse_row(const EmployeeRowView& row, const ImportRules& rules, IssueCollector& issues, RowScratch& scratch,
               Employee* e) {
  using Params = std::vector<Param>;
  const std::size_t line = row.line;
  auto text = [&](F f) -> std::string_view {
    const auto& cell = row.cells[static_cast<std::size_t>(f)];
    const std::string_view v = cell ? trim_view(*cell) : std::string_view();
    if (v.empty()) {
      if (is_required(f)) issues.add(line, f, "directory.value_required", [] { return Params{}; });
      return v;
    }
    // A job title may span lines (Excel writes them so); no value holds any other control.
    if (may_hold_control(v)) {
      if (const auto control = find_control_character(v, f == F::kJobTitle)) {
        issues.add(line, f, "error.control_character", [&] { return control_character_message(*control); });
      }
    }
    return v;
  };
  const auto put = [e](std::string Employee::*member, std::string_view v) {
    if (e) (e->*member).assign(v);
  };

  const std::string_view id = text(F::kEmployeeId);
  put(&Employee::employee_id, id);
  put(&Employee::first_name, text(F::kFirstName));
  put(&Employee::last_name, text(F::kLastName));
  const std::string_view email = text(F::kEmail);
  normalize_email_into(scratch.email, email);
  if (!email.empty() && !is_valid_email(scratch.email)) {
    issues.add(line, F::kEmail, "directory.email_invalid", [&] { return Params{quoted("value", std::string(email))}; });
  }
  put(&Employee::email, scratch.email);
  put(&Employee::job_title, text(F::kJobTitle));
  put(&Employee::department, text(F::kDepartment));
  const std::string_view grade = text(F::kGrade);
  if (!grade.empty() && !rules.scale.rank(grade)) {
    issues.add(line, F::kGrade, rules.scale.custom() ? "directory.grade_off_scale" : "directory.grade_unordered",
               [&] { return Params{quoted("grade", std::string(grade))}; });
  }
  put(&Employee::grade, grade);
  const std::string_view manager = text(F::kManagerId);
  if (!manager.empty() && manager == id) {
    issues.add(line, F::kManagerId, "directory.own_manager", [] { return Params{}; });
  }
  put(&Employee::manager_id, manager);
  const std::string_view hire = text(F::kHireDate);
  if (e) e->hire_date.clear();
  if (!hire.empty()) {
    if (auto d = parse_hr_date(hire)) {
      if (e) e->hire_date = *d;
      if (std::stoi(d->substr(0, 4)) > rules.current_year + 1) {
        issues.add(line, F::kHireDate, "directory.hire_date_future", [&] { return Params{quoted("value", std::string(hire))}; });
      }
    } else {
      issues.add(line, F::kHireDate, "directory.date_invalid", [&] { return Params{quoted("value", std::string(hire))}; });
    }
  }
  put(&Employee::site, text(F::kSite));
  const std::string_view zone = text(F::kTimeZone);
  if (!zone.empty()) {
    scratch.time_zone.assign(zone);
    if (!is_known_time_zone(scratch.time_zone)) {
      issues.add(line, F::kTimeZone, "directory.time_zone_unknown", [&] { return Params{quoted("value", std::string(zone))}; });
    }
  }
  put(&Employee::time_zone, zone);
  const std::string_view languages = text(F::kLanguages);
  if (!languages.empty() || e) {
    auto list = parse_languages(languages);
    if (!list.unknown.empty()) {
      issues.add(line, F::kLanguages, "directory.language_unknown", [&] { return Params{quoted("value", list.unknown)}; });
    }
    if (e) e->languages = std::move(list.codes);
  }
  const std::string_view birth = text(F::kBirthYear);
  if (e) e->birth_year.reset();
  if (!birth.empty()) {
    auto y = parse_int(birth);
    if (!y || *y < 1900 || *y > rules.current_year) {
      issues.add(line, F::kBirthYear, "directory.birth_year_invalid", [&] {
        return Params{quoted("value", std::string(birth)), core::text("max", std::to_string(rules.current_year))};
      });
    } else if (e) {
      e->birth_year = *y;
    }
  }
  const std::string_view active = text(F::kActive);
  if (e) e->active = true;
  if (!active.empty()) {
    if (auto a = parse_active(active)) {
      if (e) e->active = *a;
    } else {
      issues.add(line, F::kActive, "directory.active_invalid", [&] { return Params{quoted("value", std::string(active))}; });
    }
  }
}

// The existing employee with the file's values for the cells the row has.
Employee merge(const Employee& existing, const Employee& in, const EmployeeRowView& row) {
  Employee out = existing;
  auto has = [&](F f) { return row[f].has_value(); };
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

// Variable-length numbers for EmployeeRows: 7 bits a byte, low bits first. On raw bytes: the
// debug build calls a function for each std::string operation, and rows number millions.
char* put_number(char* out, std::size_t v) {
  while (v >= 0x80) {
    *out++ = static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  *out++ = static_cast<char>(v);
  return out;
}
std::size_t take_number(const char*& p) {
  std::size_t v = 0;
  for (int shift = 0;; shift += 7) {
    const auto byte = static_cast<unsigned char>(*p++);
    v |= static_cast<std::size_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return v;
  }
}
constexpr std::size_t kMaxNumberBytes = 10;  // a 64-bit number

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

EmployeeRows::EmployeeRows(std::initializer_list<EmployeeRow> rows) {
  for (const auto& row : rows) push_back(row);
}

EmployeeRows::EmployeeRows(const std::vector<EmployeeRow>& rows) {
  for (const auto& row : rows) push_back(row);
}

void EmployeeRows::push_back(std::size_t line,
                             const std::array<std::optional<std::string_view>, kEmployeeFieldCount>& cells) {
  std::size_t present = 0;
  std::size_t most = 2 * kMaxNumberBytes;
  for (std::size_t slot = 0; slot < kEmployeeFieldCount; ++slot) {
    if (!cells[slot]) continue;
    present |= std::size_t{1} << slot;
    most += kMaxNumberBytes + cells[slot]->size();
  }
  const std::size_t start = data_.size();
  starts_.push_back(start);
  data_.resize(start + most);
  char* const begin = data_.data() + start;
  char* out = put_number(begin, line);
  out = put_number(out, present);
  for (const auto& cell : cells) {
    if (!cell) continue;
    out = put_number(out, cell->size());
    if (!cell->empty()) std::memcpy(out, cell->data(), cell->size());
    out += cell->size();
  }
  data_.resize(start + static_cast<std::size_t>(out - begin));
}

void EmployeeRows::push_back(const EmployeeRow& row) {
  std::array<std::optional<std::string_view>, kEmployeeFieldCount> cells;
  for (std::size_t slot = 0; slot < kEmployeeFieldCount; ++slot) {
    if (row.cells[slot]) cells[slot] = *row.cells[slot];
  }
  push_back(row.line, cells);
}

EmployeeRowView EmployeeRows::operator[](std::size_t i) const {
  EmployeeRowView out;
  const char* p = data_.data() + starts_[i];
  out.line = take_number(p);
  const std::size_t present = take_number(p);
  for (std::size_t slot = 0; slot < kEmployeeFieldCount; ++slot) {
    if (!(present & (std::size_t{1} << slot))) continue;
    const std::size_t size = take_number(p);
    out.cells[slot] = std::string_view(p, size);
    p += size;
  }
  return out;
}

EmployeeRowView EmployeeRows::at(std::size_t i) const {
  if (i >= size()) throw std::out_of_range("EmployeeRows::at");
  return (*this)[i];
}

std::size_t EmployeeRows::line(std::size_t i) const {
  const char* p = data_.data() + starts_[i];
  return take_number(p);
}

std::optional<std::string_view> EmployeeRows::cell(std::size_t i, EmployeeField f) const {
  const char* p = data_.data() + starts_[i];
  take_number(p);
  const std::size_t present = take_number(p);
  const auto wanted = static_cast<std::size_t>(f);
  if (!(present & (std::size_t{1} << wanted))) return std::nullopt;
  for (std::size_t slot = 0; slot < wanted; ++slot) {
    if (present & (std::size_t{1} << slot)) p += take_number(p);
  }
  const std::size_t size = take_number(p);
  return std::string_view(p, size);
}

ImportPlan plan_employee_import(const std::vector<Employee>& existing, const EmployeeRows& rows,
                                const ImportRules& rules, std::stop_token stop) {
  ImportPlan plan;
  IssueCollector issues;
  const auto stopped = [&plan] {
    plan.stopped = true;
    return plan;
  };
  const std::size_t row_count = rows.size();
  // What the passes after the first need of a row, read again from the rows rather than kept:
  // a copy of each row's employee was most of the memory of a large file.
  const auto id_of = [&rows](std::size_t r) { return trim_view(rows.cell(r, F::kEmployeeId).value_or("")); };

  // 1. Each row on its own.
  RowScratch scratch;
  for (std::size_t r = 0; r < row_count; ++r) {
    if (stop_due(stop, r)) return stopped();
    parse_row(rows[r], rules, issues, scratch, nullptr);
  }

  // 2. The directory after the import: the existing employees, then those the file adds, by
  // employee id. Positions below `existing.size()` are existing employees; `row_of` says which
  // row of the file gives an employee (the first with their id), npos when none.
  constexpr std::size_t kNoRow = static_cast<std::size_t>(-1);
  const std::size_t existing_count = existing.size();
  std::vector<std::size_t> row_of(existing_count, kNoRow);
  EntryIndex index;  // employee id → position
  const auto id_at = [&](std::size_t position) {
    return position < existing_count ? std::string_view(existing[position].employee_id) : id_of(row_of[position]);
  };
  for (std::size_t i = 0; i < existing_count; ++i) {
    const std::string_view id = existing[i].employee_id;
    index.find_or_add(text_hash(id), i, [&](std::size_t p) { return id_at(p) == id; });
  }
  // A repeated id is reported on the later line, naming the first; so is a repeated address.
  for (std::size_t r = 0; r < row_count; ++r) {
    if (stop_due(stop, r)) return stopped();
    const std::string_view id = id_of(r);
    if (id.empty()) continue;
    const auto found = index.find_or_add(text_hash(id), row_of.size(), [&](std::size_t p) { return id_at(p) == id; });
    if (!found) {
      row_of.push_back(r);
    } else if (row_of[*found] == kNoRow) {
      row_of[*found] = r;
    } else {
      const std::size_t first = rows.line(row_of[*found]);
      issues.add(rows.line(r), F::kEmployeeId, "directory.id_repeated",
                 [&] { return std::vector<Param>{quoted("id", std::string(id)), count("line", first)}; });
    }
  }
  {
    EntryIndex first_with_email;  // the address as normalize_email writes it → the first row
    const auto email_of = [&rows](std::size_t r) { return rows.cell(r, F::kEmail).value_or(""); };
    for (std::size_t r = 0; r < row_count; ++r) {
      if (stop_due(stop, r)) return stopped();
      const std::string_view cell = email_of(r);
      if (trim_view(cell).empty()) continue;
      const std::string_view email = email_text(cell);
      const auto found = first_with_email.find_or_add(
          text_hash(email, true), r, [&](std::size_t other) { return same_email_ignoring_case(email_text(email_of(other)), email); });
      if (found) {
        const std::size_t first = rows.line(*found);
        issues.add(rows.line(r), F::kEmail, "directory.email_repeated",
                   [&] { return std::vector<Param>{quoted("email", std::string(trim_view(cell))), count("line", first)}; });
      }
    }
  }
  const std::size_t directory_size = row_of.size();
  const auto from_file = [&](std::size_t p) { return row_of[p] != kNoRow; };
  const auto line_at = [&](std::size_t p) { return rows.line(row_of[p]); };
  // An employee's manager and address after the import: the file's when its row has the cell.
  const auto manager_at = [&](std::size_t p) -> std::string_view {
    if (from_file(p)) {
      if (auto cell = rows.cell(row_of[p], F::kManagerId)) return trim_view(*cell);
    }
    return p < existing_count ? std::string_view(existing[p].manager_id) : std::string_view();
  };

  // 3. Rules over the whole directory: managers exist, addresses are unique, no cycles.
  {
    EntryIndex owner_of_email;  // the address of an employee the file leaves as is → them
    for (std::size_t p = 0; p < existing_count; ++p) {
      if (from_file(p)) continue;
      const std::string_view email = existing[p].email;
      owner_of_email.find_or_add(text_hash(email), p, [&](std::size_t other) { return existing[other].email == email; });
    }
    for (std::size_t p = 0; p < directory_size; ++p) {
      if (stop_due(stop, p)) return stopped();
      if (!from_file(p)) continue;
      const std::string_view manager = manager_at(p);
      if (!manager.empty() && !index.find(text_hash(manager), [&](std::size_t q) { return id_at(q) == manager; })) {
        issues.add(line_at(p), F::kManagerId, "directory.manager_unknown",
                   [&] { return std::vector<Param>{quoted("id", std::string(manager))}; });
      }
      // The file's address as normalize_email writes it (email_text, compared ignoring case),
      // or the stored one, or none for a newcomer without the column.
      const auto cell = rows.cell(row_of[p], F::kEmail);
      const bool file_email = cell.has_value();
      const std::string_view email = file_email ? email_text(*cell)
                                     : p < existing_count ? std::string_view(existing[p].email)
                                                          : std::string_view();
      const auto owner = owner_of_email.find(text_hash(email, file_email), [&](std::size_t q) {
        return file_email ? same_email(email, existing[q].email) : existing[q].email == email;
      });
      if (owner) {
        issues.add(line_at(p), F::kEmail, "directory.email_taken", [&] {
          return std::vector<Param>{quoted("email", file_email ? normalize_email(email) : std::string(email)),
                                    quoted("id", existing[*owner].employee_id)};
        });
      }
    }
  }
  {
    // Only an employee with a manager can be on a cycle; the others need no link (an id
    // missing from the links counts as no manager, as theirs is).
    std::vector<ReportingLink> links;
    for (std::size_t p = 0; p < directory_size; ++p) {
      if (stop_due(stop, p)) return stopped();
      const std::string_view manager = manager_at(p);
      if (!manager.empty()) links.push_back({std::string(id_at(p)), std::string(manager)});
    }
    const auto position_of = [&](const std::string& id) {
      return *index.find(text_hash(id), [&](std::size_t q) { return id_at(q) == id; });
    };
    for (const auto& cycle : find_reporting_cycles(links)) {
      // A row naming itself as manager was reported with the row ("cannot be their own manager").
      if (cycle.size() == 1 && from_file(position_of(cycle.front()))) continue;
      std::string path;
      std::size_t line = 0;
      for (const auto& id : cycle) {
        path += id + " → ";
        const std::size_t p = position_of(id);
        if (from_file(p) && (line == 0 || line_at(p) < line)) line = line_at(p);
      }
      issues.add(line, F::kManagerId, "directory.reporting_cycle",
                 [&] { return std::vector<Param>{text("path", path + cycle.front())}; });
    }
  }
  if (!issues.empty()) {
    std::move(issues).finish(plan);
    return plan;
  }

  // 4. The directory after the import, and what changes. Only now is each row's employee kept:
  // the file has no issue, so these are what will be written.
  std::vector<Employee>& employees = plan.employees;
  employees.reserve(directory_size);
  employees = existing;
  {
    IssueCollector none;  // the rows were checked above
    Employee in;
    for (std::size_t p = 0; p < directory_size; ++p) {
      if (stop_due(stop, p)) return stopped();
      if (!from_file(p)) continue;
      const EmployeeRowView row = rows[row_of[p]];
      parse_row(row, rules, none, scratch, &in);
      if (p < existing_count) {
        employees[p] = merge(existing[p], in, row);
      } else {
        employees.push_back(merge(Employee{.employee_id = in.employee_id}, in, row));
      }
    }
  }
  for (std::size_t i = 0; i < employees.size(); ++i) {
    if (!from_file(i)) {
      if (rules.deactivate_missing && employees[i].active) {
        employees[i].active = false;
        plan.deactivated.push_back(i);
      }
    } else if (i >= existing_count) {
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
