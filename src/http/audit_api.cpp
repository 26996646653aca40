// Routes of the audit log: a page of entries (each as a sentence in the reader's language), the
// actions it records (for the filter), and the CSV export. Program managers only.
#include "core/time.hpp"
#include "http/api.hpp"
#include "http/json_mapping.hpp"
#include "http/routes.hpp"

namespace binome::http {

namespace {

void write_json(JsonWriter& w, const app::AuditView& v, core::Language language) {
  const core::AuditEntry& e = v.entry;
  w.begin_object();
  w.key("id").value(e.id).key("at").value(core::format_iso8601(e.at));
  w.key("actor").value(e.actor).key("actor_name").value_or_null(v.actor_name.value_or(""));
  w.key("action").value(e.action).key("action_label").value(core::render(v.action_label, language));
  w.key("summary").value(core::render(v.summary, language));
  w.key("resource").value(e.resource).key("source").value(e.source).key("client").value(e.client);
  w.key("outcome").value(e.outcome);
  // The detail is a flat object of strings (core::audit_detail_json): read back as pairs.
  w.key("detail").begin_object();
  for (const auto& [k, val] : core::parse_audit_detail(e.detail)) w.key(k).value(val);
  w.end_object();
  w.end_object();
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
               JsonWriter w(64 + entries->items.size() * 500);
               w.begin_object().key("items").begin_array();
               for (const auto& v : entries->items) write_json(w, v, r.language);
               w.end_array().key("total").value(entries->total).end_object();
               return json_reply(200, std::move(w).text());
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
