#pragma once
// File helpers that report failures as messages instead of throwing.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace canary::localci {

std::optional<std::string> read_file(const std::filesystem::path& path);
// Writes through a temporary file in the same directory and renames it into place.
std::string write_file_atomic(const std::filesystem::path& path, const std::string& text);
std::string write_file(const std::filesystem::path& path, const std::string& text);

// Copies a tree into `to` (merged into what is there); existing files are replaced only when
// `overwrite`. Returns an error message or "".
std::string copy_tree(const std::filesystem::path& from, const std::filesystem::path& to,
                      bool overwrite);

std::string remove_tree(const std::filesystem::path& path);

// Every regular file under `root` (or `root` itself when it is a file), sorted.
std::vector<std::filesystem::path> regular_files(const std::filesystem::path& root);

// The regular files under `root` whose bytes contain `needle`.
std::vector<std::filesystem::path> files_containing(const std::filesystem::path& root,
                                                    const std::string& needle);

// Makes `path` and its new parents; "" or an error message.
std::string make_dirs(const std::filesystem::path& path);

// A path inside a tree: relative, no "..", not empty.
bool is_safe_relative(const std::string& path);

}  // namespace canary::localci
