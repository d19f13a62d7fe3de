// Escaping of strings that come from a case file (names, claim texts, notes,
// ids) for the context a report puts them in. A case file is untrusted input:
// whatever it holds must render inert (no terminal control, no markup, no
// reordered text) and intact (every other character kept, nothing cut).
// docs/reports.md lists the rules; JSON escaping is the JSON library's.
#ifndef CREDENCE_CORE_REPORT_ESCAPE_H_
#define CREDENCE_CORE_REPORT_ESCAPE_H_

#include <string>
#include <string_view>

namespace credence::report {

// For a terminal or a plain-text file, on one line:
// - tab, line feed, carriage return, U+2028 and U+2029 become one space;
// - every other C0 control, DEL, C1 control (so ESC and CSI: no ANSI escape
//   sequence survives) and bidirectional control (U+061C, U+200E, U+200F,
//   U+202A..U+202E, U+2066..U+2069) becomes a visible "<U+XXXX>";
// - a byte sequence that is not UTF-8 becomes U+FFFD, one per bad byte.
// Everything else, however long, is kept as is.
std::string PlainText(std::string_view s);

// For Markdown text (a paragraph, a heading after its '#', a table cell):
// PlainText, then a backslash before each of \ ` * _ { } [ ] < # | ~ & $
// so that no emphasis, code span, link, image, HTML tag, autolink, entity,
// table cell break, heading or math span can start inside the string. ( ) and
// > stay readable: with [ ] and < escaped they cannot form a link or a tag, and
// a case string never starts a line, so > cannot open a quote.
std::string MarkdownText(std::string_view s);

// For HTML and inline SVG: element text, and attribute values in double or
// single quotes. PlainText (so controls and bidi controls are visible
// "<U+XXXX>", bad UTF-8 is U+FFFD), then & < > " ' : as the character
// references &amp; &lt; &gt; &quot; &#39; &#58;. The colon is escaped so that
// no URL scheme ("javascript:", "data:") appears in the bytes at all: a browser
// shows the text unchanged, and no later edit that puts a case string into an
// attribute can turn it into a live link. Never use it inside <script> or
// <style> (reports have no script, and no case string goes into a style).
std::string HtmlText(std::string_view s);

// For JSON text that a page may embed in an HTML <script> element (JSON-LD in
// <script type="application/ld+json">): `json` must be serialized JSON; each
// < > & becomes \u003c \u003e \u0026 and each U+2028, U+2029 becomes
// \u2028, \u2029. Those characters occur only inside JSON strings, so the
// value is unchanged for every JSON reader, while no "</script>" or "<!--" in
// a case string can end the element or open a comment, and no JavaScript
// parser sees a line break inside a string.
std::string ScriptSafeJson(std::string_view json);

}  // namespace credence::report

#endif  // CREDENCE_CORE_REPORT_ESCAPE_H_
