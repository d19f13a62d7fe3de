#include "core/ingest/synthetic_case.h"

#include <algorithm>
#include <array>
#include <random>
#include <string>

#include "core/ingest/case_writer.h"

namespace credence::ingest {
namespace {

// Text fragments in several scripts; combining marks and emoji included on
// purpose: they must survive every path byte for byte.
constexpr std::array<std::string_view, 12> kFragments = {
    "東京で震度5の地震が観測された",
    "Министерство обороны заявило",
    "中国外交部发言人表示",
    "the minister said on Tuesday",
    "😀🚀 emoji ✔",
    "e\xcc\x81 a\xcc\x8a n\xcc\x83 (combining marks)",
    "Zürich, Ærøskøbing, Łódź",
    "ملف مسرب",
    "quote \" backslash \\ tab \t newline \n",
    "नई दिल्ली",
    "한국어 문장",
    "Ελληνικά κείμενα",
};

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : gen_(seed) {}
  // Uniform in [0, n): from the engine's raw output, so the same on every
  // standard library.
  std::uint64_t Below(std::uint64_t n) { return gen_() % n; }
  bool Chance(int percent) { return Below(100) < static_cast<std::uint64_t>(percent); }
  std::string Text(int fragments) {
    std::string out;
    for (int i = 0; i < fragments; ++i) {
      if (i > 0) out += ' ';
      out += kFragments[Below(kFragments.size())];
    }
    return out;
  }
  model::Date Date() {
    model::Date d;
    d.year = 1990 + static_cast<int>(Below(40));
    if (Chance(70)) d.month = 1 + static_cast<int>(Below(12));
    if (d.month != 0 && Chance(70)) d.day = 1 + static_cast<int>(Below(28));
    return d;
  }

 private:
  std::mt19937_64 gen_;
};

template <class E>
E PickEnum(Rng& rng, std::span<const std::string_view> names,
           std::optional<E> (*parse)(std::string_view)) {
  return *parse(names[rng.Below(names.size())]);
}

// A random JSON value in canonical form, nested up to `depth`.
std::string RandomJson(Rng& rng, int depth) {
  switch (rng.Below(depth > 0 ? 8 : 6)) {
    case 0: return "true";
    case 1: return "null";
    case 2: return std::to_string(static_cast<std::int64_t>(rng.Below(2'000'000)) - 1'000'000);
    case 3: {
      static constexpr std::array<std::string_view, 6> kNumbers = {
          "0.1", "1e+300", "-2.5e-08", "18446744073709551615", "3.141592653589793", "1e-320"};
      return std::string(kNumbers[rng.Below(kNumbers.size())]);
    }
    case 4:
    case 5: return JsonString(rng.Text(1));
    case 6: {
      std::string out = "[";
      for (std::uint64_t i = 0, n = rng.Below(3); i < n; ++i) {
        out += (i > 0 ? "," : "") + RandomJson(rng, depth - 1);
      }
      return out + "]";
    }
    default: {
      // Keys in sorted order: "k0" < "k1" < "k2".
      std::string out = "{";
      for (std::uint64_t i = 0, n = rng.Below(3); i < n; ++i) {
        out += (i > 0 ? ",\"k" : "\"k") + std::to_string(i) + "\":" + RandomJson(rng, depth - 1);
      }
      return out + "}";
    }
  }
}

model::Attributes RandomAttributes(Rng& rng) {
  model::Attributes a;
  static constexpr std::array<std::string_view, 6> kNames = {
      "anonymous", "country", "tabloid", "first_active", "名前", "state_affiliated"};
  for (std::uint64_t i = 0, n = rng.Below(3); i < n; ++i) {
    a[std::string(kNames[rng.Below(kNames.size())])] = RandomJson(rng, 2);
  }
  return a;
}

}  // namespace

std::int64_t WriteSyntheticJsonl(std::uint64_t seed, std::int64_t target_bytes,
                                 std::ostream& out) {
  Rng rng(seed);
  std::int64_t bytes = 0, records = 0;
  auto emit = [&](const std::string& line) {
    out << line << '\n';
    bytes += static_cast<std::int64_t>(line.size()) + 1;
    ++records;
  };
  emit(FormatJsonLine());
  std::int64_t sources = 0;
  for (std::int64_t i = 0; bytes < target_bytes; ++i) {
    while (sources < 3 || sources * 10 <= i) {
      model::Source s;
      s.id = "s" + std::to_string(sources++);
      s.name = rng.Text(1);
      s.kind = PickEnum(rng, model::SourceKindNames(), &model::ParseSourceKind);
      if (rng.Chance(30)) s.attributes["country"] = "\"DE\"";
      if (rng.Chance(20)) s.track_record = model::TrackRecord{3, 1, 0};
      emit(ToJsonLine(s));
    }
    model::Claim c;
    c.id = "c" + std::to_string(i);
    c.text = rng.Text(3);
    c.made_at = rng.Date();
    emit(ToJsonLine(c));
    // Three distinct sources: an origin and two relays of it.
    std::int64_t origin = static_cast<std::int64_t>(rng.Below(static_cast<std::uint64_t>(sources)));
    for (int k = 0; k < 3; ++k) {
      model::Link l;
      l.source = "s" + std::to_string((origin + k) % sources);
      l.claim = c.id;
      l.stance = k == 2 && rng.Chance(30) ? model::Stance::kRefutes : model::Stance::kSupports;
      l.mode = k == 0 ? model::LinkMode::kOriginates : model::LinkMode::kRelays;
      if (k > 0) l.via = {"s" + std::to_string(origin)};
      emit(ToJsonLine(l));
    }
    emit(ToJsonLine(model::Evidence{c.id, "metadata_consistent", "true", std::nullopt}));
    if (i % 50 == 49) {
      emit(ToJsonLine(model::Relation{model::RelationKind::kExclusive,
                                      {"c" + std::to_string(i - 1), c.id}}));
    }
  }
  return records;
}

model::Case RandomCase(std::uint64_t seed, int claims) {
  Rng rng(seed);
  model::Case c;
  int n_sources = 2 + claims / 2;
  for (int i = 0; i < n_sources; ++i) {
    model::Source s;
    s.id = "src." + std::to_string(i);
    s.name = rng.Text(1 + static_cast<int>(rng.Below(2)));
    s.kind = PickEnum(rng, model::SourceKindNames(), &model::ParseSourceKind);
    s.attributes = RandomAttributes(rng);
    if (rng.Chance(40)) {
      s.track_record = model::TrackRecord{static_cast<std::int64_t>(rng.Below(100)),
                                          static_cast<std::int64_t>(rng.Below(100)),
                                          model::TrackRecord::kMaxCount};
    }
    c.sources.push_back(std::move(s));
  }
  for (int i = 0; i < claims; ++i) {
    model::Claim cl;
    cl.id = "claim:" + std::to_string(i);
    cl.text = rng.Text(1 + static_cast<int>(rng.Below(4)));
    if (rng.Chance(60)) cl.kind = PickEnum(rng, model::ClaimKindNames(), &model::ParseClaimKind);
    if (rng.Chance(50)) cl.lang = rng.Chance(50) ? "ja" : "ru";
    if (rng.Chance(50)) cl.made_at = rng.Date();
    if (rng.Chance(30)) cl.topic = rng.Text(1);
    cl.attributes = RandomAttributes(rng);
    if (rng.Chance(30)) {
      cl.label = model::Label{rng.Chance(50), "", ""};
    } else if (rng.Chance(30)) {
      cl.label = model::Label{false, "liar6", JsonString("half-true")};
    }
    // Links from distinct sources; `via` only names lower-numbered sources,
    // so the relay graph is acyclic.
    int n_links = static_cast<int>(rng.Below(4));
    int first = static_cast<int>(rng.Below(static_cast<std::uint64_t>(n_sources)));
    for (int k = 0; k < n_links && k < n_sources; ++k) {
      int src = (first + k) % n_sources;
      model::Link l;
      l.source = "src." + std::to_string(src);
      l.claim = cl.id;
      l.stance = PickEnum(rng, model::StanceNames(), &model::ParseStance);
      l.mode = PickEnum(rng, model::LinkModeNames(), &model::ParseLinkMode);
      for (int v = 0; v < src && l.via.size() < 2; ++v) {
        if (rng.Chance(30)) l.via.push_back("src." + std::to_string(v));
      }
      if (rng.Chance(20) && src + 1 < n_sources) {
        l.reported_by = "src." + std::to_string(src + 1);
      }
      if (rng.Chance(40)) l.at = rng.Date();
      l.attributes = RandomAttributes(rng);
      c.links.push_back(std::move(l));
    }
    if (rng.Chance(40)) {
      c.evidence.push_back(model::Evidence{
          cl.id, "feature_" + std::to_string(rng.Below(3)), RandomJson(rng, 2),
          rng.Chance(50) ? std::optional<std::string>(rng.Text(1)) : std::nullopt});
    }
    if (i > 0 && rng.Chance(20)) {
      std::string prev = "claim:" + std::to_string(i - 1);
      if (rng.Chance(50)) {
        c.relations.push_back(model::Relation{model::RelationKind::kImplies, {cl.id, prev}});
      } else {
        std::vector<std::string> ids = {cl.id, prev};
        std::sort(ids.begin(), ids.end());
        c.relations.push_back(model::Relation{model::RelationKind::kExclusive, ids});
      }
    }
    c.claims.push_back(std::move(cl));
  }
  return c;
}

}  // namespace credence::ingest
