#pragma once
// File access that a hostile harness cannot block, flood or redirect: everything in an
// artifact dir is read through a descriptor opened without following symlinks and without
// blocking, regular files with one name only (no hard links), size-capped; files Canary writes there are created with
// O_EXCL in a directory Canary opened, then renamed into place.

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace canary {

// Caps, named in the messages of files that exceed them.
inline constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;   // canary-run.json
inline constexpr std::size_t kMaxConfigBytes = std::size_t{4} << 20;    // specs, profiles
inline constexpr std::size_t kMaxIndexBytes = std::size_t{256} << 20;   // .canary/index.jsonl
inline constexpr std::size_t kLogTailBytes = std::size_t{64} << 10;     // a log tail in a report

enum class Follow { no, yes };  // yes only for the user's own files (specs, profiles)

struct FileText {
  std::string text;
  std::string error;  // "cannot open: No such file or directory", "is a symbolic link ...", ...
  bool missing = false;  // the file does not exist (ENOENT)
  bool cut = false;      // read_regular_tail: the file holds more than the tail returned
  bool ok() const { return error.empty(); }
};

// The whole file, refused unread when it is not a regular file or is over `max_bytes`.
FileText read_regular_file(const std::string& path, std::size_t max_bytes,
                           Follow follow = Follow::no);

// The last `max_bytes` of a regular file (a log tail); the same refusals, no size cap.
FileText read_regular_tail(const std::string& path, std::size_t max_bytes);

// O_NOFOLLOW sees only a path's last component: "" when no directory between `dir` and `path`
// (a path below it) is a symbolic link, else the message naming the one that is. A path that
// is not below `dir` is not checked.
std::string symlink_below(const std::string& dir, const std::string& path);

// A directory opened O_DIRECTORY|O_NOFOLLOW; its identity tells it from a replacement.
class DirHandle {
 public:
  DirHandle() = default;
  static DirHandle open(const std::string& path, std::string* error);
  DirHandle(DirHandle&& other) noexcept;
  DirHandle& operator=(DirHandle&& other) noexcept;
  DirHandle(const DirHandle&) = delete;
  DirHandle& operator=(const DirHandle&) = delete;
  ~DirHandle();

  int fd() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  dev_t device() const { return dev_; }
  ino_t inode() const { return ino_; }
  uid_t owner() const { return uid_; }
  mode_t mode() const { return mode_; }

 private:
  int fd_ = -1;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
  uid_t uid_ = 0;
  mode_t mode_ = 0;
};

// Writes `dir/name` atomically: a temp file created O_EXCL|O_NOFOLLOW (mode 0644) through
// `dir`'s descriptor, written, synced, then renamed over `name`. `shown` names the dir in
// messages. Returns an error message or "".
std::string write_file_at(const DirHandle& dir, const std::string& shown, const std::string& name,
                          std::string_view text);

}  // namespace canary
