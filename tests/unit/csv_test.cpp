// CSV as French Excel writes it: RFC 4180 quoting with the physical line of each record, line
// endings, the BOM, encodings (UTF-8, Windows-1252, a clear refusal of UTF-16), delimiter
// detection, and that what append_csv_row writes reads back as it was.
#include "io/csv.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>
#include <utility>
#include <vector>
#include "support/messages.hpp"

namespace binome::io {
namespace {

using test_support::en;
using test_support::fields_of;

using namespace std::string_literals;
using ::testing::HasSubstr;

using Fields = std::vector<std::string>;
// A record as a user sees it: the line it starts on and its fields.
using Line = std::pair<std::size_t, Fields>;

CsvTable read_table_ok(std::string_view bytes, CsvOptions options = {}) {
  auto t = read_csv(bytes, options);
  EXPECT_TRUE(t) << "line " << t.error().line << ": " << t.error().message;
  return t.value_or(CsvTable{});
}

std::vector<Line> lines(const CsvTable& t) {
  std::vector<Line> out;
  for (const auto& r : t.records) out.emplace_back(r.line, r.fields);
  return out;
}

std::vector<Line> read_lines(std::string_view bytes, CsvOptions options = {}) {
  return lines(read_table_ok(bytes, options));
}

CsvError read_error(std::string_view bytes, CsvOptions options = {}) {
  auto t = read_csv(bytes, options);
  EXPECT_FALSE(t) << "the file was read, with " << t->records.size() << " records";
  return t ? CsvError{} : t.error();
}

// --- RFC 4180 quoting ------------------------------------------------------------------------

TEST(Csv, QuotedFieldsHoldDelimitersDoubledQuotesAndLineBreaks) {
  const std::string file =
      "matricule;poste;note\n"
      "E1;\"Chargé d'affaires; PME\";\"il a dit \"\"bonjour\"\"\"\n"
      "E2;\"Conseiller\nclientèle\nsenior\";\"\"\n"
      "E3;Trader;\"\"\"\"\n";
  EXPECT_EQ(read_lines(file),
            (std::vector<Line>{{1, {"matricule", "poste", "note"}},
                               {2, {"E1", "Chargé d'affaires; PME", "il a dit \"bonjour\""}},
                               {3, {"E2", "Conseiller\nclientèle\nsenior", ""}},
                               // The field above spans lines 3 to 5: the next record is on 6.
                               {6, {"E3", "Trader", "\""}}}));
}

TEST(Csv, LineNumbersCountLineBreaksInsideQuotesWithEveryLineEnding) {
  // The same file with CRLF, LF and lone CR: a record after a 3-line field starts 3 lines later.
  for (const std::string& eol : {"\r\n"s, "\n"s, "\r"s}) {
    const std::string file = "id;title" + eol + "1;\"one" + eol + "two" + eol + "three\"" + eol +
                             "2;after" + eol + "3;\"x" + eol + "y\"" + eol + "4;last";
    const auto got = read_lines(file);
    ASSERT_EQ(got.size(), 5u) << "end of line " << ::testing::PrintToString(eol);
    EXPECT_EQ(got[0].first, 1u);
    EXPECT_EQ(got[1].first, 2u);
    EXPECT_EQ(got[1].second[1], "one" + eol + "two" + eol + "three");
    EXPECT_EQ(got[2], (Line{5, {"2", "after"}})) << "end of line " << ::testing::PrintToString(eol);
    EXPECT_EQ(got[3].first, 6u) << "end of line " << ::testing::PrintToString(eol);
    EXPECT_EQ(got[4], (Line{8, {"4", "last"}})) << "end of line " << ::testing::PrintToString(eol);
  }
}

TEST(Csv, CrlfLfAndLoneCrEndRecordsAlikeAndMayBeMixed) {
  const std::vector<Line> expected = {{1, {"a", "b"}}, {2, {"1", "2"}}, {3, {"3", "4"}}};
  EXPECT_EQ(read_lines("a;b\r\n1;2\r\n3;4\r\n"), expected);
  EXPECT_EQ(read_lines("a;b\n1;2\n3;4\n"), expected);
  EXPECT_EQ(read_lines("a;b\r1;2\r3;4\r"), expected);
  EXPECT_EQ(read_lines("a;b\r\n1;2\r3;4"), expected) << "mixed, and no final line break";
  // A CR is never left at the end of the last field (what a naive LF split does).
  EXPECT_EQ(read_lines("a;b\r\n")[0].second, (Fields{"a", "b"}));
}

TEST(Csv, TextAfterAClosingQuoteStaysInTheField) {
  EXPECT_EQ(read_lines("a;b\n\"x\"y;z\n")[1].second, (Fields{"xy", "z"}));
}

TEST(Csv, AShortRecordKeepsTheFieldsItHas) {
  EXPECT_EQ(read_lines("a;b;c\n1\n1;2;\n"),
            (std::vector<Line>{{1, {"a", "b", "c"}}, {2, {"1"}}, {3, {"1", "2", ""}}}));
}

TEST(Csv, BlankLinesAndLinesOfDelimitersAreSkippedButCounted) {
  EXPECT_EQ(read_lines("a;b\n\n;;;;\n1;2\r\n\r\n;\n\"\";\n3;4\n;;;;\n;;;;\n"),
            (std::vector<Line>{{1, {"a", "b"}}, {4, {"1", "2"}}, {8, {"3", "4"}}}));
  EXPECT_TRUE(read_table_ok("").records.empty());
  EXPECT_TRUE(read_table_ok("\n\r\n;;;\n").records.empty());
}

TEST(Csv, AnUnterminatedQuoteIsReportedWhereTheFieldStarts) {
  const CsvError e = read_error("a;b\n1;2\n3;\"open\nmore\nstill open\n");
  EXPECT_EQ(e.line, 3u);
  EXPECT_THAT(en(e.message), HasSubstr("closing quote"));
  // A quote inside an unquoted field is just a character, not an opening quote.
  EXPECT_EQ(read_lines("a;b\n5\" screen;2\n")[1].second, (Fields{"5\" screen", "2"}));
  EXPECT_EQ(read_error("\"a;b\r\n1;2\r\n").line, 1u);
  EXPECT_EQ(read_error("a;b\r\n1;\"x\r\ny\"\r\n2;\"open\r\n").line, 4u)
      << "after a field of two lines, the next quoted field opens on line 4";
}

// --- encodings -------------------------------------------------------------------------------

TEST(Csv, AUtf8BomIsStrippedAndSaysUtf8) {
  const CsvTable t = read_table_ok("\xEF\xBB\xBFmatricule;nom\r\nE1;Hélène\r\n");
  EXPECT_EQ(t.encoding, Encoding::kUtf8);
  EXPECT_EQ(lines(t), (std::vector<Line>{{1, {"matricule", "nom"}}, {2, {"E1", "Hélène"}}}));
}

TEST(Csv, InvalidUtf8IsAnErrorNamingItsLineWhenUtf8IsAsked) {
  const std::string file = "nom;ville\nAda;Paris\nH\xE9l\xE8ne;Lyon\n";
  const CsvError e = read_error(file, {.encoding = Encoding::kUtf8});
  EXPECT_EQ(e.line, 3u);
  EXPECT_THAT(en(e.message), HasSubstr("UTF-8"));
  EXPECT_THAT(en(e.message), HasSubstr("Windows-1252"));
  // After a multi-line quoted field, and with a BOM (which promises UTF-8 even in auto mode).
  const CsvError after_bom =
      read_error("\xEF\xBB\xBFnom;poste\nAda;\"a\nb\"\nH\xE9l\xE8ne;x\n", {});
  EXPECT_EQ(after_bom.line, 4u);
  // Lone CR line ends count as lines too.
  EXPECT_EQ(read_error("nom\rAda\rH\xE9l\xE8ne\r", {.encoding = Encoding::kUtf8}).line, 3u);
}

TEST(Csv, AutoDetectionReadsWindows1252AndConvertsFrenchLettersAndTheEuro) {
  // é è ç œ € É À in Windows-1252, as French Excel's "CSV (separator: semicolon)" writes them.
  const std::string file =
      "nom;pr\xE9nom;note\r\n"
      "Lef\xE8vre;Fran\xE7ois;\x9Cuvre \xE0 10 \x80\r\n"
      "\xC9lan;\xC9ric;\r\n";
  const CsvTable t = read_table_ok(file);
  EXPECT_EQ(t.encoding, Encoding::kWindows1252);
  EXPECT_EQ(lines(t), (std::vector<Line>{{1, {"nom", "prénom", "note"}},
                                         {2, {"Lefèvre", "François", "œuvre à 10 €"}},
                                         {3, {"Élan", "Éric", ""}}}));
  // The same when asked for explicitly.
  EXPECT_EQ(lines(read_table_ok(file, {.encoding = Encoding::kWindows1252})), lines(t));
  // Valid UTF-8 (and plain ASCII) is read as UTF-8.
  EXPECT_EQ(read_table_ok("nom\nHélène œ €\n").encoding, Encoding::kUtf8);
  EXPECT_EQ(read_table_ok("nom\nHélène œ €\n").records[1].fields[0], "Hélène œ €");
  EXPECT_EQ(read_table_ok("nom\nAda\n").encoding, Encoding::kUtf8);
}

TEST(Csv, Utf16IsRefusedWithAClearMessage) {
  for (const std::string& bom : {"\xFF\xFE"s, "\xFE\xFF"s}) {
    const std::string file = bom + "n\0o\0m\0\n\0"s;
    for (Encoding enc : {Encoding::kAuto, Encoding::kUtf8, Encoding::kWindows1252}) {
      const CsvError e = read_error(file, {.encoding = enc});
      EXPECT_EQ(e.line, 1u);
      EXPECT_THAT(en(e.message), HasSubstr("UTF-16"));
      EXPECT_THAT(en(e.message), HasSubstr("CSV UTF-8"));
    }
  }
}

TEST(Csv, EncodingNames) {
  EXPECT_EQ(encoding_name(Encoding::kAuto), "auto");
  EXPECT_EQ(encoding_name(Encoding::kUtf8), "utf-8");
  EXPECT_EQ(encoding_name(Encoding::kWindows1252), "windows-1252");
}

// --- delimiters ------------------------------------------------------------------------------

TEST(Csv, TheDelimiterIsDetectedFromTheHeaderLine) {
  EXPECT_EQ(read_table_ok("matricule;nom;prénom\n1;Dupont;Jean, Marc\n").delimiter, ';');
  EXPECT_EQ(read_table_ok("id,last,first\n1,Smith;Jones,Ann\n").delimiter, ',');
  EXPECT_EQ(read_table_ok("id\tlast\tfirst\n1\tSmith, J.\tAnn\n").delimiter, '\t');
  EXPECT_EQ(read_lines("id\tlast\tfirst\n1\tSmith, J.\tAnn\n")[1].second,
            (Fields{"1", "Smith, J.", "Ann"}));
  // The most frequent one wins; ';' wins a tie (French Excel).
  EXPECT_EQ(read_table_ok("a,b,c;d\n").delimiter, ',');
  EXPECT_EQ(read_table_ok("a;b,c\n").delimiter, ';');
  EXPECT_EQ(read_table_ok("a\tb,c;d\n").delimiter, ';');
  // Delimiters inside quoted headers do not count.
  EXPECT_EQ(read_table_ok("\"nom; prénom; etc\",email,site\n").delimiter, ',');
  EXPECT_EQ(read_lines("\"nom; prénom; etc\",email,site\n")[0].second,
            (Fields{"nom; prénom; etc", "email", "site"}));
  // Only the header line counts, even when later lines are full of another delimiter.
  EXPECT_EQ(read_table_ok("a;b\n1,2,3,4,5;6\n").delimiter, ';');
  // A single column.
  EXPECT_EQ(read_table_ok("nom\nDupont\n").delimiter, ',');
}

TEST(Csv, BlankLinesBeforeTheHeaderDoNotHideItsDelimiter) {
  const CsvTable t = read_table_ok("\r\n\r\nMatricule;Nom;Prénom\r\nE1;Dupont;Jean, Marc\r\n");
  EXPECT_EQ(t.delimiter, ';');
  EXPECT_EQ(lines(t), (std::vector<Line>{{3, {"Matricule", "Nom", "Prénom"}},
                                         {4, {"E1", "Dupont", "Jean, Marc"}}}));
}

TEST(Csv, AnExplicitDelimiterOverridesDetection) {
  const CsvTable t = read_table_ok("a;b|c;d\n1;2|3;4\n", {.delimiter = '|'});
  EXPECT_EQ(t.delimiter, '|');
  EXPECT_EQ(lines(t), (std::vector<Line>{{1, {"a;b", "c;d"}}, {2, {"1;2", "3;4"}}}));
}

// --- writing ---------------------------------------------------------------------------------

TEST(Csv, AppendCsvRowQuotesOnlyWhatNeedsIt) {
  std::string out;
  append_csv_row(out, {"plain", "a;b", "say \"hi\"", "two\nlines", "cr\rhere", "a,b", "é"}, ';');
  EXPECT_EQ(out, "plain;\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";\"cr\rhere\";a,b;é\r\n");
  out.clear();
  append_csv_row(out, {"a,b", "c;d"}, ',', "\n");
  EXPECT_EQ(out, "\"a,b\",c;d\n");
}

// Random fields made of the pieces that trouble CSV writers and readers.
rc::Gen<std::string> gen_field() {
  static const std::vector<std::string> kPieces = {"a",  "Z",    "7",  " ",    ";",    ",", "\t",
                                                   "\"", "\"\"", "\r", "\n",   "\r\n", "é", "È",
                                                   "œ",  "€",    "ß",  "日本", "'",    "|"};
  return rc::gen::map(rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(kPieces)),
                      [](const std::vector<std::string>& parts) {
                        std::string s;
                        for (const auto& p : parts) s += p;
                        return s;
                      });
}

// Physical line breaks before `end`: CRLF, LF and a lone CR each count once.
std::size_t line_breaks(std::string_view text, std::size_t end) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') ++n;
    if (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n')) ++n;
  }
  return n;
}

RC_GTEST_PROP(Csv, AppendedRowsReadBackWithTheirLines, ()) {
  const char delim = *rc::gen::elementOf(std::vector<char>{';', ',', '\t'});
  const std::string eol = *rc::gen::elementOf(std::vector<std::string>{"\r\n", "\n"});
  const auto width = *rc::gen::inRange<std::size_t>(1, 5);
  const auto rows = *rc::gen::resize(
      30, rc::gen::container<std::vector<Fields>>(rc::gen::container<Fields>(width, gen_field())));
  std::string file;
  std::vector<std::size_t> starts;
  std::vector<Fields> expected;
  for (const auto& row : rows) {
    // A row of empty fields is a blank line, which readers skip.
    bool blank = true;
    for (const auto& f : row) blank = blank && f.empty();
    if (blank) continue;
    starts.push_back(file.size());
    expected.push_back(row);
    append_csv_row(file, row, delim, eol);
  }
  for (Encoding enc : {Encoding::kUtf8, Encoding::kAuto}) {
    auto t = read_csv(file, {.delimiter = delim, .encoding = enc});
    RC_ASSERT(t.has_value());
    RC_ASSERT(t->encoding == Encoding::kUtf8);
    RC_ASSERT(t->records.size() == expected.size());
    for (std::size_t r = 0; r < expected.size(); ++r) {
      RC_ASSERT(t->records[r].fields == expected[r]);
      RC_ASSERT(t->records[r].line == 1 + line_breaks(file, starts[r]));
    }
  }
  // With a header that has every column, detection finds the delimiter on its own.
  if (width >= 2 && !expected.empty()) {
    std::string with_header;
    append_csv_row(with_header, Fields(width, "h"), delim, eol);
    with_header += file;
    auto t = read_csv(with_header, {});
    RC_ASSERT(t.has_value());
    RC_ASSERT(t->delimiter == delim);
    RC_ASSERT(t->records.size() == expected.size() + 1);
    RC_ASSERT(t->records.back().fields == expected.back());
  }
}

}  // namespace
}  // namespace binome::io
