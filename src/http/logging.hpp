// Logs as JSON lines on standard error, which a bank's SIEM can read: the default logger for
// events, and the "access" logger for one line per request.
#pragma once

namespace binome::http {

// Idempotent; call once at start-up before serving.
void setup_logging();

}  // namespace binome::http
