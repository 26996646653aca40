#include "core/job.hpp"

#include <array>

namespace binome::core {

namespace {

constexpr std::array<std::string_view, 5> kJobStatusNames = {"queued", "running", "succeeded", "failed",
                                                             "cancelled"};

}  // namespace

std::string_view job_status_name(JobStatus status) { return kJobStatusNames[static_cast<std::size_t>(status)]; }

std::optional<JobStatus> job_status_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kJobStatusNames.size(); ++i) {
    if (kJobStatusNames[i] == name) return static_cast<JobStatus>(i);
  }
  return std::nullopt;
}

Error job_abandoned_error(std::int64_t attempts) {
  return Error{ErrorCode::kInternalError, msg("jobs.abandoned", {count("attempts", attempts)}), {}};
}

Error job_cancelled_error() { return Error{ErrorCode::kConflict, msg("jobs.cancelled"), {}}; }

}  // namespace binome::core
