// Self-contained HTML: inline CSS, no script, no network resource. The matrix coloured, a
// history strip across nights, and per canary its findings, artifact links and log tails.
#include "report_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace canary {
namespace {

namespace fs = std::filesystem;
using namespace report_text;

constexpr std::string_view kStyle = R"css(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.5em; margin: 0 0 .3em; }
h2 { font-size: 1.2em; margin: 1.4em 0 .5em; }
h3 { font-size: 1.05em; margin: 0 0 .4em; }
table { border-collapse: collapse; }
th, td { border: 1px solid #c8c8c8; padding: .25em .6em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; white-space: nowrap; }
.summary { font-size: 1.1em; font-weight: 600; }
.source { color: #555; }
.outcome { font-weight: 700; white-space: nowrap; }
.outcome-pass { background: #c8e6c9; color: #1b5e20; }
.outcome-flaky { background: #fff3c4; color: #7a5b00; }
.outcome-fail { background: #ffcdd2; color: #b71c1c; }
.outcome-error { background: #e1bee7; color: #4a148c; }
td.tier { white-space: nowrap; }
.status-pass { background: #e8f5e9; color: #1b5e20; }
.status-fail { background: #ffebee; color: #b71c1c; }
.status-skip, .status-na, .status-absent { background: #f5f5f5; color: #757575; }
.status-error { background: #f3e5f5; color: #4a148c; }
.status-unver { background: #fff8e1; color: #7a5b00; }
td.mismatch { outline: 3px solid #d32f2f; outline-offset: -3px; font-weight: 700; }
td.judged::after { content: " \2713"; color: #2e7d32; }
td.mismatch::after { content: ""; }
.want { display: block; font-size: .85em; font-weight: 400; color: #b71c1c; }
table.history td.night { text-align: center; min-width: 2.2em; }
.hist-pass { background: #66bb6a; } .hist-flaky { background: #ffd54f; }
.hist-fail { background: #e53935; } .hist-error { background: #8e24aa; }
.hist-absent { background: #eeeeee; }
section.detail { border: 1px solid #c8c8c8; border-left-width: 6px; padding: .6em 1em; margin: 1em 0; }
section.detail.outcome-pass { border-left-color: #43a047; background: none; color: inherit; }
section.detail.outcome-flaky { border-left-color: #fbc02d; background: none; color: inherit; }
section.detail.outcome-fail { border-left-color: #e53935; background: none; color: inherit; }
section.detail.outcome-error { border-left-color: #8e24aa; background: none; color: inherit; }
dl { display: grid; grid-template-columns: max-content auto; gap: .1em 1em; margin: .3em 0; }
dt { color: #555; } dd { margin: 0; }
ul.findings li { color: #b71c1c; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f7f7f7; border: 1px solid #ddd; padding: .5em; overflow-x: auto; max-height: 24em; }
.legend { color: #555; font-size: .9em; }
)css";

std::string esc(std::string_view text) { return escape_xml(text); }

// An id attribute and fragment that survive any canary id.
std::string anchor(const std::string& canary) {
  std::string out = "canary-";
  for (const char c : canary) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_';
    out += safe ? c : '_';
  }
  return out;
}

// Percent-encodes a relative path for href, keeping '/'.
std::string url_path(const std::string& path) {
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      std::string_view("-._~/").find(c) != std::string_view::npos;
    out += safe ? std::string(1, c) : fmt::format("%{:02X}", byte);
  }
  return out;
}

std::string relative_link(const std::string& file, const std::string& html_dir) {
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(fs::absolute(html_dir.empty() ? "." : html_dir), ec);
  const fs::path target = fs::weakly_canonical(fs::absolute(file), ec);
  fs::path relative = target.lexically_relative(base);
  if (relative.empty()) relative = target;
  return url_path(relative.generic_string());
}

std::string tier_cell(const ReportTier* tier) {
  if (!tier || !tier->actual) {
    const bool wanted = tier && tier->expected;
    return fmt::format("<td class=\"tier status-absent{}\">-{}</td>",
                       wanted ? " judged mismatch" : "",
                       wanted ? "<span class=\"want\">want " + esc(*tier->expected) + "</span>" : "");
  }
  std::string classes = "tier status-" + esc(*tier->actual);
  std::string want;
  if (tier->expected) {
    classes += tier->matches() ? " judged" : " judged mismatch";
    if (!tier->matches()) want = "<span class=\"want\">want " + esc(*tier->expected) + "</span>";
  }
  const std::string title =
      tier->expected ? "expected " + *tier->expected : std::string("not judged by this canary");
  return fmt::format("<td class=\"{}\" title=\"{}\">{}{}</td>", classes, esc(title),
                     esc(*tier->actual), want);
}

std::string outcome_cell(const ReportEntry& entry) {
  return fmt::format("<td class=\"outcome outcome-{}\">{}</td>", to_string(entry.klass()),
                     esc(entry.outcome));
}

std::string matrix(const ReportNight& night, const ReportOptions& options) {
  const std::vector<std::string> tiers = tier_columns(night);
  std::string out = "<table class=\"matrix\" id=\"matrix\">\n<thead><tr><th>canary</th><th>expect</th><th>outcome</th>";
  for (const std::string& tier : tiers) out += "<th>" + esc(tier) + "</th>";
  if (options.timings) out += "<th>duration</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const ReportEntry& entry : night.entries) {
    out += fmt::format("<tr data-canary=\"{}\"><td class=\"canary\"><a href=\"#{}\">{}</a></td><td>{}</td>{}",
                       esc(entry.canary), anchor(entry.canary), esc(entry.canary),
                       entry.expect.empty() ? "-" : esc(entry.expect), outcome_cell(entry));
    for (const std::string& tier : tiers) out += tier_cell(find_tier(entry, tier));
    if (options.timings) out += "<td class=\"num\">" + esc(format_duration(entry.duration_s)) + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  out += "<p class=\"legend\">Each cell is what the harness reported. &#10003; the canary expected "
         "exactly that; a red frame with <em>want</em>: it expected something else; no mark: the "
         "canary does not judge that tier.</p>\n";
  return out;
}

std::string history_strip(const std::vector<ReportNight>& nights) {
  std::vector<std::string> canaries;
  for (const ReportNight& night : nights) {
    for (const ReportEntry& entry : night.entries) {
      if (std::find(canaries.begin(), canaries.end(), entry.canary) == canaries.end()) {
        canaries.push_back(entry.canary);
      }
    }
  }
  std::sort(canaries.begin(), canaries.end());
  std::string out = "<h2>History</h2>\n<table class=\"history\" id=\"history\">\n<thead><tr><th>canary</th>";
  for (std::size_t i = 0; i < nights.size(); ++i) {
    out += fmt::format("<th title=\"{}\">{}</th>", esc(nights[i].label + " " + nights[i].date), i + 1);
  }
  out += "<th>broken since</th></tr></thead>\n<tbody>\n";
  for (const std::string& canary : canaries) {
    out += "<tr data-canary=\"" + esc(canary) + "\"><td class=\"canary\">" + esc(canary) + "</td>";
    for (const ReportNight& night : nights) {
      const ReportEntry* entry = night.find(canary);
      const std::string klass = entry ? std::string(to_string(entry->klass())) : "absent";
      out += fmt::format("<td class=\"night hist-{}\" title=\"{}\"></td>", klass,
                         esc(entry ? entry->outcome : std::string("not run")));
    }
    const auto since = broken_since(nights, canary);
    out += "<td>" +
           (since ? fmt::format("night {}{}", *since + 1,
                                nights[*since].date.empty() ? "" : " (" + esc(nights[*since].date) + ")")
                  : std::string("-")) +
           "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  out += "<p class=\"legend\">Nights oldest first: green pass, yellow flaky, red fail, purple tool "
         "error, grey not run.</p>\n";
  for (std::size_t i = 0; i < nights.size(); ++i) {
    out += fmt::format("<p class=\"legend\">night {}: {}{}</p>\n", i + 1, esc(nights[i].label),
                       nights[i].date.empty() ? "" : ", " + esc(nights[i].date));
  }
  return out;
}

std::string detail(const ReportEntry& entry, const ReportOptions& options) {
  const std::string klass(to_string(entry.klass()));
  std::string out = fmt::format("<section class=\"detail outcome-{}\" id=\"{}\">\n<h3>{} <span class=\"outcome outcome-{}\">{}</span></h3>\n",
                                klass, anchor(entry.canary), esc(entry.canary), klass, esc(entry.outcome));
  out += "<dl>\n";
  auto item = [&out](std::string_view key, const std::string& value) {
    if (!value.empty()) out += "<dt>" + esc(key) + "</dt><dd>" + esc(value) + "</dd>\n";
  };
  item("expect", entry.expect);
  item("attempts", std::to_string(entry.attempts));
  item("exit code", entry.exit_code ? std::to_string(*entry.exit_code) : std::string("none"));
  item("signal", entry.signal);
  if (entry.timed_out) item("timed out", "yes");
  if (options.timings) item("duration", format_duration(entry.duration_s));
  item("started", entry.started);
  item("run id", entry.run_id);
  item("note", entry.note);
  out += "</dl>\n";
  if (!entry.findings.empty()) {
    out += "<ul class=\"findings\">\n";
    for (const Finding& finding : entry.findings) out += "<li>" + esc(format(finding)) + "</li>\n";
    out += "</ul>\n";
  }
  std::string links;
  for (const char* name : {"results.json", "canary-run.json", "harness.stdout.log", "harness.stderr.log"}) {
    const std::string file = (fs::path(entry.dir) / name).string();
    if (fs::exists(file)) {
      links += fmt::format(" <a href=\"{}\">{}</a>", esc(relative_link(file, options.html_dir)), name);
    }
  }
  out += "<p class=\"artifacts\">artifacts:" +
         (links.empty() ? " none found in " + esc(entry.dir) : links) + "</p>\n";
  for (const char* name : {"harness.stdout.log", "harness.stderr.log"}) {
    std::string tail = tail_file((fs::path(entry.dir) / name).string(), options.log_tail_lines);
    if (tail.empty()) continue;
    if (options.mask) tail = options.mask(tail);
    out += fmt::format("<h4>{} (last {} lines)</h4>\n<pre class=\"log\">{}</pre>\n", name,
                       options.log_tail_lines, esc(tail));
  }
  out += "</section>\n";
  return out;
}

}  // namespace

std::string render_html(const std::vector<ReportNight>& nights, const ReportOptions& options) {
  const ReportNight& night = nights.back();
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>Canary report</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<h1>Canary report</h1>\n";
  out += "<p class=\"summary\" id=\"summary\">" + esc(summary_line(count(night))) + "</p>\n";
  out += "<p class=\"source\">artifacts: " + esc(night.label) +
         (night.date.empty() || !options.timings ? "" : ", started " + esc(night.date)) + "</p>\n";
  out += "<h2>Matrix</h2>\n" + matrix(night, options);
  if (nights.size() > 1) out += history_strip(nights);
  out += "<h2>Canaries</h2>\n";
  for (const ReportEntry& entry : night.entries) out += detail(entry, options);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace canary
