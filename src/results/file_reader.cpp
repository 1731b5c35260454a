#include "file_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <system_error>

namespace canary::results_detail {
namespace {

std::string errno_text(int error) { return std::generic_category().message(error); }

// Closes the descriptor on every return path.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

FileText read_capped_file(const std::string& path, std::size_t max_bytes) {
  FileText out;
  // O_NONBLOCK: opening a FIFO someone left in place of results.json must not hang.
  const Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (file.get() < 0) {
    out.error = "cannot open: " + errno_text(errno);
    return out;
  }
  struct stat info {};
  if (::fstat(file.get(), &info) != 0) {
    out.error = "cannot stat: " + errno_text(errno);
    return out;
  }
  if (S_ISDIR(info.st_mode)) {
    out.error = "is a directory, not a file";
    return out;
  }
  if (!S_ISREG(info.st_mode)) {
    out.error = "not a regular file";
    return out;
  }
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size > max_bytes) {
    out.error = "too large: " + std::to_string(size) + " bytes (the limit is " +
                std::to_string(max_bytes) + " bytes)";
    return out;
  }
  // One byte of slack tells a file that grew past the cap since fstat.
  out.text.resize(size + 1);
  std::size_t filled = 0;
  while (filled < out.text.size()) {
    const ssize_t n = ::read(file.get(), out.text.data() + filled, out.text.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = "cannot read: " + errno_text(errno);
      out.text.clear();
      return out;
    }
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
    if (filled == out.text.size() && filled <= max_bytes)
      out.text.resize(std::min(max_bytes + 1, filled * 2));
  }
  if (filled > max_bytes) {
    out.error =
        "too large: over " + std::to_string(max_bytes) + " bytes (it grew while being read)";
    out.text.clear();
    return out;
  }
  out.text.resize(filled);
  return out;
}

}  // namespace canary::results_detail
