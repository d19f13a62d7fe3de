#include "core/eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

namespace credence::eval {
namespace {

constexpr const char* kLiar6[] = {"\"pants-fire\"", "\"false\"", "\"barely-true\"",
                                  "\"half-true\"", "\"mostly-true\"", "\"true\""};

}  // namespace

std::optional<int> Liar6Index(const model::JsonText& value) {
  for (int i = 0; i < 6; ++i) {
    if (value == kLiar6[i]) return i;
  }
  return std::nullopt;
}

Result<Metrics> Evaluate(const model::Case& c, const std::vector<Prediction>& predictions,
                         const GoldItems* gold_items) {
  Metrics m;
  auto find = [&](const std::string& id) -> const Prediction* {
    auto it = std::lower_bound(predictions.begin(), predictions.end(), id,
                               [](const Prediction& e, const std::string& k) { return e.claim_id < k; });
    if (it == predictions.end() || it->claim_id != id) return nullptr;
    return &*it;
  };
  auto p_of = [&](const std::string& id) -> std::optional<double> {
    const Prediction* e = find(id);
    if (e == nullptr) return std::nullopt;
    return e->p;
  };
  std::unordered_map<std::string, const model::Claim*> claims;  // lookup only
  for (const model::Claim& cl : c.claims) claims.emplace(cl.id, &cl);

  // Binary outcomes and six-way predictions, claim by claim in id order.
  std::vector<const model::Claim*> labeled;
  for (const model::Claim& cl : c.claims) {
    if (cl.label) labeled.push_back(&cl);
  }
  std::sort(labeled.begin(), labeled.end(), [](auto* a, auto* b) { return a->id < b->id; });
  double brier = 0, log_loss = 0, abs_err = 0;
  std::int64_t right6 = 0;
  for (const model::Claim* cl : labeled) {
    std::optional<double> pc = p_of(cl->id);
    if (!pc) return Status::InvalidInput("expected a score for the labeled claim", InputLocation{"", 0, "", cl->id});
    bool outcome;
    if (cl->label->is_binary()) {
      outcome = cl->label->truth;
    } else if (cl->label->scale == "liar6") {
      std::optional<int> idx = Liar6Index(cl->label->value);
      if (!idx) {
        return Status::InvalidInput("expected a liar6 label (pants-fire ... true); got " + cl->label->value,
                                    InputLocation{"", 0, "/label/value", cl->id});
      }
      outcome = *idx >= 3;
      if (std::optional<int> predicted = find(cl->id)->liar6) {
        right6 += *predicted == *idx ? 1 : 0;
        abs_err += std::abs(*predicted - *idx);
        ++m.ordinal;
      }
    } else {
      continue;  // an ordinal scale this build does not know: no binary reading
    }
    const double y = outcome ? 1 : 0;
    const double q = std::clamp(*pc, 1e-6, 1 - 1e-6);
    brier += (*pc - y) * (*pc - y);
    log_loss -= y * std::log(q) + (1 - y) * std::log(1 - q);
    CalibrationBin& bin = m.bins[std::min(9, static_cast<int>(std::floor(*pc * 10)))];
    ++bin.count;
    bin.mean_p += *pc;
    bin.frequency += y;
    ++m.outcomes;
  }
  if (m.outcomes > 0) {
    const double n = static_cast<double>(m.outcomes);
    m.brier = brier / n;
    m.log_loss = log_loss / n;
    double ece = 0;
    for (CalibrationBin& bin : m.bins) {
      if (bin.count == 0) continue;
      bin.mean_p /= static_cast<double>(bin.count);
      bin.frequency /= static_cast<double>(bin.count);
      ece += static_cast<double>(bin.count) / n * std::abs(bin.mean_p - bin.frequency);
    }
    m.ece = ece;
  }
  if (m.ordinal > 0) {
    m.accuracy_6way = static_cast<double>(right6) / static_cast<double>(m.ordinal);
    m.ordinal_mae = abs_err / static_cast<double>(m.ordinal);
  }

  // Items: exclusive groups holding a binary-labeled claim, then lone labeled claims.
  std::map<std::string, int> group_of;  // claim id -> item index
  std::vector<std::vector<const model::Claim*>> items;
  std::vector<std::pair<std::string, const model::Relation*>> keyed;
  for (const model::Relation& r : c.relations) {
    if (r.kind == model::RelationKind::kExclusive) keyed.push_back({r.Key(), &r});
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<const model::Relation*> relations;
  for (const auto& [key, r] : keyed) relations.push_back(r);
  for (const model::Relation* r : relations) {
    std::vector<const model::Claim*> members;
    bool any_label = false;
    for (const std::string& id : r->claims) {
      auto it = claims.find(id);
      if (it == claims.end() || group_of.contains(id)) continue;
      members.push_back(it->second);
      any_label = any_label || (it->second->label && it->second->label->is_binary());
    }
    if (!any_label) continue;
    for (const model::Claim* cl : members) group_of[cl->id] = static_cast<int>(items.size());
    items.push_back(std::move(members));
  }
  for (const model::Claim* cl : labeled) {
    if (cl->label->is_binary() && !group_of.contains(cl->id)) items.push_back({cl});
  }
  for (const auto& members : items) {
    const model::Claim* top = nullptr;
    double best = -1;
    for (const model::Claim* cl : members) {
      double pc = p_of(cl->id).value_or(0);
      if (pc > best || (pc == best && top != nullptr && cl->id < top->id)) {
        best = pc;
        top = cl;
      }
    }
    ++m.items;
    if (top != nullptr && top->label && top->label->is_binary() && top->label->truth) ++m.items_correct;
  }
  if (gold_items != nullptr) m.items += static_cast<std::int64_t>(gold_items->unclaimed.size());
  if (m.items > 0) m.accuracy = static_cast<double>(m.items_correct) / static_cast<double>(m.items);
  return m;
}

std::vector<std::pair<std::string, double>> MetricList(const Metrics& m) {
  std::vector<std::pair<std::string, double>> out;
  if (m.accuracy) out.push_back({"accuracy", *m.accuracy});
  if (m.brier) out.push_back({"brier", *m.brier});
  if (m.log_loss) out.push_back({"log_loss", *m.log_loss});
  if (m.ece) out.push_back({"ece", *m.ece});
  if (m.accuracy_6way) out.push_back({"accuracy_6way", *m.accuracy_6way});
  if (m.ordinal_mae) out.push_back({"ordinal_mae", *m.ordinal_mae});
  return out;
}

bool HigherIsBetter(const std::string& metric) { return metric == "accuracy" || metric == "accuracy_6way"; }

}  // namespace credence::eval
