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

void add_matching_routes(Routes& routes, const ApiContext& api) {
  const app::Services& app = api.app;
  // No files on the server's side: a problem sent to the API carries its scores.
  const io::NpyLoader no_files;
  routes.add(Method::kPost, "/api/v1/matching/solve", {true, [&app, no_files](ApiRequest& r) -> core::Result<Reply> {
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               auto input = io::parse_matching_problem(*body, no_files, core::utc_day(app.clock.now()));
               if (!input) return std::unexpected(input.error());
               if (input->algorithm == io::MatchingAlgorithm::kStable) {
                 auto stable = app.matching.solve_stable(r.caller(), input->problem);
                 if (!stable) return std::unexpected(stable.error());
                 return json_reply(200, io::stable_matching_result_json(*input, stable->stable, stable->optimal_total,
                                                                        stable->optimal, stable->solve_ms));
               }
               auto solved = app.matching.solve(r.caller(), input->problem);
               if (!solved) return std::unexpected(solved.error());
               return json_reply(200, io::matching_result_json(*input, solved->result, solved->optimality, solved->solve_ms));
             }, core::Action::kSolveMatching});
  routes.add(Method::kPost, "/api/v1/matching/rematch", {true, [&app, no_files](ApiRequest& r) -> core::Result<Reply> {
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               auto input = io::parse_rematch_request(*body, no_files, core::utc_day(app.clock.now()));
               if (!input) return std::unexpected(input.error());
               auto solved = app.matching.rematch(r.caller(), input->problem.problem, input->previous,
                                                  input->dissolved_pairs());
               if (!solved) return std::unexpected(solved.error());
               return json_reply(200, io::rematch_result_json(*input, solved->result, solved->optimality, solved->solve_ms));
             }, core::Action::kRematch});
}

}  // namespace binome::http
