#pragma once
// Reads a recipe's git repository without writing to it, so several runs can share it.

#include <filesystem>
#include <optional>
#include <string>

namespace canary::localci {

bool is_full_sha(const std::string& text);

struct GitRepo {
  std::filesystem::path path;     // a bare or non-bare repository
  std::filesystem::path log;      // git's output is appended here
  std::filesystem::path scratch;  // a directory for the archive on its way to the checkout
};

// The commit `rev` names (a SHA, tag or branch), or nullopt with `error`.
std::optional<std::string> resolve_commit(const GitRepo& repo, const std::string& rev,
                                          std::string* error);

// Replaces `dest` with the tree of `commit` (no .git inside). "" or an error message.
std::string checkout(const GitRepo& repo, const std::string& commit,
                     const std::filesystem::path& dest);

}  // namespace canary::localci
