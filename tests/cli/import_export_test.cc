// `credence import` and `credence export` as a user runs them: the built
// binary, its exit codes, stdout summaries and stderr messages.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

struct Output {
  int code = -1;
  std::string out, err;
};

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path Scratch() {
  const auto* info = testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = fs::path(testing::TempDir()) / (std::string("credence_cli_") + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Runs the binary in `dir` with `args` (a shell-quoted string), capturing
// stdout and stderr in files.
Output Credence(const fs::path& dir, const std::string& args, const std::string& stdin_file = "") {
  std::string cmd = "cd '" + dir.string() + "' && '" CREDENCE_BINARY "' " + args + " >out.txt 2>err.txt";
  if (!stdin_file.empty()) cmd += " <'" + stdin_file + "'";
  int status = std::system(cmd.c_str());
  Output o;
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  o.out = Slurp(dir / "out.txt");
  o.err = Slurp(dir / "err.txt");
  return o;
}

void Write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out << text;
}

constexpr const char* kGood =
    "{\"type\":\"source\",\"id\":\"tass\",\"name\":\"ТАСС\",\"kind\":\"state_media\"}\n"
    "{\"type\":\"claim\",\"id\":\"c1\",\"text\":\"北京 😀 e\xcc\x81\"}\n"
    "{\"type\":\"link\",\"source\":\"tass\",\"claim\":\"c1\",\"stance\":\"supports\","
    "\"mode\":\"originates\"}\n";

TEST(CliImport, PrintsASummaryPerFileAndExportsCanonically) {
  fs::path dir = Scratch();
  Write(dir / "a.jsonl", kGood);
  Output imp = Credence(dir, "--db s.db import a.jsonl");
  EXPECT_EQ(imp.code, 0) << imp.err;
  EXPECT_EQ(imp.out, "a.jsonl: 3 records: 3 added, 0 unchanged, 0 replaced\n");
  EXPECT_EQ(imp.err, "");
  Output exp = Credence(dir, "--db s.db export");
  EXPECT_EQ(exp.code, 0);
  EXPECT_EQ(exp.out, std::string("{\"format\":\"credence-case/1\"}\n") + kGood);
}

TEST(CliImport, ABadFileChangesNothingAndLaterFilesAreStillTried) {
  fs::path dir = Scratch();
  Write(dir / "a.jsonl", kGood);
  Write(dir / "bad.json",
        "{\"format\":\"credence-case/1\",\"links\":[{\"source\":\"tass\",\"claim\":\"c1\","
        "\"stance\":\"maybe\",\"mode\":\"relays\"}]}");
  Write(dir / "c.jsonl", "{\"type\":\"claim\",\"id\":\"c2\",\"text\":\"Second\"}\n");
  Output imp = Credence(dir, "--db s.db import a.jsonl bad.json c.jsonl");
  EXPECT_EQ(imp.code, 2);
  EXPECT_EQ(imp.out,
            "a.jsonl: 3 records: 3 added, 0 unchanged, 0 replaced\n"
            "c.jsonl: 1 records: 1 added, 0 unchanged, 0 replaced\n");
  EXPECT_EQ(imp.err,
            "credence import: error: bad.json [tass->c1] /links/0/stance: expected one of "
            "supports, refutes, neutral; got \"maybe\"\n");
  Output exp = Credence(dir, "--db s.db export");
  EXPECT_NE(exp.out.find("\"id\":\"c2\""), std::string::npos);
  EXPECT_EQ(exp.out.find("maybe"), std::string::npos);
}

TEST(CliImport, ARejectedFileLeavesNoNewStoreBehind) {
  fs::path dir = Scratch();
  Write(dir / "bad.jsonl", "{\"type\":\"claim\",\"id\":\"c 1\",\"text\":\"x\"}\n");
  Output imp = Credence(dir, "--db new.db import bad.jsonl missing.jsonl");
  EXPECT_EQ(imp.code, 2) << imp.err;
  EXPECT_FALSE(fs::exists(dir / "new.db"));
  EXPECT_FALSE(fs::exists(dir / "new.db-wal"));
  // An existing store stays, even an empty one, and so does a new store
  // that one of the files went into.
  Write(dir / "empty.jsonl", "");
  EXPECT_EQ(Credence(dir, "--db new.db import empty.jsonl").code, 0);
  EXPECT_EQ(Credence(dir, "--db new.db import bad.jsonl").code, 2);
  EXPECT_TRUE(fs::exists(dir / "new.db"));
  Write(dir / "a.jsonl", kGood);
  EXPECT_EQ(Credence(dir, "--db other.db import a.jsonl bad.jsonl").code, 2);
  EXPECT_TRUE(fs::exists(dir / "other.db"));
}

TEST(CliImport, ReadsJsonlFromStdin) {
  fs::path dir = Scratch();
  Write(dir / "in.txt", kGood);
  Output imp = Credence(dir, "--db s.db import -", (dir / "in.txt").string());
  EXPECT_EQ(imp.code, 0) << imp.err;
  EXPECT_EQ(imp.out, "-: 3 records: 3 added, 0 unchanged, 0 replaced\n");
}

TEST(CliImport, ReplaceAcceptsARedefinition) {
  fs::path dir = Scratch();
  Write(dir / "a.jsonl", kGood);
  Write(dir / "b.jsonl",
        "{\"type\":\"source\",\"id\":\"tass\",\"name\":\"TASS\",\"kind\":\"state_media\"}\n");
  ASSERT_EQ(Credence(dir, "--db s.db import a.jsonl").code, 0);
  Output rejected = Credence(dir, "--db s.db import b.jsonl");
  EXPECT_EQ(rejected.code, 2);
  EXPECT_EQ(rejected.err,
            "credence import: error: b.jsonl:1 [tass]: source \"tass\" is already in the store "
            "with a different definition, from a.jsonl:1 (import with --replace to replace "
            "it)\n");
  Output replaced = Credence(dir, "--db s.db import --replace b.jsonl");
  EXPECT_EQ(replaced.code, 0) << replaced.err;
  EXPECT_EQ(replaced.out, "b.jsonl: 1 records: 0 added, 0 unchanged, 1 replaced\n");
}

TEST(CliImport, UsageErrors) {
  fs::path dir = Scratch();
  EXPECT_EQ(Credence(dir, "--db s.db import").code, 2);
  Output missing = Credence(dir, "--db s.db import nope.jsonl");
  EXPECT_EQ(missing.code, 2);
  EXPECT_EQ(missing.err,
            "credence import: error: nope.jsonl: cannot open: No such file or directory\n");
  Output ext = Credence(dir, "--db s.db import case.txt");
  EXPECT_EQ(ext.code, 2);
  EXPECT_NE(Credence(dir, "import --help").out.find("later files are"), std::string::npos);
}

TEST(CliExport, WritesAFileAtomicallyInEitherEncoding) {
  fs::path dir = Scratch();
  Write(dir / "a.jsonl", kGood);
  ASSERT_EQ(Credence(dir, "--db s.db import a.jsonl").code, 0);
  ASSERT_EQ(Credence(dir, "--db s.db export -o out.json").code, 0);
  ASSERT_EQ(Credence(dir, "--db s.db export --format jsonl -o out.jsonl").code, 0);
  EXPECT_EQ(Slurp(dir / "out.jsonl"), std::string("{\"format\":\"credence-case/1\"}\n") + kGood);
  EXPECT_EQ(Slurp(dir / "out.json").substr(0, 28), "{\"format\":\"credence-case/1\",");
  // Round trip through the .json export into a second store.
  ASSERT_EQ(Credence(dir, "--db t.db import out.json").code, 0);
  EXPECT_EQ(Credence(dir, "--db t.db export").out, Slurp(dir / "out.jsonl"));
  for (const auto& e : fs::directory_iterator(dir)) {
    EXPECT_EQ(e.path().string().find(".tmp-"), std::string::npos) << e.path();
  }
  EXPECT_EQ(Credence(dir, "--db s.db export --format xml").code, 2);
  EXPECT_EQ(Credence(dir, "--db none.db export").code, 2);
  EXPECT_FALSE(fs::exists(dir / "none.db"));
}

}  // namespace

// cli/allocator.cc: the program allocates through jemalloc and asks for huge
// pages. jemalloc prints the settings it runs with when MALLOC_CONF names
// stats_print; an unseen malloc_conf would leave thp at "default".
TEST(CliAllocator, TheProgramRunsOnJemallocWithHugePages) {
#ifndef CREDENCE_JEMALLOC
  GTEST_SKIP() << "built without jemalloc (CREDENCE_JEMALLOC=OFF, or a sanitizer tree)";
#else
  fs::path dir = Scratch();
  std::string cmd = "cd '" + dir.string() + "' && MALLOC_CONF=stats_print:true '" CREDENCE_BINARY
                    "' --help >out.txt 2>err.txt";
  int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  std::string err = Slurp(dir / "err.txt");
  EXPECT_NE(err.find("opt.thp: \"always\""), std::string::npos) << err.substr(0, 2000);
  EXPECT_NE(err.find("opt.metadata_thp: \"always\""), std::string::npos);
#endif
}
