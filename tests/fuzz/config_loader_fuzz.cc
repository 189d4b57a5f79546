// libFuzzer target: any text through the configuration loader. It must
// either return a Config or throw ConfigError, nothing else.

#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "config/loader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static bool once = [] { return setenv("WEBEX_FUZZ_TOKEN", "t", 1) == 0; }();
  (void)once;
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    webex::ParseConfig(text, "fuzz.yaml");
  } catch (const webex::ConfigError&) {
  }
  return 0;
}
