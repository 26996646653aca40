// Operational routes: /healthz (no login), /metrics (admins) and the OpenAPI document.
#include <span>

#include "embedded_file.hpp"
#include "http/api.hpp"
#include "http/json_mapping.hpp"
#include "http/metrics.hpp"
#include "http/routes.hpp"

namespace binome::http {

std::span<const EmbeddedFile> embedded_openapi();  // generated from docs/openapi.json

void add_operations_routes(Routes& routes, const ApiContext& api) {
  const app::Operations& operations = api.app.operations;
  routes.add(Method::kGet, "/healthz", {false, [&operations](ApiRequest&) -> core::Result<Reply> {
               const bool ok = operations.database_ready();
               return json_reply(ok ? 200 : 503, {{"status", ok ? "ok" : "unavailable"}});
             }});
  routes.add(Method::kGet, "/metrics", {true, [&operations, &api](ApiRequest& r) -> core::Result<Reply> {
               auto stats = operations.database_stats(r.caller());
               if (!stats) return std::unexpected(stats.error());
               return Reply{200, "text/plain; version=0.0.4; charset=utf-8",
                            api.request_metrics() + database_metrics(*stats), {}};
             }});
  routes.add(Method::kGet, "/api/v1/openapi.json", {false, [](ApiRequest&) -> core::Result<Reply> {
               return Reply{200, "application/json", std::string(embedded_openapi().front().content), {}};
             }});
}

}  // namespace binome::http
