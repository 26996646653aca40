// The PostgreSQL driver (libpq): a pool of connections shared by the request workers.
#pragma once

#include <memory>
#include <string>

#include "store/sql.hpp"

namespace binome::store {

std::unique_ptr<Database> open_postgres(const std::string& url, int pool_size);

}  // namespace binome::store
