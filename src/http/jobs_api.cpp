// Routes of background jobs: one job (its progress, then its result or error), the caller's
// jobs (an admin's: everyone's), and cancelling one. The starter and admins only.
#include "core/time.hpp"
#include "http/api.hpp"
#include "http/jobs_json.hpp"
#include "http/json_mapping.hpp"
#include "http/routes.hpp"

namespace binome::http {

namespace {

core::Result<core::JobQuery> job_query(const ApiRequest& r) {
  core::JobQuery q;
  q.kind = query_value(r.query, "kind");
  if (const std::string status = query_value(r.query, "status"); !status.empty()) {
    q.status = core::job_status_from_name(status);
    if (!q.status) {
      return std::unexpected(invalid_parameter(
          "status", core::msg("jobs.status_invalid", {core::text("values", "queued, running, succeeded, failed, cancelled")})));
    }
  }
  auto page = page_param(r.query);
  if (!page) return std::unexpected(page.error());
  q.page = *page;
  return q;
}

}  // namespace

void add_jobs_routes(Routes& routes, const ApiContext& api) {
  const app::Jobs& jobs = api.app.jobs;
  const auto not_found = [](ApiRequest& r) {
    return path_id(r, "id", core::msg("jobs.no_job", {core::text("id", std::string(r.params.at("id")))}));
  };
  routes.add(Method::kGet, "/api/v1/jobs", {true, [&jobs](ApiRequest& r) -> core::Result<Reply> {
               auto query = job_query(r);
               if (!query) return std::unexpected(query.error());
               auto page = jobs.list(r.caller(), *query);
               if (!page) return std::unexpected(page.error());
               Json items = Json::array();
               for (const auto& job : page->items) items.push_back(job_json(job, r.language));
               return json_reply(200, {{"items", std::move(items)}, {"total", page->total}});
             }});
  routes.add(Method::kGet, "/api/v1/jobs/{id}", {true, [&jobs, not_found](ApiRequest& r) -> core::Result<Reply> {
               auto id = not_found(r);
               if (!id) return std::unexpected(id.error());
               auto job = jobs.get(r.caller(), *id);
               if (!job) return std::unexpected(job.error());
               return json_reply(200, job_json(*job, r.language));
             }});
  routes.add(Method::kPost, "/api/v1/jobs/{id}/cancel", {true, [&jobs, not_found](ApiRequest& r) -> core::Result<Reply> {
               auto id = not_found(r);
               if (!id) return std::unexpected(id.error());
               auto job = jobs.cancel(r.caller(), *id);
               if (!job) return std::unexpected(job.error());
               return json_reply(200, job_json(*job, r.language));
             }});
}

}  // namespace binome::http
