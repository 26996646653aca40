// POST /api/v1/matching/solve: a self-contained matching problem in, the optimal (or, with
// "algorithm": "stable", the stable) pairs out (docs/matching.md). POST /api/v1/matching/rematch:
// the same problem, a previous result and pairs to dissolve in, the re-matched pairs out.
// Thin: parse (io), call app::Matching, render (io).
#include "core/weekly_slots.hpp"
#include "http/api.hpp"
#include "http/json_mapping.hpp"
#include "http/routes.hpp"
#include "io/matching_json.hpp"
#include "io/rematch_json.hpp"

namespace binome::http {

namespace {

// The request's document, read against the server's matching limits (app::Matching::limits): a
// document over them is refused while it is read (413), before it is built whole. Otherwise the
// same answers as parse_json_object.
core::Result<Json> read_matching_body(const ApiRequest& r, const io::MatchingLimits& limits) {
  if (!r.content_type.starts_with("application/json")) return core::fail(core::ErrorCode::kUnsupportedMediaType);
  auto doc = io::parse_matching_json(r.body, limits, r.stop);
  if (!doc && doc.error().code == core::ErrorCode::kMalformedJson) return core::fail(core::ErrorCode::kMalformedJson);
  if (!doc) return std::unexpected(std::move(doc.error()));
  if (!doc->is_object()) return core::fail(core::ErrorCode::kMalformedJson, core::msg("error.json_not_object"));
  return doc;
}

// A result rendered once the stop was requested may be incomplete (the census of a profile
// problem gives up): the request answers that it was stopped instead.
core::Result<Reply> unless_stopped(const ApiRequest& r, Json result) {
  if (r.stop.stop_requested()) return std::unexpected(core::matching::stopped_error());
  return json_reply(200, result);
}

}  // namespace

void add_matching_routes(Routes& routes, const ApiContext& api) {
  const app::Services& app = api.app;
  // No files on the server's side: a problem sent to the API carries its scores.
  const io::NpyLoader no_files;
  routes.add(Method::kPost, "/api/v1/matching/solve", {true, [&app, no_files](ApiRequest& r) -> core::Result<Reply> {
               const io::MatchingLimits& limits = app.matching.limits();
               auto body = read_matching_body(r, limits);
               if (!body) return std::unexpected(body.error());
               auto input = io::parse_matching_problem(*body, no_files, core::utc_day(app.clock.now()), limits);
               if (!input) return std::unexpected(input.error());
               if (input->algorithm == io::MatchingAlgorithm::kStable) {
                 auto stable = app.matching.solve_stable(r.caller(), input->problem, r.stop);
                 if (!stable) return std::unexpected(stable.error());
                 return unless_stopped(r, io::stable_matching_result_json(*input, stable->stable, stable->optimal_total,
                                                                          stable->optimal, stable->solve_ms, r.stop));
               }
               auto solved = app.matching.solve(r.caller(), input->problem, r.stop);
               if (!solved) return std::unexpected(solved.error());
               return unless_stopped(
                   r, io::matching_result_json(*input, solved->result, solved->optimality, solved->solve_ms, r.stop));
             }, core::Action::kSolveMatching});
  routes.add(Method::kPost, "/api/v1/matching/rematch", {true, [&app, no_files](ApiRequest& r) -> core::Result<Reply> {
               const io::MatchingLimits& limits = app.matching.limits();
               auto body = read_matching_body(r, limits);
               if (!body) return std::unexpected(body.error());
               auto input = io::parse_rematch_request(*body, no_files, core::utc_day(app.clock.now()), limits);
               if (!input) return std::unexpected(input.error());
               auto solved = app.matching.rematch(r.caller(), input->problem.problem, input->previous,
                                                  input->dissolved_pairs(), r.stop);
               if (!solved) return std::unexpected(solved.error());
               return unless_stopped(
                   r, io::rematch_result_json(*input, solved->result, solved->optimality, solved->solve_ms, r.stop));
             }, core::Action::kRematch});
}

}  // namespace binome::http
