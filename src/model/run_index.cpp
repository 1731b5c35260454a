#include <canary/run_index.hpp>

#include <canary/safe_file.hpp>

#include <nettle/sha2.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <set>
#include <tuple>
#include <system_error>

namespace canary {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

std::string normal_absolute(const std::string& path) {
  std::error_code ignored;
  return fs::absolute(path.empty() ? "." : path, ignored).lexically_normal().string();
}

std::string errno_text(int error) { return std::generic_category().message(error); }

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  sha256_ctx context;
  sha256_init(&context);
  sha256_update(&context, bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  std::uint8_t digest[SHA256_DIGEST_SIZE];
  sha256_digest(&context, sizeof digest, digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t byte : digest) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xF];
  }
  return out;
}

std::string relative_to_root(const std::string& root, const std::string& path) {
  return fs::path(normal_absolute(path)).lexically_relative(normal_absolute(root)).generic_string();
}

std::string append_index_entry(const std::string& root, const IndexEntry& entry) {
  const std::string dir_path = normal_absolute(root) + "/" + kIndexDir;
  if (::mkdir(dir_path.c_str(), 0755) != 0 && errno != EEXIST) {
    return "cannot create " + dir_path + ": " + errno_text(errno);
  }
  std::string error;
  const DirHandle dir = DirHandle::open(dir_path, &error);
  if (!dir.valid()) return "run index: " + error;
  if (dir.owner() != ::geteuid()) {
    return "run index: " + dir_path + " belongs to uid " + std::to_string(dir.owner()) +
           ", not to Canary's; refusing to trust it";
  }
  const int fd = ::openat(dir.fd(), kIndexFile,
                          O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
  const std::string path = dir_path + "/" + kIndexFile;
  if (fd < 0) {
    return errno == ELOOP ? "run index: " + path + " is a symbolic link; refusing it"
                          : "cannot open " + path + ": " + errno_text(errno);
  }
  struct stat info {};
  std::string message;
  if (::fstat(fd, &info) != 0) {
    message = "cannot stat " + path + ": " + errno_text(errno);
  } else if (!S_ISREG(info.st_mode)) {
    message = "run index: " + path + " is not a regular file";
  } else if (info.st_uid != ::geteuid()) {
    message = "run index: " + path + " belongs to uid " + std::to_string(info.st_uid) +
              ", not to Canary's; refusing to trust it";
  }
  if (message.empty()) {
    const Json line = entry.dir.empty() ? Json{{"run_id", entry.run_id},
                                               {"canary", entry.canary},
                                               {"record", entry.record},
                                               {"sha256", entry.sha256}}
                                        : Json{{"run_id", entry.run_id},
                                               {"canary", entry.canary},
                                               {"dir", entry.dir},
                                               {"started", entry.started}};
    const std::string text = line.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    // One write with O_APPEND: concurrent runners never interleave inside a line.
    const ssize_t n = ::write(fd, text.data(), text.size());
    if (n != static_cast<ssize_t>(text.size())) {
      message = "cannot append to " + path + ": " + (n < 0 ? errno_text(errno) : "short write");
    }
  }
  ::close(fd);
  return message;
}

IndexView load_index(const std::string& root) {
  IndexView view;
  view.root = normal_absolute(root);
  const std::string dir = view.root + "/" + kIndexDir;
  std::string error;
  const DirHandle handle = DirHandle::open(dir, &error);
  if (!handle.valid()) {
    struct stat info {};
    if (::lstat(dir.c_str(), &info) == 0) view.error = "run index: " + error;
    return view;
  }
  const FileText file = read_regular_file(dir + "/" + kIndexFile, kMaxIndexBytes);
  if (file.missing) return view;
  view.present = true;
  struct stat info {};
  if (::fstatat(handle.fd(), kIndexFile, &info, AT_SYMLINK_NOFOLLOW) != 0) info = {};
  for (const auto& [what, uid, mode] : {std::tuple{dir, handle.owner(), handle.mode()},
                                        std::tuple{dir + "/" + kIndexFile, info.st_uid,
                                                   info.st_mode}}) {
    if (uid != 0 && uid != ::geteuid()) {
      view.error = "run index: " + what + " belongs to uid " + std::to_string(uid) +
                   ", neither root nor this user; it vouches for nothing";
    } else if ((mode & 022) != 0) {
      view.error = "run index: " + what + " is writable by group or others; it vouches for nothing";
    }
    if (!view.error.empty()) return view;
  }
  if (!file.ok()) {
    view.error = dir + "/" + kIndexFile + ": " + file.error;
    return view;
  }
  std::size_t from = 0;
  while (from < file.text.size()) {
    std::size_t end = file.text.find('\n', from);
    if (end == std::string::npos) end = file.text.size();
    const Json line = Json::parse(file.text.substr(from, end - from), nullptr, false);
    from = end + 1;
    if (!line.is_object()) continue;
    IndexEntry entry;
    const bool start = line.contains("dir");
    bool ok = true;
    for (auto [key, out] : {std::pair{"run_id", &entry.run_id}, {"canary", &entry.canary},
                            {start ? "dir" : "record", start ? &entry.dir : &entry.record},
                            {start ? "started" : "sha256", start ? &entry.started : &entry.sha256}}) {
      const auto it = line.find(key);
      if (it == line.end() || !it->is_string()) {
        ok = false;
        break;
      }
      *out = it->get<std::string>();
    }
    if (!ok) continue;
    if (start) {
      view.starts.push_back(std::move(entry));
      continue;
    }
    view.by_record[entry.record] = entry;
    view.entries.push_back(std::move(entry));
  }
  return view;
}

std::string_view describe(Trust trust) {
  switch (trust) {
    case Trust::trusted: return "named by the run index with this digest";
    case Trust::unindexed: return "not named by the run index";
    case Trust::tampered: return "named by the run index, but its bytes differ from the digest";
  }
  return "not named by the run index";
}

Trust trust_of(const IndexView& view, const std::string& record_path, const std::string& digest) {
  if (!view.error.empty()) return Trust::unindexed;
  const std::string key = relative_to_root(view.root, record_path);
  const auto it = view.by_record.find(key);
  if (it == view.by_record.end()) return Trust::unindexed;
  return !digest.empty() && it->second.sha256 == digest ? Trust::trusted : Trust::tampered;
}

std::string find_index_root(const std::string& dir) {
  fs::path at = normal_absolute(dir);
  for (;;) {
    struct stat info {};
    const fs::path index = at / kIndexDir / kIndexFile;
    if (::lstat(index.c_str(), &info) == 0) return at.string();
    if (at == at.root_path() || at.parent_path() == at) return "";
    at = at.parent_path();
  }
}

bool IndexView::claims(const std::string& dir) const {
  const auto inside = [&dir](const std::string& run_dir) {
    return !run_dir.empty() && run_dir != "." &&
           (dir == run_dir || dir.starts_with(run_dir + "/"));
  };
  for (const IndexEntry& entry : starts) {
    if (inside(entry.dir)) return true;
  }
  for (const IndexEntry& entry : entries) {
    if (inside(fs::path(entry.record).parent_path().generic_string())) return true;
  }
  return false;
}

std::vector<IndexEntry> IndexView::unfinished() const {
  std::set<std::string> recorded;
  for (const IndexEntry& entry : entries) recorded.insert(entry.run_id);
  std::vector<IndexEntry> out;
  for (const IndexEntry& entry : starts) {
    if (recorded.count(entry.run_id) == 0) out.push_back(entry);
  }
  return out;
}

Trust nearest_index_trust(const std::string& record_path, const std::string& digest) {
  std::vector<std::string> roots;  // innermost first
  for (std::string at = fs::path(normal_absolute(record_path)).parent_path().string();;) {
    const std::string root = find_index_root(at);
    if (root.empty()) break;
    roots.push_back(root);
    if (root == fs::path(root).root_path()) break;
    at = fs::path(root).parent_path().string();
  }
  const std::string record_dir = fs::path(normal_absolute(record_path)).parent_path().string();
  for (auto root = roots.rbegin(); root != roots.rend(); ++root) {
    const IndexView view = load_index(*root);
    if (!view.error.empty()) continue;
    const Trust trust = trust_of(view, record_path, digest);
    if (trust != Trust::unindexed) return trust;
    // Inside a run's artifact dir (its own record is named, so this one is not it).
    if (view.claims(relative_to_root(*root, record_dir))) return Trust::unindexed;
  }
  return Trust::unindexed;
}

}  // namespace canary
