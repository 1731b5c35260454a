#include "artifact_dir.hpp"

#include <canary/run_index.hpp>
#include <canary/run_record.hpp>

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace canary {

namespace fs = std::filesystem;

namespace {

// Deeper than this, a harness's tree is refused rather than walked (each level holds a descriptor).
constexpr int kMaxTakeBackDepth = 200;

std::string errno_text() { return std::strerror(errno); }

// Everything under `dir` (a descriptor on a directory Canary already owns) becomes Canary's,
// without following a symlink: directories 0755, regular files of one name their own mode less
// group/other write and set-id bits. A file with more names is left alone (it is someone else's
// too, and Canary refuses to read it). Nothing the harness user left can then be changed by that
// user later, say by its next run rewriting this run's results.json.
std::string take_back_tree(int dir, const std::string& shown, int depth) {
  if (depth > kMaxTakeBackDepth) {
    return shown + " nests more than " + std::to_string(kMaxTakeBackDepth) + " directories deep";
  }
  const int listing = ::dup(dir);
  DIR* entries = listing < 0 ? nullptr : ::fdopendir(listing);
  if (entries == nullptr) {
    if (listing >= 0) ::close(listing);
    return "cannot list " + shown + ": " + errno_text();
  }
  std::string error;
  while (const dirent* entry = ::readdir(entries)) {
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    const std::string path = shown + "/" + name;
    struct stat info {};
    if (::fstatat(dir, name.c_str(), &info, AT_SYMLINK_NOFOLLOW) != 0) {
      error = "cannot stat " + path + ": " + errno_text();
      break;
    }
    const bool directory = S_ISDIR(info.st_mode);
    if (directory || (S_ISREG(info.st_mode) && info.st_nlink == 1)) {
      const int flags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
                        (directory ? O_DIRECTORY : 0);
      const int fd = ::openat(dir, name.c_str(), flags);
      struct stat opened {};
      if (fd < 0 || ::fstat(fd, &opened) != 0 || opened.st_ino != info.st_ino ||
          ::fchown(fd, ::geteuid(), ::getegid()) != 0 ||
          ::fchmod(fd, directory ? 0755 : (info.st_mode & 0755)) != 0) {
        error = "cannot take " + path + " back from the harness user: " + errno_text();
      } else if (directory) {
        error = take_back_tree(fd, path, depth + 1);
      }
      if (fd >= 0) ::close(fd);
    } else if (!S_ISREG(info.st_mode) &&
               ::fchownat(dir, name.c_str(), ::geteuid(), ::getegid(), AT_SYMLINK_NOFOLLOW) != 0) {
      error = "cannot take " + path + " back from the harness user: " + errno_text();
    }
    if (!error.empty()) break;
  }
  ::closedir(entries);
  return error;
}

}  // namespace

RunAs resolve_user(const HarnessProfile& profile) {
  RunAs out;
  if (profile.user.empty()) return out;
  if (::geteuid() != 0) {
    out.error = "profile " + profile.path + ": 'user: " + profile.user +
                "' needs Canary to run as root (it runs as uid " + std::to_string(::geteuid()) +
                "); run it as root, or drop 'user:' to run the harness as yourself";
    return out;
  }
  struct passwd entry {};
  struct passwd* found = nullptr;
  std::string buffer(16384, '\0');
  const int error = ::getpwnam_r(profile.user.c_str(), &entry, buffer.data(), buffer.size(), &found);
  if (found == nullptr) {
    out.error = "profile " + profile.path + ": user '" + profile.user + "' " +
                (error != 0 ? std::string("cannot be looked up: ") + std::strerror(error)
                            : std::string("does not exist"));
  } else if (entry.pw_uid == 0) {
    out.error = "profile " + profile.path + ": user '" + profile.user + "' is root";
  } else {
    out.uid = entry.pw_uid;
    out.gid = entry.pw_gid;
    out.environment = {{"HOME", entry.pw_dir != nullptr ? entry.pw_dir : "/"},
                       {"USER", entry.pw_name},
                       {"LOGNAME", entry.pw_name}};
  }
  return out;
}

std::string run_as_error(const HarnessProfile& profile) { return resolve_user(profile).error; }

std::string prepare_artifact_dir(const std::string& dir, const RunAs& run_as, DirHandle& created) {
  std::error_code error;
  fs::create_directories(fs::path(dir).parent_path(), error);
  if (error) return "cannot create artifact dir " + dir + ": " + error.message();
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    return "cannot create artifact dir " + dir + ": " + std::strerror(errno);
  }
  std::string why;
  created = DirHandle::open(dir, &why);
  if (!created.valid()) return "refusing the artifact dir: " + why;
  if (!fs::is_empty(dir, error)) {
    return "artifact dir " + dir +
           " is not empty; refusing to mix runs (does the profile's artifacts use {run_id}?)";
  }
  if (error) return "cannot read artifact dir " + dir + ": " + error.message();
  if (run_as.uid && ::fchown(created.fd(), *run_as.uid, *run_as.gid) != 0) {
    return "cannot give artifact dir " + dir + " to the harness user: " + std::strerror(errno);
  }
  return "";
}

std::string announce_run(const std::string& root, const RunRecord& record) {
  const std::string error = append_index_entry(
      root, {record.run_id, record.canary, "", "", relative_to_root(root, record.artifact_dir),
             record.started});
  return error.empty() ? "" : "cannot name the run in the run index: " + error;
}

std::string reopen_artifact_dir(const std::string& dir, const RunAs& run_as,
                                const DirHandle& created, DirHandle& now) {
  std::string why;
  DirHandle opened = DirHandle::open(dir, &why);
  if (!opened.valid() || opened.device() != created.device() ||
      opened.inode() != created.inode()) {
    // `now` stays invalid: no record goes into a directory the harness put in Canary's place.
    return "artifact dir " + dir + " is not the one Canary created (" +
           (why.empty() ? std::string("replaced during the run") : why) +
           "); refusing to read or write in it";
  }
  now = std::move(opened);
  // The harness user's part is over: the dir becomes Canary's again, so nothing of that user
  // can rename, replace or remove the record Canary is about to write there.
  if (run_as.uid && (::fchown(now.fd(), ::geteuid(), ::getegid()) != 0 ||
                     ::fchmod(now.fd(), 0755) != 0)) {
    return "cannot take artifact dir " + dir + " back from the harness user: " +
           std::strerror(errno);
  }
  if (run_as.uid) {
    if (std::string error = take_back_tree(now.fd(), dir, 1); !error.empty()) {
      now = DirHandle();  // what Canary cannot own, it neither reads nor writes beside
      return error + "; refusing to read or write in " + dir;
    }
  }
  return "";
}

std::string commit_record(const std::string& root, const DirHandle& dir, const RunRecord& record) {
  const std::string text = to_json(record);
  if (std::string error = write_record_text(dir, record.artifact_dir, text); !error.empty()) {
    return error;
  }
  const std::string path = record.artifact_dir + "/" + kRunRecordFile;
  return append_index_entry(root, {record.run_id, record.canary, relative_to_root(root, path),
                                   sha256_hex(text), "", ""});
}

std::string rewrite_record(const std::string& root, const RunRecord& record) {
  std::string why;
  const DirHandle dir = DirHandle::open(record.artifact_dir, &why);
  const std::string path = record.artifact_dir + "/" + kRunRecordFile;
  const FileText current = dir.valid() ? read_regular_file(path, kMaxRecordBytes) : FileText{};
  if (!dir.valid() || !current.ok() ||
      trust_of(load_index(root), path, sha256_hex(current.text)) != Trust::trusted) {
    return "artifact dir " + record.artifact_dir + " is not the one Canary created (" +
           (why.empty() ? "its record is " + std::string(describe(Trust::unindexed)) : why) +
           "); refusing to write in it";
  }
  return commit_record(root, dir, record);
}

}  // namespace canary
