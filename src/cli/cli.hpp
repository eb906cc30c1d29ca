// The `throughline` command line: serve, migrate, user add, token create, version, and the
// HTTP client commands items list|add|show|edit|move and search (cli/items_commands.hpp).
// Every flag also reads THROUGHLINE_<FLAG> from the environment (--data-dir →
// THROUGHLINE_DATA_DIR). A bad flag or value prints one line and exits with 2.
// The entry point, Run(argc, argv, opener), is declared in cli/store_opener.hpp.
#pragma once

#include "cli/store_opener.hpp"
