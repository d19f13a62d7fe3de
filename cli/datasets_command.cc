// credence datasets convert NAME INPUT... [--gold FILE] -o OUT.jsonl
#include <boost/program_options.hpp>
#include <fstream>
#include <functional>
#include <iostream>

#include "cli/command.h"
#include "datasets/dataset.h"

namespace po = boost::program_options;

namespace credence::cli {
namespace {

constexpr std::string_view kCommand = "credence datasets";


}  // namespace

int RunDatasets(const Invocation& inv) {
  po::options_description own("options");
  std::vector<std::string> words;
  std::string gold, out;
  own.add_options()("gold", po::value(&gold), "gold file (truth-discovery sets)")(
      "out,o", po::value(&out), "the case file to write (.jsonl)")(
      "words", po::value(&words), "convert NAME INPUT...");
  po::variables_map vm;
  bool help = false;
  Status parsed = ParseArgs(kCommand, "convert NAME INPUT... [--gold FILE] -o OUT.jsonl\n\nNAME: book, flights, "
                                      "weather, population, liar",
                            own, "words", inv, &vm, &help);
  if (!parsed.ok()) return ReportError(kCommand, parsed);
  if (help) return kExitOk;
  if (words.empty() || words[0] != "convert") {
    return ReportError(kCommand, Status::Usage("expected the subcommand \"convert\""));
  }
  if (words.size() < 3) return ReportError(kCommand, Status::Usage("expected NAME and at least one INPUT"));
  auto name = datasets::ParseDatasetName(words[1]);
  if (!name) {
    return ReportError(kCommand, Status::Usage("expected NAME among " + model::JoinNames(datasets::DatasetNames()) +
                                               "; got \"" + words[1] + "\""));
  }
  if (out.empty()) return ReportError(kCommand, Status::Usage("expected -o OUT.jsonl"));
  std::vector<std::filesystem::path> inputs(words.begin() + 2, words.end());
  std::optional<std::filesystem::path> gold_path;
  if (!gold.empty()) gold_path = gold;

  datasets::ConvertStats stats;
  Status status = WriteFileAtomically(out, [&](std::ostream& stream) {
    datasets::JsonlSink sink(stream);
    auto result = datasets::Convert(*name, inputs, gold_path, sink);
    if (!result.ok()) return result.status();
    stats = std::move(result.value());
    return Status::Ok();
  });
  if (!status.ok()) return ReportError(kCommand, status);
  std::filesystem::path gold_items = out;
  gold_items.replace_extension(".gold-items");
  if (stats.gold) {
    std::string text = eval::GoldItemsToText(*stats.gold);
    status = WriteFileAtomically(gold_items, [&](std::ostream& stream) {
      stream << text;
      return Status::Ok();
    });
    if (!status.ok()) return ReportError(kCommand, status);
  }
  if (!inv.global.quiet) {
    std::cerr << "converted " << stats.rows << " statements (" << stats.dropped_values << " without a value): "
              << stats.sources << " sources, " << stats.claims << " claims (" << stats.labeled_claims
              << " labeled), " << stats.links << " links, " << stats.relations << " exclusive relations -> " << out
              << "\n";
    if (stats.gold) {
      std::cerr << "gold: " << stats.gold->items << " items, " << stats.gold->matched << " with a claim of the gold value, "
                << stats.gold->unclaimed.size() << " without any claim -> " << gold_items.string() << "\n";
    }
    if (stats.history_without_own_label > 0) {
      std::cerr << "note: " << stats.history_without_own_label
                << " rows' credit history did not count their own label (nothing subtracted)\n";
    }
  }
  return kExitOk;
}

}  // namespace credence::cli
