// The HTML report (docs/reports.md): one self-contained page. No script, no
// fetch of any kind (a Content-Security-Policy forbids everything but inline
// style and data: images), no link built from case data. Every string from a
// case file goes through HtmlText, in text, attributes and SVG alike, and in
// element text sits in its own <bdi>, so right-to-left text (Arabic, Hebrew)
// is laid out on its own and cannot pull the figures after it into its
// direction; long words wrap (overflow-wrap:anywhere). Numbers, including SVG coordinates, go
// through FormatFixed, so the page is byte-identical for the same run.
#include <algorithm>
#include <array>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/enums.h"
#include "core/report/escape.h"
#include "core/report/number_format.h"
#include "core/report/provenance_internal.h"
#include "core/report/reliability_diagram.h"
#include "core/report/report_internal.h"
#include "core/report/verdict.h"

namespace credence::report::internal {
namespace {

std::string P(double p) { return FormatFixed(p, kProbabilityDecimals); }
std::string W(double w) { return FormatSigned(w, kWeightDecimals); }
std::string X(double v) { return FormatFixed(v, 1); }  // an SVG coordinate

constexpr std::string_view kStyle = R"css(
:root{color-scheme:light}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#111;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.45rem;margin:.2rem 0 .8rem}
h2{font-size:1.15rem;margin:2.2rem 0 .6rem;padding-top:1rem;border-top:2px solid #bbb}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
.id{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.88em;color:#333}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0}
dl.kv dt{font-weight:600}
dl.kv dd{margin:0}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.88rem;width:100%}
th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:left;vertical-align:top}
th{background:#f2f2f2;white-space:nowrap}
.scroll>table{min-width:40rem}
td.k{white-space:nowrap}
td.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.sum td{font-weight:600;background:#f7f7f7}
figure{margin:.6rem 0}
figcaption{font-size:.85rem;color:#333}
table.metrics{width:auto}
table.metrics td:first-child{white-space:nowrap}
svg{display:block;max-width:100%;height:auto}
.against{color:#b3001b;font-weight:600}
.key{display:inline-block;width:1.6em;border-top:3px solid #555;vertical-align:middle}
.key.dashed{border-top-style:dashed}
.key.against{border-top-color:#b3001b}
nav ol{padding-left:1.4rem}
@media (max-width:40rem){
body{font-size:14px;padding:.5rem}
dl.kv{grid-template-columns:1fr}
dl.kv dd{margin:0 0 .35rem .6rem}
.pic{overflow-x:auto}
svg.provenance{max-width:none}
.scroll>table.explanation{min-width:0}
table.explanation thead{display:none}
table.explanation,table.explanation tbody,table.explanation tfoot,table.explanation tr{display:block}
table.explanation tr{border:1px solid #ccc;margin:0 0 .4rem;padding:.2rem .35rem}
table.explanation td{display:inline;border:0;padding:0 .5rem 0 0;background:none}
table.explanation td:nth-child(n+6){display:block;padding:.15rem 0 0}
table.explanation tbody td:nth-child(1)::before{content:"step "}
table.explanation tbody td:nth-child(2)::before{content:"line "}
table.explanation tbody td:nth-child(4)::before{content:"weight "}
table.explanation tbody td:nth-child(5)::before{content:"total "}
table.explanation tbody td:nth-child(-n+5){color:#444}
}
@media print{
body{max-width:none;font-size:9.5pt;padding:0;color:#000}
nav{display:none}
h2{break-after:avoid}
section.claim{break-before:page}
figure,tr{break-inside:avoid}
.scroll{overflow:visible}
a{color:inherit;text-decoration:none}
th,tr.sum td{background:none}
}
)css";

// Lane colours (Okabe-Ito, minus its vermilion, which is kAgainst's).
constexpr std::array<std::string_view, 6> kLaneColours = {"#0072B2", "#009E73", "#E69F00",
                                                         "#CC79A7", "#56B4E9", "#555555"};
constexpr std::string_view kAgainst = "#B3001B";

std::string_view LaneColour(int lane) {
  return kLaneColours[static_cast<std::size_t>(lane) % kLaneColours.size()];
}

// At most `n` code points of `s` (then "..."), for a box label; the full
// string is in the box's <title> and in the tables.
std::string Shorten(std::string_view s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (count++ == n) return std::string(s.substr(0, i)) + "...";
  }
  return std::string(s);
}

// A string from a case file (or a rule file, or a fit name) in element text:
// escaped, and isolated from the bidirectional layout around it.
std::string Isolated(std::string_view s) { return "<bdi>" + HtmlText(s) + "</bdi>"; }

// `sentence` (the scorer's, quoting case strings) escaped, with each
// occurrence of one of `quoted` (names and notes it may quote) isolated as
// Isolated() does. HtmlText maps characters one by one, so a quoted string
// appears escaped inside the escaped sentence exactly where it appeared raw.
// Longer strings are tried first; occurrences never overlap.
std::string IsolateQuoted(std::string_view sentence, std::vector<std::string> quoted) {
  std::string text = HtmlText(sentence);
  for (std::string& q : quoted) q = HtmlText(q);
  std::sort(quoted.begin(), quoted.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  // Spans [begin, end) of `text` already isolated, by begin.
  std::map<std::size_t, std::size_t> spans;
  for (const std::string& q : quoted) {
    if (q.empty()) continue;
    for (std::size_t at = text.find(q); at != std::string::npos; at = text.find(q, at + 1)) {
      auto next = spans.lower_bound(at);
      if (next != spans.end() && next->first < at + q.size()) continue;
      if (next != spans.begin() && std::prev(next)->second > at) continue;
      spans.emplace(at, at + q.size());
    }
  }
  std::string out;
  std::size_t done = 0;
  for (const auto& [begin, end] : spans) {
    out.append(text, done, begin - done).append("<bdi>").append(text, begin, end - begin);
    out += "</bdi>";
    done = end;
  }
  return out.append(text, done, std::string::npos);
}

std::string SourceLabel(const ReportView& view, std::string_view id) {
  const model::Source* s = view.FindSource(id);
  return s != nullptr ? s->name + " (" + std::string(id) + ")" : std::string(id);
}

// Run::sources is sorted by id (run.h).
const score::SourceRating* FindRating(const ReportView& view, std::string_view id) {
  const std::vector<score::SourceRating>& all = view.run->sources;
  auto it = std::lower_bound(all.begin(), all.end(), id,
                             [](const score::SourceRating& s, std::string_view key) {
                               return s.source_id < key;
                             });
  return it != all.end() && it->source_id == id ? &*it : nullptr;
}

using LinksByClaim = std::map<std::string_view, std::vector<const model::Link*>>;
using NotesByClaim = std::map<std::string_view, std::vector<std::string>>;

const std::vector<const model::Link*>& LinksOf(const LinksByClaim& links, std::string_view id) {
  static const std::vector<const model::Link*> kNone;
  auto it = links.find(id);
  return it == links.end() ? kNone : it->second;
}

// p and its interval on a 0..1 scale, with the ICD 203 band edges.
void WriteBar(const ReportView& view, const score::ClaimScore& claim, std::ostream& out) {
  constexpr double kLeft = 10, kWidth = 400;
  auto at = [&](double v) { return X(kLeft + kWidth * std::clamp(v, 0.0, 1.0)); };
  const std::string label = "p " + P(claim.p) + ", " +
                            FormatPercent(view.run->info.interval_level) + " interval " +
                            P(claim.lo) + " to " + P(claim.hi);
  out << "<svg class=\"bar\" viewBox=\"0 0 420 44\" width=\"420\" role=\"img\" aria-label=\""
      << label << "\"><title>" << label << "</title>\n"
      << "<rect x=\"" << X(kLeft) << "\" y=\"8\" width=\"" << X(kWidth)
      << "\" height=\"14\" fill=\"#eee\" stroke=\"#999\"/>\n";
  for (double edge : kIcd203Edges) {
    out << "<line x1=\"" << at(edge) << "\" y1=\"8\" x2=\"" << at(edge)
        << "\" y2=\"22\" stroke=\"#bbb\"/>\n";
  }
  out << "<rect x=\"" << at(claim.lo) << "\" y=\"8\" width=\""
      << X(kWidth * (std::clamp(claim.hi, 0.0, 1.0) - std::clamp(claim.lo, 0.0, 1.0)))
      << "\" height=\"14\" fill=\"#7fa7d1\"/>\n"
      << "<line x1=\"" << at(claim.p) << "\" y1=\"3\" x2=\"" << at(claim.p)
      << "\" y2=\"27\" stroke=\"#000\" stroke-width=\"3\"/>\n"
      << "<text x=\"" << X(kLeft) << "\" y=\"40\" font-size=\"11\">0</text>"
      << "<text x=\"" << X(kLeft + kWidth / 2) << "\" y=\"40\" font-size=\"11\" "
         "text-anchor=\"middle\">0.5</text>"
      << "<text x=\"" << X(kLeft + kWidth) << "\" y=\"40\" font-size=\"11\" "
         "text-anchor=\"end\">1</text>\n</svg>\n";
}

void WriteExplanationTable(const ReportView& view, const score::ClaimScore& claim,
                           const std::vector<std::string>& quoted, std::ostream& out) {
  out << "<div class=\"scroll\"><table class=\"explanation\">\n<thead><tr><th>step</th>"
         "<th>line</th><th>kind</th><th>weight</th><th>total</th><th>traced to</th>"
         "<th>what it says</th></tr></thead>\n<tbody>\n";
  double total = 0;
  int step = 0;
  for (const score::Contribution& c : claim.contributions) {
    total += c.weight;
    std::string traced = Isolated(c.ref);
    if (c.kind == score::ContributionKind::kLink) {
      const std::size_t arrow = c.ref.find("->");
      if (const model::Source* s = view.FindSource(std::string_view(c.ref).substr(0, arrow))) {
        traced += " (" + Isolated(s->name) + ")";
      }
    }
    out << "<tr><td class=\"n\">" << ++step << "</td><td class=\"n\">"
        << (c.line > 0 ? std::to_string(c.line) : "-") << "</td><td class=\"k\">" << score::Name(c.kind)
        << "</td><td class=\"n\">" << W(c.weight) << "</td><td class=\"n\">" << W(total)
        << "</td><td class=\"id\">" << traced << "</td><td>" << IsolateQuoted(c.text, quoted)
        << "</td></tr>\n";
  }
  if (claim.contributions.empty()) {
    out << "<tr><td colspan=\"7\">(no contributions)</td></tr>\n";
  }
  out << "</tbody>\n<tfoot><tr class=\"sum\"><td></td><td></td><td>sum</td><td class=\"n\">"
      << W(total) << "</td><td></td><td colspan=\"2\">log-odds " << W(claim.log_odds)
      << (W(total) != W(claim.log_odds) ? " (differs from the sum of contributions)" : "")
      << "</td></tr></tfoot>\n</table></div>\n";
}

// The provenance picture (layout: provenance_internal.h). Sizes in SVG user
// units; the picture scales down to the page width.
void WriteProvenance(const ReportView& view, const score::ClaimScore& claim, int index,
                     const ProvenanceLayout& layout, std::ostream& out) {
  if (layout.nodes.empty()) {
    out << "<p>No source is linked to this claim: nothing to draw.</p>\n";
    return;
  }
  constexpr double kLabelW = 64, kColW = 190, kBoxW = 160, kBoxH = 28, kRowH = 40,
                   kLaneGap = 12, kTop = 8, kClaimW = 150, kClaimGap = 40;
  const int rows = static_cast<int>(layout.nodes.size());
  const int lanes = static_cast<int>(layout.lanes.size());
  const double height = kTop * 2 + rows * kRowH + (lanes - 1) * kLaneGap;
  const double claim_x = kLabelW + layout.columns * kColW + kClaimGap - (kColW - kBoxW);
  const double width = claim_x + kClaimW + 8;
  auto node_x = [&](const ProvenanceNode& n) { return kLabelW + n.column * kColW; };
  auto node_y = [&](const ProvenanceNode& n) {  // vertical centre
    return kTop + n.row * kRowH + n.lane * kLaneGap + kRowH / 2;
  };
  const std::string prefix = "m" + std::to_string(index) + "-";

  out << "<svg class=\"provenance\" viewBox=\"0 0 " << X(width) << " " << X(height)
      << "\" width=\"" << X(width) << "\" role=\"img\" aria-label=\"provenance of claim "
      << HtmlText(claim.claim_id) << "\" font-size=\"12\" "
         "font-family=\"system-ui,sans-serif\">\n<defs>";
  for (int lane = 0; lane <= lanes; ++lane) {
    // Marker `lanes` is the one of arrows against the claim.
    const std::string_view colour = lane == lanes ? kAgainst : LaneColour(lane);
    out << "<marker id=\"" << prefix << lane << "\" viewBox=\"0 0 10 10\" refX=\"10\" "
           "refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path "
           "d=\"M0,0L10,5L0,10z\" fill=\""
        << colour << "\"/></marker>";
  }
  out << "</defs>\n";
  for (int lane = 0; lane < lanes; ++lane) {
    const ProvenanceLane& l = layout.lanes[lane];
    const double y = kTop + l.first_row * kRowH + lane * kLaneGap;
    out << "<rect x=\"0\" y=\"" << X(y) << "\" width=\"" << X(claim_x - 12) << "\" height=\""
        << X(l.rows * kRowH) << "\" fill=\"" << LaneColour(lane)
        << "\" fill-opacity=\"0.08\"/><text x=\"6\" y=\"" << X(y + 16) << "\" fill=\""
        << LaneColour(lane) << "\" font-weight=\"bold\">line " << l.line << "</text>\n";
  }
  out << "<rect x=\"" << X(claim_x) << "\" y=\"" << X(kTop) << "\" width=\"" << X(kClaimW)
      << "\" height=\"" << X(height - 2 * kTop) << "\" rx=\"6\" fill=\"#fff\" stroke=\"#000\" "
      << "stroke-width=\"2\"/><text x=\"" << X(claim_x + 8) << "\" y=\"" << X(kTop + 18)
      << "\" font-weight=\"bold\">claim</text><text x=\"" << X(claim_x + 8) << "\" y=\""
      << X(kTop + 34) << "\">" << HtmlText(Shorten(claim.claim_id, 20)) << "<title>"
      << HtmlText(claim.claim_id) << "</title></text><text x=\"" << X(claim_x + 8)
      << "\" y=\"" << X(kTop + 50) << "\">p " << P(claim.p) << "</text>\n";

  for (const ProvenanceEdge& e : layout.edges) {
    const ProvenanceNode& from = layout.nodes[e.from];
    const double x1 = node_x(from) + kBoxW, y1 = node_y(from);
    double x2 = claim_x, y2 = y1;
    if (e.to != kClaimNode) {
      x2 = node_x(layout.nodes[e.to]);
      y2 = node_y(layout.nodes[e.to]);
    }
    const int marker = e.against ? lanes : from.lane;
    out << "<line x1=\"" << X(x1) << "\" y1=\"" << X(y1) << "\" x2=\"" << X(x2) << "\" y2=\""
        << X(y2) << "\" stroke=\"" << (e.against ? kAgainst : LaneColour(from.lane))
        << "\" stroke-width=\"2\""
        << (e.kind == ProvenanceEdgeKind::kConduit ? " stroke-dasharray=\"6 4\"" : "")
        << " marker-end=\"url(#" << prefix << marker << ")\"/>\n";
  }
  for (const ProvenanceNode& n : layout.nodes) {
    const score::SourceRating* rating = FindRating(view, n.source_id);
    const std::string letter = rating != nullptr ? std::string(1, rating->admiralty) : "?";
    const double x = node_x(n), y = node_y(n) - kBoxH / 2;
    out << "<g><title>" << HtmlText(SourceLabel(view, n.source_id)) << ", reliability "
        << HtmlText(letter) << (n.conduit_only ? ", conduit (reported_by)" : "")
        << "</title><rect x=\"" << X(x) << "\" y=\"" << X(y) << "\" width=\"" << X(kBoxW)
        << "\" height=\"" << X(kBoxH) << "\" rx=\"4\" fill=\"#fff\" stroke=\""
        << LaneColour(n.lane) << "\" stroke-width=\"1.5\""
        << (n.conduit_only ? " stroke-dasharray=\"4 3\"" : "") << "/><text x=\"" << X(x + 6)
        << "\" y=\"" << X(y + 18) << "\">" << HtmlText(Shorten(n.source_id, 18))
        << "</text><text x=\"" << X(x + kBoxW - 6) << "\" y=\"" << X(y + 18)
        << "\" text-anchor=\"end\" font-weight=\"bold\">" << HtmlText(letter)
        << "</text></g>\n";
  }
  out << "</svg>\n";
}

void WriteClaim(const ReportView& view, const LinksByClaim& links, const NotesByClaim& notes,
                const score::ClaimScore& claim, int index, std::ostream& out) {
  const model::Claim* record = view.FindClaim(claim.claim_id);
  const ProvenanceLayout layout = LayOutProvenance(claim, LinksOf(links, claim.claim_id));
  out << "<section class=\"claim\" id=\"claim-" << index << "\">\n<h2><span class=\"id\">"
      << Isolated(claim.claim_id) << "</span><br>"
      << (record != nullptr ? Isolated(record->text) : "(claim text not in the store)")
      << "</h2>\n<figure>";
  WriteBar(view, claim, out);
  out << "</figure>\n<dl class=\"kv\">\n<dt>p</dt><dd><strong>" << P(claim.p)
      << "</strong> (before calibration " << P(claim.p_raw) << ")</dd>\n<dt>"
      << FormatPercent(view.run->info.interval_level) << " interval</dt><dd>" << P(claim.lo)
      << " to " << P(claim.hi) << "</dd>\n<dt>ICD 203</dt><dd><strong>"
      << HtmlText(claim.verdict.icd203) << "</strong>";
  if (claim.verdict.icd203_range != claim.verdict.icd203) {
    out << " (range: " << HtmlText(claim.verdict.icd203_range) << ")";
  }
  out << "</dd>\n<dt>Admiralty credibility</dt><dd><strong>"
      << claim.verdict.admiralty_credibility << "</strong> ("
      << AdmiraltyCredibilityWords(claim.verdict.admiralty_credibility) << ")</dd>\n"
      << "<dt>sources' reliability</dt><dd>";
  std::set<std::string_view> involved;
  for (const ProvenanceNode& n : layout.nodes) involved.insert(n.source_id);
  const char* sep = "";
  for (std::string_view id : involved) {
    const score::SourceRating* rating = FindRating(view, id);
    const char letter = rating != nullptr ? rating->admiralty : '?';
    out << sep << "<span class=\"id\">" << Isolated(id) << "</span> <strong>"
        << HtmlText(std::string(1, letter)) << "</strong>";
    sep = ", ";
  }
  if (involved.empty()) out << "(no source)";
  out << "</dd>\n<dt>PolitiFact (LIAR)</dt><dd>" << HtmlText(claim.verdict.politifact)
      << "</dd>\n<dt>independent lines of evidence</dt><dd>" << claim.lines << "</dd>\n</dl>\n"
      << "<h3>Explanation</h3>\n";
  // What the scorer's sentences may quote: the names of the sources the
  // claim's links name (source, via, reported_by) and its evidence notes.
  std::set<std::string_view> named;
  for (const model::Link* l : LinksOf(links, claim.claim_id)) {
    named.insert(l->source);
    named.insert(l->via.begin(), l->via.end());
    if (l->reported_by) named.insert(*l->reported_by);
  }
  std::vector<std::string> quoted;
  for (std::string_view id : named) {
    if (const model::Source* s = view.FindSource(id)) quoted.push_back(s->name);
  }
  if (auto it = notes.find(claim.claim_id); it != notes.end()) {
    quoted.insert(quoted.end(), it->second.begin(), it->second.end());
  }
  WriteExplanationTable(view, claim, quoted, out);
  out << "<h3>Provenance</h3>\n<figure><div class=\"pic\">";
  WriteProvenance(view, claim, index, layout, out);
  out << "</div><figcaption>One band per line of evidence, numbered as in the explanation; columns "
         "run downstream along <code>via</code>. Letters are Admiralty reliability. "
         "<span class=\"key\"></span> stance or relay, "
         "<span class=\"key dashed\"></span> through a conduit (reported_by), "
         "<span class=\"key against\"></span> <span class=\"against\">refutes or denies"
         "</span>.</figcaption></figure>\n</section>\n";
}

// The run's evaluation: its metrics (those that apply, in MetricList order)
// and its reliability diagram.
void WriteEvaluation(const ReportView& view, std::ostream& out) {
  const eval::Metrics& m = *view.evaluation;
  const score::RunInfo& info = view.run->info;
  out << "<section id=\"evaluation\">\n<h2>Evaluation</h2>\n<p>The latest <code>credence "
         "eval</code> of this run, against the labels in the store: "
      << m.outcomes << " labeled claims";
  if (m.items > 0) out << ", " << m.items << " items (" << m.items_correct << " right)";
  if (m.ordinal > 0) out << ", " << m.ordinal << " with a six-way label";
  out << ".</p>\n<table class=\"metrics\">\n<thead><tr><th>metric</th><th>value</th>"
         "<th>meaning</th></tr></thead>\n<tbody>\n";
  // docs/accuracy.md defines each.
  static constexpr std::pair<std::string_view, std::string_view> kMeaning[] = {
      {"accuracy", "share of items whose most probable claim is true (higher is better)"},
      {"brier", "mean squared error of p against the outcome (lower is better)"},
      {"log_loss", "mean negative log-likelihood of the outcomes (lower is better)"},
      {"ece", "expected calibration error over 10 equal-width bins (lower is better)"},
      {"accuracy_6way", "share of six-way labels matched exactly (higher is better)"},
      {"ordinal_mae", "mean distance in label steps on the six-way scale (lower is better)"},
  };
  for (const auto& [name, value] : eval::MetricList(m)) {
    std::string_view meaning;
    for (const auto& [n, text] : kMeaning) {
      if (n == name) meaning = text;
    }
    out << "<tr><td class=\"id\">" << HtmlText(name) << "</td><td class=\"n\">"
        << FormatFixed(value, kProbabilityDecimals) << "</td><td>" << meaning << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n<figure>"
      << ReliabilityDiagramSvg(m,
                               "Reliability diagram, run " + std::to_string(info.id) +
                                   (info.fit ? " (fit " + *info.fit + ")" : ""),
                               /*standalone=*/false)
      << "<figcaption>Bars: the share of claims labeled true in each bin of predicted p; dots: "
         "the bin's mean p; the dashed diagonal is perfect calibration.</figcaption></figure>\n"
         "</section>\n";
}

void WriteSources(const ReportView& view, std::ostream& out) {
  out << "<section id=\"sources\">\n<h2>Sources</h2>\n";
  if (view.sources.empty()) {
    out << "<p>(none)</p>\n</section>\n";
    return;
  }
  out << "<div class=\"scroll\"><table>\n<thead><tr><th>id</th><th>name</th><th>Admiralty "
         "reliability</th><th>mean</th><th>alpha</th><th>beta</th><th>prior from rules</th>"
         "</tr></thead>\n<tbody>\n";
  for (const score::SourceRating* s : view.sources) {
    const model::Source* record = view.FindSource(s->source_id);
    std::string rules;
    for (const std::string& r : s->rules) rules += (rules.empty() ? "" : ", ") + Isolated(r);
    out << "<tr><td class=\"id\">" << Isolated(s->source_id) << "</td><td>"
        << (record != nullptr ? Isolated(record->name) : "(not in the store)") << "</td><td>"
        << HtmlText(std::string(1, s->admiralty)) << " ("
        << AdmiraltyReliabilityWords(s->admiralty) << ")</td><td class=\"n\">" << P(s->mean)
        << "</td><td class=\"n\">" << FormatFixed(s->alpha, kCountDecimals)
        << "</td><td class=\"n\">" << FormatFixed(s->beta, kCountDecimals) << "</td><td>"
        << rules << "</td></tr>\n";
  }
  out << "</tbody>\n</table></div>\n</section>\n";
}

}  // namespace

void WriteHtml(const ReportView& view, std::ostream& out) {
  const score::RunInfo& info = view.run->info;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; img-src data:\">\n"
         "<meta name=\"referrer\" content=\"no-referrer\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>credence report: run "
      << info.id << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<header>\n"
      << "<h1>credence report: run " << info.id << "</h1>\n<dl class=\"kv\">\n"
      << "<dt>run</dt><dd>" << info.id << "</dd>\n"
      << "<dt>engine</dt><dd>credence " << HtmlText(info.engine) << "</dd>\n"
      << "<dt>rules</dt><dd>" << Isolated(info.rules_name) << ", sha256 <span class=\"id\">"
      << HtmlText(info.rules_sha256) << "</span></dd>\n"
      << "<dt>fit</dt><dd>" << (info.fit ? Isolated(*info.fit) : FitName(info)) << "</dd>\n"
      << "<dt>seed</dt><dd>" << info.seed << "</dd>\n"
      << "<dt>interval</dt><dd>" << FormatPercent(info.interval_level) << " credible</dd>\n"
      << "<dt>claims</dt><dd>" << view.claims.size() << " of " << view.run->claims.size()
      << "</dd>\n</dl>\n</header>\n";
  if (view.evaluation != nullptr) WriteEvaluation(view, out);
  out << "<nav>\n<ol>\n";
  int index = 0;
  for (const score::ClaimScore* claim : view.claims) {
    out << "<li><a href=\"#claim-" << ++index << "\"><span class=\"id\">"
        << Isolated(claim->claim_id) << "</span></a> " << P(claim->p) << ", "
        << HtmlText(claim->verdict.icd203) << "</li>\n";
  }
  out << "<li><a href=\"#sources\">Sources</a></li>\n";
  if (view.evaluation != nullptr) out << "<li><a href=\"#evaluation\">Evaluation</a></li>\n";
  out << "</ol>\n</nav>\n<main>\n";
  LinksByClaim links;
  for (const model::Link& l : view.cases->links) links[l.claim].push_back(&l);
  NotesByClaim notes;
  for (const model::Evidence& e : view.cases->evidence) {
    if (e.note) notes[e.claim].push_back(*e.note);
  }
  index = 0;
  for (const score::ClaimScore* claim : view.claims) {
    WriteClaim(view, links, notes, *claim, ++index, out);
  }
  WriteSources(view, out);
  out << "</main>\n<footer>\n<p>Weights are in log-odds (natural log); each figure is rounded "
         "on its own, so a total may differ from the sum of printed weights by a few "
         "thousandths. Case text is shown as plain text: no link in this page comes from a "
         "case file, and control characters appear as &lt;U+XXXX&gt;.</p>\n</footer>\n"
         "</body>\n</html>\n";
}

}  // namespace credence::report::internal
