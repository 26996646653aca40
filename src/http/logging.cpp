#include "http/logging.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace binome::http {

namespace {

// %j: the message as a JSON string literal, quotes included, so any text stays valid JSON.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    const std::string text = nlohmann::json(std::string(msg.payload.data(), msg.payload.size()))
                                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
  }
  std::unique_ptr<custom_flag_formatter> clone() const override {
    return std::make_unique<JsonMessageFlag>();
  }
};

}  // namespace

void setup_logging() {
  if (spdlog::get("access")) return;
  // One sink per logger: a sink holds its logger's formatter.
  auto events = std::make_shared<spdlog::logger>(
      "binome", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  auto formatter = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
  formatter->add_flag<JsonMessageFlag>('j').set_pattern(
      R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","message":%j})");
  events->set_formatter(std::move(formatter));
  spdlog::set_default_logger(events);

  // Access lines are whole JSON objects already; the time is added around them.
  auto access = std::make_shared<spdlog::logger>(
      "access", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  access->set_formatter(std::make_unique<spdlog::pattern_formatter>(
      R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","log":%v})", spdlog::pattern_time_type::utc));
  spdlog::register_logger(access);
}

}  // namespace binome::http
