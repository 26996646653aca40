// libFuzzer target: a matching problem as the command line and the API read it (docs/matching.md),
// from its JSON text to the result file: JSON problems with scores as triples or from a .npy
// matrix, profile problems (io/profile_json.hpp), and re-match requests ({"problem", "previous",
// "dissolve"}, io/rematch_json.hpp). A problem that parses is solved as `binome match solve`
// solves it (app::Matching without a database) and its result written. Besides the sanitizers,
// it fails where the command line reports a bug of the engine: an optimum whose proof does not
// check, a stable matching with blocking pairs.
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <expected>
#include <string>
#include <string_view>

#include "broken.hpp"
#include "app/caller.hpp"
#include "app/matching.hpp"
#include "io/matching_json.hpp"
#include "io/npy.hpp"
#include "io/rematch_json.hpp"

namespace {

namespace io = binome::io;
using binome::core::matching::Optimality;

// The date the command line would take from its clock: fixed, so that an input always reads alike.
const std::string kToday = "2026-12-07";
const binome::app::Matching kEngine(nullptr);
const binome::app::Caller kOperator = binome::app::Caller::operator_at_cli("fuzz");

// No file system: "scores_npy" names a matrix by its sizes ("4x3.npy": 4 mentees, 3 mentors),
// written as numpy.save writes it and read back by the real reader; any other name is a file
// that cannot be read.
std::expected<io::NpyMatrix, binome::core::Message> load_sized_npy(const std::string& path) {
  unsigned rows = 0;
  unsigned cols = 0;
  char rest[8] = {};
  if (std::sscanf(path.c_str(), "%3ux%3u%7s", &rows, &cols, rest) != 3 || std::strcmp(rest, ".npy") != 0 ||
      rows > 64 || cols > 64) {
    return std::unexpected(binome::core::msg("matching.npy_not_npy"));
  }
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + std::to_string(rows) + ", " +
                       std::to_string(cols) + "), }";
  header.resize(117, ' ');  // the data 64-byte aligned, as numpy writes it
  header += '\n';
  std::string bytes = "\x93NUMPY\x01";
  bytes += '\0';
  bytes += static_cast<char>(header.size() & 0xFF);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  for (unsigned i = 0; i < rows * cols; ++i) {
    // Ties, negative scores and not-allowed pairs (NaN), as analysts' matrices have them.
    const double score = i % 11 == 5 ? std::nan("") : static_cast<double>((i * 7) % 5) / 4.0 - 0.25;
    char cell[sizeof score];
    std::memcpy(cell, &score, sizeof score);
    bytes.append(cell, sizeof cell);
  }
  return io::read_npy(bytes);
}

void check_proof(const Optimality& optimality) {
  if (!optimality.optimal) binome::fuzz::broken("the optimum's proof does not check", optimality.failure);
}

// Written as the API writes it (http/json_mapping.cpp's dump): invalid UTF-8 replaced, not thrown.
void write_result(const io::Json& result) {
  const std::string text = result.dump(-1, ' ', false, io::Json::error_handler_t::replace);
  if (text.empty()) binome::fuzz::broken("an empty result");
}

void solve_problem(const io::Json& doc) {
  const auto input = io::parse_matching_problem(doc, load_sized_npy, kToday);
  if (!input) return;
  if (input->algorithm == io::MatchingAlgorithm::kStable) {
    const auto stable = kEngine.solve_stable(kOperator, input->problem);
    if (!stable) return;
    if (stable->stable.blocking_pairs != 0) {
      binome::fuzz::broken("a stable matching with blocking pairs", std::to_string(stable->stable.blocking_pairs));
    }
    write_result(io::stable_matching_result_json(*input, stable->stable, stable->optimal_total, stable->optimal,
                                                 stable->solve_ms));
    return;
  }
  const auto solved = kEngine.solve(kOperator, input->problem);
  if (!solved) return;
  check_proof(solved->optimality);
  write_result(io::matching_result_json(*input, solved->result, solved->optimality, solved->solve_ms));
}

void solve_rematch(const io::Json& doc) {
  const auto input = io::parse_rematch_request(doc, load_sized_npy, kToday);
  if (!input) return;
  const auto solved = kEngine.rematch(kOperator, input->problem.problem, input->previous, input->dissolved_pairs());
  if (!solved) return;
  check_proof(solved->optimality);
  write_result(io::rematch_result_json(*input, solved->result, solved->optimality, solved->solve_ms));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Parsed as both read it: without exceptions, a document that is not JSON refused.
  const io::Json doc = io::Json::parse(std::string_view(reinterpret_cast<const char*>(data), size), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return 0;
  // The API's re-match body is one document of three parts; anything else is a problem.
  if (doc.contains("problem") || doc.contains("previous") || doc.contains("dissolve")) {
    solve_rematch(doc);
  } else {
    solve_problem(doc);
  }
  return 0;
}
