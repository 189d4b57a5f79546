#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace webex {

// Why no secret could be had; says where it looked, never what it found.
struct TokenProblem {
  std::string message;
};

// Reads one secret (a token, a client secret) from the file at `path`,
// without surrounding white space. `what` names the file in messages,
// e.g. "token file". Refuses a file that is not a regular file, is over
// 64 KiB or empty, or holds a space or control character (which would let
// it inject HTTP headers). Thread-safe.
std::variant<std::string, TokenProblem> ReadSecretFile(const std::string& path,
                                                       std::string_view what);

// Whether `text` could be a token: visible ASCII only, no spaces.
bool IsTokenText(std::string_view text);

// `text` without surrounding white space, if it is then a usable secret;
// otherwise `empty` or "`named` holds characters a token cannot have".
std::variant<std::string, TokenProblem> SecretOf(std::string_view text,
                                                 const std::string& named,
                                                 const std::string& empty);

// Replaces the file at `path` with `text` so that a reader sees either the
// old content or the new, never a mix: a temporary file in the same
// directory is written, given the old file's permission bits (0600 when
// there was no file), flushed to disk and renamed over the old one. A
// symbolic link is followed: the file it points at is replaced and the link
// kept. Returns what went wrong (naming the path, never the text), or
// nullopt; on failure the old file is left as it was.
std::optional<std::string> ReplaceFileAtomically(const std::string& path,
                                                 std::string_view text);

}  // namespace webex
