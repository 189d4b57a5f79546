#include "config/secret_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "util/redact.h"

namespace webex {
namespace {

namespace fs = std::filesystem;

std::string Because(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

// The old file's permission bits, or 0600 for a new one.
mode_t ModeOf(const fs::path& path) {
  struct stat old {};
  if (stat(path.c_str(), &old) != 0) return 0600;
  return old.st_mode & 07777;
}

std::optional<std::string> WriteAll(int fd, std::string_view text) {
  while (!text.empty()) {
    ssize_t wrote = write(fd, text.data(), text.size());
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote < 0) return Because("write");
    text.remove_prefix(static_cast<size_t>(wrote));
  }
  return std::nullopt;
}

// Makes the rename itself durable. Best effort: some file systems refuse
// to sync a directory, and the file is in place either way.
void SyncDirectory(const fs::path& directory) {
  int fd = open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  fsync(fd);
  close(fd);
}

// Fills the open temporary file: text, permission bits, flushed to disk.
std::optional<std::string> Fill(int fd, std::string_view text, mode_t mode) {
  if (auto problem = WriteAll(fd, text)) return problem;
  if (fchmod(fd, mode) != 0) return Because("chmod");
  if (fsync(fd) != 0) return Because("fsync");
  return std::nullopt;
}

}  // namespace

bool IsTokenText(std::string_view text) {
  for (unsigned char c : text) {
    if (c <= ' ' || c >= 0x7f) return false;
  }
  return !text.empty();
}

std::variant<std::string, TokenProblem> SecretOf(std::string_view text,
                                                 const std::string& named,
                                                 const std::string& empty) {
  const char* space = " \t\r\n";
  size_t begin = text.find_first_not_of(space);
  if (begin == std::string_view::npos) return TokenProblem{empty};
  size_t end = text.find_last_not_of(space);
  std::string secret(text.substr(begin, end - begin + 1));
  // A control character would let a secret inject HTTP headers.
  if (!IsTokenText(secret)) {
    return TokenProblem{named + " holds characters a token cannot have"};
  }
  return secret;
}

std::variant<std::string, TokenProblem> ReadSecretFile(const std::string& path,
                                                       std::string_view what) {
  std::string named = std::string(what) + " " + ShownInError(path);
  std::error_code error;
  if (!fs::is_regular_file(path, error)) {
    return TokenProblem{fs::exists(path, error)
                            ? named + " is not a regular file"
                            : "cannot read " + named};
  }
  // A secret is a few hundred bytes; refuse to slurp /dev/zero.
  constexpr std::streamsize kMaxBytes = 64 * 1024;
  std::ifstream in(path, std::ios::binary);
  if (!in) return TokenProblem{"cannot read " + named};
  std::string text(kMaxBytes + 1, '\0');
  in.read(text.data(), kMaxBytes + 1);
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > static_cast<size_t>(kMaxBytes)) {
    return TokenProblem{named + " is larger than 64 KiB"};
  }
  return SecretOf(text, named, named + " is empty");
}

std::optional<std::string> ReplaceFileAtomically(const std::string& path,
                                                 std::string_view text) {
  std::error_code error;
  fs::path target = fs::weakly_canonical(path, error);
  if (error) target = path;
  fs::path directory = target.parent_path();
  std::string temp =
      (directory / ("." + target.filename().string() + ".XXXXXX")).string();

  int fd = mkostemp(temp.data(), O_CLOEXEC);
  if (fd < 0) {
    return "cannot create a temporary file in " + directory.string() + ": " +
           std::strerror(errno);
  }
  std::optional<std::string> problem = Fill(fd, text, ModeOf(target));
  if (close(fd) != 0 && !problem) problem = Because("close");
  if (!problem && rename(temp.c_str(), target.c_str()) != 0) {
    problem = Because("rename");
  }
  if (problem) {
    unlink(temp.c_str());
    return "cannot replace " + target.string() + ": " + *problem;
  }

  SyncDirectory(directory);
  return std::nullopt;
}

}  // namespace webex
