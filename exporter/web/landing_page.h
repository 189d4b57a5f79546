#pragma once

#include <string>

namespace webex {

// The HTML of "/": what this is, and links to the other endpoints.
std::string LandingPage(const std::string& version, size_t locations,
                        bool ready);

}  // namespace webex
