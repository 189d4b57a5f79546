#include "web/landing_page.h"

namespace webex {

std::string LandingPage(const std::string& version, size_t locations,
                        bool ready) {
  std::string html =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
      "<title>Webex Call Park Exporter</title></head>\n<body>\n"
      "<h1>Webex Call Park Exporter</h1>\n";
  html += "<p>Version " + version + ". Polling " + std::to_string(locations) +
          " locations; " +
          (ready ? "first poll cycle done." : "first poll cycle running.") +
          "</p>\n";
  html +=
      "<ul>\n<li><a href=\"metrics\">metrics</a></li>\n"
      "<li><a href=\"healthz\">healthz</a></li>\n"
      "<li><a href=\"ready\">ready</a></li>\n</ul>\n</body></html>\n";
  return html;
}

}  // namespace webex
