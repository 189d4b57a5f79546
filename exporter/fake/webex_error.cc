#include "exporter/fake/webex_error.h"

#include "exporter/fake/json_writer.h"

namespace webex::fake {

std::string WebexErrorBody(std::string_view message,
                           std::string_view tracking_id) {
  JsonWriter writer;
  writer.BeginObject().Key("message").String(message);
  writer.Key("errors").BeginArray();
  writer.BeginObject().Key("description").String(message).EndObject();
  writer.EndArray();
  writer.Key("trackingId").String(tracking_id).EndObject();
  return writer.Take();
}

std::string_view StatusDescription(int status) {
  switch (status) {
    case 200:
      return "Successful request with body content.";
    case 400:
      return "The request was invalid or cannot be otherwise served.";
    case 401:
      return "Authentication credentials were missing or incorrect.";
    case 403:
      return "The request is understood, but it has been refused or access "
             "is not allowed.";
    case 404:
      return "The URI requested is invalid or the resource requested does "
             "not exist.";
    case 405:
      return "The request was made to a resource using an HTTP request "
             "method that is not supported.";
    case 409:
      return "The request could not be processed because it conflicts with "
             "some established rule of the system.";
    case 410:
      return "The requested resource is no longer available.";
    case 415:
      return "The request was made to a resource without specifying a media "
             "type or used a media type that is not supported.";
    case 423:
      return "The requested resource is temporarily unavailable.";
    case 428:
      return "File(s) cannot be scanned for malware and need to be force "
             "downloaded.";
    case 429:
      return "Too many requests have been sent in a given amount of time and "
             "the request has been rate limited.";
    case 500:
      return "Something went wrong on the server.";
    case 502:
      return "The server received an invalid response from an upstream "
             "server while processing the request.";
    case 503:
      return "Server is overloaded with requests. Try again later.";
    case 504:
      return "An upstream server failed to respond on time.";
    default:
      return "The request failed.";
  }
}

}  // namespace webex::fake
