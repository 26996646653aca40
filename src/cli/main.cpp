// The composition root: everything is wired in cli/commands.cpp.
#include "cli/commands.hpp"

int main(int argc, char** argv) { return binome::cli::run(argc, argv); }
