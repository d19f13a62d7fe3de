// CI-sized evaluations on a slice of each shared data set, through the whole
// command-line path (datasets convert -> import -> learn -> score -> eval),
// compared with the baselines kept in datasets/baselines/NAME.json: a metric
// worse than its baseline fails the test (eval exits 1).
//
// Slices (fixed, so the figures are stable): flights_raha whole; books and
// population restricted to the objects of their gold files; weather to the
// first 200 objects of weather_truth_dev.csv; LIAR fitted on the first 3,000
// rows of train.tsv (fit file) and evaluated on the first 500 of valid.tsv in
// a store of their own.
//
// CREDENCE_UPDATE_BASELINES=1 rewrites the baselines from this run instead
// (review the diff before committing it).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "datasets/text_input_internal.h"

namespace credence::datasets {
namespace {

namespace fs = std::filesystem;

fs::path SharedDatasets() {
  const char* env = std::getenv("CREDENCE_SHARED_DIR");
  if (env == nullptr || *env == '\0') return {};
  return fs::path(env) / "datasets";
}

std::string Quote(const fs::path& p) { return "'" + p.string() + "'"; }

class Slice {
 public:
  explicit Slice(const std::string& name) : name_(name) {
    dir_ = fs::temp_directory_path() / ("credence-regression-" + std::to_string(::getpid()) + "-" + name);
    fs::create_directories(dir_);
  }
  ~Slice() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& dir() const { return dir_; }

  // Copies the lines of `in` for which `keep(line, line_number)` holds.
  fs::path Filter(const fs::path& in, const std::string& out_name,
                  const std::function<bool(const std::string&, std::int64_t)>& keep) const {
    auto reader = LineReader::Open(in);
    EXPECT_TRUE(reader.ok()) << reader.status().ToString();
    std::ofstream out(dir_ / out_name, std::ios::binary);
    std::string line;
    Status status;
    while (reader.ok() && reader->Next(&line, &status)) {
      if (keep(line, reader->line_number())) out << line << "\n";
    }
    EXPECT_TRUE(status.ok()) << status.ToString();
    return dir_ / out_name;
  }

  // Runs `credence ARGS` with the slice's store; returns the exit code and
  // leaves stdout in `*output`.
  int Credence(const fs::path& db, const std::string& args, std::string* output = nullptr) const {
    const fs::path out = dir_ / "stdout.txt";
    const std::string command = std::string("'") + CREDENCE_BINARY + "' --quiet --db " + Quote(db) + " " + args +
                                " > " + Quote(out) + " 2> " + Quote(dir_ / "stderr.txt");
    int rc = std::system(command.c_str());
    std::ifstream in(out);
    std::stringstream text;
    text << in.rdbuf();
    if (output != nullptr) *output = text.str();
    std::ifstream err(dir_ / "stderr.txt");
    std::stringstream err_text;
    err_text << err.rdbuf();
    last_stderr_ = err_text.str();
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  }
  const std::string& last_stderr() const { return last_stderr_; }

  // Evaluates the latest run of `db` against the baseline (or rewrites it).
  void EvalAgainstBaseline(const fs::path& db, const std::string& extra) const {
    const fs::path baseline = fs::path(CREDENCE_SOURCE_DIR) / "datasets" / "baselines" / (name_ + ".json");
    std::string metrics;
    if (std::getenv("CREDENCE_UPDATE_BASELINES") != nullptr) {
      ASSERT_EQ(Credence(db, "eval --json " + extra, &metrics), 0) << last_stderr();
      std::ofstream(baseline, std::ios::binary) << metrics;
      return;
    }
    ASSERT_TRUE(fs::exists(baseline)) << "no baseline " << baseline;
    int rc = Credence(db, "eval --json --baseline " + Quote(baseline) + " " + extra, &metrics);
    EXPECT_EQ(rc, 0) << name_ << ": a metric fell below its baseline\n" << last_stderr() << metrics;
  }

  // convert -> import -> learn -> score --fit -> eval for a truth-discovery set.
  void RunTruthDiscovery(const std::string& dataset, const std::vector<fs::path>& inputs, const fs::path& gold) const {
    const fs::path jsonl = dir_ / (name_ + ".jsonl");
    const fs::path db = dir_ / (name_ + ".db");
    std::string args = "datasets convert " + dataset;
    for (const fs::path& in : inputs) args += " " + Quote(in);
    args += " --gold " + Quote(gold) + " -o " + Quote(jsonl);
    ASSERT_EQ(Credence(db, args), 0) << last_stderr();
    ASSERT_EQ(Credence(db, "import " + Quote(jsonl)), 0) << last_stderr();
    ASSERT_EQ(Credence(db, "learn --name " + name_), 0) << last_stderr();
    ASSERT_EQ(Credence(db, "score --fit " + name_), 0) << last_stderr();
    fs::path gold_items = jsonl;
    gold_items.replace_extension(".gold-items");
    EvalAgainstBaseline(db, "--gold-items " + Quote(gold_items));
  }

 private:
  std::string name_;
  fs::path dir_;
  mutable std::string last_stderr_;
};

// The first field of a quoted CSV row, or of a tab-separated one.
std::string FirstField(const std::string& line, char sep) { return SplitRow(line, sep, sep == ',').at(0); }

#define REQUIRE_SHARED(file)                                                          \
  const fs::path root = SharedDatasets();                                             \
  if (root.empty() || !fs::exists(root / (file))) {                                   \
    GTEST_SKIP() << "shared data sets absent (CREDENCE_SHARED_DIR): " << (file);      \
  }

TEST(DatasetRegression, Flights) {
  REQUIRE_SHARED("flights_raha/dirty.csv");
  Slice slice("flights");
  slice.RunTruthDiscovery("flights", {root / "flights_raha/dirty.csv"}, root / "flights_raha/clean.csv");
}

TEST(DatasetRegression, BooksOfTheGoldSet) {
  REQUIRE_SHARED("book_truthfinder/book.txt");
  Slice slice("book");
  std::set<std::string> isbns;
  fs::path gold = slice.Filter(root / "book_truthfinder/book_golden.txt", "gold.txt",
                               [&](const std::string& line, std::int64_t) {
                                 isbns.insert(FirstField(line, '\t'));
                                 return true;
                               });
  fs::path rows = slice.Filter(root / "book_truthfinder/book.txt", "book.txt", [&](const std::string& line, std::int64_t) {
    auto f = SplitRow(line, '\t', false);
    return f.size() > 1 && isbns.contains(f[1]);
  });
  slice.RunTruthDiscovery("book", {rows}, gold);
}

TEST(DatasetRegression, PopulationOfTheGoldCities) {
  REQUIRE_SHARED("population/population_claims.csv.gz");
  Slice slice("population");
  std::set<std::string> cities;
  fs::path gold = slice.Filter(root / "population/population_truth.csv", "truth.csv",
                               [&](const std::string& line, std::int64_t n) {
                                 if (n > 1) cities.insert(FirstField(line, ','));
                                 return true;
                               });
  fs::path rows = slice.Filter(root / "population/population_claims.csv.gz", "claims.csv",
                               [&](const std::string& line, std::int64_t n) {
                                 return n == 1 || cities.contains(FirstField(line, ','));
                               });
  slice.RunTruthDiscovery("population", {rows}, gold);
}

TEST(DatasetRegression, WeatherOfTwoHundredGoldObjects) {
  REQUIRE_SHARED("weather/weather_claims.csv.gz");
  Slice slice("weather");
  std::set<std::string> objects;
  fs::path gold = slice.Filter(root / "weather/weather_truth_dev.csv", "truth.csv",
                               [&](const std::string& line, std::int64_t n) {
                                 if (n == 1) return true;
                                 std::string object = FirstField(line, ',');
                                 if (objects.size() < 200) objects.insert(object);
                                 return objects.contains(object);
                               });
  fs::path rows = slice.Filter(root / "weather/weather_claims.csv.gz", "claims.csv",
                               [&](const std::string& line, std::int64_t n) {
                                 return n == 1 || objects.contains(FirstField(line, ','));
                               });
  slice.RunTruthDiscovery("weather", {rows}, gold);
}

TEST(DatasetRegression, LiarFittedOnTrainEvaluatedOnValid) {
  REQUIRE_SHARED("liar/train.tsv");
  Slice slice("liar");
  fs::path train = slice.Filter(root / "liar/train.tsv", "train.tsv",
                                [](const std::string&, std::int64_t n) { return n <= 3000; });
  fs::path valid = slice.Filter(root / "liar/valid.tsv", "valid.tsv",
                                [](const std::string&, std::int64_t n) { return n <= 500; });
  const fs::path train_db = slice.dir() / "train.db", valid_db = slice.dir() / "valid.db";
  const fs::path fit = slice.dir() / "liar.fit.json";
  ASSERT_EQ(slice.Credence(train_db, "datasets convert liar " + Quote(train) + " -o " + Quote(slice.dir() / "train.jsonl")), 0)
      << slice.last_stderr();
  ASSERT_EQ(slice.Credence(valid_db, "datasets convert liar " + Quote(valid) + " -o " + Quote(slice.dir() / "valid.jsonl")), 0)
      << slice.last_stderr();
  ASSERT_EQ(slice.Credence(train_db, "import " + Quote(slice.dir() / "train.jsonl")), 0) << slice.last_stderr();
  ASSERT_EQ(slice.Credence(train_db, "learn --name liar --out " + Quote(fit)), 0) << slice.last_stderr();
  // The held-out split lives in a store of its own: the fit never saw it.
  ASSERT_EQ(slice.Credence(valid_db, "import " + Quote(slice.dir() / "valid.jsonl")), 0) << slice.last_stderr();
  ASSERT_EQ(slice.Credence(valid_db, "score --fit " + Quote(fit)), 0) << slice.last_stderr();
  slice.EvalAgainstBaseline(valid_db, "");
}

}  // namespace
}  // namespace credence::datasets
