#pragma once

#include <stdexcept>
#include <string>

namespace factledger {

// Base of every error factledger throws; `what()` is a lower-case message naming the place and
// quoting the value, e.g. `articles/a.html: invalid UTF-8 at byte 1187`.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Bad input (a file, a record, a user's SQL). Callers skip the input and go on.
class InputError : public Error {
public:
  using Error::Error;
};

// The ledger cannot be opened, migrated or written.
class LedgerError : public Error {
public:
  using Error::Error;
};

// Bad command-line usage.
class UsageError : public Error {
public:
  using Error::Error;
};

} // namespace factledger
