#pragma once
// Reads a whole small regular file, refusing directories, devices and files over a size cap
// before reading a byte of them.

#include <cstddef>
#include <string>

namespace canary::results_detail {

struct FileText {
  std::string text;
  std::string error;  // "cannot open: No such file or directory", "is a directory", ...
};

FileText read_capped_file(const std::string& path, std::size_t max_bytes);

}  // namespace canary::results_detail
