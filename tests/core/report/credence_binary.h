// Running the built `credence` binary (CREDENCE_BINARY) from tests, as a user
// would: the golden and command tests of reports share these helpers.
#ifndef CREDENCE_TESTS_CORE_REPORT_CREDENCE_BINARY_H_
#define CREDENCE_TESTS_CORE_REPORT_CREDENCE_BINARY_H_

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace credence::testing {

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A fresh, empty folder for the running test, under the temp directory:
// PREFIX-PID-TESTNAME (the pid keeps parallel ctest runs apart).
inline std::filesystem::path FreshTestDir(const std::string& prefix) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      (prefix + "-" + std::to_string(getpid()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// 'text' for /bin/sh, whatever it holds.
inline std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `credence --db DB ARGS` (ARGS already quoted for the shell), stdout to
// `out`, stderr to `err` (both truncated first). Returns the exit code, -1 when
// the process did not exit normally.
inline int RunCredence(const std::filesystem::path& db, const std::string& args,
                       const std::filesystem::path& out, const std::filesystem::path& err) {
  const std::string command = ShellQuote(CREDENCE_BINARY) + " --db " + ShellQuote(db.string()) +
                              " " + args + " >" + ShellQuote(out.string()) + " 2>" +
                              ShellQuote(err.string());
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace credence::testing

#endif  // CREDENCE_TESTS_CORE_REPORT_CREDENCE_BINARY_H_
