#include "http/jobs_json.hpp"

#include "core/time.hpp"
#include "http/problem.hpp"

namespace binome::http {

namespace {

Json optional_instant(const std::optional<core::Millis>& at) {
  return at ? Json(core::format_iso8601(*at)) : Json(nullptr);
}

}  // namespace

Json job_json(const core::Job& job, core::Language language) {
  const core::JobProgress& p = job.progress;
  Json out = {
      {"id", job.id},
      {"kind", job.kind},
      {"kind_label", core::render(core::msg("jobs.kind." + job.kind), language)},
      {"status", core::job_status_name(job.status)},
      {"progress",
       {{"phase", p.phase},
        {"phase_label", p.phase.empty() ? "" : core::render(core::msg("jobs.phase." + p.phase), language)},
        {"done", p.done},
        {"total", p.total}}},
      {"started_by", job.started_by_name},
      {"cancel_requested", job.cancel_requested},
      {"attempts", job.attempts},
      {"worker", job.worker},
      {"created_at", core::format_iso8601(job.created_at)},
      {"started_at", optional_instant(job.started_at)},
      {"finished_at", optional_instant(job.finished_at)},
      {"updated_at", core::format_iso8601(job.updated_at)},
  };
  out["params"] = Json::parse(job.params, nullptr, false);
  if (out["params"].is_discarded()) out["params"] = Json::object();
  out["result"] = job.result.empty() ? Json(nullptr) : Json::parse(job.result, nullptr, false);
  if (out["result"].is_discarded()) out["result"] = nullptr;
  out["error"] = job.error ? problem_json(*job.error, language) : Json(nullptr);
  return out;
}

Reply job_accepted_reply(const core::Job& job, core::Language language) {
  Reply reply = json_reply(202, job_json(job, language));
  reply.headers.emplace_back("Location", "/api/v1/jobs/" + std::to_string(job.id));
  return reply;
}

}  // namespace binome::http
