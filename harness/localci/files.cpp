#include "files.hpp"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>

namespace canary::localci {
namespace fs = std::filesystem;

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

std::string write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) return "cannot write " + path.string();
  return "";
}

std::string write_file_atomic(const fs::path& path, const std::string& text) {
  const fs::path temp = path.string() + ".tmp." + std::to_string(::getpid());
  if (auto error = write_file(temp, text); !error.empty()) return error;
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) {
    fs::remove(temp, ec);
    return "cannot rename into " + path.string();
  }
  return "";
}

std::string copy_tree(const fs::path& from, const fs::path& to, bool overwrite) {
  std::error_code ec;
  if (fs::is_regular_file(from, ec)) {
    if (!overwrite && fs::exists(to, ec)) return "";
    if (auto error = make_dirs(to.parent_path()); !error.empty()) return error;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    return ec ? "cannot copy " + from.string() + ": " + ec.message() : "";
  }
  if (!fs::is_directory(from, ec)) return from.string() + " does not exist";
  const auto options =
      fs::copy_options::recursive |
      (overwrite ? fs::copy_options::overwrite_existing : fs::copy_options::skip_existing);
  if (auto error = make_dirs(to); !error.empty()) return error;
  fs::copy(from, to, options, ec);
  return ec ? "cannot copy " + from.string() + " to " + to.string() + ": " + ec.message() : "";
}

std::string remove_tree(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  return ec ? "cannot remove " + path.string() + ": " + ec.message() : "";
}

std::vector<fs::path> regular_files(const fs::path& root) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) return {root};
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path());
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<fs::path> files_containing(const fs::path& root, const std::string& needle) {
  std::vector<fs::path> found;
  for (const auto& file : regular_files(root)) {
    const auto text = read_file(file);
    if (text && text->find(needle) != std::string::npos) found.push_back(file);
  }
  return found;
}

std::string make_dirs(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path, ec);
  return ec ? "cannot create " + path.string() + ": " + ec.message() : "";
}

bool is_safe_relative(const std::string& path) {
  if (path.empty() || path.front() == '/') return false;
  for (const auto& part : fs::path(path))
    if (part == "..") return false;
  return true;
}

}  // namespace canary::localci
