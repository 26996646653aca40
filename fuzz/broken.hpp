// What a fuzz target does when an input breaks a promise the sanitizers cannot see: say which
// (with the target's name, from the command line), then abort, so that libFuzzer keeps the input
// as a crash.
#pragma once

#include <errno.h>  // program_invocation_short_name (glibc)

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace binome::fuzz {

[[noreturn]] inline void broken(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "%s: %.*s%s%.*s\n", program_invocation_short_name, static_cast<int>(what.size()), what.data(),
               detail.empty() ? "" : ": ", static_cast<int>(detail.size()), detail.data());
  std::abort();
}

}  // namespace binome::fuzz
