// Import throughput (MB/s, records/s) and peak RSS of `credence import` work
// on generated JSONL, one child process per file size so that each peak RSS
// is that size's own. Prints one line per size; docs/performance.md records
// the figures and this command.
//
//   ingest_bench [--dir DIR] [--keep] [--one-core] [--runs N] [--not-empty | --parse-only |
//                 --compare-parsers | --generate-only] MB...    (default: 10 100)
//   ingest_bench [--dir DIR] [--keep] --scattered N...
//
// --generate-only writes DIR/credence_bench_<MB>mb.jsonl and stops: a
// synthetic case of any size for trying `credence import` by hand.
//
// --one-core pins the measuring child to one CPU (sched_setaffinity): import
// parses on a second thread, which then shares that core, so the figures
// say what one core does.
//
// --runs N measures each size N times, each in a new child with a new
// store, and then prints a summary line: the median, least and most MB/s
// and the largest peak RSS. On a shared machine one run says little: runs
// a minute apart have differed by half their time (docs/performance.md).
//
// --not-empty: the store holds one source before the timed import, so the
// import writes through the write-ahead log, as into any store that holds
// cases; into an empty store it writes under a rollback journal, once
// (docs/performance.md, "Written once").
//
// --parse-only: the reader with full validation, no store. --compare-parsers:
// bare JSON parsing of every line with nlohmann/json and with simdjson (the
// choice recorded in docs/performance.md), no validation; then simdjson over
// the whole file at once (parse_many), for comparison.
//
// --scattered N: instead of a synthetic case, one claim with N links from N
// sources, each link listed between two links of other claims (as a file
// sorted by source lists them): the import must not rewrite the claim's
// row once per link (docs/performance.md, "The link cache").
//
// The files (WriteSyntheticJsonl, seed 1) are generated before timing starts
// and deleted afterwards unless --keep.
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "core/ingest/case_reader.h"
#include "core/ingest/synthetic_case.h"
#include "core/store/store.h"

namespace fs = std::filesystem;
using credence::Status;

namespace {

// A store holding one source, for --not-empty: made before timing starts.
int SeedStore(const fs::path& db) {
  const fs::path seed = db.string() + ".seed.jsonl";
  std::ofstream(seed, std::ios::binary)
      << "{\"format\":\"credence-case/1\"}\n"
         "{\"type\":\"source\",\"id\":\"seed\",\"name\":\"Seed\",\"kind\":\"blog\"}\n";
  auto store = credence::store::Store::Open(db, credence::store::OpenMode::kCreateIfMissing);
  Status s = store.ok() ? store->ImportCaseFile(seed).status() : store.status();
  fs::remove(seed);
  if (!s.ok()) std::cerr << s.ToString() << "\n";
  return s.ok() ? 0 : 1;
}

// What one measuring child found, sent to the parent for --runs' summary.
struct Figures {
  double mb = 0, seconds = 0, cpu_seconds = 0, peak_rss_mb = 0;
};

const char* Label(bool parse_only, bool one_core, bool not_empty) {
  return parse_only  ? (one_core ? "parse/1cpu" : "parse")
         : not_empty ? (one_core ? "nonempty/1cpu" : "nonempty")
                     : (one_core ? "import/1cpu" : "import");
}

// Imports `file` into a fresh store (or only parses and validates it),
// prints the figures and writes them to `out` (a pipe to the parent). Runs
// in a child process.
int Measure(const fs::path& file, const fs::path& db, bool parse_only, bool one_core,
            bool not_empty, int out) {
  if (not_empty && SeedStore(db) != 0) return 1;
  auto start = std::chrono::steady_clock::now();
  std::int64_t records = 0, bytes = 0;
  if (parse_only) {
    auto stats = credence::ingest::ReadCaseFile(
        file, {}, [](credence::ingest::Record&&, const credence::InputLocation&) {
          return Status::Ok();
        });
    if (!stats.ok()) {
      std::cerr << stats.status().ToString() << "\n";
      return 1;
    }
    records = stats->records;
    bytes = stats->bytes;
  } else {
    auto store = credence::store::Store::Open(db, credence::store::OpenMode::kCreateIfMissing);
    if (!store.ok()) {
      std::cerr << store.status().ToString() << "\n";
      return 1;
    }
    auto stats = store->ImportCaseFile(file);
    if (!stats.ok()) {
      std::cerr << stats.status().ToString() << "\n";
      return 1;
    }
    records = stats->records_read;
    bytes = stats->bytes_read;
  }
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  double mb = static_cast<double>(bytes) / 1e6;
  // CPU time (user + system) of this process, all its threads: on a shared
  // machine, the figure that says what the work costs, whatever the other
  // processes take.
  double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
               static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  const Figures figures{mb, seconds, cpu, static_cast<double>(usage.ru_maxrss) / 1024.0};
  std::printf("%-13s %9.1f MB %10lld records %8.2f s %8.1f MB/s %10.0f records/s  "
              "cpu %7.2f s %7.1f MB/cpu-s  peak RSS %7.1f MB\n",
              Label(parse_only, one_core, not_empty), mb, static_cast<long long>(records),
              seconds, mb / seconds, static_cast<double>(records) / seconds, cpu, mb / cpu,
              figures.peak_rss_mb);
  std::fflush(stdout);
  return write(out, &figures, sizeof figures) == static_cast<ssize_t>(sizeof figures) ? 0 : 1;
}

// The summary of one size's runs: MB/s (median, least, most; a median of
// an even count is the mean of the middle two), MB per CPU-second
// (median) and the largest peak RSS.
void PrintSummary(const char* label, std::vector<Figures> runs) {
  const auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  };
  std::vector<double> rate, cpu_rate;
  double peak = 0;
  for (const Figures& f : runs) {
    rate.push_back(f.mb / f.seconds);
    cpu_rate.push_back(f.mb / f.cpu_seconds);
    peak = std::max(peak, f.peak_rss_mb);
  }
  const auto [least, most] = std::minmax_element(rate.begin(), rate.end());
  std::printf("%-13s %9.1f MB  %zu runs: median %.1f MB/s (%.1f-%.1f)  median %.1f MB/cpu-s  "
              "peak RSS at most %.1f MB\n",
              label, runs.front().mb, runs.size(), median(rate), *least, *most, median(cpu_rate),
              peak);
  std::fflush(stdout);
}

// Parses each line of `file` with both libraries, timing each pass.
int CompareParsers(const fs::path& file) {
  for (const char* which : {"nlohmann", "simdjson"}) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    simdjson::dom::parser parser;
    std::int64_t lines = 0, bytes = 0, bad = 0;
    auto start = std::chrono::steady_clock::now();
    while (std::getline(in, line)) {
      ++lines;
      bytes += static_cast<std::int64_t>(line.size()) + 1;
      if (which[0] == 'n') {
        auto doc = nlohmann::json::parse(line, nullptr, false);
        bad += doc.is_discarded() ? 1 : 0;
      } else {
        simdjson::dom::element doc;
        bad += parser.parse(line).get(doc) != simdjson::SUCCESS ? 1 : 0;
      }
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-13s %9.1f MB %10lld lines %8.2f s %8.1f MB/s%s\n", which,
                static_cast<double>(bytes) / 1e6, static_cast<long long>(lines), seconds,
                static_cast<double>(bytes) / 1e6 / seconds, bad > 0 ? "  (parse errors!)" : "");
  }
  // simdjson over the whole file at once (parse_many, 1 MB batches): what
  // finding the structure of many lines in one pass would save over a
  // parse per line. Not what the reader does (a line's errors are its own).
  auto start = std::chrono::steady_clock::now();
  simdjson::padded_string text;
  if (simdjson::padded_string::load(file.string()).get(text) != simdjson::SUCCESS) return 1;
  simdjson::dom::parser parser;
  simdjson::dom::document_stream docs;
  if (parser.parse_many(text, std::size_t{1} << 20).get(docs) != simdjson::SUCCESS) return 1;
  std::int64_t lines = 0, bad = 0;
  for (auto doc : docs) {
    ++lines;
    bad += doc.error() != simdjson::SUCCESS ? 1 : 0;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-13s %9.1f MB %10lld lines %8.2f s %8.1f MB/s%s\n", "simdjson-many",
              static_cast<double>(text.size()) / 1e6, static_cast<long long>(lines), seconds,
              static_cast<double>(text.size()) / 1e6 / seconds, bad > 0 ? "  (parse errors!)" : "");
  return 0;
}

// The --scattered file: one claim, "viral", with `n` links scattered among
// the links of `n` other claims.
void WriteScattered(long n, std::ostream& out) {
  out << "{\"format\":\"credence-case/1\"}\n{\"type\":\"claim\",\"id\":\"viral\",\"text\":\"t\"}\n";
  for (long i = 0; i < n; ++i) {
    out << "{\"type\":\"source\",\"id\":\"s" << i << "\",\"name\":\"n\",\"kind\":\"blog\"}\n"
        << "{\"type\":\"claim\",\"id\":\"c" << i << "\",\"text\":\"t\"}\n";
  }
  for (long i = 0; i < n; ++i) {
    out << "{\"type\":\"link\",\"source\":\"s" << i
        << "\",\"claim\":\"viral\",\"stance\":\"supports\",\"mode\":\"originates\"}\n"
        << "{\"type\":\"link\",\"source\":\"s" << i << "\",\"claim\":\"c" << i
        << "\",\"stance\":\"supports\",\"mode\":\"originates\"}\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  fs::path dir = fs::temp_directory_path();
  bool keep = false, parse_only = false, compare = false, generate_only = false, one_core = false,
       scattered = false, not_empty = false;
  int runs = 1;
  std::vector<long> sizes;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dir" && i + 1 < argc) {
      dir = argv[++i];
    } else if (a == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--one-core") {
      one_core = true;
    } else if (a == "--keep") {
      keep = true;
    } else if (a == "--not-empty") {
      not_empty = true;
    } else if (a == "--parse-only") {
      parse_only = true;
    } else if (a == "--compare-parsers") {
      compare = true;
    } else if (a == "--generate-only") {
      generate_only = true;
    } else if (a == "--scattered") {
      scattered = true;
    } else {
      sizes.push_back(std::atol(a.c_str()));
    }
  }
  if (sizes.empty()) sizes = {10, 100};
  for (long mb : sizes) {
    const std::string name = scattered ? "scattered_" + std::to_string(mb) : std::to_string(mb) + "mb";
    fs::path file = dir / ("credence_bench_" + name + ".jsonl");
    fs::path db = dir / ("credence_bench_" + name + ".db");
    if (!fs::exists(file)) {
      std::ofstream out(file, std::ios::binary);
      if (scattered) {
        WriteScattered(mb, out);
      } else {
        credence::ingest::WriteSyntheticJsonl(1, mb * 1'000'000, out);
      }
    }
    if (generate_only) {
      std::printf("%s\n", file.c_str());
      continue;
    }
    if (compare) {
      CompareParsers(file);
      if (!keep) fs::remove(file);
      continue;
    }
    const auto remove_store = [&db] {
      for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(db.string() + suffix);
    };
    std::vector<Figures> measured;
    bool failed = false;
    for (int run = 0; run < runs && !failed; ++run) {
      remove_store();
      int pipe_fds[2];
      if (pipe(pipe_fds) != 0) return 1;
      pid_t pid = fork();
      if (pid == 0) {
        close(pipe_fds[0]);
        if (one_core) {
          cpu_set_t cpus;
          CPU_ZERO(&cpus);
          CPU_SET(0, &cpus);
          if (sched_setaffinity(0, sizeof cpus, &cpus) != 0) _exit(2);
        }
        _exit(Measure(file, db, parse_only, one_core, not_empty, pipe_fds[1]));
      }
      close(pipe_fds[1]);
      Figures figures;
      const bool got = read(pipe_fds[0], &figures, sizeof figures) == static_cast<ssize_t>(sizeof figures);
      close(pipe_fds[0]);
      int status = 0;
      waitpid(pid, &status, 0);
      failed = !got || !WIFEXITED(status) || WEXITSTATUS(status) != 0;
      if (!failed) measured.push_back(figures);
    }
    if (runs > 1 && !failed) PrintSummary(Label(parse_only, one_core, not_empty), measured);
    if (!keep) {
      fs::remove(file);
      remove_store();
    }
    if (failed) return 1;
  }
  return 0;
}
