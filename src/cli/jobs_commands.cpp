// binome jobs list|show|cancel: the background jobs that the servers run.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "core/time.hpp"
#include "http/jobs_json.hpp"

namespace binome::cli {

namespace {

struct JobListOptions {
  std::string status;
  std::string kind;
  bool json = false;
};

struct JobOptions {
  std::int64_t id = 0;
  bool json = false;
};

// "writing the file 1,200/5,000" in the reader's language.
std::string progress_text(const Context& context, const core::Job& job) {
  const core::JobProgress& p = job.progress;
  if (job.status != core::JobStatus::kRunning || p.phase.empty()) return std::string(core::job_status_name(job.status));
  std::string out = fmt::format("{} ({})", core::job_status_name(job.status), context.say(core::msg("jobs.phase." + p.phase)));
  if (p.total > 0) out += fmt::format(" {}/{}", p.done, p.total);
  return out;
}

}  // namespace

void add_jobs_commands(CLI::App& app, Context& context) {
  auto* jobs = app.add_subcommand("jobs", "Background jobs (large imports...) that the servers run.")->require_subcommand(1);

  auto list = std::make_shared<JobListOptions>();
  auto* jobs_list = jobs->add_subcommand("list", "List jobs, newest first.");
  jobs_list->add_option("--status", list->status, "Only jobs in this status (queued, running, succeeded, failed, cancelled)");
  jobs_list->add_option("--kind", list->kind, "Only jobs of this kind (employees.import)");
  jobs_list->add_flag("--json", list->json, "One JSON object per line");
  context.on(jobs_list, [&context, list] {
    core::JobQuery query;
    query.kind = list->kind;
    if (!list->status.empty()) {
      query.status = core::job_status_from_name(list->status);
      if (!query.status) refuse(core::msg("jobs.status_invalid", {core::text("values", "queued, running, succeeded, failed, cancelled")}));
    }
    query.page.limit = 1000;
    const auto& service = context.open().jobs;
    for (query.page.offset = 0;; query.page.offset += query.page.limit) {
      auto page = value_or_refuse(service.list(context.caller, query));
      for (const auto& job : page.items) {
        if (list->json) {
          print_json_line(http::job_json(job, context.language));
        } else {
          fmt::print("{}\t{}\t{}\t{}\t{}\n", job.id, job.kind, progress_text(context, job), job.started_by_name,
                     core::format_iso8601(job.created_at));
        }
      }
      if (query.page.offset + query.page.limit >= page.total) break;
    }
    return 0;
  });

  auto show = std::make_shared<JobOptions>();
  auto* jobs_show = jobs->add_subcommand("show", "One job: its progress, then its result or why it failed.");
  jobs_show->add_option("id", show->id, "The job's id")->required();
  jobs_show->add_flag("--json", show->json, "As JSON, as GET /api/v1/jobs/{id} answers");
  context.on(jobs_show, [&context, show] {
    const auto job = value_or_refuse(context.open().jobs.get(context.caller, show->id));
    if (show->json) {
      write_json("", http::job_json(job, context.language));
      return 0;
    }
    fmt::print("job {}: {}\n", job.id, context.say(core::msg("jobs.kind." + job.kind)));
    fmt::print("status: {}\n", progress_text(context, job));
    fmt::print("started by: {} at {}\n", job.started_by_name, core::format_iso8601(job.created_at));
    if (job.finished_at) fmt::print("finished at: {}\n", core::format_iso8601(*job.finished_at));
    fmt::print("attempts: {}{}\n", job.attempts, job.worker.empty() ? "" : " (last on " + job.worker + ")");
    if (!job.result.empty()) fmt::print("result: {}\n", job.result);
    // Its error as the import's own would be printed, the job in place of the file.
    if (job.error) print_error(context, *job.error, fmt::format("job {}", job.id));
    return 0;
  });

  auto cancel = std::make_shared<JobOptions>();
  auto* jobs_cancel = jobs->add_subcommand("cancel", "Cancel a job: a queued one at once, a running one at its next check.");
  jobs_cancel->add_option("id", cancel->id, "The job's id")->required();
  context.on(jobs_cancel, [&context, cancel] {
    const auto job = value_or_refuse(context.open().jobs.cancel(context.caller, cancel->id));
    fmt::print("job {}: {}\n", job.id,
               job.status == core::JobStatus::kCancelled ? "cancelled" : "asked to stop; it writes nothing");
    return 0;
  });
}

}  // namespace binome::cli
