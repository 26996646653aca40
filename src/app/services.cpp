#include "app/services.hpp"

#include "store/sql.hpp"

namespace binome::app {

Services::Services(store::Database& db, const Clock& clock_in, Settings settings_in)
    : clock(clock_in),
      settings(settings_in),
      hasher(settings.password_hashing),
      audit(db, clock),
      jobs(db, clock, audit),
      mail(db, clock, audit, settings.mail),
      accounts(db, clock, hasher, audit, mail, settings.accounts),
      people(db, clock, audit, jobs),
      matching(&audit, settings.matching_limits),
      programs(db, clock, audit),
      overview(db, audit),
      operations(db, clock, audit) {}

Services::Services(std::unique_ptr<store::Database> db, const Clock& clock_in, Settings settings_in)
    : Services(*db, clock_in, settings_in) {
  owned_database_ = std::move(db);
}

Services::~Services() = default;

std::map<std::string, JobHandler> Services::job_handlers() const {
  return {{std::string(core::kJobImportEmployees), [this](const JobRun& run) { return people.run_import_job(run); }}};
}

core::Result<std::unique_ptr<Services>> Services::open(const std::string& url, const Clock& clock,
                                                       Settings settings, SchemaPolicy policy,
                                                       const Caller& operator_caller) {
  std::unique_ptr<Services> services(new Services(store::open_database(url), clock, settings));
  if (policy == SchemaPolicy::kMigrate) {
    services->operations.migrate(operator_caller);
  } else if (policy == SchemaPolicy::kRequireCurrent) {
    const SchemaStatus status = services->operations.schema_status();
    if (!status.up_to_date()) {
      const std::string shown = redact_database_url(url);
      return core::fail(core::ErrorCode::kConflict,
                        core::msg("operations.schema_outdated",
                                  {core::text("database", shown), core::count("current", status.current),
                                   core::count("expected", status.expected), core::text("url", shown)}));
    }
  }
  return services;
}

}  // namespace binome::app
