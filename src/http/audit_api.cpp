// Routes of the audit log: a page of entries (each as a sentence in the reader's language), the
// actions it records (for the filter), and the CSV export. Program managers only.
#include "core/time.hpp"
#include "http/api.hpp"
#include "http/json_mapping.hpp"
#include "http/routes.hpp"

namespace binome::http {

namespace {

Json to_json(const app::AuditView& v, core::Language language) {
  const core::AuditEntry& e = v.entry;
  Json detail = Json::parse(e.detail, nullptr, false);
  if (detail.is_discarded()) detail = Json::object();
  return {{"id", e.id},
          {"at", core::format_iso8601(e.at)},
          {"actor", e.actor},
          {"actor_name", v.actor_name ? Json(*v.actor_name) : Json(nullptr)},
          {"action", e.action},
          {"action_label", core::render(v.action_label, language)},
          {"summary", core::render(v.summary, language)},
          {"resource", e.resource},
          {"source", e.source},
          {"client", e.client},
          {"outcome", e.outcome},
          {"detail", detail}};
}

// The filters shared by the list and the export.
core::Result<core::AuditQuery> audit_query(const ApiRequest& r) {
  core::AuditQuery q;
  q.actor = query_value(r.query, "actor");
  q.action = query_value(r.query, "action");
  auto from = instant_param(r.query, "from");
  if (!from) return std::unexpected(from.error());
  auto to = instant_param(r.query, "to");
  if (!to) return std::unexpected(to.error());
  q.from = *from;
  q.to = *to;
  return q;
}

}  // namespace

void add_audit_routes(Routes& routes, const ApiContext& api) {
  const app::AuditLog& audit = api.app.audit;
  routes.add(Method::kGet, "/api/v1/audit", {true, [&audit](ApiRequest& r) -> core::Result<Reply> {
               auto query = audit_query(r);
               if (!query) return std::unexpected(query.error());
               auto page = page_param(r.query);
               if (!page) return std::unexpected(page.error());
               query->page = *page;
               auto entries = audit.list(r.caller(), *query);
               if (!entries) return std::unexpected(entries.error());
               Json items = Json::array();
               for (const auto& v : entries->items) items.push_back(to_json(v, r.language));
               return json_reply(200, {{"items", items}, {"total", entries->total}});
             }});
  routes.add(Method::kGet, "/api/v1/audit/actions", {true, [&audit](ApiRequest& r) -> core::Result<Reply> {
               auto actions = audit.actions(r.caller());
               if (!actions) return std::unexpected(actions.error());
               Json items = Json::array();
               for (const auto& a : *actions) {
                 items.push_back({{"code", a.code}, {"label", core::render(a.label, r.language)}});
               }
               return json_reply(200, {{"items", items}});
             }});
  routes.add(Method::kGet, "/api/v1/audit/export", {true, [&audit, &api](ApiRequest& r) -> core::Result<Reply> {
               auto query = audit_query(r);
               if (!query) return std::unexpected(query.error());
               auto csv = audit.export_csv(r.caller(), *query, r.language);
               if (!csv) return std::unexpected(csv.error());
               const std::string day = core::format_iso8601(api.app.clock.now()).substr(0, 10);
               return Reply{200, "text/csv; charset=utf-8", std::move(*csv),
                            {{"Content-Disposition", "attachment; filename=\"binome-audit-" + day + ".csv\""}}};
             }});
}

}  // namespace binome::http
