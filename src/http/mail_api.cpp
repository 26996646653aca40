// Routes of the outbox (admins): the messages and their state, one message with its parts,
// sending a failed one again, and a test message.
#include "core/time.hpp"
#include "http/api.hpp"
#include "http/mail_json.hpp"
#include "http/routes.hpp"

namespace binome::http {

namespace {

Json optional_time(const std::optional<core::Millis>& at) { return at ? Json(core::format_iso8601(*at)) : Json(nullptr); }

core::Result<core::OutboxQuery> outbox_query(const ApiRequest& r) {
  core::OutboxQuery q;
  q.kind = query_value(r.query, "kind");
  if (const std::string status = query_value(r.query, "status"); !status.empty()) {
    q.status = core::mail_status_from_name(status);
    if (!q.status) {
      return std::unexpected(invalid_parameter(
          "status", core::msg("mail.status_invalid", {core::text("values", "pending, sending, sent, failed")})));
    }
  }
  auto page = page_param(r.query);
  if (!page) return std::unexpected(page.error());
  q.page = *page;
  return q;
}

}  // namespace

Json outbox_json(const app::OutboxEntry& entry, core::Language language, bool detail) {
  const core::OutboxMessage& m = entry.message;
  Json links = Json::array();
  if (entry.link) {
    links.push_back({{"label", core::render(core::msg("mail.link." + std::string(core::link_purpose_name(entry.link->purpose))), language)},
                     {"url", entry.link->url},
                     {"expires_at", core::format_iso8601(entry.link->expires_at)}});
  }
  Json attachment = nullptr;
  if (m.mail.attachment) {
    attachment = {{"file_name", m.mail.attachment->file_name},
                  {"content_type", m.mail.attachment->content_type},
                  {"size", entry.attachment_size}};
  }
  Json out = {{"id", m.id},
              {"kind", m.mail.kind},
              {"kind_label", core::render(core::msg("mail.kind." + m.mail.kind), language)},
              {"message_id", m.message_id},
              {"to", {{"email", m.mail.to_email}, {"name", m.mail.to_name}}},
              {"language", std::string(core::language_code(m.mail.language))},
              {"subject", m.mail.subject},
              {"status", std::string(core::mail_status_name(m.status))},
              {"attempts", m.attempts},
              {"next_attempt_at", m.status == core::MailStatus::kPending ? optional_time(m.next_attempt_at) : Json(nullptr)},
              {"last_error", m.last_error.empty() ? Json(nullptr) : Json(m.last_error)},
              {"created_at", core::format_iso8601(m.created_at)},
              {"sent_at", optional_time(m.sent_at)},
              {"links", std::move(links)},
              {"attachment", std::move(attachment)}};
  if (detail) {
    out["text"] = entry.bodies.text;
    out["html"] = entry.bodies.html;
  }
  return out;
}

void add_mail_routes(Routes& routes, const ApiContext& api) {
  const app::Mail& mail = api.app.mail;
  const auto message_id = [](ApiRequest& r) {
    return path_id(r, "id", core::msg("mail.no_message", {core::text("id", std::string(r.params.at("id")))}));
  };
  routes.add(Method::kGet, "/api/v1/outbox", {true, [&mail](ApiRequest& r) -> core::Result<Reply> {
               auto query = outbox_query(r);
               if (!query) return std::unexpected(query.error());
               auto page = mail.list(r.caller(), *query);
               if (!page) return std::unexpected(page.error());
               Json items = Json::array();
               for (const auto& entry : page->items) items.push_back(outbox_json(entry, r.language, false));
               Reply reply = json_reply(200, {{"items", std::move(items)}, {"total", page->total},
                                              {"smtp_configured", mail.smtp_configured()}});
               // It carries links that open accounts.
               reply.headers.emplace_back("Cache-Control", "no-store");
               return reply;
             }});
  routes.add(Method::kGet, "/api/v1/outbox/{id}", {true, [&mail, message_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = message_id(r);
               if (!id) return std::unexpected(id.error());
               auto entry = mail.get(r.caller(), *id);
               if (!entry) return std::unexpected(entry.error());
               Reply reply = json_reply(200, outbox_json(*entry, r.language, true));
               reply.headers.emplace_back("Cache-Control", "no-store");
               return reply;
             }});
  routes.add(Method::kPost, "/api/v1/outbox/{id}/retry", {true, [&mail, message_id](ApiRequest& r) -> core::Result<Reply> {
               auto id = message_id(r);
               if (!id) return std::unexpected(id.error());
               auto entry = mail.retry(r.caller(), *id);
               if (!entry) return std::unexpected(entry.error());
               return json_reply(200, outbox_json(*entry, r.language, false));
             }});
  routes.add(Method::kPost, "/api/v1/outbox/test", {true, [&mail](ApiRequest& r) -> core::Result<Reply> {
               auto body = parse_json_object(r);
               if (!body) return std::unexpected(body.error());
               Fields f(*body);
               auto email = f.string("email", true);
               const core::Language language = f.language("language", r.language);
               if (auto e = f.error()) return std::unexpected(*e);
               auto entry = mail.send_test(r.caller(), *email, language);
               if (!entry) return std::unexpected(entry.error());
               Reply reply = json_reply(201, outbox_json(*entry, r.language, false));
               reply.headers.emplace_back("Location", "/api/v1/outbox/" + std::to_string(entry->message.id));
               return reply;
             }});
}

}  // namespace binome::http
