#include "datasets/normalise.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <vector>

namespace credence::datasets {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

std::vector<std::string> Split(std::string_view s, std::string_view separators) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (separators.find(c) != std::string_view::npos) {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

std::vector<std::string> Tokens(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (IsSpace(c)) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string Join(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (!out.empty()) out += ' ';
    out += parts[i];
  }
  return out;
}

// Words that name a role or a suffix, not a person: dropped from author text.
bool IsRoleWord(const std::string& token) {
  static const std::set<std::string> kWords = {
      "editor", "editors", "ed", "ed.", "eds", "eds.", "edt", "author", "authors", "et", "al",
      "al.", "jr", "jr.", "sr", "sr.", "phd", "ph.d.", "ph.d", "dr", "dr.", "prof", "prof.",
      "translator", "illustrator", "compiler", "contributor", "foreword", "introduction", "by"};
  return kWords.contains(LowerCopy(token));
}

// Lowercase name particles that belong to the surname in "First van Last".
bool IsParticle(const std::string& token) {
  static const std::set<std::string> kParticles = {"van", "von", "der", "den", "de", "del",
                                                   "della", "di", "da", "la", "le", "du"};
  return kParticles.contains(LowerCopy(token));
}

// HTML entities of Latin-1 (the shops left "&eacute;", "&amp;" in names) as
// code points; 0 when unknown.
char32_t EntityCodePoint(std::string_view name) {
  static const std::map<std::string_view, char32_t> kNamed = [] {
    std::map<std::string_view, char32_t> m = {{"amp", '&'},  {"quot", '"'}, {"apos", '\''}, {"lt", '<'},
                                              {"gt", '>'},   {"nbsp", 0xA0}, {"cent", 0xA2}, {"copy", 0xA9},
                                              {"reg", 0xAE}, {"para", 0xB6}, {"frac14", 0xBC}, {"frac12", 0xBD},
                                              {"frac34", 0xBE}, {"szlig", 0xDF}, {"AElig", 0xC6}, {"aelig", 0xE6}};
    // Accented letters: Latin-1 order from 0xC0 (upper) and 0xE0 (lower).
    static const char* kLetters[] = {"Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  nullptr, "Ccedil",
                                     "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",
                                     "ETH",    "Ntilde", "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   nullptr,
                                     "Oslash", "Ugrave", "Uacute", "Ucirc",  "Uuml",   "Yacute", "THORN"};
    static std::vector<std::string> lower;
    lower.reserve(31);
    for (int i = 0; i < 31; ++i) {
      if (kLetters[i] == nullptr) continue;
      m.emplace(kLetters[i], 0xC0 + i);
      std::string l = kLetters[i];
      l[0] = Lower(l[0]);
      if (l == "eth" || l == "thorn") {
        for (char& ch : l) ch = Lower(ch);
      }
      lower.push_back(l);
      m.emplace(lower.back(), 0xE0 + i);
    }
    m.emplace("yuml", 0xFF);
    return m;
  }();
  if (name.size() > 1 && name[0] == '#') {
    char32_t v = 0;
    for (char c : name.substr(1)) {
      if (!IsDigit(c)) return 0;
      v = v * 10 + static_cast<char32_t>(c - '0');
      if (v > 0x10FFFF) return 0;
    }
    return v;
  }
  auto it = kNamed.find(name);
  return it == kNamed.end() ? 0 : it->second;
}

// Latin-1 letters folded to ASCII ("é" -> "e", "ß" -> "s"); other code
// points above ASCII give nothing.
std::string FoldCodePoint(char32_t cp) {
  static constexpr std::string_view kFold =
      "AAAAAAACEEEEIIIIDNOOOOO OUUUUYTsaaaaaaaceeeeiiiidnooooo ouuuuyty";
  if (cp < 0x80) return std::string(1, static_cast<char>(cp));
  if (cp >= 0xC0 && cp <= 0xFF && kFold[cp - 0xC0] != ' ') return std::string(1, kFold[cp - 0xC0]);
  if (cp == 0xA0) return " ";
  return "";
}

// Author text as ASCII: UTF-8 decoded, HTML entities resolved, UTF-8 that
// was read as Latin-1 and re-encoded ("Ã©" for "é", often as "&Atilde;&copy;")
// repaired, accents folded.
std::string AsciiAuthorText(std::string_view text) {
  std::vector<char32_t> cps;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '&') {
      std::size_t end = text.find(';', i);
      if (end != std::string_view::npos && end - i <= 10) {
        if (char32_t cp = EntityCodePoint(text.substr(i + 1, end - i - 1)); cp != 0) {
          cps.push_back(cp);
          i = end + 1;
          continue;
        }
      }
    }
    int n = c < 0x80 ? 0 : (c >> 5) == 0x6 ? 1 : (c >> 4) == 0xE ? 2 : (c >> 3) == 0x1E ? 3 : -1;
    if (n < 0 || i + n >= text.size() + (n == 0 ? 1 : 0)) {
      ++i;
      continue;
    }
    char32_t cp = n == 0 ? c : c & (0x3F >> n);
    for (int k = 1; k <= n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    cps.push_back(cp);
    i += n + 1;
  }
  std::string out;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    // Mojibake: a lead byte 0xC2/0xC3 followed by a continuation byte.
    if ((cps[i] == 0xC2 || cps[i] == 0xC3) && i + 1 < cps.size() && cps[i + 1] >= 0x80 && cps[i + 1] <= 0xBF) {
      out += FoldCodePoint(((cps[i] & 0x1F) << 6) | (cps[i + 1] & 0x3F));
      ++i;
    } else {
      out += FoldCodePoint(cps[i]);
    }
  }
  return out;
}

// Drops parenthesised text (roles such as "(EDT)"), after turning the text
// into ASCII.
std::string CleanAuthorText(std::string_view cell) {
  const std::string ascii = AsciiAuthorText(cell);
  std::string out;
  int depth = 0;
  for (char c : ascii) {
    if (c == '(' || c == '[') {
      ++depth;
    } else if ((c == ')' || c == ']') && depth > 0) {
      --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

std::vector<std::string> WithoutRoleWords(const std::vector<std::string>& tokens) {
  std::vector<std::string> out;
  for (const std::string& t : tokens) {
    if (!IsRoleWord(t)) out.push_back(t);
  }
  return out;
}

// "Guy L. Steele", "Peter van der Linden": the last word (with the particles
// before it) is the surname, the first word the given name.
void AddFirstLast(std::string_view piece, std::set<std::string>* keys) {
  std::vector<std::string> t = WithoutRoleWords(Tokens(piece));
  if (t.empty()) return;
  std::size_t s = t.size() - 1;
  while (s > 1 && IsParticle(t[s - 1])) --s;
  keys->insert(AuthorKey(Join(t, s, t.size()), s > 0 ? t[0] : ""));
}

void AddLastFirst(std::string_view surname, std::string_view given, std::set<std::string>* keys) {
  std::vector<std::string> s = WithoutRoleWords(Tokens(surname));
  if (s.empty()) return;
  std::vector<std::string> g = WithoutRoleWords(Tokens(given));
  keys->insert(AuthorKey(Join(s, 0, s.size()), g.empty() ? "" : g[0]));
}

// A comma list. "Knuth, Donald E." and the shops' chained
// "EBERHART, RUSSELL KENNEDY, JAMES SHI, YUHUI" both start with a one-word
// surname; then each later piece ends the previous person's given names and,
// unless it is the last piece or a single word, starts the next surname.
// A list whose first piece has several words is "First Last, First Last".
void AddCommaList(const std::vector<std::string>& raw, std::set<std::string>* keys) {
  std::vector<std::vector<std::string>> pieces;
  for (const std::string& p : raw) {
    std::vector<std::string> t = WithoutRoleWords(Tokens(p));
    if (!t.empty()) pieces.push_back(std::move(t));
  }
  if (pieces.empty()) return;
  if (pieces[0].size() > 1) {
    for (const auto& p : pieces) AddFirstLast(Join(p, 0, p.size()), keys);
    return;
  }
  std::string surname;
  bool have_surname = false;
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const auto& p = pieces[i];
    if (!have_surname) {
      if (p.size() == 1) {
        surname = p[0];
        have_surname = true;
      } else {
        AddFirstLast(Join(p, 0, p.size()), keys);
      }
    } else if (i + 1 == pieces.size() || p.size() == 1) {
      keys->insert(AuthorKey(surname, p[0]));
      have_surname = false;
    } else {
      keys->insert(AuthorKey(surname, p[0]));
      surname = p.back();
    }
  }
  if (have_surname) keys->insert(AuthorKey(surname, ""));
}

std::optional<std::string> JoinKeys(const std::set<std::string>& keys) {
  std::string out;
  for (const std::string& k : keys) {
    if (k.empty() || k == "_") continue;
    if (!out.empty()) out += ';';
    out += k;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// Replaces " and " / " & " between names by ';'.
std::string MarkConjunctions(std::string_view text) {
  std::string out;
  std::string lower = LowerCopy(text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (lower.compare(i, 5, " and ") == 0) {
      out += ';';
      i += 4;
    } else if (text[i] == '&') {
      out += ';';
    } else {
      out += text[i];
    }
  }
  return out;
}

}  // namespace

bool IsNotAvailable(std::string_view cell) {
  std::string v = LowerCopy(Trim(cell));
  static const std::set<std::string> kNa = {"",     "n/a",  "na",      "n.a.",          "null",
                                            "none", "-",    "--",      "not available", "unknown",
                                            "nan",  "?",    "missing", "contact airline"};
  return kNa.contains(v);
}

std::optional<std::string> NormaliseTime(std::string_view cell) {
  for (std::size_t i = 0; i < cell.size(); ++i) {
    if (cell[i] != ':' || i == 0 || !IsDigit(cell[i - 1])) continue;
    if (i + 2 >= cell.size() || !IsDigit(cell[i + 1]) || !IsDigit(cell[i + 2])) continue;
    if (i + 3 < cell.size() && IsDigit(cell[i + 3])) continue;
    std::size_t start = i - 1;
    if (start > 0 && IsDigit(cell[start - 1])) --start;
    if (start > 0 && IsDigit(cell[start - 1])) continue;  // "123:45" is no clock time
    int hour = 0;
    for (std::size_t k = start; k < i; ++k) hour = hour * 10 + (cell[k] - '0');
    int minute = (cell[i + 1] - '0') * 10 + (cell[i + 2] - '0');
    if (hour > 23 || minute > 59) continue;
    std::size_t k = i + 3;
    while (k < cell.size() && cell[k] == ' ') ++k;
    char marker = 0;
    if (k < cell.size()) {
      char m = Lower(cell[k]);
      bool word_end = k + 1 >= cell.size() || !IsAsciiAlpha(cell[k + 1]) || Lower(cell[k + 1]) == 'm' ||
                      std::isupper(static_cast<unsigned char>(cell[k + 1]));
      if ((m == 'a' || m == 'p') && word_end) marker = m;
    }
    if (marker == 0) {  // a 24-hour clock
      marker = hour >= 12 ? 'p' : 'a';
      if (hour > 12) hour -= 12;
      if (hour == 0) hour = 12;
    } else if (hour == 0 || hour > 12) {
      continue;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%d:%02d%c", hour, minute, marker);
    return std::string(buf);
  }
  return std::nullopt;
}

bool IsEstimatedOrRunwayTime(std::string_view cell) {
  const std::string lower = LowerCopy(cell);
  return lower.find("estimated") != std::string::npos || lower.find("runway") != std::string::npos;
}

std::string WikipediaEditor(const std::string& source) {
  if (source.starts_with("0 (") && source.ends_with(")")) return "0 (anonymous)";
  return source;
}

std::optional<std::string> NormaliseNumber(std::string_view cell) {
  std::string_view t = Trim(cell);
  if (IsNotAvailable(t)) return std::nullopt;
  std::string digits;
  for (char c : t) {
    if (c != ',') digits += c;
  }
  double v = 0;
  const char* begin = digits.data();
  if (!digits.empty() && digits[0] == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, digits.data() + digits.size(), v);
  if (ec == std::errc() && ptr == digits.data() + digits.size() && digits.size() > 0) {
    if (v == 0) v = 0;  // "-0" and "0" are one value
    char buf[64];
    auto [end, ec2] = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, end);
  }
  return LowerCopy(t);
}

std::string AuthorKey(std::string_view surname, std::string_view given) {
  std::string key;
  for (char c : surname) {
    if (IsAsciiAlpha(c)) key += Lower(c);
  }
  if (key.empty()) return "";
  for (char c : given) {
    if (IsAsciiAlpha(c)) {
      key += '_';
      key += Lower(c);
      break;
    }
  }
  return key;
}

std::optional<std::string> NormaliseAuthors(std::string_view cell) {
  std::string text = CleanAuthorText(cell);
  if (IsNotAvailable(text)) return std::nullopt;
  text = MarkConjunctions(text);
  std::set<std::string> keys;
  if (text.find_first_of(";/") != std::string::npos) {
    for (const std::string& piece : Split(text, ";/")) {
      std::size_t comma = piece.find(',');
      if (comma == std::string::npos) {
        AddFirstLast(piece, &keys);
      } else {
        AddLastFirst(std::string_view(piece).substr(0, comma), std::string_view(piece).substr(comma + 1),
                     &keys);
      }
    }
  } else if (text.find(',') != std::string::npos) {
    AddCommaList(Split(text, ","), &keys);
  } else {
    AddFirstLast(text, &keys);
  }
  return JoinKeys(keys);
}

std::optional<std::string> NormaliseGoldAuthors(std::string_view cell) {
  std::string text = CleanAuthorText(cell);
  std::set<std::string> keys;
  for (const std::string& piece : Split(text, ";")) {
    if (Trim(piece).empty()) continue;
    std::size_t comma = piece.find(',');
    if (comma == std::string::npos) {
      AddFirstLast(piece, &keys);
    } else {
      AddLastFirst(std::string_view(piece).substr(0, comma), std::string_view(piece).substr(comma + 1), &keys);
    }
  }
  return JoinKeys(keys);
}

}  // namespace credence::datasets
