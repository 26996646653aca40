// The composition root of the application layer: every use case, built once over one database
// and one clock. The HTTP service, the command line and the tests all take a Services; a new
// capability is one more member here (and one line in the constructor).
//
//   auto services = app::Services::open("sqlite:binome.db", clock, {}, app::SchemaPolicy::kMigrate, caller);
//   services->accounts.login(email, password, client);
#pragma once

#include <map>
#include <memory>
#include <string>

#include "app/accounts.hpp"
#include "app/audit.hpp"
#include "app/caller.hpp"
#include "app/clock.hpp"
#include "app/crypto.hpp"
#include "app/jobs.hpp"
#include "app/mail.hpp"
#include "app/matching.hpp"
#include "app/operations.hpp"
#include "app/overview.hpp"
#include "app/people.hpp"
#include "app/programs.hpp"
#include "core/error.hpp"

namespace binome::store {
class Database;
}

namespace binome::app {

struct Settings {
  AccountSettings accounts;
  MailSettings mail;  // binome serve --public-url, --smtp-url, --mail-from, --secret-file...
  Argon2Params password_hashing = Argon2Params::interactive();
  io::MatchingLimits matching_limits = io::MatchingLimits::server();  // binome serve --max-matching-*
};

// What to do with a database whose schema is older than this binary's.
enum class SchemaPolicy {
  kMigrate,         // bring it up to date first (serve, demo)
  kRequireCurrent,  // refuse to work on it rather than fail half-way (every other command)
  kAsIs,            // leave it (the migrate command itself)
};

class Services {
 public:
  // Over a database the caller owns (tests).
  Services(store::Database& db, const Clock& clock, Settings settings = {});
  // Opens the database at `url` (sqlite:PATH, sqlite::memory:, postgresql://...) and owns it.
  // An out-of-date schema under kRequireCurrent is refused (a Result error); a database that
  // cannot be opened throws, as infrastructure failures do.
  static core::Result<std::unique_ptr<Services>> open(const std::string& url, const Clock& clock,
                                                      Settings settings, SchemaPolicy policy,
                                                      const Caller& operator_caller);
  ~Services();
  Services(const Services&) = delete;
  Services& operator=(const Services&) = delete;

 private:
  std::unique_ptr<store::Database> owned_database_;  // first: destroyed last

 public:
  const Clock& clock;
  const Settings settings;
  const PasswordHasher hasher;
  const AuditLog audit;
  const Jobs jobs;
  const Mail mail;
  const Accounts accounts;
  const People people;
  const Matching matching;
  const Programs programs;
  const Overviews overview;
  const Operations operations;

  // What runs each kind of background job (for the workers of `binome serve`).
  std::map<std::string, JobHandler> job_handlers() const;

 private:
  Services(std::unique_ptr<store::Database> db, const Clock& clock, Settings settings);
};

}  // namespace binome::app
