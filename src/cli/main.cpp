#include "cli/cli.hpp"

int main(int argc, char** argv) {
  return factledger::cli::run_cli(argc, argv);
}
