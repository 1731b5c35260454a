#include "artifact_dir.hpp"

#include <canary/run_index.hpp>
#include <canary/run_record.hpp>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace canary {

namespace fs = std::filesystem;

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
  now = DirHandle::open(dir, &why);
  if (!now.valid() || now.device() != created.device() || now.inode() != created.inode()) {
    return "artifact dir " + dir + " is not the one Canary created (" +
           (why.empty() ? std::string("replaced during the run") : why) +
           "); refusing to read or write in it";
  }
  // The harness user's part is over: the dir becomes Canary's again, so nothing of that user
  // can rename, replace or remove the record Canary is about to write there.
  if (run_as.uid && (::fchown(now.fd(), ::geteuid(), ::getegid()) != 0 ||
                     ::fchmod(now.fd(), 0755) != 0)) {
    return "cannot take artifact dir " + dir + " back from the harness user: " +
           std::strerror(errno);
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
