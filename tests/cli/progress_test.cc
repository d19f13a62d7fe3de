// Progress of import, score and learn (cli/command.h ProgressLine): a
// self-overwriting line on stderr when stderr is a terminal (checked through a
// pseudo-terminal), nothing with --quiet, and nothing extra when stderr is a
// file, as scripts and CI see it.
#include <gtest/gtest.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/core/report/credence_binary.h"

namespace {

namespace fs = std::filesystem;
using credence::testing::ReadFile;
using credence::testing::ShellQuote;

constexpr std::string_view kEraseLine = "\r\033[K";

struct Outcome {
  int exit_code = -1;
  std::string terminal;  // everything the command wrote to its terminal
};

// Runs `credence --db DB ARGS...` with stdin, stdout and stderr on a new
// pseudo-terminal, and returns what it wrote there.
Outcome RunOnTerminal(const fs::path& db, const std::vector<std::string>& args) {
  Outcome outcome;
  int master = -1;
  const pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) return outcome;
  if (pid == 0) {
    std::vector<std::string> words = {"credence", "--db", db.string()};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& w : words) argv.push_back(w.data());
    argv.push_back(nullptr);
    execv(CREDENCE_BINARY, argv.data());
    _exit(127);
  }
  char buf[4096];
  for (;;) {
    const ssize_t n = read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has exited and closed the terminal
    outcome.terminal.append(buf, static_cast<std::size_t>(n));
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return outcome;
}

class Progress : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = credence::testing::FreshTestDir("credence-progress");
    db_ = dir_ / "credence.db";
    example_ = fs::path(CREDENCE_SOURCE_DIR) / "examples/constructed-denials.json";
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `credence --db DB ARGS` with stdout and stderr to files; returns stderr.
  std::string RunToFiles(const std::string& args, int expected_exit = 0) {
    const fs::path out = dir_ / "out", err = dir_ / "err";
    EXPECT_EQ(credence::testing::RunCredence(db_, args, out, err), expected_exit) << args;
    return ReadFile(err);
  }

  fs::path dir_, db_, example_;
};

TEST_F(Progress, ShownOnATerminalAndClearedBeforeTheResult) {
  Outcome import = RunOnTerminal(db_, {"import", example_.string()});
  ASSERT_EQ(import.exit_code, 0) << import.terminal;
  EXPECT_NE(import.terminal.find(std::string(kEraseLine) + example_.string() + ": checking"),
            std::string::npos)
      << import.terminal;

  Outcome score = RunOnTerminal(db_, {"score"});
  ASSERT_EQ(score.exit_code, 0) << score.terminal;
  for (const char* step : {"credence score: loading the store",
                           "credence score: scoring 2 claims, 4 links",
                           "credence score: saving the run (2 claims)"}) {
    EXPECT_NE(score.terminal.find(std::string(kEraseLine) + step), std::string::npos)
        << step << " in " << score.terminal;
  }
  // The line is erased before the result is printed.
  EXPECT_NE(score.terminal.find(std::string(kEraseLine) + "run 1: scored 2 claims"),
            std::string::npos)
      << score.terminal;

  Outcome learn = RunOnTerminal(db_, {"learn", "--name", "t"});
  ASSERT_EQ(learn.exit_code, 0) << learn.terminal;
  EXPECT_NE(learn.terminal.find(std::string(kEraseLine) + "credence learn: fitting on 2 claims"),
            std::string::npos)
      << learn.terminal;
}

TEST_F(Progress, QuietShowsNoneOnATerminal) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--quiet", "import", example_.string()},
        std::vector<std::string>{"score", "--quiet"}, std::vector<std::string>{"-q", "learn"}}) {
    Outcome o = RunOnTerminal(db_, args);
    EXPECT_EQ(o.exit_code, 0) << o.terminal;
    EXPECT_EQ(o.terminal.find("\033["), std::string::npos) << args[0] << ": " << o.terminal;
    EXPECT_EQ(o.terminal.find("loading"), std::string::npos) << o.terminal;
  }
}

TEST_F(Progress, NothingExtraWhenStderrIsAFile) {
  EXPECT_EQ(RunToFiles("import " + ShellQuote(example_.string())), "");
  EXPECT_EQ(RunToFiles("score"), "");
  // learn's one summary line is a message, not progress: it stays, alone.
  const std::string learned = RunToFiles("learn --name t");
  EXPECT_TRUE(learned.starts_with("fit t: ")) << learned;
  EXPECT_EQ(learned.find('\r'), std::string::npos);
  EXPECT_EQ(learned.find('\n'), learned.size() - 1) << learned;
  EXPECT_EQ(RunToFiles("--quiet learn --name t"), "");
  EXPECT_EQ(RunToFiles("--quiet score"), "");
}

}  // namespace
