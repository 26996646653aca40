// A background job as the API writes it (GET /api/v1/jobs/{id}, and the 202 answer of a
// request that queued one): its progress with the phase in the reader's language, and its
// result (the JSON the job answered) or its error (as problem+json would word it).
#pragma once

#include "core/job.hpp"
#include "core/message.hpp"
#include "http/json_mapping.hpp"

namespace binome::http {

Json job_json(const core::Job& job, core::Language language);
// 202 Accepted with the job and its Location.
Reply job_accepted_reply(const core::Job& job, core::Language language);

}  // namespace binome::http
