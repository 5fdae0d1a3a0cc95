#pragma once

namespace factledger::cli {

// Exit codes of the factledger command (also listed in --help and the README).
enum ExitCode : int {
  k_exit_ok = 0,           // everything processed
  k_exit_input_failed = 1, // some inputs failed (reported on stderr); the rest was processed
  k_exit_usage = 2,        // bad command line
  k_exit_ledger = 3,       // the ledger is unusable (cannot open, newer schema, corrupt)
};

// Parse `argv` and run one subcommand. Errors are printed once, as `factledger: error: ...`.
int run_cli(int argc, char** argv);

} // namespace factledger::cli
