#include "io/xlsx_reader.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>

#include "core/text.hpp"
#include "io/text_encoding.hpp"

namespace binome::io {

namespace {

constexpr std::size_t kExcelRows = 1'048'576;
constexpr std::size_t kExcelColumns = 16'384;
constexpr std::size_t kReadChunk = 64 * 1024;

XlsxError whole_file(core::Message message) { return {0, std::move(message)}; }
XlsxError damaged() { return whole_file(core::msg("directory.xlsx_damaged")); }

// --- XML: expat with namespaces, elements and attributes by their local name -------------------

// Expat gives a namespaced name as "URI NAME" (the separator is ' ', which no URI holds): the
// writers' prefixes differ ("x:row" from .NET, "row" from Excel), the local names do not.
std::string_view local_name(const XML_Char* name) {
  std::string_view n(name);
  const auto space = n.rfind(' ');
  return space == std::string_view::npos ? n : n.substr(space + 1);
}

const char* xml_attribute(const XML_Char** attrs, std::string_view name) {
  for (std::size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (local_name(attrs[i]) == name) return attrs[i + 1];
  }
  return nullptr;
}

std::string_view attribute_or(const XML_Char** attrs, std::string_view name, std::string_view fallback = {}) {
  const char* v = xml_attribute(attrs, name);
  return v ? std::string_view(v) : fallback;
}

std::optional<std::size_t> parse_index(std::string_view text) {
  std::size_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

// What one part's parse does with its elements; `fail` stops the parse with an error, `stop`
// without one.
class XmlPartHandler {
 public:
  virtual ~XmlPartHandler() = default;
  virtual void on_start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void on_end(std::string_view name) = 0;
  virtual void on_text(std::string_view /*text*/) {}
  // The row the parse is in, for the errors of a sheet (0 elsewhere).
  virtual std::size_t current_row() const { return 0; }

  void fail(XlsxError error) {
    failure_ = std::move(error);
    XML_StopParser(parser_, XML_FALSE);
  }
  void stop() {
    stopped_ = true;
    XML_StopParser(parser_, XML_FALSE);
  }

 private:
  friend class XmlPartParser;
  XML_Parser parser_ = nullptr;
  std::optional<XlsxError> failure_;
  bool stopped_ = false;
};

class XmlPartParser {
 public:
  explicit XmlPartParser(XmlPartHandler& handler) : parser_(XML_ParserCreateNS(nullptr, ' ')), handler_(handler) {
    if (!parser_) throw std::bad_alloc();
    handler_.parser_ = parser_;
    XML_SetUserData(parser_, &handler_);
    XML_SetElementHandler(
        parser_,
        [](void* h, const XML_Char* name, const XML_Char** attrs) {
          static_cast<XmlPartHandler*>(h)->on_start(local_name(name), attrs);
        },
        [](void* h, const XML_Char* name) { static_cast<XmlPartHandler*>(h)->on_end(local_name(name)); });
    XML_SetCharacterDataHandler(parser_, [](void* h, const XML_Char* s, int len) {
      static_cast<XmlPartHandler*>(h)->on_text(std::string_view(s, static_cast<std::size_t>(len)));
    });
    // A workbook's parts never declare a document type: refusing one refuses every entity
    // (billion laughs, external files) before expat expands anything.
    XML_SetStartDoctypeDeclHandler(parser_, [](void* h, const XML_Char*, const XML_Char*, const XML_Char*, int) {
      auto* self = static_cast<XmlPartHandler*>(h);
      self->fail({self->current_row(), core::msg("directory.xlsx_doctype")});
    });
  }
  XmlPartParser(const XmlPartParser&) = delete;
  XmlPartParser& operator=(const XmlPartParser&) = delete;
  ~XmlPartParser() { XML_ParserFree(parser_); }

  enum class Fed { kMore, kStopped, kFailed };
  // `last`: no more bytes after these. kFailed leaves the error in `error`.
  Fed feed(std::string_view bytes, bool last, std::string_view part, XlsxError& error) {
    if (XML_Parse(parser_, bytes.data(), static_cast<int>(bytes.size()), last ? XML_TRUE : XML_FALSE) == XML_STATUS_OK) {
      return Fed::kMore;
    }
    if (handler_.failure_) {
      error = std::move(*handler_.failure_);
      return Fed::kFailed;
    }
    if (handler_.stopped_) return Fed::kStopped;
    error = {handler_.current_row(),
             core::msg("directory.xlsx_xml_invalid", {core::quoted("part", std::string(part)),
                                                      core::count("xml_line", XML_GetCurrentLineNumber(parser_))})};
    return Fed::kFailed;
  }

 private:
  XML_Parser parser_;
  XmlPartHandler& handler_;
};

// --- ZIP -------------------------------------------------------------------------------------

struct ZipArchiveCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipArchive = std::unique_ptr<zip_t, ZipArchiveCloser>;
struct ZipFileCloser {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

std::optional<zip_uint64_t> find_entry(zip_t* zip, const std::string& name) {
  zip_int64_t i = zip_name_locate(zip, name.c_str(), 0);
  if (i < 0) i = zip_name_locate(zip, name.c_str(), ZIP_FL_NOCASE);
  if (i < 0) return std::nullopt;
  return static_cast<zip_uint64_t>(i);
}

XlsxError part_too_large(std::string_view part, const XlsxLimits& limits, std::size_t row) {
  return {row, core::msg("directory.xlsx_part_too_large",
                         {core::quoted("part", std::string(part)), core::count("limit", limits.max_part_bytes >> 20)})};
}
XlsxError part_ratio(std::string_view part, const XlsxLimits& limits, std::size_t row) {
  return {row, core::msg("directory.xlsx_part_ratio",
                         {core::quoted("part", std::string(part)), core::count("limit", limits.max_ratio)})};
}

// Inflates entry `index` a chunk at a time into `handler`'s parse, refusing it as soon as it
// passes the limits, whatever its header declares: a forged size is seen while inflating.
std::expected<void, XlsxError> parse_entry(zip_t* zip, zip_uint64_t index, const XlsxLimits& limits,
                                           XmlPartHandler& handler) {
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(zip, index, 0, &st) != 0) return std::unexpected(damaged());
  const std::string part = (st.valid & ZIP_STAT_NAME) ? st.name : "?";
  const zip_uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? std::max<zip_uint64_t>(st.comp_size, 1) : 1;
  const auto over = [&](zip_uint64_t inflated) -> std::optional<XlsxError> {
    if (inflated > limits.max_part_bytes) return part_too_large(part, limits, handler.current_row());
    if (inflated > limits.ratio_from_bytes && inflated / compressed > limits.max_ratio) {
      return part_ratio(part, limits, handler.current_row());
    }
    return std::nullopt;
  };
  if (st.valid & ZIP_STAT_SIZE) {
    if (auto refused = over(st.size)) return std::unexpected(std::move(*refused));
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> file(zip_fopen_index(zip, index, 0));
  if (!file) return std::unexpected(damaged());  // encrypted, or a method libzip lacks
  XmlPartParser parser(handler);
  XlsxError error;
  std::string chunk(kReadChunk, '\0');
  zip_uint64_t inflated = 0;
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), chunk.data(), chunk.size());
    if (n < 0) return std::unexpected(damaged());  // a bad checksum, a truncated entry
    inflated += static_cast<zip_uint64_t>(n);
    if (auto refused = over(inflated)) return std::unexpected(std::move(*refused));
    const auto fed = parser.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)), n == 0, part, error);
    if (fed == XmlPartParser::Fed::kFailed) return std::unexpected(std::move(error));
    if (fed == XmlPartParser::Fed::kStopped || n == 0) return {};
  }
}

// "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; "/xl/x.xml" → "xl/x.xml".
std::string resolve_target(std::string_view from_part, std::string_view target) {
  std::vector<std::string> segments;
  if (!target.starts_with('/')) {
    std::string_view dir = from_part.substr(0, from_part.rfind('/') == std::string_view::npos ? 0 : from_part.rfind('/'));
    while (!dir.empty()) {
      const auto slash = dir.find('/');
      segments.emplace_back(dir.substr(0, slash));
      dir = slash == std::string_view::npos ? std::string_view() : dir.substr(slash + 1);
    }
  }
  while (!target.empty()) {
    const auto slash = target.find('/');
    const std::string_view seg = target.substr(0, slash);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.emplace_back(seg);
    }
    target = slash == std::string_view::npos ? std::string_view() : target.substr(slash + 1);
  }
  std::string out;
  for (const auto& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"
std::string rels_of(std::string_view part) {
  const auto slash = part.rfind('/');
  if (slash == std::string_view::npos) return "_rels/" + std::string(part) + ".rels";
  return std::string(part.substr(0, slash)) + "/_rels/" + std::string(part.substr(slash + 1)) + ".rels";
}

struct Relationship {
  std::string type;    // its last segment: "worksheet", "sharedStrings", "styles", "officeDocument"
  std::string target;  // the part it names, resolved
};

class RelationshipsHandler final : public XmlPartHandler {
 public:
  explicit RelationshipsHandler(std::string from) : from_(std::move(from)) {}
  std::map<std::string, Relationship, std::less<>> by_id;

  void on_start(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship" || attribute_or(attrs, "TargetMode") == "External") return;
    std::string_view type = attribute_or(attrs, "Type");
    type = type.substr(type.rfind('/') == std::string_view::npos ? 0 : type.rfind('/') + 1);
    by_id[std::string(attribute_or(attrs, "Id"))] = {std::string(type), resolve_target(from_, attribute_or(attrs, "Target"))};
  }
  void on_end(std::string_view) override {}

 private:
  std::string from_;
};

struct SheetEntry {
  std::string name;
  std::string part;
  bool hidden = false;
};

class WorkbookHandler final : public XmlPartHandler {
 public:
  bool date1904 = false;
  struct Listed {
    std::string name;
    std::string rel_id;
    bool hidden = false;
  };
  std::vector<Listed> sheets;

  void on_start(std::string_view name, const XML_Char** attrs) override {
    if (name == "workbookPr") {
      const std::string_view v = attribute_or(attrs, "date1904");
      date1904 = v == "1" || v == "true";
    } else if (name == "sheet") {
      const std::string_view state = attribute_or(attrs, "state");
      sheets.push_back({std::string(attribute_or(attrs, "name")), std::string(attribute_or(attrs, "id")),
                        state == "hidden" || state == "veryHidden"});
    }
  }
  void on_end(std::string_view) override {}
};

// Excel's escapes of characters XML cannot hold: "_x000D_" is a carriage return, "_x005F_" an
// underscore (so that "_x005F_x000D_" is the text "_x000D_").
void unescape_ooxml(std::string& text) {
  if (text.find("_x") == std::string::npos) return;
  std::string out;
  out.reserve(text.size());
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_') {
      int cp = 0;
      bool ok = true;
      for (std::size_t k = i + 2; k < i + 6; ++k) {
        const int d = hex(text[k]);
        ok = ok && d >= 0;
        cp = cp * 16 + std::max(d, 0);
      }
      // A surrogate stays as written: alone, it is no character.
      if (ok && (cp < 0xD800 || cp > 0xDFFF)) {
        append_utf8(out, static_cast<std::uint32_t>(cp));
        i += 6;
        continue;
      }
    }
    out += text[i];
  }
  text = std::move(out);
}

// The text of a string item (<si> of the shared strings, <is> of an inline string): its <t>, or
// its rich text runs' <t> joined, without the phonetic hints (<rPh>) of East Asian text.
class StringItemText {
 public:
  void start(std::string_view name) {
    if (name == "rPh") ++phonetic_;
    if (name == "t" && phonetic_ == 0) in_text_ = true;
  }
  void end(std::string_view name) {
    if (name == "rPh" && phonetic_ > 0) --phonetic_;
    if (name == "t") in_text_ = false;
  }
  void text(std::string_view t, std::string& into) const {
    if (in_text_) into += t;
  }

 private:
  int phonetic_ = 0;
  bool in_text_ = false;
};

class SharedStringsHandler final : public XmlPartHandler {
 public:
  explicit SharedStringsHandler(const XlsxLimits& limits) : limits_(limits) {}
  std::string text;                  // every string, one after the other
  std::vector<std::size_t> offsets;  // where each begins; one more for the end

  void on_start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      in_item_ = true;
      item_.clear();
      if (offsets.size() >= limits_.max_cells) {
        fail(whole_file(core::msg("directory.xlsx_too_many_cells", {core::count("limit", limits_.max_cells)})));
      }
    } else if (in_item_) {
      item_text_.start(name);
    }
  }
  void on_end(std::string_view name) override {
    if (name == "si" && in_item_) {
      in_item_ = false;
      unescape_ooxml(item_);
      offsets.push_back(text.size());
      text += item_;
    } else if (in_item_) {
      item_text_.end(name);
    }
  }
  void on_text(std::string_view t) override {
    if (in_item_) item_text_.text(t, item_);
  }

 private:
  const XlsxLimits& limits_;
  bool in_item_ = false;
  std::string item_;
  StringItemText item_text_;
};

class StylesHandler final : public XmlPartHandler {
 public:
  std::map<std::size_t, std::string> formats;  // custom number formats: id → code
  std::vector<std::size_t> cell_formats;       // number format id of each cell style (cellXfs)

  void on_start(std::string_view name, const XML_Char** attrs) override {
    if (name == "numFmt") {
      if (auto id = parse_index(attribute_or(attrs, "numFmtId"))) formats[*id] = attribute_or(attrs, "formatCode");
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      cell_formats.push_back(parse_index(attribute_or(attrs, "numFmtId", "0")).value_or(0));
    }
  }
  void on_end(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

 private:
  bool in_cell_xfs_ = false;
};

// Excel's built-in number formats that show a date (with or without a time): m/d/yy, d-mmm-yy,
// d-mmm, mmm-yy, m/d/yy h:mm, and the East Asian ones; times alone (h:mm, mm:ss) are not dates.
bool is_builtin_date_format(std::size_t id) {
  return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

}  // namespace

bool looks_like_zip(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

bool looks_like_ole(std::string_view bytes) { return bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"); }

bool is_date_format_code(std::string_view code) {
  bool quoted = false;
  bool bracket = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      quoted = c != '"';
    } else if (bracket) {
      bracket = c != ']';
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      bracket = true;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // an escaped character, a space as wide as one, a fill character
    } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
      return true;
    }
  }
  return false;
}

std::optional<std::string> excel_serial_date(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < 0) return std::nullopt;
  const auto day = static_cast<std::int64_t>(std::floor(serial));
  std::int64_t unix_day = 0;
  if (date1904) {
    unix_day = day - 24107;  // day 0 is 1904-01-01
  } else {
    // Day 1 is 1900-01-01; day 60 is 1900-02-29, which Lotus 1-2-3 counted and Excel keeps.
    if (day < 1 || day == 60) return std::nullopt;
    unix_day = day < 60 ? day - 25568 : day - 25569;
  }
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{unix_day}}};
  if (int(ymd.year()) > 9999) return std::nullopt;
  return fmt::format("{:04}-{:02}-{:02}", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
}

std::string excel_column_name(std::size_t index) {
  std::string out;
  for (std::size_t n = index + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

std::string excel_general_number(double value) {
  if (std::isfinite(value) && value == std::floor(value) && std::fabs(value) < 1e15) {
    return fmt::format("{}", static_cast<std::int64_t>(value));
  }
  return fmt::format("{:.15G}", value);
}

struct XlsxWorkbook::Impl {
  ZipArchive zip;
  XlsxLimits limits;
  std::vector<SheetEntry> sheets;
  std::vector<std::string> names;
  bool date1904 = false;
  SharedStringsHandler shared{limits};
  std::vector<char> date_styles;  // by cell style index: 1 when its format shows a date
};

XlsxWorkbook::XlsxWorkbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWorkbook::XlsxWorkbook(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook& XlsxWorkbook::operator=(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook::~XlsxWorkbook() = default;

const std::vector<std::string>& XlsxWorkbook::sheets() const { return impl_->names; }

std::size_t XlsxWorkbook::first_sheet() const {
  for (std::size_t i = 0; i < impl_->sheets.size(); ++i) {
    if (!impl_->sheets[i].hidden) return i;
  }
  return 0;
}

std::optional<std::size_t> XlsxWorkbook::find_sheet(std::string_view name) const {
  const auto& names = impl_->names;
  if (auto it = std::find(names.begin(), names.end(), name); it != names.end()) {
    return static_cast<std::size_t>(it - names.begin());
  }
  const std::string folded = core::fold_for_search(name);
  std::optional<std::size_t> found;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (core::fold_for_search(names[i]) != folded) continue;
    if (found) return std::nullopt;
    found = i;
  }
  return found;
}

std::expected<XlsxWorkbook, XlsxError> XlsxWorkbook::open(std::string_view bytes, const XlsxLimits& limits) {
  auto impl = std::make_unique<Impl>();
  impl->limits = limits;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) throw std::bad_alloc();
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (!zip) {
    zip_source_free(source);
    return std::unexpected(damaged());
  }
  impl->zip.reset(zip);
  const zip_int64_t entries = zip_get_num_entries(zip, 0);
  if (entries < 0) return std::unexpected(damaged());
  if (static_cast<std::uint64_t>(entries) > limits.max_entries) {
    return std::unexpected(whole_file(core::msg("directory.xlsx_too_many_entries",
                                                {core::count("count", entries), core::count("limit", limits.max_entries)})));
  }
  const auto read_part = [&](const std::string& name, XmlPartHandler& handler) -> std::expected<bool, XlsxError> {
    const auto index = find_entry(zip, name);
    if (!index) return false;
    auto parsed = parse_entry(zip, *index, limits, handler);
    if (!parsed) return std::unexpected(std::move(parsed.error()));
    return true;
  };

  // The package's relationships name the workbook; Excel's own place for it otherwise.
  std::string workbook_part = "xl/workbook.xml";
  RelationshipsHandler package("");
  if (auto r = read_part("_rels/.rels", package); !r) return std::unexpected(std::move(r.error()));
  for (const auto& [id, rel] : package.by_id) {
    if (rel.type == "officeDocument") workbook_part = rel.target;
  }
  WorkbookHandler workbook;
  auto has_workbook = read_part(workbook_part, workbook);
  if (!has_workbook) return std::unexpected(std::move(has_workbook.error()));
  if (!*has_workbook) return std::unexpected(whole_file(core::msg("directory.xlsx_not_workbook")));
  RelationshipsHandler rels(workbook_part);
  if (auto r = read_part(rels_of(workbook_part), rels); !r) return std::unexpected(std::move(r.error()));
  impl->date1904 = workbook.date1904;
  for (const auto& listed : workbook.sheets) {
    const auto rel = rels.by_id.find(listed.rel_id);
    // Chart sheets and dialog sheets hold no cells.
    if (rel == rels.by_id.end() || rel->second.type != "worksheet") continue;
    impl->sheets.push_back({listed.name, rel->second.target, listed.hidden});
    impl->names.push_back(listed.name);
  }
  if (impl->sheets.empty()) return std::unexpected(whole_file(core::msg("directory.xlsx_no_sheet")));

  std::string shared_part = "xl/sharedStrings.xml";
  std::string styles_part = "xl/styles.xml";
  for (const auto& [id, rel] : rels.by_id) {
    if (rel.type == "sharedStrings") shared_part = rel.target;
    if (rel.type == "styles") styles_part = rel.target;
  }
  if (auto r = read_part(shared_part, impl->shared); !r) return std::unexpected(std::move(r.error()));
  impl->shared.offsets.push_back(impl->shared.text.size());
  StylesHandler styles;
  if (auto r = read_part(styles_part, styles); !r) return std::unexpected(std::move(r.error()));
  for (std::size_t id : styles.cell_formats) {
    const auto custom = styles.formats.find(id);
    impl->date_styles.push_back(custom != styles.formats.end() ? is_date_format_code(custom->second) : is_builtin_date_format(id));
  }
  return XlsxWorkbook(std::move(impl));
}

namespace {

// A worksheet's <sheetData>, row by row: each cell's text into a column of the row, the row to
// the sink at its end.
class SheetHandler final : public XmlPartHandler {
 public:
  SheetHandler(const SharedStringsHandler& shared, const std::vector<char>& date_styles, bool date1904,
               const XlsxLimits& limits, const CsvRecordSink& sink)
      : shared_(shared), date_styles_(date_styles), date1904_(date1904), limits_(limits), sink_(sink) {}

  std::size_t current_row() const override { return row_; }

  void on_start(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheetData") {
      in_data_ = true;
    } else if (!in_data_) {
      return;
    } else if (name == "row") {
      start_row(attrs);
    } else if (name == "c" && in_row_) {
      start_cell(attrs);
    } else if (!in_cell_) {
      return;
    } else if (name == "v") {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (in_inline_) {
      inline_text_.start(name);
    }
  }

  void on_end(std::string_view name) override {
    if (name == "sheetData") {
      in_data_ = false;
    } else if (name == "row" && in_row_) {
      end_row();
    } else if (name == "c" && in_cell_) {
      end_cell();
    } else if (name == "v") {
      in_value_ = false;
    } else if (name == "is") {
      in_inline_ = false;
    } else if (in_inline_) {
      inline_text_.end(name);
    }
  }

  void on_text(std::string_view t) override {
    if (in_value_) value_ += t;
    if (in_inline_) inline_text_.text(t, inline_);
  }

 private:
  // Where a cell's text is: a shared string, or a text of this row.
  struct Slot {
    enum Kind : std::uint8_t { kEmpty, kShared, kOwned } kind = kEmpty;
    std::size_t index = 0;
  };

  void refuse_reference(std::string_view reference) {
    fail({row_, core::msg("directory.xlsx_reference_invalid", {core::quoted("reference", std::string(reference))})});
  }

  void start_row(const XML_Char** attrs) {
    in_row_ = true;
    slots_.clear();
    owned_count_ = 0;
    next_column_ = 0;
    if (const char* r = xml_attribute(attrs, "r")) {
      const auto number = parse_index(r);
      if (!number || *number < 1 || *number > kExcelRows) return refuse_reference(r);
      row_ = *number;
    } else {
      ++row_;
    }
  }

  void start_cell(const XML_Char** attrs) {
    if (++cell_elements_ > limits_.max_cells) return too_many_cells();
    in_cell_ = true;
    value_.clear();
    inline_.clear();
    inline_text_ = {};
    type_ = attribute_or(attrs, "t", "n");
    const auto style = parse_index(attribute_or(attrs, "s", "0")).value_or(0);
    date_ = style < date_styles_.size() && date_styles_[style] != 0;
    column_ = next_column_;
    if (const char* ref = xml_attribute(attrs, "r")) {
      std::size_t col = 0;
      std::size_t i = 0;
      const std::string_view r(ref);
      for (; i < r.size() && std::isalpha(static_cast<unsigned char>(r[i])) && col <= kExcelColumns; ++i) {
        col = col * 26 + static_cast<std::size_t>(std::toupper(static_cast<unsigned char>(r[i])) - 'A' + 1);
      }
      if (i == 0 || col > kExcelColumns) return refuse_reference(r);
      column_ = col - 1;
    }
    if (column_ >= kExcelColumns) return refuse_reference(attribute_or(attrs, "r", "?"));
    next_column_ = column_ + 1;
  }

  void too_many_cells() { fail({row_, core::msg("directory.xlsx_too_many_cells", {core::count("limit", limits_.max_cells)})}); }

  void own(std::string text) {
    if (text.empty()) return;
    if (owned_count_ == owned_.size()) owned_.emplace_back();
    owned_[owned_count_] = std::move(text);
    put({Slot::kOwned, owned_count_++});
  }
  void put(Slot slot) {
    if (slots_.size() <= column_) slots_.resize(column_ + 1);
    slots_[column_] = slot;
  }

  void end_cell() {
    in_cell_ = false;
    in_value_ = false;
    in_inline_ = false;
    if (type_ == "s") {
      const auto index = parse_index(value_);
      if (!index || *index + 1 >= shared_.offsets.size()) {
        return fail({row_, core::msg("directory.xlsx_shared_string_missing", {core::quoted("index", value_)})});
      }
      if (shared_.offsets[*index + 1] > shared_.offsets[*index]) put({Slot::kShared, *index});
    } else if (type_ == "inlineStr" || (!inline_.empty() && value_.empty())) {
      unescape_ooxml(inline_);
      own(std::move(inline_));
    } else if (type_ == "str" || type_ == "e") {
      unescape_ooxml(value_);
      own(std::move(value_));
    } else if (type_ == "b") {
      own(value_ == "1" ? "true" : value_ == "0" ? "false" : value_);
    } else if (type_ == "d") {
      // An ISO 8601 date (strict OOXML): the date, whatever time follows.
      own(value_.size() >= 10 && value_[4] == '-' && value_[7] == '-' ? value_.substr(0, 10) : value_);
    } else {
      double number = 0;
      const char* begin = value_.data();
      const char* end = begin + value_.size();
      while (begin < end && *begin == ' ') ++begin;
      const auto [stop, ec] = std::from_chars(begin, end, number);
      if (value_.empty() || ec != std::errc() || stop != end) return own(std::move(value_));
      std::optional<std::string> date;
      if (date_) date = excel_serial_date(number, date1904_);
      own(date ? std::move(*date) : excel_general_number(number));
    }
  }

  void end_row() {
    in_row_ = false;
    if (slots_.empty()) return;  // no value: a row Excel keeps for its height or its style
    width_total_ += slots_.size();
    if (width_total_ > limits_.max_cells) return too_many_cells();
    fields_.clear();
    for (const Slot& s : slots_) {
      if (s.kind == Slot::kShared) {
        fields_.emplace_back(shared_.text.data() + shared_.offsets[s.index], shared_.offsets[s.index + 1] - shared_.offsets[s.index]);
      } else if (s.kind == Slot::kOwned) {
        fields_.emplace_back(owned_[s.index]);
      } else {
        fields_.emplace_back();
      }
    }
    if (!sink_(row_, fields_)) stop();
  }

  const SharedStringsHandler& shared_;
  const std::vector<char>& date_styles_;
  bool date1904_;
  const XlsxLimits& limits_;
  const CsvRecordSink& sink_;

  bool in_data_ = false;
  bool in_row_ = false;
  bool in_cell_ = false;
  bool in_value_ = false;
  bool in_inline_ = false;
  std::size_t row_ = 0;
  std::size_t next_column_ = 0;
  std::size_t column_ = 0;
  std::uint64_t cell_elements_ = 0;
  std::uint64_t width_total_ = 0;
  std::string type_;
  bool date_ = false;
  std::string value_;
  std::string inline_;
  StringItemText inline_text_;
  std::vector<Slot> slots_;
  std::vector<std::string> owned_;  // kept from row to row, for their buffers
  std::size_t owned_count_ = 0;
  std::vector<std::string_view> fields_;
};

}  // namespace

std::expected<void, XlsxError> XlsxWorkbook::for_each_row(std::size_t index, const CsvRecordSink& row) const {
  const SheetEntry& sheet = impl_->sheets.at(index);
  const auto entry = find_entry(impl_->zip.get(), sheet.part);
  if (!entry) return std::unexpected(damaged());
  SheetHandler handler(impl_->shared, impl_->date_styles, impl_->date1904, impl_->limits, row);
  return parse_entry(impl_->zip.get(), *entry, impl_->limits, handler);
}

}  // namespace binome::io
