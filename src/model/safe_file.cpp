#include <canary/safe_file.hpp>

#include "model/unique_fd.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <filesystem>
#include <iterator>
#include <random>
#include <system_error>

namespace canary {
namespace {

std::string errno_text(int error) { return std::generic_category().message(error); }

// Opens for reading without following a final symlink (unless asked) and without blocking on
// a FIFO; `info` is the descriptor's own stat, so the checks are about what was opened.
int open_regular(const std::string& path, Follow follow, struct stat& info, FileText& out) {
  const int flags =
      O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (follow == Follow::no ? O_NOFOLLOW : 0);
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) {
    const int error = errno;
    out.missing = error == ENOENT;
    out.error = error == ELOOP && follow == Follow::no
                    ? "is a symbolic link; refusing to follow it"
                    : "cannot open: " + errno_text(error);
    return -1;
  }
  if (::fstat(fd, &info) != 0) {
    out.error = "cannot stat: " + errno_text(errno);
  } else if (S_ISDIR(info.st_mode)) {
    out.error = "is a directory, not a file";
  } else if (!S_ISREG(info.st_mode)) {
    out.error = "not a regular file";
  } else if (follow == Follow::no && info.st_nlink != 1) {
    // Another name for a file elsewhere (a hard link the harness made to one it can read)
    // is a redirect that O_NOFOLLOW cannot see.
    out.error = "is a hard link (" + std::to_string(info.st_nlink) + " names); refusing it";
  }
  if (!out.error.empty()) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads until EOF or until `limit` + 1 bytes are in (the caller tells "grew past the cap").
std::string read_fd(int fd, std::size_t expected, std::size_t limit, FileText& out) {
  std::string text(std::min(expected, limit) + 1, '\0');
  std::size_t filled = 0;
  while (filled < text.size()) {
    const ssize_t n = ::read(fd, text.data() + filled, text.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = "cannot read: " + errno_text(errno);
      return "";
    }
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
    if (filled == text.size() && filled <= limit) text.resize(std::min(limit + 1, filled * 2));
  }
  text.resize(filled);
  return text;
}

}  // namespace

FileText read_regular_file(const std::string& path, std::size_t max_bytes, Follow follow) {
  FileText out;
  struct stat info {};
  const UniqueFd file(open_regular(path, follow, info, out));
  if (file.get() < 0) return out;
  const auto size = static_cast<std::size_t>(info.st_size);
  if (size > max_bytes) {
    out.error = "too large: " + std::to_string(size) + " bytes (the limit is " +
                std::to_string(max_bytes) + " bytes)";
    return out;
  }
  out.text = read_fd(file.get(), size, max_bytes, out);
  if (out.error.empty() && out.text.size() > max_bytes) {
    out.error =
        "too large: over " + std::to_string(max_bytes) + " bytes (it grew while being read)";
  }
  if (!out.error.empty()) out.text.clear();
  return out;
}

FileText read_regular_tail(const std::string& path, std::size_t max_bytes) {
  FileText out;
  struct stat info {};
  const UniqueFd file(open_regular(path, Follow::no, info, out));
  if (file.get() < 0) return out;
  const auto size = static_cast<std::size_t>(info.st_size);
  const off_t start = static_cast<off_t>(size > max_bytes ? size - max_bytes : 0);
  out.cut = start > 0;
  if (::lseek(file.get(), start, SEEK_SET) < 0) {
    out.error = "cannot seek: " + errno_text(errno);
    return out;
  }
  out.text = read_fd(file.get(), size - static_cast<std::size_t>(start), max_bytes, out);
  // A log still growing: keep its last max_bytes as of now.
  if (out.text.size() > max_bytes) {
    out.text.erase(0, out.text.size() - max_bytes);
    out.cut = true;
  }
  return out;
}

std::string symlink_below(const std::string& dir, const std::string& path) {
  const std::filesystem::path relative =
      std::filesystem::path(path).lexically_normal().lexically_relative(
          std::filesystem::path(dir).lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return "";
  std::filesystem::path at = dir;
  for (auto part = relative.begin(); std::next(part) != relative.end(); ++part) {
    at /= *part;
    struct stat info {};
    if (::lstat(at.c_str(), &info) == 0 && S_ISLNK(info.st_mode)) {
      return at.string() + " is a symbolic link; refusing to follow it";
    }
  }
  return "";
}

DirHandle DirHandle::open(const std::string& path, std::string* error) {
  DirHandle dir;
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    if (error) {
      *error = e == ELOOP || e == ENOTDIR ? path + " is not a directory (a symbolic link or a file)"
                                          : "cannot open " + path + ": " + errno_text(e);
    }
    return dir;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    if (error) *error = "cannot stat " + path + ": " + errno_text(errno);
    ::close(fd);
    return dir;
  }
  dir.fd_ = fd;
  dir.dev_ = info.st_dev;
  dir.ino_ = info.st_ino;
  dir.uid_ = info.st_uid;
  dir.mode_ = info.st_mode;
  return dir;
}

DirHandle::DirHandle(DirHandle&& other) noexcept
    : fd_(other.fd_), dev_(other.dev_), ino_(other.ino_), uid_(other.uid_), mode_(other.mode_) {
  other.fd_ = -1;
}

DirHandle& DirHandle::operator=(DirHandle&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    dev_ = other.dev_;
    ino_ = other.ino_;
    uid_ = other.uid_;
    mode_ = other.mode_;
    other.fd_ = -1;
  }
  return *this;
}

DirHandle::~DirHandle() {
  if (fd_ >= 0) ::close(fd_);
}

std::string write_file_at(const DirHandle& dir, const std::string& shown, const std::string& name,
                          std::string_view text) {
  static std::atomic<unsigned> counter{0};
  std::random_device random;
  std::string temp;
  int fd = -1;
  // A name the harness cannot predict; O_EXCL refuses whatever it planted there anyway.
  for (int tries = 0; tries < 8 && fd < 0; ++tries) {
    temp = "." + name + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
           "-" + std::to_string(random());
    fd = ::openat(dir.fd(), temp.c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0644);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return "cannot create a temporary file in " + shown + ": " + errno_text(errno);
  const UniqueFd file(fd);
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string message = "cannot write " + shown + "/" + temp + ": " + errno_text(errno);
      ::unlinkat(dir.fd(), temp.c_str(), 0);
      return message;
    }
    written += static_cast<std::size_t>(n);
  }
  ::fchmod(fd, 0644);  // whatever the umask: reports and verify read it as another user
  if (::renameat(dir.fd(), temp.c_str(), dir.fd(), name.c_str()) != 0) {
    const std::string message =
        "cannot rename " + temp + " to " + name + " in " + shown + ": " + errno_text(errno);
    ::unlinkat(dir.fd(), temp.c_str(), 0);
    return message;
  }
  return "";
}

}  // namespace canary
