// Tells a parent process which port the fake bound.
#ifndef EXPORTER_FAKE_PORT_FILE_H_
#define EXPORTER_FAKE_PORT_FILE_H_

#include <string>

namespace webex::fake {

// Writes "<port>\n" to `path` through a temporary file and a rename, so a
// reader polling for the file never sees it half written. Throws
// std::runtime_error naming the path on failure.
void WritePortFile(const std::string& path, int port);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_PORT_FILE_H_
