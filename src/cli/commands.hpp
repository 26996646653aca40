// The command line: `binome [--db URL] COMMAND ...`. Parses, wires the layers, runs.
#pragma once

namespace binome::cli {

// Exit codes: 0 success; 1 the command was refused (bad input, not found, conflict, a broken
// audit chain); 2 usage errors (from CLI11: unknown option, missing value); 3 infrastructure
// failures (the database cannot be opened or answered with an error).
int run(int argc, char** argv);

}  // namespace binome::cli
