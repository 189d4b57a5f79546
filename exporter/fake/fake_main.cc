// webex-fake-api: runs the fake Webex API until SIGTERM or SIGINT.
#include <csignal>
#include <cstdio>
#include <exception>
#include <string>

#include "exporter/fake/fake_options.h"
#include "exporter/fake/fake_webex_api.h"
#include "exporter/fake/json_writer.h"
#include "exporter/fake/port_file.h"

namespace {

// Blocks the stop signals in this thread and, through inheritance, in every
// server thread, so that only the sigwait() below receives them.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

int Run(const webex::fake::CommandLine& command_line) {
  sigset_t stop_signals = BlockStopSignals();
  webex::fake::FakeWebexApi api(command_line.options);
  int port = api.Start();
  if (command_line.port_file) {
    webex::fake::WritePortFile(*command_line.port_file, port);
  }
  std::fprintf(stderr, "msg=\"listening\" address=%s base_url=%s\n",
               api.host_port().c_str(), api.base_url().c_str());

  int received = 0;
  sigwait(&stop_signals, &received);
  api.Stop();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    webex::fake::CommandLine command_line =
        webex::fake::ParseCommandLine(argc, argv);
    if (command_line.show_help) {
      std::fputs(webex::fake::Usage().c_str(), stdout);
      return 0;
    }
    return Run(command_line);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "level=error msg=\"cannot start\" err=%s\n",
                 webex::fake::JsonQuote(error.what()).c_str());
    return 1;
  }
}
