// Error bodies in the shape the Webex API writes them.
#ifndef EXPORTER_FAKE_WEBEX_ERROR_H_
#define EXPORTER_FAKE_WEBEX_ERROR_H_

#include <string>
#include <string_view>

namespace webex::fake {

// {"message":m,"errors":[{"description":m}],"trackingId":t}
std::string WebexErrorBody(std::string_view message,
                           std::string_view tracking_id);

// The vendor's description of an HTTP status, for error bodies the fake
// makes up; a generic text for codes the vendor page does not list.
std::string_view StatusDescription(int status);

}  // namespace webex::fake

#endif  // EXPORTER_FAKE_WEBEX_ERROR_H_
