// POST /api/v1/matching/solve: a self-contained matching problem in, the optimal (or, with
// "algorithm": "stable", the stable) pairs out (docs/matching.md). Thin: parse, call
// app::solve_matching or app::solve_stable_matching, render. POST /api/v1/matching/rematch: the
// same problem, a previous result and pairs to dissolve in, the re-matched pairs out.
#include "app/matching.hpp"
#include "http/api.hpp"
#include "http/matching_json.hpp"
#include "http/problem.hpp"
#include "http/rematch_json.hpp"

namespace binome::http {

void add_matching_routes(Router<Route>& router, const ApiServices& s) {
  router.add(beast_http::verb::post, "/api/v1/matching/solve", {true, [&s](ApiRequest& r) {
               auto body = parse_json_object(r.req);
               if (!body) return problem_response(body.error());
               // No files on the server's side: a problem sent to the API carries its scores.
               auto input = parse_matching_problem(*body, nullptr);
               if (!input) return problem_response(input.error());
               if (input->algorithm == MatchingAlgorithm::kStable) {
                 auto stable = app::solve_stable_matching(r.caller(), input->problem, &s.audit);
                 if (!stable) return problem_response(stable.error());
                 return json_response(200, stable_matching_result_json(*input, stable->stable, stable->optimal_total,
                                                                       stable->optimal, stable->solve_ms));
               }
               auto solved = app::solve_matching(r.caller(), input->problem, &s.audit);
               if (!solved) return problem_response(solved.error());
               return json_response(200, matching_result_json(*input, solved->result,
                                                              solved->optimality, solved->solve_ms));
             }});
  router.add(beast_http::verb::post, "/api/v1/matching/rematch", {true, [&s](ApiRequest& r) {
               auto body = parse_json_object(r.req);
               if (!body) return problem_response(body.error());
               auto input = parse_rematch_request(*body, nullptr);
               if (!input) return problem_response(input.error());
               auto solved = app::rematch_matching(r.caller(), input->problem.problem, input->previous,
                                                   input->dissolved_pairs(), &s.audit);
               if (!solved) return problem_response(solved.error());
               return json_response(200, rematch_result_json(*input, solved->result, solved->optimality,
                                                             solved->solve_ms));
             }});
}

}  // namespace binome::http
